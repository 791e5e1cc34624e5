"""Speaker attribution patterns, in wire, interview, op-ed and brief styles (fictional names)."""

from __future__ import annotations

from analysis.document import Document
from analysis.quotes import extract_people_and_quotes
from analysis.results import QuoteKind, SpeakerKind


def run(*paragraphs, **meta):
    doc = Document.from_paragraphs(list(paragraphs), **meta)
    people, _, quotes = extract_people_and_quotes(doc)
    return people, [q for q in quotes if q.kind != QuoteKind.INDIRECT]


def speakers(*paragraphs, **meta):
    return [q.speaker for q in run(*paragraphs, **meta)[1]]


def test_ap_style_surname_after_the_quote_resolves_to_the_full_name() -> None:
    assert speakers("Rebecca Stone, the mayor of Dunmore, spoke after the vote.",
                    "“We did what the law requires of us,” Stone said.") == ["Rebecca Stone"]


def test_reuters_style_said_name_comma_role() -> None:
    people, quotes = run("“Sanctions alone will not end this war,” said Jane Doe, a senior fellow at the "
                         "Atlantic Council.")
    assert quotes[0].speaker == "Jane Doe"
    person = next(p for p in people if p.name == "Jane Doe")
    assert (person.role, person.affiliation, person.quoted) == ("senior fellow", "Atlantic Council", True)


def test_according_to_a_named_person() -> None:
    assert speakers("The offensive was “a calculated gamble that could still pay off,” according to "
                    "Lena Fischer, an analyst at the Kiel Institute.") == ["Lena Fischer"]


def test_told_an_outlet_does_not_make_the_outlet_the_speaker() -> None:
    assert speakers("Ivan Petrenko, a professor at Kyiv University, spoke to us.",
                    "“The front is holding, but only just,” Petrenko told Reuters.") == ["Ivan Petrenko"]


def test_a_name_before_the_quote_is_not_the_speaker_when_the_next_sentence_attributes_it() -> None:
    quotes = run(
        "Carla Mendes, director of the Sahel Programme at the Crisis Group, sent comments by email.",
        "Army chief Moussa Diarra could reach “a point where the junta turns on itself and the country "
        "splits,” which would alarm neighbours. That “would be a disaster for the whole region,” Mendes added.",
    )[1]
    assert [q.speaker for q in quotes] == ["Carla Mendes", "Carla Mendes"]


def test_pronouns_resolve_to_the_last_person_named_outside_quotes() -> None:
    assert speakers(
        "Anna Varga, a professor at Central European University, said the vote was rigged.",
        "“Nobody believed the official numbers, not even the officials,” she said.",
        "“Winston Churchill said democracy is the worst form of government except all the others,” she added.",
    ) == ["Anna Varga", "Anna Varga"]


def test_an_anonymous_source_is_kept_as_printed() -> None:
    quotes = run("A senior European diplomat told me that “the mood has changed completely in the last year.”")[1]
    [q] = quotes
    assert q.speaker_kind == SpeakerKind.ANONYMOUS
    assert q.speaker == "A senior European diplomat"


def test_an_anonymous_source_with_a_postmodifier_is_not_the_organisation_inside_it() -> None:
    [q] = run("As an official with close links to the Kremlin put it: “The West has no idea how this ends.”")[1]
    assert q.speaker == "an official with close links to the Kremlin"
    assert q.speaker_kind == SpeakerKind.ANONYMOUS


def test_an_organisation_speaks() -> None:
    [q] = run("“We reject these claims as baseless and provocative,” the foreign ministry said in a statement.")[1]
    assert q.speaker_kind == SpeakerKind.ORGANISATION
    assert q.speaker == "the foreign ministry"


def test_a_quote_without_any_attribution_gets_no_speaker() -> None:
    [q] = run("The crowd chanted for hours. “We want our country back, and we want it now.” Police watched.")[1]
    assert q.speaker_kind == SpeakerKind.NONE


