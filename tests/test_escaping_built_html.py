"""HTML built in Python rather than by a template (articles/templatetags/commentariat.py) escapes
what it shows exactly as the template engine would."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from django.template import Context
from django.test import RequestFactory

from articles.filters import Facet, FacetOption
from articles.rendering import Segment
from articles.templatetags.commentariat import (
    article_cards,
    article_text,
    counted_links,
    facet_sections,
    mention_cards,
    people_in_margin,
    quote_groups,
    quoted_in_margin,
)
from articles.views.common import CountedLink

HOSTILE = "<b>\"x\" & 'y'</b>"
ESCAPED = "&lt;b&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/b&gt;"


def test_facet_lists_escape_labels_notes_options_and_the_links_query_strings():
    request = RequestFactory().get("/quotes/", {"q": HOSTILE})
    facet = Facet("theme", f"Theme {HOSTILE}", [FacetOption("a&b", f"Option {HOSTILE}", 3),
                                                FacetOption("c", "Chosen", 1)],
                  selected="c", note=f"note {HOSTILE}", more=True)
    html = facet_sections(Context({"request": request}), [facet])
    assert "<b>" not in html and "'y'" not in html
    assert f'aria-label="Theme {ESCAPED}"' in html  # the section's name
    assert f"<h2>Theme {ESCAPED} <small class=\"facet-note\">note {ESCAPED}</small></h2>" in html
    assert f"Option {ESCAPED} <span" in html
    assert 'href="?q=%3Cb%3E%22x%22+%26+%27y%27%3C%2Fb%3E&amp;theme=a%26b"' in html  # & of the query string escaped
    assert f'aria-label="More theme {ESCAPED.lower()} options"' in html


def test_counted_links_escape_the_names_the_links_and_the_counts_description():
    link = CountedLink(f"/people/x/?a=1&b={HOSTILE}", f"Eve {HOSTILE}", f"/quotes/?person=x&q={HOSTILE}", 2,
                       f"2 quotes by Eve {HOSTILE}")
    html = counted_links([link])
    assert "<b>" not in html and "'y'" not in html
    assert f'<a href="/people/x/?a=1&amp;b={ESCAPED}">Eve {ESCAPED}</a>' in html
    assert f'href="/quotes/?person=x&amp;q={ESCAPED}" data-count="2" aria-label="2 quotes by Eve {ESCAPED}"' in html


def _article(**fields) -> SimpleNamespace:
    source = SimpleNamespace(name=f"The {HOSTILE} Herald", get_absolute_url=lambda: f"/sources/{HOSTILE}/")
    values = {"source": source, "published": date(2025, 2, 1), "title": f"Talks {HOSTILE}", "standfirst": f"So {HOSTILE}",
              "display_title": f"Talks {HOSTILE}", "get_absolute_url": lambda: f"/articles/{HOSTILE}/"}
    return SimpleNamespace(**{**values, **fields})


def test_article_cards_and_a_countrys_cards_escape_titles_outlets_and_standfirsts():
    cards = article_cards([_article(quote_count=1)])
    assert "<b>" not in cards and "'y'" not in cards
    assert f'<h3><a href="/articles/{ESCAPED}/">Talks {ESCAPED}</a></h3>' in cards
    assert f'<a class="outlet" href="/sources/{ESCAPED}/">The {ESCAPED} Herald</a>' in cards
    assert f'<p class="standfirst">So {ESCAPED}</p>' in cards and "· 1 quote\n" in cards
    named = mention_cards([_article(mention_count=3)])
    assert "<b>" not in named
    assert f'<a href="/articles/{ESCAPED}/">Talks {ESCAPED}</a></h3>' in named
    assert f'<p class="meta">The {ESCAPED} Herald · 1 February 2025 · named 3 times</p>' in named


def test_a_persons_quote_groups_escape_each_articles_heading():
    html = quote_groups([(_article(), [])])
    assert "<b>" not in html
    assert f'<a href="/articles/{ESCAPED}/">Talks {ESCAPED}</a>' in html
    assert f'<span class="meta">The {ESCAPED} Herald, 1 Feb 2025</span>' in html


def test_an_articles_text_escapes_its_passages_runs_speakers_and_cues():
    speaker = SimpleNamespace(name=f"Eve {HOSTILE}", get_absolute_url=lambda: f"/people/{HOSTILE}/")
    quote = SimpleNamespace(pk=7, kind="direct", status="verified", cue=f"said {HOSTILE}", speaker=speaker,
                            speaker_label=f"Eve {HOSTILE}", get_kind_display=lambda: "Direct quote")
    note = SimpleNamespace(pk=3, number=1)
    runs = [Segment(f"Before {HOSTILE} "), Segment(f"words {HOSTILE}", quote=quote, annotation=note, quote_starts=True,
                                                   annotation_ends=True)]
    passages = [{"passage": SimpleNamespace(kind="heading", index=0, text=f"Head {HOSTILE}"), "segments": []},
                {"passage": SimpleNamespace(kind="body", index=1, text=""), "segments": runs}]
    html = article_text(passages)
    assert "<b>" not in html and "'y'" not in html
    assert f'<h2 class="section-heading" id="p0">Head {ESCAPED}</h2>' in html
    assert f'<p id="p1">Before {ESCAPED} <span class="annotated">' in html
    assert f'</span>Eve {ESCAPED}<span class="visually-hidden">' in html  # the speaker named where the quote starts
    assert (f'<a class="quote-link" href="/people/{ESCAPED}/" title="Eve {ESCAPED} (said {ESCAPED})">'
            f'<mark class="quote quote-direct verified" id="q7">words {ESCAPED}</mark></a></span>') in html


def test_an_articles_margin_escapes_its_quotes_and_the_people_it_names():
    quote = SimpleNamespace(pk=7, status="verified", speaker_label=f"Eve {HOSTILE}", speaker_url=f"/people/{HOSTILE}/",
                            display_snippet=f"“Words {HOSTILE}”", get_absolute_url=lambda: "/quotes/7/",
                            get_kind_display=lambda: "Direct quote")
    quoted = quoted_in_margin([quote])
    assert "<b>" not in quoted
    assert f'<a href="#q7">“Words {ESCAPED}”</a>' in quoted
    assert f'<span class="who">— <a href="/people/{ESCAPED}/">Eve {ESCAPED}</a></span>' in quoted
    person = SimpleNamespace(name=f"Eve {HOSTILE}", get_absolute_url=lambda: f"/people/{HOSTILE}/")
    named = people_in_margin([SimpleNamespace(person=person, is_author=True, description=f"envoy, {HOSTILE}")])
    assert "<b>" not in named
    assert f'<a href="/people/{ESCAPED}/"><strong>Eve {ESCAPED}</strong></a> <span class="badge">author</span>' in named
    assert f'<br><span class="role">envoy, {ESCAPED}</span></li>' in named
