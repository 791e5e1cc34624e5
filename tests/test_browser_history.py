"""The audit trail and the review queue in a real headless Chromium: an editor reverts a quote, a
note, a person and an article from their history pages, and works through the review queue."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from articles.models import Annotation, Article, Person, Quote, Source
from tests.builders import make_article
from tests.editors import make_editor
from tests.test_browser_editing import ARTIFACTS, log_in
from tests.test_history import WORDS, make_quote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def edit_then_revert(page: Page, base: str, admin_path: str, obj, field: str, value: str, shot: str) -> None:
    """Change ``field`` in the object's change form, then revert to the first version from its history."""
    page.goto(f"{base}/admin/articles/{admin_path}/{obj.pk}/change/")
    page.locator(f"#id_{field}").fill(value)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{base}/admin/articles/{admin_path}/{obj.pk}/change/")
    page.locator(".historylink").click()
    rows = page.locator("#change-history tbody tr")
    expect(rows).to_have_count(2)
    rows.last.locator("a").first.click()  # the first version, as created
    expect(page.locator(f"#id_{field}")).not_to_have_value(value)
    page.get_by_role("button", name="Revert").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".errornote")).to_have_count(0)

    page.goto(f"{base}/admin/articles/{admin_path}/{obj.pk}/history/")
    expect(rows).to_have_count(3)
    expect(rows.first.locator("td").nth(2)).to_have_text("Changed")  # the revert, newest first…
    expect(rows.first.locator("td").nth(3)).to_have_text(re.compile(r"^\s*ed\s*$"))  # …by the editor
    page.screenshot(path=ARTIFACTS / shot, full_page=True)


def test_an_editor_reverts_each_kind_from_its_history(page: Page, live_server):
    make_editor("ed")
    article = make_article(Source.objects.create(name="Outlet"), 1)
    quote = make_quote(article)
    at = article.body.index(WORDS)
    note = Annotation.objects.create(article=article, note="first thoughts", **Annotation.context_for(article.body, at, at + 7))
    person = Person.objects.create(name="Markus Garlauskas", kind=Person.Kind.EXPERT, note="Atlantic Council")
    Article.objects.filter(pk=article.pk).update(cleaning={
        "removed": [{"kind": "headline", "text": "Article 1 on the war", "line": 1}, {"kind": "ui", "text": "More", "line": 9}],
        "joins": [{"before": "Paragraph one of article 1: officials met", "after": "to discuss the war", "offset": 42}],
    })
    ARTIFACTS.mkdir(exist_ok=True)
    log_in(page, live_server.url, "ed")

    edit_then_revert(page, live_server.url, "quote", quote, "cue", "whispered", "history-revert-quote.png")
    edit_then_revert(page, live_server.url, "annotation", note, "note", "second thoughts", "history-revert-note.png")
    edit_then_revert(page, live_server.url, "person", person, "note", "a wrong note", "history-revert-person.png")
    edit_then_revert(page, live_server.url, "article", article, "title", "A wrong headline", "history-revert-article.png")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    report = page.locator(".field-cleaning_report")
    expect(report.locator("li")).to_have_count(3)
    expect(report).to_contain_text("Line 9: page interface word removed: “More”")
    report.screenshot(path=ARTIFACTS / "article-cleaning-report.png")

    assert Quote.objects.get(pk=quote.pk).cue == "said"
    assert Annotation.objects.get(pk=note.pk).note == "first thoughts"
    assert Person.objects.get(pk=person.pk).note == "Atlantic Council"
    assert Article.objects.get(pk=article.pk).title == "Article 1 on the war"


def test_an_editor_works_through_the_review_queue(page: Page, live_server):
    make_editor("ed")
    article = make_article(Source.objects.create(name="Outlet"), 1)
    quotes = [make_quote(article) for _ in range(4)]
    for quote, confidence in zip(quotes, (0.2, 0.4, 0.6, 0.8), strict=True):
        Quote.objects.filter(pk=quote.pk).update(confidence=confidence)
    ARTIFACTS.mkdir(exist_ok=True)
    log_in(page, live_server.url, "ed")

    def at(quote: Quote) -> re.Pattern:
        return re.compile(rf"/admin/articles/quotereview/{quote.pk}/change/")

    page.goto(live_server.url + "/admin/articles/quotereview/")
    page.locator("#result_list tbody tr").first.locator("th a").click()
    expect(page).to_have_url(at(quotes[0]))
    page.locator("#id_cue").fill("insisted")
    page.screenshot(path=ARTIFACTS / "review-queue-form.png", full_page=True)
    page.get_by_role("button", name="Verify", exact=True).click()
    expect(page).to_have_url(at(quotes[1]))
    expect(page.locator(".messagelist")).to_contain_text("Verified")

    page.get_by_role("button", name="Reject", exact=True).click()
    expect(page).to_have_url(at(quotes[2]))
    expect(page.locator(".messagelist")).to_contain_text("Rejected")

    page.locator("#id_speaker_text").fill("a senior minister")
    page.get_by_role("button", name="Save and next").click()
    expect(page).to_have_url(at(quotes[3]))
    expect(page.locator(".messagelist")).to_contain_text("Saved")
    page.screenshot(path=ARTIFACTS / "review-queue-next.png", full_page=True)

    statuses = dict(Quote.objects.filter(pk__in=[q.pk for q in quotes]).values_list("pk", "status"))
    assert [statuses[q.pk] for q in quotes] == ["verified", "rejected", "machine", "machine"]
    assert Quote.objects.get(pk=quotes[0].pk).cue == "insisted"
    assert Quote.objects.get(pk=quotes[2].pk).speaker_text == "a senior minister"
    assert Quote.objects.get(pk=quotes[2].pk).history.first().history_user.username == "ed"

    # From the queue, too: History, the first version, Revert.
    page.goto(f"{live_server.url}/admin/articles/quotereview/{quotes[2].pk}/change/")
    page.locator(".historylink").click()
    page.locator("#change-history tbody tr").last.locator("a").first.click()
    page.get_by_role("button", name="Revert").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Quote.objects.get(pk=quotes[2].pk).speaker_text == "a minister"
