"""The article page in a real Chromium: speakers named inline beside their quotes, a legend of the
quote kinds, reported speech as paraphrase in the sidebar, at desktop and phone widths (issue 13,
point 9). Screenshots go to test-artifacts/article-speakers-*.png for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from articles.models import Quote

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
NEWSWEEK = "000_8ec5d6834c1552e8.txt"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_article_page_names_each_speaker_inline_with_a_legend(page: Page, live_server, corpus):
    article = corpus[NEWSWEEK]
    lukashenko = Quote.objects.get(article=article, kind=Quote.Kind.INDIRECT, cue="suggested")
    quotes = article.quotes.visible().count()
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(live_server.url + article.get_absolute_url())
    for name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        legend = page.get_by_role("list", name="How quotes are marked")
        expect(legend).to_be_visible()
        for label in ("Direct quote", "Partial quote", "Reported speech"):
            expect(legend.get_by_text(label, exact=True)).to_be_visible()

        tags = page.locator(".text .speaker-tag[data-quote]")
        expect(tags).to_have_count(quotes)
        tag = page.locator(f'.speaker-tag[data-quote="{lukashenko.pk}"]')
        expect(tag).to_be_visible()
        expect(tag).to_contain_text("Alexander Lukashenko")
        # Beside its quote: the highlighted words' first line box starts right after the tag, or on
        # the next line when the tag ends a line.
        tag_box, first_line = page.evaluate(
            """([t, m]) => [document.querySelector(t).getBoundingClientRect().toJSON(),
                            document.querySelector(m).getClientRects()[0].toJSON()]""",
            [f'.speaker-tag[data-quote="{lukashenko.pk}"]', f"#q{lukashenko.pk}"],
        )
        same_line = abs(first_line["bottom"] - tag_box["bottom"]) < 8 and 0 <= first_line["left"] - tag_box["right"] < 20
        next_line = first_line["top"] >= tag_box["bottom"] - 8
        assert same_line or next_line, (tag_box, first_line)

        # Reported speech in the sidebar reads as a paraphrase, without quotation marks.
        entry = page.locator(".quote-list").get_by_role("link", name="Alexander Lukashenko suggested that such a move")
        expect(entry).to_be_visible()
        assert "“" not in entry.inner_text()

        # Nothing scrolls sideways, the tags included.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        tag.scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / f"article-speakers-{name}.png")
        page.screenshot(path=ARTIFACTS / f"article-speakers-{name}-full.png", full_page=True)
