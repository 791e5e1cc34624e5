"""Every count a reader can follow equals what its link lists.

On a generated corpus (a few dozen articles, some undated, some rejected quotes, anonymous
speakers), walk every list page and a sample of detail pages, collect each facet option and each
link that carries a count (``data-count``), follow it, and compare the number shown with the
total the linked page lists (its ``data-total``, or its "N results" line). Facets' "more…" views
are walked as pages of their own. Charts' bars add up to the page's total, undated quotes included.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.db.models import Count

from articles.filters import FACET_LIMIT
from articles.models import Article, Country, Person, Quote, Source, Theme
from bench.synthetic import generate_corpus

pytestmark = pytest.mark.django_db

LIST_PAGES = ["/", "/articles/", "/people/", "/themes/", "/sources/", "/countries/", "/quotes/", "/figures/"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
}


class Page(HTMLParser):
    """What the walk needs from a page: counted links, facet links, "more…" links, totals."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.stack: list[tuple[str, dict]] = []
        self.links: list[dict] = []  # {"href", "count", "facet"}
        self.more: list[str] = []
        self.total: int | None = None
        self.result_count = ""
        self.heading_count: str | None = None  # "Quotes <span class=count>12</span>": a detail page's total
        self.chart_total: int | None = None
        self.uncovered: list[str] = []  # a span.count neither in a counted link nor a page total
        self._anchor: dict | None = None
        self._in_result = False
        self._span_count = False
        self._bar_title = False

    def _inside(self, tag: str, cls: str = "", attr: str = "") -> dict | None:
        for name, attrs in reversed(self.stack):
            if name == tag and cls in [*(attrs.get("class") or "").split(), ""] and (not attr or attr in attrs):
                return attrs
        return None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        # A figure's group, or a list of its own beside the page's (an author's articles), is not what the page lists.
        own = self._inside("section", "figure-group") or self._inside("section", "own-list") or "own-list" in classes
        if "data-total" in attrs and self.total is None and tag != "figure" and not own:
            self.total = int(attrs["data-total"])
        if tag == "figure" and "chart" in classes:
            self.chart_total = 0
        if tag == "title" and self._inside("rect", "bar") is not None:
            self._bar_title = True
        if tag == "p" and "result-count" in classes:
            self._in_result = True
        if tag == "a":
            facet = self._inside("section", "facet") is not None
            # A selected option links to the list without it: its count is of the list as it is.
            self._anchor = {"href": urljoin(self.url, attrs.get("href", "")), "count": attrs.get("data-count"),
                            "facet": facet and not self._inside("p", "facet-more") and "aria-current" not in attrs,
                            "text": ""}
            if self._inside("p", "facet-more") is not None and "more" in attrs.get("href", ""):
                self.more.append(self._anchor["href"])
        if tag == "span" and "count" in classes:
            counted = self._anchor is not None and (self._anchor["count"] is not None or self._anchor["facet"]
                                                    or self._inside("a", attr="aria-current") is not None)
            if not counted and "data-total" not in attrs and self._inside("section", "own-list", "data-total") is None:
                self.uncovered.append(self.url)
            self._span_count = True
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "a" and self._anchor is not None:
            anchor = self._anchor
            if anchor["facet"]:
                found = re.search(r"(\d+)\s*$", anchor["text"].replace("×", "").strip())
                anchor["count"] = found.group(1) if found else None
            if anchor["count"] is not None:
                self.links.append(anchor)
            self._anchor = None
        if tag == "p" and self._in_result:
            self._in_result = False
        if tag == "span":
            self._span_count = False
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self._anchor is not None:
            self._anchor["text"] += data
        if self._in_result:
            self.result_count += data
        if self._span_count and self.heading_count is None and self._inside("h2") is not None:
            self.heading_count = data
        if self._bar_title:  # "Oct 2024: 5": the chart's bars, as drawn
            self.chart_total += int(float(data.rsplit(":", 1)[1]))
            self._bar_title = False

    def listed(self) -> int:
        """The number of items the page lists: its data-total, its "N results" line or its heading's count."""
        if self.total is not None:
            return self.total
        found = re.match(r"\s*([\d,]+)", self.result_count or self.heading_count or "")
        assert found, f"{self.url} says nowhere how many items it lists"
        return int(found.group(1).replace(",", ""))


def read(client, url: str) -> Page:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    page = Page(url)
    page.feed(response.content.decode())
    return page


@pytest.fixture
def generated_corpus():
    generate_corpus(16, seed=11, people=20, sources=4)
    # Some articles undated, some quotes rejected: counts must agree about both.
    undated = list(Article.objects.order_by("id").values_list("id", flat=True)[::5])
    Article.objects.filter(id__in=undated).update(published=None)
    Quote.objects.filter(article_id__in=undated).update(published=None)  # what the trigger keeps
    rejected = list(Quote.objects.order_by("id").values_list("id", flat=True)[::13])
    Quote.objects.filter(id__in=rejected).update(status=Quote.Status.REJECTED)
    from django.db import connection

    from articles.models.people import recount_people

    with connection.cursor() as cursor:
        recount_people(cursor)
    assert Quote.objects.filter(published=None).exists()


