from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.pages import home as pages
from articles.views.common import reader_view


@reader_view
def home(request: HttpRequest) -> HttpResponse:
    data = pages.home(request)
    return render(request, "home.html", {"latest": data.items, **data.summary()})
