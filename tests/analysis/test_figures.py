from analysis.document import Document, PassageKind
from analysis.figures import extract_figures
from analysis.numbers import find_quantities, words_to_number
from analysis.results import OrganisationResult, PersonResult, Span


def figures(*paragraphs, people=(), organisations=()):
    return extract_figures(Document.from_paragraphs(list(paragraphs)), people, organisations)


def values(*paragraphs) -> list[tuple[float, float]]:
    return [(f.value_low, f.value_high) for f in figures(*paragraphs)]


def test_word_numbers_parse():
    assert words_to_number("three hundred and fifty") == 350
    assert words_to_number("twenty-five") == 25
    assert words_to_number("half a million") == 500_000
    assert words_to_number("two dozen") == 24
    assert words_to_number("eight million") == 8_000_000
    assert words_to_number("a") is None


def test_quantities_with_scales_currencies_and_percentages():
    found = {
        q.text: (q.value, q.unit)
        for q in find_quantities(
            "1.5 million people, $60bn, £2.5bn, €3 billion, 400m euros, 40 percent, 12 per cent and 7%"
        )
    }
    assert found == {
        "1.5 million": (1_500_000, None),
        "$60bn": (60e9, "USD"),
        "£2.5bn": (2.5e9, "GBP"),
        "€3 billion": (3e9, "EUR"),
        "400m euros": (4e8, "EUR"),
        "40 percent": (40, "%"),
        "12 per cent": (12, "%"),
        "7%": (7, "%"),
    }


def test_digits_with_commas_and_an_approximate_qualifier():
    [fig] = figures("Officials said around 11,000 Ruritanian infantry troops were training near the border.")
    assert (fig.text, fig.value_low, fig.value_high, fig.approximate) == (
        "around 11,000 Ruritanian infantry troops",
        11000,
        11000,
        True,
    )
    assert fig.about == "Ruritanian infantry troops"


def test_ranges_between_from_to_and_shared_scale():
    assert values("Between 2 and 3 million refugees fled the fighting.") == [(2e6, 3e6)]
    assert values("Estimates put the toll at 1,200-1,500 casualties last week.") == [(1200, 1500)]
    assert values("They sent from 40 to 60 tanks to the front.") == [(40, 60)]


def test_up_to_more_than_at_least_keep_the_number_and_mark_it_approximate():
    figs = figures("Up to 5,000 volunteers joined. More than 200 drones were launched. At least 30 civilians died.")
    assert [(f.value_low, f.approximate) for f in figs] == [(5000, True), (200, True), (30, True)]


def test_sentence_initial_word_numbers_and_scales_in_words():
    figs = figures(
        "Six Ruritanian technicians were killed in the strike. Russia bought a million shells and two dozen launchers."
    )
    assert [(f.text, f.value_low) for f in figs] == [
        ("Six Ruritanian technicians were killed", 6),
        ("a million shells", 1e6),
        ("two dozen launchers", 24),
    ]
    assert figs[0].group_key.endswith("killed")


def test_money_and_percentages_carry_a_unit():
    [aid, share] = figures("Congress approved $60bn in military aid. Polls show 40 percent of Ukrainians back talks.")
    assert (aid.value_low, aid.unit, aid.about) == (60e9, "USD", "military aid")
    assert (share.value_low, share.unit, share.about) == (40, "%", "Ukrainians")


def test_dates_years_times_codes_ages_and_labels_are_not_figures():
    text = (
        "On February 16, 2019, and again on November 1 and 6 August, in 2009 and in the 1950s, at 10:30 "
        "and at 9am, KN-23 missiles and F-16s under Article 5 were discussed by Putin, 72, aged 45, "
        "during WWII with the XI Corps on page 12."
    )
    assert figures(text) == []


def test_pronoun_one_partitives_durations_and_vague_plurals_are_not_figures():
    text = (
        "Even if one excludes the claims, it can only be sold once; one such case. Two of his closest "
        "allies left. They stayed for three days and walked ten miles. Thousands of troops and dozens "
        "of tanks arrived."
    )
    assert figures(text) == []


def test_only_body_passages_are_read():
    doc = Document.from_paragraphs(
        [
            (PassageKind.CAPTION, "Some 400 soldiers parade in the capital."),
            "Nothing to count here.",
            (PassageKind.BIO, "She is the author of more than 20 books on Russia."),
        ]
    )
    assert extract_figures(doc) == []


def test_backward_noun_for_counting_cues():
    [fig] = figures(
        "The arrival of Ruritanian combat troops near the front, in numbers ranging from 1,500 to "
        "12,000 according to various reports, alarmed Kyiv."
    )
    assert (fig.value_low, fig.value_high, fig.attributed_to) == (1500, 12000, "various reports")
    assert fig.about == "Ruritanian combat troops"


def test_same_thing_counted_differently_shares_a_group_key_but_an_army_size_does_not():
    a = figures("Around 11,000 North Korean infantry troops are training.")[0]
    b = figures("North Korean combat troops arrived in numbers ranging from 1,500 to 12,000.")[0]
    c = figures("It has 11,000 North Korean soldiers there.")[0]
    army = figures("Most of the 950,000 ordinary troops in the Korean People’s Army have never fought.")[0]
    assert a.group_key == b.group_key == c.group_key == "north-korea-troops"
    assert army.group_key == "troops-korean-peoples-army"
    assert army.about == "ordinary troops in the Korean People’s Army"


def test_attribution_to_people_organisations_and_as_printed():
    putin = PersonResult(name="Vladimir Putin", key="putin", aliases=["Putin"])
    directorate = OrganisationResult(name="Defense Intelligence Directorate", key="did")
    [claim] = figures(
        "Besides, while Putin claimed that 34 countries had expressed an interest, few joined.", people=[putin]
    )
    assert (claim.value_low, claim.attributed_to) == (34, "Vladimir Putin")
    [intel] = figures(
        "But Kyiv’s Defense Intelligence Directorate said there are around 11,000 troops.", organisations=[directorate]
    )
    assert intel.attributed_to == "Defense Intelligence Directorate"
    [ministry] = figures("About 300 drones were shot down overnight, the Ruritanian defence ministry said.")
    assert ministry.attributed_to == "Ruritanian defence ministry"
    assert figures("It now comprises nine member nations.")[0].attributed_to is None


def test_numbers_inside_names_are_skipped():
    text = "The Group of 20 nations met."
    org = OrganisationResult(name="Group of 20", key="g20", mentions=[Span(4, 15, "Group of 20")])
    assert values(text) == [(20, 20)]
    assert extract_figures(Document.from_paragraphs([text]), (), [org]) == []
