"""`manage.py extract FILE [--json]`: the pipeline on a file, without the database."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import CORPUS_DIR

NEWSWEEK = str(CORPUS_DIR / "000_8ec5d6834c1552e8.txt")


def test_the_json_shape_is_the_documented_one(django_assert_num_queries, db):
    out = StringIO()
    with django_assert_num_queries(0):
        call_command("extract", NEWSWEEK, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["schema"] == 1
    assert set(data) == {"schema", "metadata", "passages", "removed", "joins", "quotes", "people", "organisations",
                         "countries", "themes", "figures"}
    assert data["metadata"]["source"] == "Newsweek" and data["metadata"]["title"] is None
    kirby = [q for q in data["quotes"] if q["text"] == "fair game"]
    assert kirby and kirby[0]["speaker"] == "John Kirby" and kirby[0]["kind"] == "partial"
    assert set(kirby[0]) == {"text", "start", "end", "passage", "kind", "cue", "speaker", "speaker_kind",
                             "speaker_as_printed", "confidence", "themes"}
    troops = next(f for f in data["figures"] if f["value_low"] == 11000)
    assert troops["approximate"] is True and troops["group"]


def test_the_readable_summary_lists_quotes_people_and_countries():
    out = StringIO()
    call_command("extract", NEWSWEEK, stdout=out)
    text = out.getvalue()
    assert "Markus Garlauskas — director of the Indo-Pacific Security Initiative, Atlantic Council [quoted]" in text
    assert "Countries: KP×" in text and "Figures (" in text


def test_a_bad_file_is_refused_by_name(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(CommandError, match=r"empty\.txt: is empty"):
        call_command("extract", str(empty))
