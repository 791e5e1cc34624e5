"""The pages in a real headless Chromium (Debian's), through Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_opens_an_article_from_the_home_page(page, live_server, corpus):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="North Korea’s arrival is no triumph for Putin in Ukraine").click()
    page.wait_for_url("**/articles/**")
    assert page.get_by_role("heading", level=1).inner_text() == "North Korea’s arrival is no triumph for Putin in Ukraine"
    assert page.locator("h2.section-heading").count() == 7
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "article-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=ARTIFACTS / "article-phone.png")
