"""The nine classes of attribution errors seen on real news (issue 12), one or more invented
examples each. Names, places and wording are made up from the class descriptions."""

from __future__ import annotations

from analysis.document import Document
from analysis.quotes import extract_people_and_quotes
from analysis.results import QuoteKind, SpeakerKind


def quotes(*paragraphs):
    _, _, found = extract_people_and_quotes(Document.from_paragraphs(list(paragraphs)))
    return [q for q in found if q.kind != QuoteKind.INDIRECT]


def said(*paragraphs) -> list[tuple[str, str | None]]:
    return [(q.text.split()[0], q.speaker) for q in quotes(*paragraphs)]


# 1. Continuation quotes --------------------------------------------------------------


def test_a_quote_without_a_cue_in_the_next_paragraph_continues_the_speaker() -> None:
    assert said("“We will appeal this decision,” Ana Ruiz said on Tuesday.",
                "“This ruling ignores the evidence and everything the workers told the court.”") == [
        ("We", "Ana Ruiz"), ("This", "Ana Ruiz")]


def test_a_continuation_after_reported_speech_in_the_same_paragraph() -> None:
    found = said("The committee will vote again next month, Tom Okafor said. “Nobody here expects the "
                 "numbers to change before the winter recess begins.”")
    assert found == [("Nobody", "Tom Okafor")]


def test_a_paragraph_ending_in_a_colon_without_a_cue_introduces_the_next_quote() -> None:
    found = said("On a warm Monday in June, Ana Ruiz made the following remarks to the council:",
                 "“We will not sign anything until the pension question is settled by the board.”")
    assert found == [("We", "Ana Ruiz")]


def test_a_new_named_subject_ends_the_run() -> None:
    found = said("“We will appeal this decision,” Ana Ruiz said.",
                 "“The court has not heard the half of it, and it will hear the rest in the spring.”",
                 "Marta Lindqvist, the council’s lawyer, disagreed with the union at length.",
                 "“The court has ruled and the matter is closed for good now.”")
    assert found == [("We", "Ana Ruiz"), ("The", "Ana Ruiz"), ("The", None)]


# 2. A cue after a quote that closes without a comma ----------------------------------


def test_the_speakers_role_words_between_the_quote_and_the_name() -> None:
    found = said("Workers should “bring their concerns to management before anything else” union "
                 "president Ana Ruiz said Saturday.",
                 "“Our members deserve better than this,” Garden Workers Union president Ana Ruiz said.")
    assert [speaker for _, speaker in found] == ["Ana Ruiz", "Ana Ruiz"]


def test_a_state_abbreviation_in_the_appositive_does_not_end_the_subject() -> None:
    found = said("Ana Ruiz, 59, of Dunmore, Md., who watched the vote from the gallery, said the result brought "
                 "back memories of “all the people who fought for this garden.”")
    assert found == [("all", "Ana Ruiz")]


def test_a_party_tag_or_an_inverted_role_before_the_cue() -> None:
    found = said("“The bill will pass before the recess, I have no doubt,” Rep. Tom Lee (D-Ohio) said Friday.",
                 "“It is a waste of everybody’s time and money,” said retired judge Ana Ruiz.")
    assert [speaker for _, speaker in found] == ["Tom Lee", "Ana Ruiz"]


# 3. Pronouns ------------------------------------------------------------------------


def test_she_is_the_sentence_subject_not_the_person_she_met() -> None:
    found = said("Ana Ruiz, the union’s treasurer, met Carla Mendes and Sofia Brandt on Monday.",
                 "“We are not going to sign anything until the pension question is settled,” she said.")
    assert found == [("We", "Ana Ruiz")]


def test_she_is_not_someone_named_inside_a_reported_clause() -> None:
    found = said("Ana Ruiz joked that, in the end, Carla Mendes would sign anything the council put in front of her.",
                 "“We have heard that promise every spring for ten years now,” she said.")
    assert found == [("We", "Ana Ruiz")]


def test_she_is_not_someone_named_in_an_appositive_with_a_relative_clause() -> None:
    found = said("Ana Ruiz walked the members past the gate on Sunday morning.",
                 "The garden was planted by its founder, Carla Mendes, who died in the spring of 1990.",
                 "“We will keep it open for as long as the union has members to water it,” she said.")
    assert found == [("We", "Ana Ruiz")]


def test_a_participle_after_the_object_takes_the_main_clauses_subject() -> None:
    found = said("At a rally in Dunmore, Tom Okafor went after Marco Lindqvist, calling him “a tired old "
                 "pensioner.” He says, “Nobody in this town would hire him to run a bake sale.”")
    assert found == [("a", "Tom Okafor"), ("Nobody", "Tom Okafor")]


