import re

from analysis.themes import DEFAULT_THEMES, ThemeSpec, keyword_pattern, score_themes

FOOTBALL = (
    "Arsenal beat Chelsea 3-1 on Saturday afternoon in a lively London derby. Bukayo Saka opened the "
    "scoring after twelve minutes with a curling shot from the edge of the box, and Martin Odegaard doubled "
    "the lead before half-time with a low drive. Chelsea pulled one back through Cole Palmer's penalty, but "
    "Kai Havertz headed in a corner late on to seal the points. The manager praised his defence, the "
    "goalkeeper made three fine saves, and the crowd sang throughout. The win lifts the club to second in "
    "the table, two points behind the leaders, with a trip to Newcastle next weekend. Supporters will hope "
    "the injured captain returns for the cup tie in midweek, when the squad will be rotated again. The "
    "visitors' coach said his players had shown character but lacked a cutting edge in the final third, "
    "and that the referee had missed a handball in the first half."
)
RECIPE = (
    "Heat the olive oil in a large pan over a medium flame. Add the chopped onion and garlic and cook "
    "gently for ten minutes until soft and golden. Stir in the tomatoes, a pinch of sugar and the "
    "oregano, then simmer for twenty minutes, stirring now and then so the sauce does not catch. Season "
    "with salt and pepper. Meanwhile bring a large pot of salted water to the boil and cook the pasta until "
    "al dente. Drain, keeping a cup of the cooking water, and toss the pasta through the sauce, loosening "
    "it with a little of the water. Serve with grated parmesan, torn basil and a drizzle of good oil. "
    "Leftovers keep in the fridge for three days and freeze well; reheat gently with a splash of water."
)
WAR = (
    "Western allies fear escalation after North Korean troops arrived. Officials warned of a wider war, "
    "while the alliance debated sanctions and new sanctions packages. BRICS leaders met in Kazan."
)


def slugs(text: str, **kwargs) -> list[str]:
    return [t.slug for t in score_themes(text, DEFAULT_THEMES, **kwargs)]


def test_keyword_syntax_prefix_plural_and_separators():
    assert re.fullmatch(keyword_pattern("escalat*"), "escalatory")
    assert re.fullmatch(keyword_pattern("sanction"), "sanctions")
    assert not re.fullmatch(keyword_pattern("sanction"), "sanctioned")
    assert re.fullmatch(keyword_pattern("red line"), "red-line")
    assert re.fullmatch(keyword_pattern("de-escalat*"), "de escalation")
    assert re.fullmatch(keyword_pattern("de-escalat*"), "deescalation")


def test_default_themes_cover_the_required_slugs():
    defined = {t.slug for t in DEFAULT_THEMES}
    assert {"escalation", "brics", "alliances", "sanctions", "military-aid", "nuclear", "world-order"} <= defined
    assert len(defined) == len(DEFAULT_THEMES)
    for theme in DEFAULT_THEMES:
        assert theme.keywords and all(k == k.lower() for k in theme.keywords), theme.slug


def test_it_finds_themes_in_war_commentary_with_matches():
    scores = {t.slug: t for t in score_themes(WAR, DEFAULT_THEMES)}
    assert {"escalation", "alliances", "sanctions", "brics"} <= set(scores)
    assert scores["sanctions"].matches == ["sanction*"]
    assert "escalat*" in scores["escalation"].matches and "wider war" in scores["escalation"].matches


def test_themes_do_not_fire_on_a_football_report_or_a_recipe():
    assert slugs(FOOTBALL) == []
    assert slugs(RECIPE) == []


def test_one_hit_makes_a_quote_about_a_theme_but_not_a_long_article():
    assert slugs("a step toward the escalation of the conflict") == ["escalation"]
    assert "sanctions" not in slugs(FOOTBALL + " Fans joked about sanctions on the referee.")


def test_score_is_hits_per_thousand_words_and_sorted():
    long_text = ("nuclear " * 3 + "sanctions " * 6 + "filler " * 991).strip()
    scores = score_themes(long_text, DEFAULT_THEMES)
    assert [(s.slug, s.score) for s in scores] == [("sanctions", 6.0), ("nuclear", 3.0)]
    assert score_themes(long_text, DEFAULT_THEMES, min_score=4) == scores[:1]


def test_editors_can_supply_their_own_themes():
    themes = (ThemeSpec("grain", "Grain", "Grain exports", ("grain", "wheat export*", "black sea corridor")),)
    result = score_themes("Wheat exports through the Black Sea corridor resumed; grain prices fell.", themes)
    assert [t.slug for t in result] == ["grain"]
    assert set(result[0].matches) == {"grain", "wheat export*", "black sea corridor"}
    assert score_themes("", themes) == []
