"""Editors' public annotations on the reader's article page."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from articles.models import Annotation, Theme
from articles.rendering import segments

PASSAGE = SimpleNamespace(start=100, end=140, text="Alpha beta “gamma delta” epsilon zeta.")


def span(start: int, end: int, name: str = "x"):
    return SimpleNamespace(start=start, end=end, name=name)


def test_runs_are_cut_where_quotes_and_annotations_start_and_end():
    quote, note = span(111, 124, "q"), span(106, 117, "n")  # overlapping layers
    runs = segments(PASSAGE, [quote], [note])
    assert "".join(r.text for r in runs) == PASSAGE.text
    assert [(r.text, getattr(r.quote, "name", None), getattr(r.annotation, "name", None)) for r in runs] == [
        ("Alpha ", None, None), ("beta ", None, "n"), ("“gamma", "q", "n"), (" delta”", "q", None),
        (" epsilon zeta.", None, None),
    ]
    assert [r.quote_starts for r in runs] == [False, False, True, False, False]
    assert [r.annotation_ends for r in runs] == [False, False, True, False, False]


def test_overlapping_quotes_keep_the_earlier_one():
    runs = segments(PASSAGE, [span(100, 110, "a"), span(105, 120, "b")])
    assert {getattr(r.quote, "name", None) for r in runs} == {"a", None}


@pytest.mark.django_db
def test_a_public_annotation_is_highlighted_and_an_internal_one_is_not(client, corpus):
    article = corpus["002_26b91fc9e49b928e.txt"]
    body = article.body
    start = body.index("fair-weather friends")
    theme = Theme.objects.get(slug="alliances")
    public = Annotation.objects.create(
        article=article, note="Galeotti's core claim: support is bought.", stance=Annotation.Stance.OPPOSES,
        stance_theme=theme, **Annotation.context_for(body, start, start + len("fair-weather friends")),
    )
    public.themes.add(theme)
    start = body.index("Brics without mortar")
    Annotation.objects.create(
        article=article, note="internal: check this heading", visibility=Annotation.Visibility.INTERNAL,
        **Annotation.context_for(body, start, start + 4),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="annotated">fair-weather friends</span><a class="note-ref"' in html
    assert "Galeotti&#x27;s core claim: support is bought." in html
    assert "Opposes on Alliances" in html
    assert "internal: check this heading" not in html


def test_an_annotation_finds_its_words_again_after_the_text_changes():
    body = "The war goes on. Support is bought, not earned. The war goes on."
    note = Annotation(**Annotation.context_for(body, body.rindex("The war"), len(body) - 1))
    corrected = "Intro added. " + body.replace("not earned", "never earned")
    assert note.reanchor(corrected)
    assert corrected[note.start : note.end] == "The war goes on"
    assert note.start == corrected.rindex("The war")  # the second occurrence, by its context
    assert not note.reanchor("Entirely rewritten.")
    assert note.orphaned
