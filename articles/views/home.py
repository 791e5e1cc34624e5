from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from articles.pages import home as pages
from articles.views.common import counted, reader_view, render_fragment_page


@reader_view
def home(request: HttpRequest) -> HttpResponse:
    return render_fragment_page(request, "home.html", lambda: _home_context(request), partial=None)


def _home_context(request: HttpRequest) -> dict:
    data = pages.home(request)
    summary = data.summary()
    quote_list, article_list = reverse("quote_list"), reverse("article_list")
    # The margin's leaderboards, each count linking to what it counts.
    links = {
        "people_links": [
            counted(p.get_absolute_url(), p.name, f"{quote_list}?person={quote(p.slug)}", p.quote_count, "quote",
                    f"by {p.name}")
            for p in summary["top_people"]
        ],
        "theme_links": [
            counted(t.get_absolute_url(), t.name, f"{article_list}?theme={quote(t.slug)}", t.article_count, "article",
                    f"on {t.name}")
            for t in summary["themes"]
        ],
        "country_links": [
            counted(c.get_absolute_url(), c.name, f"{article_list}?country={c.code.lower()}", c.article_count,
                    "article", f"naming {c.name}")
            for c in summary["countries"]
        ],
    }
    return {"latest": data.items, **summary, **links}
