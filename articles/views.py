from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.models import Article, ArticleTheme, CountryMention, Person, Quote, Theme
from articles.rendering import segments

ARTICLES_PER_PAGE = 20


def _with_quote_counts(articles):
    return articles.annotate(quote_count=Count("quotes", filter=~Q(quotes__status=Quote.Status.REJECTED)))


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    visible_quotes = Quote.objects.visible()
    context = {
        "counts": {
            "articles": Article.objects.count(),
            "quotes": visible_quotes.count(),
            "people": Person.objects.filter(mentions__isnull=False).distinct().count(),
        },
        "latest": _with_quote_counts(Article.objects.select_related("source"))[:8],
        "top_people": Person.objects.annotate(
            quote_count=Count("quotes", filter=~Q(quotes__status=Quote.Status.REJECTED))
        ).filter(quote_count__gt=0).order_by("-quote_count", "name")[:8],
        "themes": Theme.objects.annotate(article_count=Count("article_themes")).filter(article_count__gt=0)
        .order_by("-article_count", "name")[:10],
    }
    return render(request, "home.html", context)


@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    articles = _with_quote_counts(Article.objects.select_related("source"))
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/article_list.html", {"page": page})


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), slug=slug)
    quotes = list(
        article.quotes.visible().select_related("speaker", "speaker_organisation").order_by("start")
    )
    passages = [
        {"passage": passage, "segments": segments(passage, quotes)}
        for passage in article.passages.order_by("index")
    ]
    people = (
        article.person_mentions.select_related("person")
        .order_by("-is_quoted", "-count", "person__name")
    )
    context = {
        "article": article,
        "passages": passages,
        "quotes": quotes,
        "people": people,
        "countries": CountryMention.objects.filter(article=article).select_related("country"),
        "themes": ArticleTheme.objects.filter(article=article).select_related("theme"),
        "figures": article.figures.select_related("attributed_person").order_by("start"),
    }
    return render(request, "articles/article_detail.html", context)

