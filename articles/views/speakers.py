"""Speakers who are not named people: organisations quoted as such, and described (anonymous)
sources, each with a page, and an index of them linked from People."""

from __future__ import annotations

from django.db.models import Count, F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.exports import exportable
from articles.models import Article, Organisation, Quote, Source
from articles.models.described import described_as, described_sources, speaker_kind_label
from articles.summaries import cached
from articles.views.common import paginate, reader_view, render_page

ORGANISATIONS_SHOWN = 100
PEOPLE_SHOWN = 20
ARTICLES_SHOWN = 10


@reader_view
def speaker_index(request: HttpRequest) -> HttpResponse:
    """Everyone quoted who is not a named person: counts by kind, organisations, descriptions."""
    return render(request, "speakers/speaker_index.html", cached("speaker-index", _index))


def _index() -> dict:
    quotes = Quote.objects.visible()
    kinds = [
        (kind, speaker_kind_label(kind), n)
        for kind, n in quotes.order_by().values_list("speaker_kind").annotate(n=Count("id")).order_by("-n", "speaker_kind")
    ]
    organisations = list(Organisation.objects.speaking().select_related("country")[:ORGANISATIONS_SHOWN])
    return {"kinds": kinds, "organisations": organisations, "described": described_sources(quotes)}


@reader_view
@exportable("organisation_detail", module="speakers")
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("country"), slug=slug)
    quotes = organisation.quotes.visible().listed().newest_first()
    context = {
        "organisation": organisation,
        "page": paginate(request, quotes),
        **cached("organisation-summary", lambda: _organisation_summary(organisation), organisation.pk),
    }
    return render_page(request, "speakers/organisation_detail.html", context)


def _organisation_summary(organisation: Organisation) -> dict:
    spoken = organisation.quotes.visible().order_by()
    return {
        "printed": list(spoken.exclude(speaker_text="").values("speaker_text").annotate(n=Count("id"))
                        .order_by("-n", "speaker_text")[:10]),
        "people": list(organisation.people.order_by(F("quote_total").desc(), "name")[:PEOPLE_SHOWN]),
        "articles": list(
            Article.objects.filter(organisation_mentions__organisation=organisation).select_related("source")
            .order_by(F("published").desc(nulls_last=True), "-id")[:ARTICLES_SHOWN]
        ),
    }


@reader_view
@exportable("described_source", module="speakers")
def described_source(request: HttpRequest, slug: str) -> HttpResponse:
    """Every quote from one description ("a senior American diplomat"), grouped by outlet;
    ``?source=`` keeps one outlet (what each outlet's count links to)."""
    quotes, outlets, outlet = described_source_quotes(request, slug)
    context = {
        "slug": slug,
        "description": outlets[0]["description"],
        "kind": speaker_kind_label(outlets[0]["kind"]),
        "outlets": outlets,
        "outlet": outlet,
        "page": paginate(request, quotes),
    }
    return render_page(request, "speakers/described_source.html", context)


def described_source_quotes(request: HttpRequest, slug: str):
    """The description's quotes (by outlet, newest first; one outlet with ``?source=``), its
    outlets with their counts, and the outlet kept (or None). 404 when nobody is so described."""
    everywhere = described_as(Quote.objects.visible().listed(), slug)
    outlets = cached("described-outlets", lambda: _outlets(everywhere), slug)
    if not outlets:
        raise Http404("Nobody is quoted under that description.")
    quotes, outlet = everywhere, None
    wanted = request.GET.get("source", "")
    if wanted:
        outlet = Source.objects.filter(slug=wanted).first()
        quotes = quotes.filter(article__source=outlet) if outlet else quotes.none()
    ordered = quotes.order_by(F("article__source__name").asc(nulls_last=True), F("published").desc(nulls_last=True),
                              "article_id", "start")
    return ordered, outlets, outlet


def _outlets(quotes) -> list[dict]:
    """Per outlet: slug, name, quotes, and the description as that outlet prints it most often."""
    rows = (
        quotes.order_by().values("article__source__slug", "article__source__name", "speaker_text", "speaker_kind")
        .annotate(n=Count("id")).order_by("-n", "speaker_text")
    )
    outlets: dict = {}
    for row in rows:
        key = row["article__source__slug"] or ""
        outlet = outlets.setdefault(key, {"slug": key, "name": row["article__source__name"] or "An unknown outlet",
                                          "n": 0, "description": row["speaker_text"], "kind": row["speaker_kind"]})
        outlet["n"] += row["n"]
    return sorted(outlets.values(), key=lambda o: (-o["n"], o["name"]))
