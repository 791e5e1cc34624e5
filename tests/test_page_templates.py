"""Shared page parts: one listing wrapper for the article, quote and person lists, the main
navigation from one list, and chart geometry from articles/charts.py, not from the templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from articles.charts import column_chart, heatmap
from articles.templatetags import commentariat

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HTMX = {"HX-Request": "true", "HX-Target": "results"}
LISTS = {"/articles/": "2 articles", "/quotes/": "quotes", "/people/": "people"}


def _names(response) -> list[str]:
    return [template.name for template in response.templates]


@pytest.mark.parametrize("url", LISTS)
def test_the_article_quote_and_person_lists_share_one_listing_wrapper(client, corpus, url):
    for response in (client.get(url), client.get(url, headers=HTMX)):
        assert response.status_code == 200
        assert "includes/listing.html" in _names(response)
        html = response.content.decode()
        assert html.count('id="results"') == 1
        assert re.search(rf'<p class="result-count">\d+ {LISTS[url].split()[-1]}</p>', html)
        assert ('name="from"' in html) is (url != "/people/")  # people have no dates to filter
    fragment = client.get(url, headers=HTMX).content.decode()
    assert fragment.lstrip().startswith('<div id="results" class="listing"') and "<html" not in fragment


def test_the_main_navigation_is_drawn_from_one_list_and_marks_the_section_shown(client, corpus, monkeypatch):
    from articles.models import Person

    def nav(url: str) -> str:
        return re.search(r'<nav aria-label="Main">(.*?)</nav>', client.get(url).content.decode(), re.S).group(1)

    def current(url: str) -> list[str]:
        return re.findall(r'<a href="([^"]+)" aria-current="page">', nav(url))

    monkeypatch.setattr(commentariat, "NAVIGATION", (*commentariat.NAVIGATION, ("Search", "search", ())))
    labels = re.findall(r"<li><a [^>]*>([^<]+)</a></li>", nav("/quotes/"))
    assert labels == [label for label, _, _ in commentariat.NAVIGATION]
    assert labels[:3] == ["Articles", "Quotes", "People"] and labels[-1] == "Search"
    assert current("/quotes/") == ["/quotes/"]
    assert current("/search/?q=Garlauskas") == ["/search/"]
    assert current("/") == []
    assert current("/figures/") == ["/figures/"]
    assert current(Person.objects.get(name="Markus Garlauskas").get_absolute_url()) == ["/people/"]


# Coordinates and sizes written as numbers (the origin, 0, aside), offsets added in the template.
GEOMETRY = re.compile(r'(?<=\s)(?:x|y|x1|x2|y1|y2|width|height)="(?!0")[^"{]*\d|translate\([^)]*\d|rotate\(-?\d|\|add:')


@pytest.mark.parametrize("name", ["charts/columns.html", "charts/matrix.html", "exports/sections/chart.html",
                                  "exports/sections/figures.html", "figures/figure_list.html"])
def test_chart_templates_hold_no_geometry_of_their_own(name):
    assert GEOMETRY.findall((TEMPLATES / name).read_text()) == []


def test_the_column_chart_is_drawn_where_charts_py_puts_its_axis():
    chart = column_chart([("Jan 2024", 3), ("Feb 2024", 1)], title="Quotes", width=400, height=120)
    chart.plot_left = 50  # a wider label column: everything left of the bars follows it
    svg = render_to_string("charts/columns.html", {"chart": chart})
    assert f'x1="{chart.grid_x:g}"' in svg and chart.grid_x == 48
    assert f'class="tick" x="{chart.tick_x:g}"' in svg
    assert svg.count(f'y="{chart.label_y:g}"') == len(chart.labels) and chart.label_y == 114


def test_the_heat_map_cells_follow_the_geometry_from_charts_py():
    matrix = {"themes": [("escalation", "Escalation"), ("alliances", "Alliances")],
              "rows": [{"name": "Newsweek", "slug": "newsweek", "cells": [(3, 100), (0, 0)]}]}
    heat = heatmap(matrix, label_width=120, cell_width=40, cell_height=30, header=60)
    svg = render_to_string("charts/matrix.html", {"matrix": matrix, "heat": heat})
    assert svg.count('width="38" height="28"') == 2  # each cell drawn 2 less than its pitch
    assert 'x="114" y="80" text-anchor="end"' in svg  # the outlet's name, right of nothing, left of the cells
    assert 'x="139.0" y="80" text-anchor="middle">3</text>' in svg  # the count in its cell's middle
    assert "translate(140.0 54) rotate(-40)" in svg
