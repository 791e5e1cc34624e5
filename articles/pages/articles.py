"""The article list and an article's page."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from articles.filters import ArticleFilter, article_facets
from articles.models import Article, ArticleTheme, CountryMention
from articles.models.quotes import ARTICLE_BULK
from articles.pages import PageData


def article_list(request: HttpRequest) -> PageData:
    articles = Article.objects.select_related("source").defer(*ARTICLE_BULK).with_quote_count()  # as on the home page
    filterset = ArticleFilter(request.GET, queryset=articles)
    return PageData(items=filterset.qs, filterset=filterset, facets=lambda: article_facets(filterset))


def article_detail(request: HttpRequest, slug: str) -> PageData:
    """An article's quotes in reading order, and what was found in it beside them."""
    article = get_object_or_404(Article.objects.select_related("source").defer(*ARTICLE_BULK), slug=slug)
    # Not the body with every quote: for a long article of many quotes that is gigabytes.
    quotes = article.quotes.visible().listed().defer("article__body").order_by("start")

    def summary() -> dict:
        annotations = list(
            article.annotations.public().anchored().select_related("article__source", "stance_theme")
            .defer(*(f"article__{name}" for name in ARTICLE_BULK))
            .prefetch_related("themes").order_by("start")
        )
        for number, annotation in enumerate(annotations, start=1):
            annotation.number = number  # the marker in the text and the note share this number
        return {
            "authors": list(article.authors.all()),
            "annotations": annotations,
            "people": article.person_mentions.select_related("person").order_by("-is_quoted", "-count", "person__name"),
            "countries": CountryMention.objects.filter(article=article).select_related("country"),
            "themes": ArticleTheme.objects.filter(article=article).select_related("theme"),
            "figures": article.figures.order_by("start"),
        }

    return PageData(items=quotes, subject=article, summary=summary)
