"""Model URLs come from a memo of reverse() that still honours the script prefix."""

from __future__ import annotations

from django.urls import get_script_prefix, reverse, set_script_prefix

from articles.links import page_url


def test_it_gives_what_reverse_gives():
    assert page_url("person_detail", "markus-garlauskas") == reverse("person_detail", args=["markus-garlauskas"])
    assert page_url("quote_detail", 7) == reverse("quote_detail", args=[7]) == "/quotes/7/"


def test_an_app_mounted_under_a_path_gets_its_own_urls():
    before = get_script_prefix()
    page_url("theme_detail", "brics")  # remembered under the root prefix
    set_script_prefix("/commentary/")
    try:
        assert page_url("theme_detail", "brics") == "/commentary/themes/brics/"
    finally:
        set_script_prefix(before)
    assert page_url("theme_detail", "brics") == "/themes/brics/"
