"""People and organisations mentioned: aliases, roles, kinds, gazetteer, non-people (fictional names
except for well-known public figures)."""

from __future__ import annotations

from analysis.document import Document, PassageKind
from analysis.quotes import extract_people_and_quotes
from analysis.results import PersonKind


def extract(*paragraphs, **meta):
    return extract_people_and_quotes(Document.from_paragraphs(list(paragraphs), **meta))


def person(people, name):
    return next(p for p in people if p.name == name)


def test_authors_from_the_byline_are_people() -> None:
    people, _, _ = extract("The summit ended without a statement.", authors=["Clara Whitfield"])
    author = person(people, "Clara Whitfield")
    assert author.is_author and author.kind == PersonKind.JOURNALIST


def test_the_author_bio_gives_the_authors_role() -> None:
    people, _, _ = extract("The summit ended early.",
                           (PassageKind.BIO, "Dr Clara Whitfield is a senior fellow at the Baltic Policy Centre."),
                           authors=["Clara Whitfield"])
    assert "senior fellow at the Baltic Policy Centre" in person(people, "Clara Whitfield").role


def test_a_bare_surname_is_an_alias_of_the_full_name() -> None:
    people, _, _ = extract("Markos Deligiannis, a researcher at the Hellenic Foundation, studies ports.",
                           "Deligiannis said the deal was “a turning point for Greek shipping”.")
    [p] = [p for p in people if "Deligiannis" in p.name]
    assert p.name == "Markos Deligiannis" and "Deligiannis" in p.aliases and len(p.mentions) == 2


def test_title_and_surname_resolve_to_a_well_known_public_figure() -> None:
    people, _, _ = extract("President Zelensky met President Erdogan of Turkey and President Xi of China.")
    names = {p.name for p in people}
    assert {"Volodymyr Zelensky", "Recep Tayyip Erdoğan", "Xi Jinping"} <= names
    assert person(people, "Recep Tayyip Erdoğan").role == "President of Turkey"
    assert person(people, "Xi Jinping").country == "CN"


def test_things_that_are_not_people_are_not_people() -> None:
    people, orgs, _ = extract(
        "Soldiers of the Korean People’s Army arrived in Kazan, Getty Images reported.",
        "Starlink terminals were sent to South Korea and the Pentagon said nothing.",
    )
    assert people == []
    assert {"Korean People’s Army", "Starlink", "Pentagon"} <= {o.name for o in orgs}


def test_two_people_sharing_a_surname_stay_two_people() -> None:
    people, _, _ = extract("Jane Smith, a lawyer, met John Smith, a judge, in Leeds.")
    assert {"Jane Smith", "John Smith"} <= {p.name for p in people}
    assert person(people, "Jane Smith").key != person(people, "John Smith").key


def test_role_and_affiliation_are_split_at_at() -> None:
    people, _, _ = extract("Ruth Adler, political science professor at Hartwell University in Dover (DE) said "
                           "the vote was close.")
    p = person(people, "Ruth Adler")
    assert (p.role, p.affiliation, p.kind) == ("political science professor", "Hartwell University", PersonKind.EXPERT)


def test_a_director_at_a_think_tank_is_an_expert() -> None:
    people, _, _ = extract("Omar Khalil, director of the Gulf Security Initiative at the Atlantic Council’s "
                           "Hariri Center for the Middle East said talks had stalled.")
    p = person(people, "Omar Khalil")
    assert p.role == "director of the Gulf Security Initiative"
    assert "Atlantic Council" in p.affiliation and p.kind == PersonKind.EXPERT


def test_a_premodifier_role_with_an_organisation() -> None:
    people, _, _ = extract("U.S. State Department spokesman Daniel Price told reporters the visa rules would change.")
    p = person(people, "Daniel Price")
    assert (p.role, p.affiliation, p.kind) == ("spokesman", "U.S. State Department", PersonKind.OFFICIAL)


def test_a_role_before_the_name_with_a_possessive_country() -> None:
    people, _, _ = extract("Hungary’s foreign minister, Peter Kovacs, flew to Minsk.",
                           "However, the leader of the opposition, Daniel Horvath, stayed at home.")
    assert person(people, "Peter Kovacs").role == "foreign minister of Hungary"
    assert person(people, "Daniel Horvath").role == "leader of the opposition"


def test_person_kinds_follow_role_words() -> None:
    people, _, _ = extract(
        "Sofia Marin, a correspondent for a Bucharest daily, asked the question.",
        "Prime Minister Viktor Orbán answered, and Pavel Novak, a spokesman for the party, nodded.",
    )
    assert person(people, "Sofia Marin").kind == PersonKind.JOURNALIST
    assert person(people, "Viktor Orbán").kind == PersonKind.LEADER
    assert person(people, "Pavel Novak").kind == PersonKind.OFFICIAL


def test_organisations_have_kinds_and_acronyms_join_them() -> None:
    _, orgs, _ = extract("The Institute for Regional Studies (IRS), a Berlin research group, cited the BBC, "
                         "Harvard University and the 3rd Army Corps.")
    kinds = {o.name: o.kind for o in orgs}
    assert kinds["Institute for Regional Studies"] == "think_tank"
    assert kinds["BBC"] == "media" and kinds["Harvard University"] == "university"
    assert "IRS" not in kinds
    irs = next(o for o in orgs if o.name == "Institute for Regional Studies")
    assert [m.text for m in irs.mentions] == ["Institute for Regional Studies", "IRS"]


def test_a_name_no_rule_knows_is_found_by_ner() -> None:
    people, _, _ = extract("Talks in Geneva were chaired by Ngozi Okonjo-Iweala on Friday.")
    assert [p.name for p in people] == ["Ngozi Okonjo-Iweala"]


def test_people_quoted_inside_a_quote_are_mentioned_but_not_quoted() -> None:
    people, _, quotes = extract("Elena Ruiz, a historian at Seville University, was asked about the alliance.",
                                "“Winston Churchill understood this better than anyone alive,” she said.")
    assert person(people, "Winston Churchill").quoted is False
    assert person(people, "Elena Ruiz").quoted is True
    assert quotes[0].speaker == "Elena Ruiz"


def test_mentions_have_body_offsets() -> None:
    doc = Document.from_paragraphs(["First paragraph.", "Then Karin Holm, an economist, spoke."])
    people, _, _ = extract_people_and_quotes(doc)
    span = person(people, "Karin Holm").mentions[0]
    assert doc.body[span.start:span.end] == "Karin Holm"