def detail_pages() -> list[str]:
    dates = sorted(d for d in Article.objects.values_list("published", flat=True) if d)
    day = dates[len(dates) // 2].isoformat()  # a date filter that keeps about half
    themes = Theme.objects.annotate(n=Count("quote_themes")).order_by("-n", "slug")[:3]
    return [
        *(t.get_absolute_url() for t in themes),
        *(f"{t.get_absolute_url()}?source={s.slug}" for t in themes[:1] for s in Source.objects.order_by("id")[:1]),
        *(s.get_absolute_url() for s in Source.objects.order_by("id")[:2]),
        *(f"{s.get_absolute_url()}?from={day}" for s in Source.objects.order_by("id")[:1]),
        *(c.get_absolute_url() for c in Country.objects.annotate(n=Count("mentions")).order_by("-n", "code")[:2]),
        *(f"{c.get_absolute_url()}?source={s.slug}" for c in Country.objects.annotate(n=Count("mentions"))
          .order_by("-n", "code")[:1] for s in Source.objects.order_by("id")[:1]),
        *(p.get_absolute_url() for p in Person.objects.order_by("-quote_total", "name")[:2]),
        # An author's page: its "Articles by" list has its own count, beside the quotes the page lists.
        *(p.get_absolute_url() for p in Person.objects.filter(articles_written__isnull=False).distinct()
          .order_by("name")[:1]),
    ]


def test_every_count_equals_what_its_link_lists(client, generated_corpus, capsys):
    to_visit, seen, checked, wrong, uncovered = [*LIST_PAGES, *detail_pages()], set(), 0, [], set()
    totals: dict[str, int] = {}
    while to_visit:
        url = to_visit.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page = read(client, url)
        uncovered.update(page.uncovered)
        if page.chart_total is not None and page.chart_total != page.listed():
            wrong.append(f"{url}: the chart's bars add up to {page.chart_total}, the page lists {page.listed()}")
        to_visit += [more for more in page.more if more not in seen]
        for link in page.links:
            target = re.sub(r"([?&])more=\w+&?", r"\1", link["href"]).rstrip("?&")  # "more" changes no list
            if target not in totals:
                totals[target] = read(client, target).listed()
            checked += 1
            if int(link["count"]) != totals[target]:
                wrong.append(f"{url}: {link['text'].strip()!r} says {link['count']}, {target} lists {totals[target]}")
    with capsys.disabled():
        print(f"\nlinks checked: {checked} (on {len(seen)} pages)")
    assert not wrong, "\n".join(wrong)
    assert not uncovered, f"counts that link to nothing checkable on {sorted(uncovered)}"
    assert checked > 150


def test_facets_show_more_than_twelve_options_on_request(client, generated_corpus):
    facet = read(client, "/people/")  # 20 people quoted in 4 outlets: the country facet is on /quotes/
    page = read(client, "/quotes/")
    countries = [link for link in page.links if "country=" in link["href"] and link["href"].count("=") == 1]
    assert len(countries) == FACET_LIMIT
    assert any("more=country" in more for more in page.more)
    expanded = read(client, "/quotes/?more=country")
    shown = [link for link in expanded.links if "country=" in link["href"]]
    assert len(shown) > FACET_LIMIT
    # The same with htmx: the swapped region carries the longer facet too.
    response = client.get("/quotes/?more=country", headers={"HX-Request": "true", "HX-Target": "results"})
    partial = Page("/quotes/?more=country")
    partial.feed(response.content.decode())
    assert "<html" not in response.content.decode()
    assert len([link for link in partial.links if "country=" in link["href"]]) > FACET_LIMIT
    assert facet.links


def test_a_theme_chart_counts_undated_quotes_in_a_labelled_bar(client, generated_corpus):
    theme = Theme.objects.filter(quote_themes__quote__published=None).first()
    body = client.get(theme.get_absolute_url()).content.decode()
    assert ">Undated</text>" in body
    assert "from articles without a date" in body
    page = read(client, theme.get_absolute_url())
    assert page.chart_total == page.listed()


def test_the_theme_list_says_when_an_article_counts_and_links_to_that_set(client, generated_corpus):
    body = client.get("/themes/").content.decode()
    assert "times per 1,000 words" in body
    theme = Theme.objects.annotate(n=Count("article_themes")).order_by("-n").first()
    assert f'href="/articles/?theme={theme.slug}" data-count="{theme.n}"' in body
