"""Exports of the pages of speakers who are not named people (articles/views/speakers.py): an
organisation's quotes, and a described source's quotes by outlet, as quote reports."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from articles.exports import sections
from articles.exports.pages import _quote_report, _subject, _visible_quotes
from articles.exports.report import AppliedFilter, Site
from articles.models import Organisation


def organisation_detail(request: HttpRequest, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    queryset = _visible_quotes().filter(speaker_organisation=organisation).newest_first()
    return _quote_report(
        request, queryset, page="organisation_detail", kind_label="Organisation", title=organisation.name,
        filename=["organisation", organisation.slug], standfirst=organisation.get_kind_display(),
        subject=_subject("organisation", organisation, request, organisation.name),
        build_sections=lambda site: [sections.quotes(f"Quotes from {organisation.name}", queryset, site)],
    )


def described_source(request: HttpRequest, slug: str):
    from articles.views.speakers import described_source_quotes

    queryset, outlets, outlet = described_source_quotes(request, slug)
    description = outlets[0]["description"]
    filters = [AppliedFilter("source", outlet.slug, "Outlet", outlet.name)] if outlet else []

    def build(site: Site) -> list:
        return [sections.quotes(f"Quotes from “{description}”", queryset, site)]

    return _quote_report(
        request, queryset, page="described_source", kind_label="Anonymous source", title=description[:300],
        filename=["anonymous", slug, *(["source", outlet.slug] if outlet else [])], filters=filters,
        standfirst="Quotes attributed to this description, by outlet.",
        subject={"type": "described_source", "id": None, "slug": slug, "name": description,
                 "permalink": Site(request).url(request.path)},
        build_sections=build,
    )
