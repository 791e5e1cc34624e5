"""HTML built in Python rather than by a template (articles/templatetags/commentariat.py) escapes
what it shows exactly as the template engine would."""

from __future__ import annotations

from django.template import Context
from django.test import RequestFactory

from articles.filters import Facet, FacetOption
from articles.templatetags.commentariat import facet_sections

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
