"""Quote detection: quotation marks, terms vs quotes, kinds, paragraphs (fictional names)."""

from __future__ import annotations

from analysis.document import Document, PassageKind
from analysis.quotes import extract_people_and_quotes
from analysis.results import QuoteKind, SpeakerKind


def quotes_of(*paragraphs, **meta):
    doc = Document.from_paragraphs(list(paragraphs), **meta)
    return doc, extract_people_and_quotes(doc)[2]


def marked(quotes):
    return [q for q in quotes if q.kind != QuoteKind.INDIRECT]


def test_it_finds_a_wire_style_quote_in_curly_marks() -> None:
    doc, quotes = quotes_of("“We will not back down under any circumstances,” Helena Varga said on Monday.")
    [q] = marked(quotes)
    assert q.text == "We will not back down under any circumstances,"
    assert doc.body[q.start:q.end] == q.text
    assert q.kind == QuoteKind.DIRECT
    assert (q.speaker, q.cue) == ("Helena Varga", "said")


def test_it_finds_straight_double_quotes_with_inverted_attribution() -> None:
    _, quotes = quotes_of('"The talks failed because nobody was willing to move," said Tomas Lindqvist, '
                          "a senior fellow at the Brookings Institution.")
    [q] = marked(quotes)
    assert q.text == "The talks failed because nobody was willing to move,"
    assert q.speaker == "Tomas Lindqvist"


def test_it_reads_british_single_quotes_and_keeps_apostrophes_inside() -> None:
    _, quotes = quotes_of("Grace Okafor leads the delegation.",
                          "‘It’s the allies’ job to decide what comes next,’ said Ms Okafor.")
    [q] = marked(quotes)
    assert q.text == "It’s the allies’ job to decide what comes next,"
    assert q.speaker == "Grace Okafor"


def test_it_reads_straight_single_quotes() -> None:
    _, quotes = quotes_of("'We are ready for whatever they try next,' the defence minister said.")
    [q] = marked(quotes)
    assert q.text == "We are ready for whatever they try next,"
    assert q.speaker_kind in (SpeakerKind.ANONYMOUS, SpeakerKind.ORGANISATION)


def test_apostrophes_are_not_quotation_marks() -> None:
    _, quotes = quotes_of("The People’s Assembly shouldn’t meet before the allies’ envoys arrive in Vienna.")
    assert marked(quotes) == []


def test_it_finds_a_partial_quote_inside_the_writers_sentence() -> None:
    _, quotes = quotes_of("Jane Moreau called the plan “reckless and naive” in a speech on Tuesday.")
    [q] = marked(quotes)
    assert (q.text, q.kind, q.speaker) == ("reckless and naive", QuoteKind.PARTIAL, "Jane Moreau")


def test_it_attributes_a_quote_split_around_its_cue() -> None:
    _, quotes = quotes_of("Piotr Nowak, a historian at Warsaw University, was blunt.",
                          "“The first part of the answer is money,” he said. “The second part is time.”")
    quotes = marked(quotes)
    assert [q.text for q in quotes] == ["The first part of the answer is money,", "The second part is time."]
    assert {q.speaker for q in quotes} == {"Piotr Nowak"}


def test_a_quote_running_over_several_paragraphs_is_one_quote() -> None:
    doc, quotes = quotes_of(
        "Leila Haddad, an economist at Oxford University, said:",
        "“The first problem is that the sanctions were designed for a short war.",
        "“The second is that nobody planned for what happens when they fail.",
        "“And the third is that the bill will be paid by ordinary people.”",
    )
    [q] = marked(quotes)
    assert q.text.startswith("The first problem") and q.text.endswith("ordinary people.")
    assert q.passage_index == 1 and q.end == doc.passages[3].end - 1
    assert q.speaker == "Leila Haddad" and q.kind == QuoteKind.DIRECT


def test_paragraphs_each_with_their_own_attribution_stay_separate_quotes() -> None:
    _, quotes = quotes_of(
        "Tom Brennan, a professor at Leeds University, said the army was tired.",
        "“It will take years to rebuild,” he told The Guardian. “Nobody is ready for that.",
        "“We saw the same thing after every long war in the last century,” he added.",
    )
    texts = [q.text for q in marked(quotes)]
    assert texts == ["It will take years to rebuild,", "Nobody is ready for that.",
                     "We saw the same thing after every long war in the last century,"]
    assert {q.speaker for q in marked(quotes)} == {"Tom Brennan"}


def test_a_quote_with_a_missing_closing_mark_ends_with_its_paragraph() -> None:
    _, quotes = quotes_of("Anna Kowal, a spokeswoman for the city, said the shelling went on all night.",
                          "“We counted more than forty explosions before dawn,” she said. “Nobody slept.",
                          "The city council met on Friday.")
    assert [q.text for q in marked(quotes)][-1] == "Nobody slept."