def test_they_without_a_clear_group_is_not_guessed() -> None:
    [q] = run("Rain fell on the square all day.", "“We will stay until the very end,” they said.")[1]
    assert q.speaker_kind == SpeakerKind.NONE


def test_a_premodifier_role_is_kept() -> None:
    people, quotes = run("Ministry of Defence spokeswoman Claire Dunn said the drills were “routine and "
                         "long planned”.")
    assert quotes[0].speaker == "Claire Dunn"
    person = next(p for p in people if p.name == "Claire Dunn")
    assert (person.role, person.affiliation) == ("spokeswoman", "Ministry of Defence")


def test_a_role_before_the_name_between_commas() -> None:
    people, quotes = run("The mayor of Lviv, Andriy Sadovyi, said: “We are ready for another winter.”")
    assert quotes[0].speaker == "Andriy Sadovyi" and quotes[0].kind == QuoteKind.DIRECT
    assert next(p for p in people if p.name == "Andriy Sadovyi").role == "mayor of Lviv"


def test_same_surname_resolves_to_the_most_recent_full_name() -> None:
    people, quotes = run(
        "Jane Smith, a lawyer for the families, filed the case.",
        "John Smith, a government adviser, rejected it.",
        "“The claim has no legal basis whatsoever,” Smith said.",
    )
    assert quotes[0].speaker == "John Smith"
    assert {"Jane Smith", "John Smith"} <= {p.name for p in people}


def test_a_participle_cue_takes_the_main_clauses_speaker() -> None:
    assert speakers("Insisting that the deal “was never on the table at any point”, Erik Lindqvist told "
                    "reporters the talks were over.") == ["Erik Lindqvist"]


def test_an_infinitive_cue_takes_the_nearest_person_before_it() -> None:
    assert speakers("Nora Quist chaired the session.",
                    "The best she could do was to say that “the door remains open to talks”.") == ["Nora Quist"]


def test_inverted_cue_with_a_title() -> None:
    assert speakers("“This is not the time for half measures,” said Dr Amara Osei, a virologist.") == ["Amara Osei"]


def test_an_appositive_without_a_closing_comma() -> None:
    assert speakers("Henrik Dahl, history professor at Lund University in Sweden said the war “will "
                    "not be decided this year”.") == ["Henrik Dahl"]


def test_a_quote_opening_a_paragraph_after_a_colon() -> None:
    assert speakers("Farid Rahimi, a former Afghan minister, put it bluntly:",
                    "“Nobody in Kabul expects the money to arrive before winter.”") == ["Farid Rahimi"]


def test_the_author_is_the_speaker_of_i() -> None:
    people, quotes = run("As I told the committee last year, “this policy cannot survive a change of government.”",
                         authors=["Paul Greaves"])
    assert quotes[0].speaker == "Paul Greaves"
    assert any(p.is_author and p.name == "Paul Greaves" for p in people)


def test_a_colon_after_a_clause_gives_its_subject() -> None:
    [q] = run("Her colleague Mart Kask is less sure: ‘Attention is a currency, and it gets spent.’")[1]
    assert q.speaker == "Mart Kask" and q.kind == QuoteKind.DIRECT


def test_an_anonymous_source_with_a_relative_clause_appositive() -> None:
    [q] = run("A Nato official, who asked not to be named, said: ‘The plans exist. The question is "
              "whether the politicians will pay for them.’")[1]
    assert q.speaker == "A Nato official" and q.speaker_kind == SpeakerKind.ANONYMOUS


def test_a_role_description_speaks_a_short_answer() -> None:
    [q] = run("Asked whether Britain was ready, the defence secretary said simply: ‘Not yet.’")[1]
    assert (q.text, q.speaker) == ("Not yet.", "the defence secretary")


