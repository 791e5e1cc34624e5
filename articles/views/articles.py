from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.exports import exportable
from articles.filters import ArticleFilter, article_facets
from articles.models import Article, ArticleTheme, CountryMention
from articles.rendering import article_segments
from articles.views.common import filtered_list, reader_view


@reader_view
@exportable("article_list")
def article_list(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.select_related("source").with_quote_count()
    return filtered_list(request, "articles/article_list.html", ArticleFilter, article_facets, articles)


@reader_view
@exportable("article_detail")
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), slug=slug)
    quotes = list(article.quotes.visible().select_related("speaker", "speaker_organisation").order_by("start"))
    annotations = list(
        article.annotations.public().anchored().select_related("stance_theme").prefetch_related("themes")
        .order_by("start")
    )
    for number, annotation in enumerate(annotations, start=1):
        annotation.number = number
    ordered = list(article.passages.order_by("index"))
    passages = [
        {"passage": passage, "segments": runs}
        for passage, runs in zip(ordered, article_segments(ordered, quotes, annotations), strict=True)
    ]
    context = {
        "article": article,
        "authors": list(article.authors.all()),
        "passages": passages,
        "quotes": quotes,
        "annotations": annotations,
        "people": article.person_mentions.select_related("person").order_by("-is_quoted", "-count", "person__name"),
        "countries": CountryMention.objects.filter(article=article).select_related("country"),
        "themes": ArticleTheme.objects.filter(article=article).select_related("theme"),
        "figures": article.figures.order_by("start"),
    }
    return render(request, "articles/article_detail.html", context)
