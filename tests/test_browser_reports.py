"""Reports in a real headless Chromium: a large export's page follows the worker by htmx polling,
or by its Refresh link without JavaScript, and ends with the file (screenshots in test-artifacts/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.builders import make_dataset
from tests.hostile.worker import run_worker
from tests.test_reports import prolific

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
REPORT_PAGE = re.compile(r"/reports/[0-9a-f-]{36}/$")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def test_a_large_pdf_link_opens_its_report_page_which_polls_until_the_file_is_made(page: Page, live_server):
    person = prolific(60)
    page.goto(live_server.url + person.get_absolute_url())
    page.get_by_role("navigation", name="Export this page").get_by_role("link", name="PDF").click()
    page.wait_for_url(REPORT_PAGE)
    expect(page.get_by_role("heading", level=1)).to_have_text("PDF of Person: Prolific Speaker")
    expect(page.locator("#report-status")).to_contain_text("Waiting for a worker to make it: 60 quotes.")
    shoot(page, "report-queued")
    page.evaluate("window.__not_reloaded = true")

    run_worker()  # the worker, in this thread; the page, in the browser, keeps polling the live server
    download_link = page.get_by_role("link", name=re.compile(r"^Download person-prolific-speaker-[\d-]+\.pdf$"))
    expect(download_link).to_be_visible(timeout=20_000)
    assert page.evaluate("window.__not_reloaded") is True  # htmx swapped the status in; no reload
    expect(page.get_by_role("link", name="Refresh")).to_have_count(0)  # made: nothing left to follow
    shoot(page, "report-ready")

    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert re.fullmatch(r"person-prolific-speaker-\d{4}-\d\d-\d\d\.pdf", download.suggested_filename)
    assert Path(download.path()).read_bytes().startswith(b"%PDF")


def test_without_javascript_the_reader_refreshes_to_the_file(browser, live_server, settings):
    settings.REPORT_BACKGROUND_ROWS = 5
    make_dataset(1)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/quotes/?format=csv")
    expect(page).to_have_url(REPORT_PAGE)
    expect(page.locator("#report-status")).to_contain_text("Waiting for a worker")
    run_worker()
    expect(page.get_by_role("link", name=re.compile("^Download"))).to_have_count(0)  # nothing polls without JS
    page.get_by_role("link", name="Refresh").click()
    link = page.get_by_role("link", name=re.compile(r"^Download quotes-[\d-]+\.csv$"))
    expect(link).to_be_visible()
    shoot(page, "report-ready-no-js")
    with page.expect_download() as info:
        link.click()
    assert Path(info.value.path()).read_bytes().startswith("\ufeff".encode())  # the CSV, BOM first
    context.close()