def test_an_institution_dismissing_something_as_a_word_is_quoted() -> None:
    [q] = run("The Kremlin has dismissed the build-up as ‘hysteria’ whipped up by ‘Anglo-Saxon’ media.")[1]
    assert (q.text, q.speaker, q.speaker_kind) == ("hysteria", "Kremlin", SpeakerKind.ORGANISATION)


def test_a_wire_dateline_and_a_title_abbreviation() -> None:
    [q] = run("KYIV, Ukraine (AP) — “The enemy lost more than 40 armored vehicles in a single day,” Col. "
              "Nazar Voloshyn, a spokesman for the eastern group of forces, told The Associated Press.")[1]
    assert q.speaker == "Nazar Voloshyn" and q.cue == "told"


def test_a_title_containing_of_is_not_part_of_the_name() -> None:
    people, quotes = run("In Washington, Secretary of State Marco Rubio said the administration was "
                         "“looking at every option” to end the war.")
    assert quotes[0].speaker == "Marco Rubio"
    assert [p.name for p in people] == ["Marco Rubio"]


def test_a_quote_after_a_feature_style_present_tense_cue() -> None:
    quotes = run('"I have never seen anything like it," says Tom Reilly, 64, a fisherman from Narva. '
                 '"Not even in Soviet times."')[1]
    assert [q.speaker for q in quotes] == ["Tom Reilly", "Tom Reilly"]


def test_a_participle_after_the_main_clause_keeps_its_speaker() -> None:
    quotes = run("Foreign Ministry spokesperson Lin Jian said China would “never allow” secession, adding "
                 "that the island’s new leader was “playing with fire.”")[1]
    assert [(q.text, q.speaker) for q in quotes] == [("never allow", "Lin Jian"), ("playing with fire.", "Lin Jian")]


def test_a_term_is_not_attributed_to_the_speaker_of_the_next_sentence() -> None:
    quotes = run("U.S. officials privately worry that Washington’s “strategic ambiguity” is eroding. "
                 "“Deterrence depends on the other side believing you,” said Bonnie Lin, a China analyst.")[1]
    assert [q.text for q in quotes] == ["Deterrence depends on the other side believing you,"]


def test_a_cue_inside_the_writers_sentence_between_commas() -> None:
    quotes = run("Retired Admiral James Stavridis was blunt. The next five years, he said, would be “the most "
                 "dangerous period in the Pacific since 1945.”",
                 "“Nobody wants a war,” he said, “but wars are rarely wanted.”")[1]
    assert [q.speaker for q in quotes] == ["James Stavridis"] * 3
    assert [q.text for q in quotes][1:] == ["Nobody wants a war,", "but wars are rarely wanted."]


def test_a_question_mark_before_the_speaker_does_not_lose_the_attribution() -> None:
    quotes = run("Pia Lund, a diplomat, listened. “Why?” Lund asked. “Because we can,” the envoy replied.")[1]
    assert [(q.text, q.speaker) for q in quotes] == [("Why?", "Pia Lund"), ("Because we can,", "the envoy")]


def test_she_skips_a_more_recent_man() -> None:
    assert speakers("Anna Berg, a senior fellow at the Nordic Institute, met Peter Holm in Oslo.",
                    "“The talks went better than anyone expected,” she said.") == ["Anna Berg"]


def test_he_prefers_the_subject_over_a_person_in_an_object_position() -> None:
    assert speakers("Viktor Hale, who has long relied on Ivan Dorn for money, changed course.",
                    "“It was time to stand on our own feet,” he said.") == ["Viktor Hale"]


def test_capitalised_cue_words_inside_names_are_not_cues() -> None:
    people, quotes = run("Omar Said, a researcher, visited the United States, where the “reset” was discussed "
                         "by Dana Kerr in a speech about “the long road back to trust between allies”.")
    assert [q.speaker_kind for q in quotes] == [SpeakerKind.NONE]
    assert "Omar Said" in {p.name for p in people}
