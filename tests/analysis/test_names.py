"""Person keys and cross-article matching."""

from __future__ import annotations

from analysis.names import fold, is_alias_of, person_key, same_person, surname_of


def test_fold_removes_diacritics_and_case() -> None:
    assert fold("Erdoğan") == "erdogan"
    assert fold("Łukasz Wróbel") == "lukasz wrobel"
    assert fold("O’Brien") == "o'brien"


def test_key_folds_hyphens_case_and_diacritics() -> None:
    assert person_key("Kim Jong-un") == person_key("Kim Jong Un") == person_key("KIM JONG UN")
    assert person_key("Erdoğan") == person_key("Erdogan")
    assert person_key("José Álvarez-Núñez") == person_key("Jose Alvarez Nunez")


def test_key_ignores_titles_and_word_order() -> None:
    assert person_key("Dr. Hannah Berg") == person_key("Hannah Berg") == person_key("Berg Hannah")
    assert person_key("Prof Hannah Berg") == person_key("Hannah Berg")


def test_key_maps_title_and_surname_of_a_public_figure_to_the_full_name() -> None:
    assert person_key("President Xi") == person_key("Xi Jinping")
    assert person_key("President Putin") == person_key("Vladimir Putin")
    assert person_key("Erdogan") == person_key("Recep Tayyip Erdoğan")
    assert person_key("President Zelensky") == person_key("Volodymyr Zelenskyy")
    assert person_key("President Erdogan of Turkey") == person_key("Recep Tayyip Erdogan")


def test_an_ambiguous_bare_surname_keeps_its_own_key() -> None:
    # Several well-known people are called Kim or Johnson: no guess.
    assert person_key("Kim") == "kim"
    assert person_key("Johnson") == "johnson"


def test_same_person_matches_a_bare_surname_against_a_full_name() -> None:
    assert same_person("Silberg", "David Silberg")
    assert same_person("President Xi", "Xi Jinping")
    assert same_person("Kim Jong-un", "Kim Jong Un")
    assert same_person("J. Whitmore", "James Whitmore")


def test_same_person_never_merges_different_full_names_sharing_a_surname() -> None:
    assert not same_person("John Smith", "Jane Smith")
    assert not same_person("Kim Jong Un", "Kim Yo Jong")
    assert not same_person("Boris Johnson", "Mike Johnson")
    assert not same_person("David Silberg", "Daniel Silberg")
    assert not same_person("Anna Berg", "Anna Lind")


def test_surname_handles_particles_and_family_first_names() -> None:
    assert surname_of("Ursula von der Leyen") == "von der leyen"
    assert surname_of("Charlotte de Vries") == "de vries"
    assert surname_of("Xi Jinping") == "xi"


def test_aliases_within_an_article() -> None:
    assert is_alias_of("Garber", "Markus Garber")
    assert is_alias_of("Kim", "Kim Jong-un")
    assert not is_alias_of("Markus", "Markus Garber")
    assert not is_alias_of("Garber", "Garber")
