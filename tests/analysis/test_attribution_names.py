"""Speaker patterns of issue 12's classes 5 (names), 6 (organisations, countries, texts),
7 (the speaker side of partial quotes) and 9 (false people). All text is invented."""

from __future__ import annotations

from analysis.attribution import _describe
from analysis.document import Document
from analysis.lexicon import ANON_ORG_NOUNS, DOCUMENT_NOUNS
from analysis.mentions import find_spans
from analysis.quotes import extract_people_and_quotes
from analysis.results import QuoteKind, SpeakerKind


def quotes(*paragraphs):
    _, _, found = extract_people_and_quotes(Document.from_paragraphs(list(paragraphs)))
    return [q for q in found if q.kind != QuoteKind.INDIRECT]


def speaker(*paragraphs) -> tuple[str | None, SpeakerKind]:
    [q] = quotes(*paragraphs)
    return q.speaker, q.speaker_kind


# 5. Names ---------------------------------------------------------------------------


def test_a_descriptor_before_a_given_name_is_not_part_of_the_name() -> None:
    text = "Rival Paula Ferris had mocked the complaint on Tuesday."
    assert find_spans(text, 0, 0, [])[0].text == "Paula Ferris"


def test_a_justice_of_a_court_is_a_person_and_her_surname_speaks() -> None:
    found = quotes("Superior Court Justice Maria Lindqvist rejected the request on Thursday.",
                   "“The court will not become a referee of the campaign,” Lindqvist wrote.")
    assert [(q.speaker, q.speaker_kind) for q in found] == [("Maria Lindqvist", SpeakerKind.PERSON)]


def test_a_relative_clause_speaks_for_the_name_it_follows() -> None:
    assert speaker("The defeat was steep for Mr. Halvorsen, who said he would “take a long walk and "
                   "think about it.”") == ("Halvorsen", SpeakerKind.PERSON)


def test_an_appositive_naming_a_country_still_reaches_the_name() -> None:
    assert speaker("“Their aim is to look like a news service,” Odile Marchetti, a fellow at the Grey "
                   "Institute and a former United States envoy, said of the channel.") == (
        "Odile Marchetti", SpeakerKind.PERSON)


# 6. Organisations, countries and texts ---------------------------------------------


def test_a_country_speaks_through_its_government() -> None:
    assert speaker("Norway accused the shipping company of “reckless disregard for the fjords.”") == (
        "Norway", SpeakerKind.ORGANISATION)


def test_a_council_that_issued_a_statement_is_its_speaker() -> None:
    name, kind = speaker("The Harbour Council issued a statement calling the closure “a grave mistake that "
                         "will hurt the whole town.”")
    assert name.endswith("Harbour Council") and kind == SpeakerKind.ORGANISATION


def test_a_series_of_tweets_is_read_by_its_head_noun() -> None:
    assert _describe("a series of tweets").kind == SpeakerKind.DOCUMENT
    assert speaker("Mayor Odile Brenner posted a series of tweets on Sunday saying the plan was “dead "
                   "on arrival, and everyone at city hall knows it.”")[0] == "Odile Brenner"


def test_texts_are_not_listed_as_institutions_and_a_union_is_one() -> None:
    assert not set(ANON_ORG_NOUNS) & set(DOCUMENT_NOUNS)
    assert _describe("the union").kind == SpeakerKind.ORGANISATION


def test_a_possessive_description_speaks() -> None:
    [q] = quotes("“We never throw anything away,” my father often said.")
    assert (q.speaker_text, q.speaker_kind) == ("my father", SpeakerKind.ANONYMOUS)


# 7. The speaker side of partial quotes ---------------------------------------------


def test_a_participle_after_a_comma_belongs_to_the_sentence_subject() -> None:
    assert speaker("Senator Ada Brandt attacked Tomas Vell over the tariff plan, saying “it will cost every "
                   "family dearly.”")[0] == "Ada Brandt"


def test_a_participle_without_a_subject_of_its_own_belongs_to_the_sentence_subject() -> None:
    found = quotes("Mr. Okoro hardly settled the matter, treating the question as a joke and, when "
                   "pressed after the hearing, asserting, “Of course I paid every bill I ever got.”")
    assert [q.speaker for q in found] == ["Okoro"]


def test_a_cue_coordinated_with_and_takes_the_sentence_subject() -> None:
    assert speaker("In an interview, Greta Ansel toured the site and said the budget was “a serious piece "
                   "of work.”")[0] == "Greta Ansel"


def test_a_name_after_a_quotation_and_an_article_is_not_the_speaker() -> None:
    assert speaker("Dana Whitlock is describing as “unhinged” a Victor Crane tweet about the strike.")[0] == (
        "Dana Whitlock")


def test_the_subject_of_the_clause_before_a_colon_speaks_not_the_first_name() -> None:
    assert speaker("Hoping to win young voters for Leona Marsh, Senator Ivo Brand is trying a new message: "
                   "“This election is about all of you.”")[0] == "Ivo Brand"


def test_shouting_is_speech() -> None:
    [q] = quotes("“Let them in, all of them, right now!” a woman shouted from the balcony.")
    assert (q.speaker_text, q.speaker_kind) == ("a woman", SpeakerKind.ANONYMOUS)


def test_unnamed_people_of_common_callings_speak() -> None:
    found = quotes("“We will not move the shrine for anyone,” the prince said on Friday.",
                   "“It is the worst deal I have ever seen,” one billionaire told the dinner.")
    assert [(q.speaker_text, q.speaker_kind) for q in found] == [
        ("the prince", SpeakerKind.ANONYMOUS), ("one billionaire", SpeakerKind.ANONYMOUS)]


def test_a_lone_surname_before_a_cue_is_a_person_when_ner_sees_nothing() -> None:
    assert speaker("The board met again on Monday night.",
                   "“They said the fence is negotiable, and then it was not,” Okafor said.") == (
        "Okafor", SpeakerKind.PERSON)


def test_notes_opinions_and_articles_speak_as_texts_and_foundations_as_institutions() -> None:
    found = quotes("“You are finished in this town, and everybody knows it,” the note says.",
                   "“The mayor has pulled off the comeback of the decade,” the article read.",
                   "Rounds will keep falling “for the next few years,” the foundation predicts.")
    assert [(q.speaker_text, q.speaker_kind) for q in found] == [
        ("the note", SpeakerKind.DOCUMENT), ("the article", SpeakerKind.DOCUMENT),
        ("the foundation", SpeakerKind.ORGANISATION)]


def test_per_names_a_source_but_not_a_rate() -> None:
    found = quotes("Proxies may not vote “to fill a vacancy on the ticket,” per the party’s bylaws.",
                   "Prices rose 4 per cent and wages by “almost nothing at all this year.”")
    assert [(q.speaker_text, q.speaker_kind) for q in found] == [
        ("the party’s bylaws", SpeakerKind.DOCUMENT), (None, SpeakerKind.NONE)]