def test_a_cue_coordinated_with_an_earlier_verb_shares_its_subject() -> None:
    found = said("Tom Okafor did not mention his rivals by name, but told the crowd, “our town is in trouble "
                 "and nobody at the council is listening to it.”",
                 "Ana Ruiz, who was speaking to the council, agreed with the plan and said, “we will build the "
                 "garden this year whatever the weather does.”")
    assert found == [("our", "Tom Okafor"), ("we", "Ana Ruiz")]


def test_she_skips_a_man_whose_given_name_tells_his_gender() -> None:
    found = said("Elaine Okafor chaired the meeting of the garden committee.",
                 "Bobby Lindqvist then handed round the minutes to the members.",
                 "“We will meet again in March, whatever the council decides,” she said.")
    assert found == [("We", "Elaine Okafor")]


def test_he_continues_the_current_speaker_past_a_man_named_in_a_subordinate_clause() -> None:
    found = said("“We will appeal the ruling,” said Tom Okafor, the union’s lawyer.",
                 "Okafor said he expects the court to hear the case by spring. He added a word of caution, "
                 "should Marcus Lindqvist block the motion in the council.",
                 "“Nobody here is going to sit on their hands until then,” he said.")
    assert found == [("We", "Tom Okafor"), ("Nobody", "Tom Okafor")]


def test_she_is_not_a_woman_named_in_an_appositive_after_the_speaker() -> None:
    found = said("“Own it, say it, be the voice that people hear,” Carla Mendes said.",
                 "She has faced questions since the vote, most recently about a dinner with the mayor’s "
                 "wife, council member Sofia Brandt, in June.",
                 "“People tend not to say those things to the treasurer,” she said.")
    assert found == [("Own", "Carla Mendes"), ("People", "Carla Mendes")]


def test_they_are_the_two_people_named_together_just_before() -> None:
    found = quotes("Marco Lindqvist announced on Friday that he would step down from the board.",
                   "Council members Ana Ruiz, of Dunmore, and Tom Lee, of Ashton, oppose the garden plan. They "
                   "sent a letter on Monday to the mayor.",
                   "“The plan has become a gift to developers and it should be dropped,” they wrote.")
    assert sorted((q.speaker, q.speaker_text) for q in found) == [("Ana Ruiz", "they"), ("Tom Lee", "they")]


def test_it_is_the_report_that_spoke_last() -> None:
    found = quotes("“Water quality has fallen in every district since the plant closed,” the report said. "
                   "It adds that “no district met the national standard last year.”")
    assert [(q.speaker_text, q.speaker_kind) for q in found] == [
        ("the report", SpeakerKind.DOCUMENT), ("It", SpeakerKind.DOCUMENT)]


# 4. Several speakers -----------------------------------------------------------------


def test_two_people_named_as_the_subject_both_get_the_quote() -> None:
    found = quotes("“We will not accept a deal that cuts pensions for anyone,” Ana Ruiz and Tom Lee said.")
    assert sorted(q.speaker for q in found) == ["Ana Ruiz", "Tom Lee"]
    assert {q.text for q in found} == {"We will not accept a deal that cuts pensions for anyone,"}


# 5. Honorific or surname alone -------------------------------------------------------


def test_a_surname_alone_after_the_speakers_role_words() -> None:
    found = said("Ana Ruiz has led the Garden Workers Union since 2019.",
                 "“Our members deserve better than a pay freeze,” union president Ruiz said Saturday.")
    assert found == [("Our", "Ana Ruiz")]


def test_an_honorific_and_surname_after_the_speakers_postmodifier() -> None:
    found = said("Dara Morgan chairs the Green Valley Trust.",
                 "“It was the least bad outcome for everyone involved,” Ms. Morgan of the Green Valley Trust said.")
    assert found == [("It", "Dara Morgan")]


# 6. Organisations, outlets and documents ---------------------------------------------


def test_an_inverted_cue_opening_the_sentence_is_not_a_given_name() -> None:
    found = quotes("Tom Okafor spoke at the gate for an hour.",
                   "Said Okafor: “We are not going anywhere until the council listens to the members.”",
                   "Continued Okafor: “Nobody asked us before the fences went up around the garden.”",
                   "Stated Okafor: “The members will vote on it again in the spring.”")
    assert [(q.speaker, q.speaker_text) for q in found] == [("Tom Okafor", "Okafor")] * 3


def test_a_document_speaks_as_a_document() -> None:
    [q] = quotes("“You work hard and you pay your taxes every single year,” the clip says.")
    assert (q.speaker, q.speaker_kind) == ("the clip", SpeakerKind.DOCUMENT)


def test_the_ads_narrator_is_a_person_not_a_document() -> None:
    [q] = quotes("“If he thinks that makes him smart, what does he think of you?” the ad’s narrator asks.")
    assert q.speaker_kind == SpeakerKind.ANONYMOUS


def test_according_to_a_statement_is_a_document() -> None:
    [q] = quotes("The ministry has “no plans to close any hospital this year,” according to a statement.")
    assert q.speaker_kind == SpeakerKind.DOCUMENT


