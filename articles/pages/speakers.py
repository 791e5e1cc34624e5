"""Pages of speakers who are not named people: an organisation quoted as such, and a described
(anonymous) source."""

from __future__ import annotations

from django.db.models import Count, F
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from articles.models import Article, Organisation, Quote, Source
from articles.models.described import described_as, described_sources, speaker_kind_label
from articles.models.quotes import ARTICLE_BULK
from articles.pages import PageData
from articles.summaries import cached

ORGANISATIONS_SHOWN = 100
PEOPLE_SHOWN = 20
ARTICLES_SHOWN = 10


def speaker_index(request: HttpRequest) -> PageData:
    """Everyone quoted who is not a named person: the summary holds the counts by kind, the
    organisations quoted (most quoted first) and the descriptions of anonymous sources."""
    organisations = Organisation.objects.speaking().select_related("country")
    return PageData(items=organisations, summary=lambda: cached("speaker-index", lambda: _index(organisations)))


def _index(organisations) -> dict:
    quotes = Quote.objects.visible()
    kinds = [
        (kind, speaker_kind_label(kind), n)
        for kind, n in quotes.order_by().values_list("speaker_kind").annotate(n=Count("id")).order_by("-n", "speaker_kind")
    ]
    return {"kinds": kinds, "organisations": list(organisations[:ORGANISATIONS_SHOWN]),
            "described": described_sources(quotes)}


def organisation_detail(request: HttpRequest, slug: str) -> PageData:
    organisation = get_object_or_404(Organisation.objects.select_related("country"), slug=slug)
    return PageData(
        items=organisation.quotes.visible().listed().newest_first(), subject=organisation,
        summary=lambda: cached("organisation-summary", lambda: _organisation_summary(organisation), organisation.pk),
    )


def _organisation_summary(organisation: Organisation) -> dict:
    spoken = organisation.quotes.visible().order_by()
    return {
        "printed": list(spoken.exclude(speaker_text="").values("speaker_text").annotate(n=Count("id"))
                        .order_by("-n", "speaker_text")[:10]),
        "people": list(organisation.people.order_by(F("quote_total").desc(), "name")[:PEOPLE_SHOWN]),
        "articles": list(
            Article.objects.filter(organisation_mentions__organisation=organisation).select_related("source")
            .defer(*ARTICLE_BULK)
            .order_by(F("published").desc(nulls_last=True), "-id")[:ARTICLES_SHOWN]
        ),
    }


def described_source(request: HttpRequest, slug: str) -> PageData:
    """Every quote from one description ("a senior American diplomat"), by outlet, newest first;
    ``?source=`` keeps one outlet. The summary holds its outlets with their counts and the outlet
    kept (or None). 404 when nobody is so described."""
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
    return PageData(items=ordered, subject=slug, summary=lambda: {"outlets": outlets, "outlet": outlet})


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
