from analysis.countries import alias_map, country_by_code, country_table, extract_countries, find_mentions
from analysis.document import Document, PassageKind
from analysis.results import Span


def codes(text: str, exclude=()) -> list[str]:
    doc = Document.from_paragraphs([text])
    return [c.code for c in extract_countries(doc, exclude=exclude)]


def mentioned(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.code) for m in find_mentions(text)]


def test_the_table_has_every_iso_country_once():
    table = country_table()
    assert len(table) >= 249
    assert len({c.code for c in table}) == len(table)
    assert all(len(c.code) == 2 and len(c.alpha3) == 3 and c.numeric for c in table)


def test_common_names_are_the_short_names_newsrooms_use():
    names = {c.code: c.name for c in country_table()}
    assert names["RU"] == "Russia"
    assert names["KP"] == "North Korea"
    assert names["KR"] == "South Korea"
    assert names["IR"] == "Iran"
    assert names["TW"] == "Taiwan"
    assert names["US"] == "United States"
    assert names["VN"] == "Vietnam"
    assert country_by_code()["RU"].official_name == "Russian Federation"


def test_no_alias_belongs_to_two_countries():
    owners: dict[str, str] = {}
    for country in country_table():
        for alias in (country.name, *country.aliases):
            assert owners.setdefault(alias, country.code) == country.code, alias


def test_major_states_have_demonyms_and_capitals():
    table = country_by_code()
    for code, alias in [
        ("RU", "Kremlin"),
        ("KP", "DPRK"),
        ("UA", "Kyiv"),
        ("UA", "Kiev"),
        ("CN", "Chinese"),
        ("US", "U.S."),
        ("GB", "Downing Street"),
        ("AE", "Emirati"),
        ("IR", "Tehran"),
        ("DE", "German"),
        ("FR", "Élysée"),
        ("TR", "Ankara"),
        ("KZ", "Kazakh"),
        ("NG", "Abuja"),
        ("BR", "Brasília"),
        ("SA", "Saudi"),
        ("IN", "New Delhi"),
        ("EE", "Tallinn"),
    ]:
        assert alias in table[code].aliases, (code, alias)
    curated = [c for c in country_table() if len(c.aliases) >= 2]
    assert len(curated) >= 190


def test_it_finds_capitals_as_metonyms():
    found = mentioned(
        "Pyongyang sent troops; the Kremlin denied it, Kyiv’s spies and Kyiv's allies disagreed, "
        "Tehran and Beijing kept quiet and Downing Street said nothing."
    )
    assert found == [
        ("Pyongyang", "KP"),
        ("the Kremlin", "RU"),
        ("Kyiv", "UA"),
        ("Kyiv", "UA"),
        ("Tehran", "IR"),
        ("Beijing", "CN"),
        ("Downing Street", "GB"),
    ]


def test_north_korean_is_never_south_korea_and_vice_versa():
    assert mentioned("North Korean troops and South Korean support") == [("North Korean", "KP"), ("South Korean", "KR")]
    assert mentioned("The North Koreans arrived.") == [("North Koreans", "KP")]


def test_ambiguous_regions_are_no_country():
    assert mentioned("the Korean Peninsula and the broader Indo-Pacific") == []
    assert mentioned("Latin American leaders and the South China Sea") == []
    assert mentioned("Nato, BRICS, the West and Western-led sanctions") == []


def test_lowercase_us_is_a_pronoun_not_the_united_states():
    assert codes("This is a wake-up call for us, and it worries us.") == []
    assert codes("The limits on [US] power, USA Today and the U.S. Treasury") == ["US"]
    assert mentioned("USSR, USB and AUSTRALIAN") == []


def test_capitals_in_a_shouting_heading_are_not_us():
    doc = Document.from_paragraphs([(PassageKind.HEADING, "A WAKE-UP CALL FOR US ALL"), "Quiet body text."])
    assert extract_countries(doc) == []


def test_washington_dc_is_the_united_states_but_george_washington_is_not():
    assert mentioned("a Washington, D.C. research group") == [("Washington, D.C.", "US")]
    assert mentioned("a portrait of George Washington and Denzel Washington") == []
    assert mentioned("In Washington, officials were cautious.") == [("Washington", "US")]


def test_georgia_the_us_state_is_not_the_country():
    assert codes("Voters in Georgia, a swing state, queued outside Atlanta.") == []
    assert codes("Georgia wants to join the EU; Tbilisi has protests.") == ["GE"]


def test_first_names_are_not_countries():
    assert codes("Jordan Peterson and Chad Smith spoke.") == []
    assert codes("The Israel Defense Forces said Jordan was consulted.") == ["IL", "JO"]


def test_exclude_drops_person_names_but_keeps_countries_in_organisation_names():
    text = "Israel Katz met the U.S. National Security Council and the Korean People’s Army."
    katz, council, army = (
        Span(text.index(n), text.index(n) + len(n), n)
        for n in ("Israel Katz", "U.S. National Security Council", "Korean People’s Army")
    )
    assert codes(text, exclude=[katz, council, army]) == ["US", "KP"]
    assert codes("Jimmy Wales spoke.") == ["GB"]  # no rule knows him: only the exclude span does
    assert codes("Jimmy Wales spoke.", exclude=[Span(0, 11, "Jimmy Wales")]) == []


def test_credits_are_skipped_but_captions_and_headings_count():
    doc = Document.from_paragraphs(
        [
            (PassageKind.HEADING, "Explosives from Pyongyang"),
            "Body about Ukraine.",
            (PassageKind.CAPTION, "Soldiers in Moscow on Monday."),
            (PassageKind.CREDIT, "Turkish Press Agency/AFP"),
        ]
    )
    assert {c.code for c in extract_countries(doc)} == {"KP", "UA", "RU"}


def test_mentions_carry_offsets_into_the_body_and_counts():
    doc = Document.from_paragraphs(["Intro.", "Chinese state media praised China and Russian officials."])
    results = extract_countries(doc)
    assert [(c.code, c.count) for c in results] == [("CN", 2), ("RU", 1)]
    for result in results:
        for span in result.mentions:
            assert doc.body[span.start : span.end] == span.text


def test_plurals_possessives_and_official_names():
    assert mentioned("Americans, Emiratis and Ukraine’s allies") == [
        ("Americans", "US"),
        ("Emiratis", "AE"),
        ("Ukraine", "UA"),
    ]
    assert mentioned("the Democratic People's Republic of Korea and the Republic of Korea") == [
        ("Democratic People's Republic of Korea", "KP"),
        ("Republic of Korea", "KR"),
    ]
    assert mentioned("the United Arab Emirates and the People’s Republic of China") == [
        ("United Arab Emirates", "AE"),
        ("People’s Republic of China", "CN"),
    ]


def test_alias_map_marks_non_countries_explicitly():
    aliases = alias_map()
    assert aliases["Korean Peninsula"] is None
    assert aliases["Russians"] == "RU"