def test_scare_quotes_and_names_in_quotation_marks_are_not_quotes() -> None:
    _, quotes = quotes_of(
        "The so-called “peace plan” was rejected by both sides.",
        "The group, known as the “quad”, met in Delhi.",
        "A new “strategic partnership” was signed on Thursday.",
        "“De-risking” is the new fashion in Brussels.",
        "Russia's “special” units were sent first.",
    )
    assert marked(quotes) == []


def test_a_short_term_is_a_quote_when_a_speaker_uses_it() -> None:
    _, quotes = quotes_of(
        "Talk of the “iron triangle” or “Quad” — for what Piotr Nowak, the former defence minister "
        "called the “reckless” alliance — misses the point."
    )
    [q] = marked(quotes)
    assert (q.text, q.speaker, q.kind) == ("reckless", "Piotr Nowak", QuoteKind.PARTIAL)


def test_an_attributed_short_fragment_after_that_is_a_partial_quote() -> None:
    _, quotes = quotes_of("Defence spokesman Mark Ellison told reporters on Friday that any foreign "
                          "troops in the region would be “fair game” for the army.")
    [q] = marked(quotes)
    assert (q.text, q.speaker, q.kind) == ("fair game", "Mark Ellison", QuoteKind.PARTIAL)


def test_a_long_unattributed_quote_has_no_speaker() -> None:
    _, quotes = quotes_of("The crowd waited for hours. “We want our country back, and we want it now.” "
                          "Police watched from a distance.")
    [q] = marked(quotes)
    assert q.speaker_kind == SpeakerKind.NONE and q.speaker is None
    assert q.confidence < 0.5


def test_a_title_in_quotation_marks_is_not_a_quote() -> None:
    _, quotes = quotes_of("Sara Lind wrote the book “The Long Game of Nations” in 2019.")
    assert marked(quotes) == []


def test_only_body_passages_are_searched() -> None:
    _, quotes = quotes_of((PassageKind.CAPTION, "“We will fight to the very end,” said Jane Doe."),
                          (PassageKind.HEADING, "“Not one step back”"),
                          "The debate continued.")
    assert quotes == []


def test_direct_and_partial_kinds() -> None:
    _, quotes = quotes_of(
        "Omar Said, a researcher at Chatham House, was cautious.",
        "He said the offensive “could stall within weeks” and warned: “Nobody should expect a quick victory here.”",
    )
    kinds = [(q.text, q.kind) for q in marked(quotes)]
    assert kinds == [("could stall within weeks", QuoteKind.PARTIAL),
                     ("Nobody should expect a quick victory here.", QuoteKind.DIRECT)]


def test_reported_speech_is_an_indirect_quote() -> None:
    _, quotes = quotes_of("Maria Lopez, a spokeswoman for the ministry, said that the talks would resume next week.")
    [q] = quotes
    assert q.kind == QuoteKind.INDIRECT
    assert q.text == "the talks would resume next week"
    assert q.speaker == "Maria Lopez"


def test_no_indirect_quote_when_the_clause_is_quoted() -> None:
    _, quotes = quotes_of("Mark Ellison told reporters that the troops would be “fair game” for the army.")
    assert [q.kind for q in quotes] == [QuoteKind.PARTIAL]


def test_passive_said_is_not_a_cue() -> None:
    _, quotes = quotes_of("The general is said to be planning a new offensive in the spring.")
    assert quotes == []


def test_a_question_with_inverted_attribution() -> None:
    _, quotes = quotes_of("“Why would anyone believe them now?” asked Nadia Petrova, a researcher at the "
                          "Carnegie Endowment.")
    [q] = marked(quotes)
    assert q.text == "Why would anyone believe them now?" and q.speaker == "Nadia Petrova"


def test_nested_quotation_marks_stay_inside_the_outer_quote() -> None:
    _, quotes = quotes_of("“He told me ‘never again’ and walked out of the room,” said Omar Haddad.",
                          "‘They called it “madness” from the start,’ said Ruth Evans.")
    assert [q.text for q in marked(quotes)] == [
        "He told me ‘never again’ and walked out of the room,",
        "They called it “madness” from the start,",
    ]


def test_confidence_is_a_probability_and_higher_for_clear_attribution() -> None:
    _, quotes = quotes_of("“We will hold the line whatever it costs us,” Helena Varga said.",
                          "The city waited. “Nobody knows what happens next, and nobody will say.” Rain fell.")
    a, b = marked(quotes)
    assert 0 <= b.confidence < a.confidence <= 1


def test_a_label_used_by_a_generic_group_is_a_term() -> None:
    _, quotes = quotes_of("Critics call this ‘defence Keynesianism’. Others see a ‘security dividend in reverse’.")
    assert marked(quotes) == []
