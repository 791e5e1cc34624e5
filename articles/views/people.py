from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.exports import exportable
from articles.filters import PersonFilter, person_facets
from articles.models import CountryMention, Person, PersonMention, Quote, QuoteTheme
from articles.views.common import paginate, render_page


@require_GET
@exportable("person_list")
def person_list(request: HttpRequest) -> HttpResponse:
    people = Person.objects.annotate(
        quote_count=Count("quotes", filter=~Q(quotes__status=Quote.Status.REJECTED), distinct=True),
        article_count=Count("mentions", distinct=True),
    )
    filterset = PersonFilter(request.GET, queryset=people)
    context = {
        "filter": filterset,
        "facets": person_facets(filterset),
        "page": paginate(request, filterset.qs, per_page=40),
        "sorts": PersonFilter.sort_fields,
    }
    return render_page(request, "people/person_list.html", context)


@require_GET
@exportable("person_detail")
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("country"), slug=slug)
    descriptions = list(
        person.mentions.select_related("article__source", "organisation")
        .order_by("article__published", "article__imported_at")
    )
    quotes = list(
        person.quotes.visible().select_related("article__source")
        .prefetch_related(Prefetch("quote_themes", QuoteTheme.objects.select_related("theme").order_by("-score")))
        .order_by("-article__published", "article_id", "start")
    )
    by_theme: dict = defaultdict(list)
    for quote in quotes:
        for quote_theme in quote.quote_themes.all():
            by_theme[quote_theme.theme].append(quote)
    quoted_in = {q.article_id for q in quotes}
    article_ids = quoted_in or {d.article_id for d in descriptions}
    countries = (
        CountryMention.objects.filter(article_id__in=article_ids)
        .values("country__code", "country__name")
        .annotate(articles=Count("article_id"), mentions=Sum("count"))
        .order_by("-articles", "-mentions", "country__name")[:15]
    )
    beside = (
        PersonMention.objects.filter(article_id__in=quoted_in, is_quoted=True)
        .exclude(person=person)
        .values("person__slug", "person__name")
        .annotate(shared=Count("article_id"))
        .order_by("-shared", "person__name")[:15]
    )
    context = {
        "person": person,
        "descriptions": descriptions,
        "quotes": quotes,
        "themes": sorted(by_theme.items(), key=lambda item: (-len(item[1]), item[0].name)),
        "countries": countries,
        "beside": beside,
    }
    return render(request, "people/person_detail.html", context)
