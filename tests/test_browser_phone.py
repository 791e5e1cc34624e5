"""The reader's site on a phone (390 px wide) and for keyboard and screen-reader users.

Screenshots of every reader page type at 390 px and 1280 px are saved in test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def reader_pages(corpus) -> dict[str, str]:
    """One address of each page type a reader sees, from the corpus."""
    from django.db.models import Count

    from articles.models import Country, Person, Quote, Source, Theme

    article = next(iter(corpus.values()))
    quote = Quote.objects.filter(speaker__isnull=False).order_by("pk").first()
    person = Person.objects.get(slug="markus-garlauskas")
    theme = Theme.objects.annotate(n=Count("quote_themes")).order_by("-n", "slug").first()
    source = Source.objects.filter(articles__isnull=False).order_by("slug").first()
    country = Country.objects.annotate(n=Count("mentions")).order_by("-n", "code").first()
    # An address with no place to break, as outlets' deep links often are.
    long_homepage = Source.objects.create(
        name="Ostpolitik-und-Sicherheitspolitik-Rundschau", kind=Source.Kind.ONLINE,
        homepage="https://www.ostpolitik-und-sicherheitspolitik-rundschau.example/" + "x" * 60,
    )
    return {
        "home": "/",
        "articles": "/articles/",
        "article": article.get_absolute_url(),
        "quotes": "/quotes/",
        "quote": quote.get_absolute_url(),
        "people": "/people/",
        "person": person.get_absolute_url(),
        "themes": "/themes/",
        "theme": theme.get_absolute_url(),
        "sources": "/sources/",
        "source": source.get_absolute_url(),
        "source-long": long_homepage.get_absolute_url(),
        "countries": "/countries/",
        "country": country.get_absolute_url(),
        "figures": "/figures/",
        "search": "/search/?q=Putin",
    }


def widths(page: Page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def test_no_reader_page_scrolls_sideways_on_a_phone(page: Page, live_server, corpus):
    ARTIFACTS.mkdir(exist_ok=True)
    too_wide = {}
    for name, path in reader_pages(corpus).items():
        page.set_viewport_size(DESKTOP)
        page.goto(live_server.url + path)
        page.screenshot(path=ARTIFACTS / f"phone-{name}-1280.png", full_page=True)
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + path)
        scroll_width, inner_width = widths(page)
        print(f"{name:10} {path:50} scrollWidth={scroll_width} innerWidth={inner_width}")
        page.screenshot(path=ARTIFACTS / f"phone-{name}-390.png", full_page=True)
        if scroll_width > inner_width:
            too_wide[name] = scroll_width
    assert too_wide == {}


def test_filters_fold_away_above_the_results_on_a_phone_and_stay_open_on_a_desktop(page: Page, live_server, corpus):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/quotes/")
    outlet = page.get_by_role("region", name="Outlet")
    toggle = page.locator("summary", has_text="Filters")
    expect(toggle).to_be_visible()
    expect(outlet).to_be_hidden()
    expect(page.get_by_label("Words", exact=True)).to_be_hidden()
    # Folded, the filters take a line, and the results start on the first screen.
    count = page.locator(".result-count").bounding_box()
    assert count["y"] + count["height"] < PHONE["height"], count
    toggle.click()
    expect(outlet).to_be_visible()
    expect(page.get_by_label("Words", exact=True)).to_be_visible()

    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/quotes/")
    expect(page.get_by_role("region", name="Outlet")).to_be_visible()
    expect(page.get_by_label("Words", exact=True)).to_be_visible()
    expect(page.locator("summary", has_text="Filters")).to_be_hidden()


def test_the_filters_fold_without_javascript_too(browser, live_server, corpus):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/people/")
    expect(page.get_by_role("region", name="Kind")).to_be_hidden()
    page.locator("summary", has_text="Filters").click()
    expect(page.get_by_role("region", name="Kind")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/people/")
    expect(page.get_by_role("region", name="Kind")).to_be_visible()
    context.close()


def test_a_facet_chosen_on_a_phone_moves_focus_and_view_to_the_announced_results(page: Page, live_server, corpus):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/quotes/")
    page.evaluate("window.__not_reloaded = true")
    live = page.locator("[aria-live]")
    expect(live).to_have_count(1)
    assert page.locator("#results [aria-live]").count() == 0  # a swapped live region is never heard
    before = live.inner_text()
    page.locator("summary", has_text="Filters").click()
    facet = page.get_by_role("region", name="Outlet").get_by_role("link", name=re.compile("Newsweek"))
    facet.scroll_into_view_if_needed()
    facet.click()
    expect(page).to_have_url(re.compile(r"source=newsweek"))
    assert page.evaluate("window.__not_reloaded") is True
    count = page.locator("#results .result-count")
    expect(count).to_be_focused()
    assert page.evaluate("document.getElementById('results').contains(document.activeElement)")
    expect(live).not_to_have_text(before)
    expect(live).to_contain_text(count.inner_text())
    box = count.bounding_box()
    assert 0 <= box["y"] < PHONE["height"], box
    page.screenshot(path=ARTIFACTS / "phone-quotes-filtered-390.png")

    # Keyboard: the pager moves focus the same way, from the keyboard.
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/people/")
    page.get_by_role("region", name="Kind").get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#results .result-count")).to_be_focused()


def test_changing_the_sort_order_on_a_phone_keeps_the_reader_in_the_unfolded_form(page: Page, live_server, corpus):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/people/")
    page.locator("summary", has_text="Filters").click()
    sort = page.get_by_label("Sort by")
    sort.focus()
    first = page.locator(".people-grid li").first.inner_text()
    sort.select_option(index=1)
    expect(page).to_have_url(re.compile(r"sort="))
    expect(page.locator(".people-grid li").first).not_to_have_text(first)
    expect(page.get_by_label("Sort by")).to_be_visible()
    expect(page.get_by_label("Sort by")).to_be_focused()
    expect(page.locator("[aria-live]")).to_contain_text("people")


def test_the_quote_page_has_exactly_one_h1(page: Page, live_server, corpus):
    from articles.models import Quote

    for quote in Quote.objects.filter(speaker__isnull=False).order_by("pk")[:2]:
        page.goto(live_server.url + quote.get_absolute_url())
        expect(page.locator("h1")).to_have_count(1)
        expect(page.get_by_role("heading", level=1)).to_contain_text(quote.speaker.name)


def link_names(page: Page, scope: str, visible: str) -> list[str]:
    """The accessible names of the links in scope whose visible text is `visible`, from Chromium's
    accessibility tree as Playwright reads it."""
    snapshot = page.locator(scope).first.aria_snapshot()
    names = re.findall(r'link "([^"\n]*)"', snapshot)
    return [n for n in names if visible in n.lower()]


def test_repeated_links_say_which_quote_they_lead_to(page: Page, live_server, corpus):
    page.goto(live_server.url + "/quotes/")
    texts = page.locator(".quote-item a").all_inner_texts()
    assert texts.count("in context") > 1 and texts.count("permalink") > 1  # visually unchanged
    for visible in ("in context", "permalink"):
        names = link_names(page, "ul.quotes", visible)
        print(visible, len(names), names[:2])
        assert len(names) == texts.count(visible)
        assert len(set(names)) == len(names), names
        assert all(name.lower().startswith(visible) for name in names)  # the visible words come first
    page.goto(live_server.url + "/people/markus-garlauskas/")
    expect(page.get_by_role("link", name=re.compile(r"^in context: Markus Garlauskas, \w")).first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^permalink: Markus Garlauskas, \w")).first).to_be_visible()