# 7. Partial quotes in reported speech ------------------------------------------------


def test_a_characterising_cue_gives_a_short_quote_its_speaker_and_scare_quotes_stay_out() -> None:
    found = said("Ana Ruiz criticised the transit plan as a “crazy system” during a rally in Dunmore.",
                 "Tom Okafor blasted the mayor’s budget for the coming year as “reckless.”",
                 "Talk of a “green wave” has faded since the spring, and the party is quieter now.")
    assert found == [("crazy", "Ana Ruiz"), ("reckless.", "Tom Okafor")]


def test_a_possessive_speech_noun_gives_a_short_quote_its_speaker() -> None:
    found = said("Ana Ruiz spoke at the depot on Friday.",
                 "Critics pounced on Ruiz’s claim that the line had “never lost money” in a decade.")
    assert found == [("never", "Ana Ruiz")]


# 8. Formats ----------------------------------------------------------------------------


def test_a_quote_signed_with_a_dash_and_a_name() -> None:
    found = said("“He makes blanket statements about people he knows nothing about.” ― Carla Mendes "
                 "“I cannot believe how low this campaign has sunk in a single year.” ― Sofia Brandt")
    assert found == [("He", "Carla Mendes"), ("I", "Sofia Brandt")]


def test_transcript_turns_are_quotes_of_their_labelled_speakers() -> None:
    found = said("Radio host Nina Brandt interviewed the union lawyer Tom Okafor on Sunday. Partial transcript:",
                 "\"BRANDT: Will the garden open this spring, whatever the council decides about the fund?",
                 "\"OKAFOR: It will open in April. The members have already paid for the seeds and the tools.",
                 "\"And nobody on the council has asked us what we think about the fund at all.",
                 "\"BRANDT: Is that a promise to the members?")
    assert found == [("Will", "Nina Brandt"), ("It", "Tom Okafor"), ("Is", "Nina Brandt")]


def test_a_quote_opened_curly_and_closed_straight() -> None:
    found = said("“Immunity deals should never be a condition of cooperating with the inquiry,\" "
                 "Chairman Tom Okafor said in a statement.")
    assert found == [("Immunity", "Tom Okafor")]


# 9. False people -----------------------------------------------------------------------


def test_a_cafe_is_not_a_person() -> None:
    [q] = quotes("“We serve two hundred people every single night of the week,” said Café Lumière, "
                 "which opened in March.")
    assert q.speaker_kind == SpeakerKind.ORGANISATION


def test_youth_councils_are_not_a_person() -> None:
    [q] = quotes("Youth Councils said the scheme “will leave thousands of teenagers without any support”.")
    assert q.speaker_kind == SpeakerKind.ORGANISATION


def test_a_name_before_the_comma_is_not_the_pronoun_subjects_partner() -> None:
    found = said("Tom Okafor spoke to the garden committee on Monday.",
                 "Of the fuss over Ana Ruiz, he said, “it is a lot of noise about very little indeed.”")
    assert found == [("it", "Tom Okafor")]


def test_a_name_opening_the_main_clause_after_a_subordinate_clause_takes_over_the_run() -> None:
    found = said("“We will appeal the ruling,” Marcus Lindqvist said.",
                 "Although the council agreed to two more hearings, Tom Okafor kept pressing the mayor. "
                 "On Friday, he told reporters that the council was “hiding from the garden workers.”")
    assert found == [("We", "Marcus Lindqvist"), ("hiding", "Tom Okafor")]


def test_a_person_introduced_as_a_worker_named_so_after_a_place_phrase_takes_over_the_run() -> None:
    found = said("“We will move the plant next year,” Marcus Lindqvist said.",
                 "Outside the old mill on Dunmore Road, a welder named Tom Okafor has nothing but praise for "
                 "the move. “The work is steady and the pay is fair,” he said.")
    assert found == [("We", "Marcus Lindqvist"), ("The", "Tom Okafor")]


def test_a_person_introduced_as_a_worker_named_so_is_the_subject_after_a_long_gap() -> None:
    found = said("“We will move the plant next year,” Marcus Lindqvist said.",
                 "Sales rose by a tenth last year. The board met twice in the spring.",
                 "Costs have risen for three years running at every site the firm runs.",
                 "Prices are expected to rise again in the autumn, analysts expect.",
                 "At the old mill on Dunmore Road, a welder named Tom Okafor has nothing but praise for "
                 "the move. “The work is steady and the pay is fair,” he said.")
    assert found[-1] == ("The", "Tom Okafor")


def test_agreeing_to_do_something_is_not_a_speech_cue() -> None:
    found = said("“We will appeal the ruling,” Marcus Lindqvist said on Monday.",
                 "Lindqvist said he took the case only because Tom Okafor agreed to testify. "
                 "(“We have persuaded the last witness to come forward,” he said.)")
    assert found == [("We", "Marcus Lindqvist"), ("We", "Marcus Lindqvist")]
