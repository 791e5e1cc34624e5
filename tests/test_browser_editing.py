"""Editors at work in a real headless Chromium: annotating, reviewing, conflicts, lockout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from articles.models import Annotation, Person, Quote
from tests.editors import PASSWORD, make_editor
from tests.hostile.worker import run_worker

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
THESIS = "Putin ultimately can have all the fair-weather friends he wants. But he has to buy them."

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def open_article(page: Page, base: str, article) -> None:
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    expect(page.locator("#annotate-workspace")).to_be_visible()


def test_an_editor_annotates_and_a_reader_sees_the_highlight(page: Page, live_server, corpus):
    make_editor("ed")
    galeotti = corpus["002_26b91fc9e49b928e.txt"]
    log_in(page, live_server.url, "ed")
    open_article(page, live_server.url, galeotti)

    passage = page.locator("#annotate-text p.passage", has_text="fair-weather friends")
    passage.scroll_into_view_if_needed()
    passage.click(click_count=3)  # a triple click selects the paragraph
    panel = page.locator("#annotation-panel")
    expect(panel.get_by_role("heading", name="New note")).to_be_visible()
    expect(panel.get_by_label("Annotated words")).to_have_value(THESIS)
    panel.get_by_label("Note").fill("The column's thesis: support is bought, not won.")
    panel.locator(".field-themes").get_by_label("Alliances").check()
    panel.get_by_label("Stance").select_option("opposes")
    panel.get_by_label("on the theme").select_option(label="Alliances")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "admin-annotating.png", full_page=False)
    panel.get_by_role("button", name="Save note").click()
    expect(panel.get_by_text("Note added.")).to_be_visible()
    expect(page.locator("#annotate-text .annotated")).to_have_text(THESIS)
    page.locator("#annotate-text .annotated").scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "admin-annotated.png", full_page=False)

    reader = page.context.browser.new_page()
    reader.goto(live_server.url + galeotti.get_absolute_url())
    expect(reader.locator(".text .annotated")).to_have_text(THESIS)
    expect(reader.get_by_text("Opposes on Alliances")).to_be_visible()
    reader.close()


def test_reviewed_quotes_survive_reextraction(page: Page, live_server, corpus):
    make_editor("ed")
    newsweek = corpus["000_8ec5d6834c1552e8.txt"]
    log_in(page, live_server.url, "ed")

    page.goto(live_server.url + "/admin/articles/quotereview/")
    row = page.locator("#result_list tr", has_text="fair game")
    row.get_by_role("checkbox").check()
    page.get_by_role("combobox", name="Action").select_option("verify")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 quote(s) marked verified")).to_be_visible()

    churchill = Quote.objects.get(article=newsweek, text__startswith="During WWII")
    page.goto(f"{live_server.url}/admin/articles/quote/{churchill.pk}/change/")
    page.locator(".field-speaker .select2-selection").click()
    page.locator(".select2-search__field").fill("Kirby")
    page.locator(".select2-results__option", has_text="John Kirby").click()
    page.get_by_label("Status").select_option("verified")  # a correction is kept once the editor verifies it
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(live_server.url + "/admin/articles/article/")
    page.locator("#result_list tr", has_text="Vladimir Putin has been dealt a blow").get_by_role("checkbox").check()
    page.get_by_role("combobox", name="Action").select_option("reanalyse")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("is queued")).to_be_visible()
    run_worker()  # re-extraction is a recorded job (tests/hostile/test_jobs.py)

    assert Quote.objects.get(article=newsweek, text="fair game").status == Quote.Status.VERIFIED
    assert Quote.objects.get(pk=churchill.pk).speaker == Person.objects.get(name="John Kirby")


def test_the_second_of_two_editors_gets_the_conflict_message(browser, live_server, corpus):
    make_editor("alice")
    make_editor("bob")
    galeotti = corpus["002_26b91fc9e49b928e.txt"]
    start = galeotti.body.index("storm corps")
    Annotation.objects.create(article=galeotti, note="nickname", **Annotation.context_for(galeotti.body, start, start + 11))
    windows = []
    for name in ("alice", "bob"):
        page = browser.new_context().new_page()
        log_in(page, live_server.url, name)
        open_article(page, live_server.url, galeotti)
        page.locator("#annotate-text .annotated", has_text="storm corps").click()
        expect(page.get_by_role("heading", name="Edit note")).to_be_visible()
        windows.append(page)
    alice, bob = windows
    alice.get_by_label("Note").fill("Alice: the XI Corps nickname")
    alice.get_by_role("button", name="Save note").click()
    expect(alice.get_by_text("Note saved.")).to_be_visible()
    bob.get_by_label("Note").fill("Bob: something else")
    bob.get_by_role("button", name="Save note").click()
    expect(bob.get_by_role("alert")).to_contain_text("Someone else saved this annotation while you were editing it")
    bob.screenshot(path=ARTIFACTS / "admin-conflict.png")
    assert Annotation.objects.get().note == "Alice: the XI Corps nickname"


def test_a_non_editor_cannot_reach_the_admin(page: Page, live_server, db):
    page.goto(live_server.url + "/admin/articles/article/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    User.objects.create_user("reader", password=PASSWORD)
    log_in(page, live_server.url, "reader")
    expect(page.locator(".errornote")).to_be_visible()
    page.goto(live_server.url + "/admin/articles/article/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))


def test_the_sixth_wrong_password_locks_the_account(page: Page, live_server, db):
    make_editor("target")
    for attempt in range(5):
        log_in(page, live_server.url, "target", f"guess-{attempt}")
        expect(page.locator(".errornote")).to_contain_text("Please enter the correct username and password")
    log_in(page, live_server.url, "target", "guess-6")
    expect(page.get_by_role("heading", name="Account locked")).to_be_visible()
    log_in(page, live_server.url, "target", PASSWORD)
    expect(page.get_by_role("heading", name="Account locked")).to_be_visible()
