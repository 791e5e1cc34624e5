"""The reader's site in a real headless Chromium (Debian's), through Playwright.

Screenshots of the main pages, at desktop and phone widths, are saved in
test-artifacts/ for people to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TIMES_TITLE = "North Korea’s arrival is no triumph for Putin in Ukraine"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=ARTIFACTS / f"{name}-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=ARTIFACTS / f"{name}-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_reader_opens_each_page_type_from_the_home_page(page: Page, live_server, corpus):
    page.goto(live_server.url + "/")
    shoot(page, "home")
    page.get_by_role("link", name=TIMES_TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TIMES_TITLE)
    expect(page.locator("h2.section-heading")).to_have_count(7)
    shoot(page, "article")

    visits = [
        ("Quotes", "/quotes/", "Quotes"),
        ("People", "/people/", "People"),
        ("Themes", "/themes/", "Themes"),
        ("Sources", "/sources/", "Sources"),
        ("Countries", "/countries/", "Countries"),
        ("Figures", "/figures/", "Figures"),
    ]
    for link, path, heading in visits:
        page.goto(live_server.url + "/")
        page.get_by_role("navigation", name="Main").get_by_role("link", name=link).click()
        page.wait_for_url(f"**{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        shoot(page, path.strip("/"))

    for section, pattern in [("Most quoted", r"/people/[\w-]+/$"), ("Themes most discussed", r"/themes/[\w-]+/$"),
                             ("Countries most discussed", r"/countries/[a-z]{2}/$")]:
        page.goto(live_server.url + "/")
        page.get_by_role("complementary", name="Highlights").get_by_role("link").filter(
            has_not_text="Everyone").first.click() if section == "Most quoted" else page.locator(
            f"section:has(h2:text-is('{section}')) a").first.click()
        page.wait_for_url(re.compile(pattern))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    shoot(page, "country")


def test_choosing_a_facet_updates_the_list_and_the_url_without_a_reload(page: Page, live_server, corpus):
    page.goto(live_server.url + "/quotes/")
    page.evaluate("window.__not_reloaded = true")
    total = page.locator(".result-count").inner_text()
    page.get_by_role("region", name="Outlet").get_by_role("link", name=re.compile("Newsweek")).click()
    expect(page).to_have_url(re.compile(r"/quotes/\?source=newsweek$"))
    expect(page.locator(".result-count")).not_to_have_text(total)
    assert page.evaluate("window.__not_reloaded") is True  # htmx swapped the region; no full page load
    assert all("Newsweek" in text for text in page.locator(".quote-item .attribution").all_inner_texts())
    expect(page.get_by_role("region", name="Outlet").locator("li.selected")).to_contain_text("Newsweek")
    shoot(page, "quotes-filtered")

    page.go_back()
    expect(page).to_have_url(re.compile(r"/quotes/$"))
    expect(page.locator(".result-count")).to_have_text(total)
    expect(page.get_by_role("region", name="Outlet").locator("li.selected")).to_have_count(0)


def test_facets_work_without_javascript(browser, live_server, corpus):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/quotes/")
    page.get_by_role("region", name="Kind").get_by_role("link", name=re.compile("Partial")).click()
    expect(page).to_have_url(re.compile(r"kind=partial"))
    assert page.locator(".quote-item").count() > 0
    # innerText follows the badge's text-transform, hence the case-folding.
    assert all("partial" in t.lower() for t in page.locator(".quote-item .attribution").all_inner_texts())
    context.close()


def test_two_searches_in_place_leave_one_results_region_and_each_is_announced(page: Page, live_server, corpus):
    page.goto(live_server.url + "/search/")
    page.evaluate("window.__not_reloaded = true")
    status = page.locator("#results-status")
    for words in ("escalation", "Lukashenko"):
        page.get_by_role("searchbox", name=re.compile("Words")).fill(words)
        page.get_by_role("button", name="Search").last.click()
        expect(page).to_have_url(re.compile(rf"q={words}"))
        expect(page.locator("#results")).to_have_count(1)  # swapped, not nested inside the old one
        expect(page.locator("#results .quote-item").first).to_contain_text(re.compile(words, re.I))
        # The live region is outside what htmx replaces, so a screen reader hears it change.
        expect(status).to_have_text(f"Results for “{words}”")
        assert page.locator("#results [aria-live], #results #results-status").count() == 0
    expect(page.locator("[aria-live]")).to_have_count(1)
    assert page.evaluate("window.__not_reloaded") is True


def test_search_highlights_the_matching_words(page: Page, live_server, corpus):
    page.goto(live_server.url + "/")
    page.get_by_label("Search quotes, people and articles").fill("escalation")
    page.get_by_label("Search quotes, people and articles").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=escalation"))
    marks = page.locator("#results mark")
    expect(marks.first).to_be_visible()
    assert {m.lower() for m in marks.all_inner_texts()} == {"escalation"}
    shoot(page, "search")

    page.get_by_role("searchbox", name=re.compile("Words")).fill("Garlauskus")
    page.get_by_role("button", name="Search").last.click()
    expect(page.get_by_role("region", name="People").get_by_role("link", name="Markus Garlauskas")).to_be_visible()


def test_the_readers_quote_marks_link_to_the_speaker(page: Page, live_server, corpus):
    article = corpus["000_8ec5d6834c1552e8.txt"]
    page.goto(live_server.url + article.get_absolute_url())
    page.locator("a.quote-link", has_text="fair game").click()
    page.wait_for_url("**/people/john-kirby/")
    expect(page.get_by_role("heading", level=1)).to_have_text("John Kirby")
    expect(page.get_by_text("spokesman, U.S. National Security Council").first).to_be_visible()
    expect(page.get_by_role("complementary", name="Context").get_by_role("link", name="Ukraine", exact=True)).to_be_visible()
    shoot(page, "person")
