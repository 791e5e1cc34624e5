"""Search by meaning and the pages of anonymous and organisational speakers, in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.test_browser import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_misspelt_name_searched_in_place_shows_that_persons_quotes(page: Page, live_server, corpus):
    page.goto(live_server.url + "/search/")
    page.get_by_role("searchbox", name=re.compile("Words")).fill("Garlauskus")
    page.get_by_role("button", name="Search").last.click()

    expect(page.locator(".did-you-mean")).to_contain_text("Showing results for Markus Garlauskas")
    expect(page.locator("#results")).to_have_count(1)  # swapped, not nested inside the old one
    expect(page.locator("#results .quote-item")).to_have_count(4)
    shoot(page, "search-meaning")

    page.get_by_role("link", name=re.compile("Search instead for the exact words")).click()
    expect(page.get_by_text("No quotes match.")).to_be_visible()
    expect(page.locator("#results")).to_have_count(1)


def test_a_reader_goes_from_people_to_an_anonymous_source_and_its_outlet(page: Page, live_server, corpus):
    page.goto(live_server.url + "/people/")
    page.get_by_role("link", name="other speakers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Other speakers")
    shoot(page, "speakers")
    page.get_by_role("link", name="a senior American diplomat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A senior American diplomat")
    expect(page.locator(".quote-item")).to_have_count(1)
    shoot(page, "anonymous-source")
