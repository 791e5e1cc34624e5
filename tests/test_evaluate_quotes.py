"""`manage.py evaluate_quotes` on a tiny invented checkout in brat standoff (PolNeAR's layout)."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from analysis.polnear import Annotated, GoldAttribution, read_split
from analysis.quote_eval import gold_quotes, speaker_matches
from analysis.results import QuoteKind, QuoteResult, SpeakerKind

TEXT = (
    "Union to appeal garden ruling\n\n"
    "“We will appeal this ruling,” Ana Ruiz said, “because it ignores every piece of evidence.”\n\n"
    "Tom Lee, the company’s lawyer, said the appeal would fail. “The court was right and the law is clear,” "
    "he said. A banner outside read “Justice for the garden workers of Dunmore now”."
)


def at(phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


def ann_line(tid: str, label: str, *spans: tuple[int, int]) -> str:
    ranges = ";".join(f"{a} {b}" for a, b in spans)
    return f"{tid}\t{label} {ranges}\t{' '.join(TEXT[a:b] for a, b in spans)}"


def standoff(with_pronoun_attribution: bool = True) -> str:
    lines = [
        # One attribution whose content the cue splits in two.
        ann_line("T1", "Source", at("Ana Ruiz")),
        ann_line("T2", "Cue", at("said")),
        ann_line("T3", "Content", at("“We will appeal this ruling,”"), at("“because it ignores every piece of evidence.”")),
        ann_line("T4", "Attribution", at("said")),
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        # Reported speech without quotation marks: not a gold quote, but a source a pronoun can refer to.
        ann_line("T5", "Source", at("Tom Lee, the company’s lawyer,")),
        ann_line("T6", "Cue", at("said", 1)),
        ann_line("T7", "Content", at("the appeal would fail")),
        ann_line("T8", "Attribution", at("said", 1)),
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
    ]
    if with_pronoun_attribution:
        lines += [
            ann_line("T9", "Source", (at("he said")[0], at("he said")[0] + 2)),
            ann_line("T10", "Cue", at("said", 2)),
            ann_line("T11", "Content", at("“The court was right and the law is clear,”")),
            ann_line("T12", "Attribution", at("said", 2)),
            "E3\tAttribution:T12 Source:T9 Cue:T10 Content:T11",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    split = tmp_path / "data" / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "union_2016-01-01_appeal.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / "union_2016-01-01_appeal_ab12.ann").write_text(standoff(), encoding="utf-8")
    # A second annotator of the same article: only the first file in sort order is read.
    (split / "attributions" / "union_2016-01-01_appeal_cd34.ann").write_text(standoff(False), encoding="utf-8")
    return tmp_path


def test_one_annotator_per_article_and_gold_is_quote_bearing_content(checkout: Path) -> None:
    [article] = read_split(checkout, "dev")
    assert article.name == "union_2016-01-01_appeal" and len(article.attributions) == 3
    words = [(m.start(), m.end()) for m in re.finditer(r"[\w’'\-]+", TEXT)]
    gold = gold_quotes(article, [a for a, _ in words], [b for _, b in words])
    assert [g.source for g in gold] == ["Ana Ruiz", "he"]
    assert gold[1].referent == "Tom Lee, the company’s lawyer,"


def test_a_split_quote_counts_once_and_a_pronoun_is_judged_by_its_referent(checkout: Path) -> None:
    out = StringIO()
    call_command("evaluate_quotes", str(checkout), "--split", "dev", stdout=out)
    report = out.getvalue()
    # Gold: the split quote and the pronoun's quote. Found: two halves, one quote, one unattributed banner.
    assert "gold quotes: 2 (direct 2, mixed 0)   found quotes: 4" in report
    assert "Quotes   precision 0.667  recall 1.000  F1 0.800" in report
    assert "Speaker  100.0% right (2/2 matched quotes with a gold source)" in report
    assert "extra quotes (found, not in gold)" in report


def test_direct_quotes_are_scored_on_their_own_line(checkout: Path) -> None:
    out = StringIO()
    call_command("evaluate_quotes", str(checkout), "--split", "dev", stdout=out)
    # Both gold items are wholly quoted; the unattributed banner is a partial quote of ours, so it
    # lowers overall precision but not direct precision.
    assert "Direct   precision 1.000  recall 1.000  F1 1.000" in out.getvalue()


def test_show_lists_the_extra_quote_with_its_context(checkout: Path) -> None:
    out = StringIO()
    call_command("evaluate_quotes", str(checkout), "--show", stdout=out)
    assert "[extra quote]" in out.getvalue() and "Justice for the garden workers" in out.getvalue()


def test_a_missing_split_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no train/text"):
        call_command("evaluate_quotes", str(tmp_path), "--split", "train", stdout=StringIO())


def test_a_title_with_of_before_the_name_is_not_the_sources_head() -> None:
    ours = QuoteResult("We will sign", 0, 12, 0, QuoteKind.DIRECT, "said", "Tom Okafor", SpeakerKind.PERSON,
                       "Tom Okafor", 1.0)
    assert speaker_matches(ours, "Secretary of State Tom Okafor", [])
    assert not speaker_matches(ours, "Secretary of State Ana Ruiz", [])


@pytest.mark.parametrize("plural", ["Few people", "Ana Ruiz and Sofia Brandt", "my sister and I", "Delegates",
                                    "his father", "Mr. Lee", "Many Canadians", "Even leaders on the left", "Others",
                                    "Dunmore Daily News", "the Ashton Press", "Dunmore City"])
def test_she_never_refers_to_several_people_or_a_man(plural: str) -> None:
    text = f"Tom Okafor’s sister Ana Okafor said it would fail. {plural} said it would not. “We open in April,” she said."
    spans = {
        "src1": (text.index("Ana Okafor"), text.index("Ana Okafor") + len("Ana Okafor")),
        "src2": (text.index(plural), text.index(plural) + len(plural)),
        "src3": (text.index("she said"), text.index("she said") + 3),
        "content": (text.index("“We"), text.index("April,”") + len("April,”")),
    }
    attributions = [
        GoldAttribution("E1", [(text.index("it would fail"), text.index("it would fail") + 13)], [spans["src1"]]),
        GoldAttribution("E2", [(text.index("it would not"), text.index("it would not") + 12)], [spans["src2"]]),
        GoldAttribution("E3", [spans["content"]], [spans["src3"]]),
    ]
    article = Annotated("invented", text, attributions, [])
    words = [(m.start(), m.end()) for m in re.finditer(r"[\w’'\-]+", text)]
    [gold] = gold_quotes(article, [a for a, _ in words], [b for _, b in words])
    assert gold.referent == "Ana Okafor"


def test_a_surname_alone_has_the_gender_of_the_fuller_name_printed_earlier() -> None:
    text = ("Marcus Lindqvist chairs the board. Ana Okafor said it would fail. Lindqvist said it would not. "
            "“We open in April,” she said.")
    spans = [(text.index(s), text.index(s) + len(s)) for s in ("Ana Okafor", "Lindqvist said", "she said")]
    attributions = [
        GoldAttribution("E1", [(text.index("it would fail"), text.index("it would fail") + 13)], [spans[0]]),
        GoldAttribution("E2", [(text.index("it would not"), text.index("it would not") + 12)],
                        [(spans[1][0], spans[1][0] + 9)]),
        GoldAttribution("E3", [(text.index("“We"), text.index("April,”") + 7)], [(spans[2][0], spans[2][0] + 3)]),
    ]
    words = [(m.start(), m.end()) for m in re.finditer(r"[\w’'\-]+", text)]
    [gold] = gold_quotes(Annotated("invented", text, attributions, []), [a for a, _ in words], [b for _, b in words])
    assert gold.referent == "Ana Okafor"
