"""Reference data every installation starts with: ISO countries and the seed themes.

Functions take the model classes so that migrations can pass their historical models.
"""

from __future__ import annotations


def seed_countries(country_model) -> int:
    """Create or refresh every ISO 3166-1 country with its curated aliases."""
    from analysis.countries import country_table

    count = 0
    for info in country_table():
        country_model.objects.update_or_create(
            code=info.code,
            defaults={
                "alpha3": info.alpha3,
                "name": info.name,
                "official_name": info.official_name,
                "aliases": list(info.aliases),
            },
        )
        count += 1
    return count


def seed_themes(theme_model) -> int:
    """Create the seed themes that do not exist yet; themes editors changed are left alone."""
    from analysis.themes import DEFAULT_THEMES

    created = 0
    for spec in DEFAULT_THEMES:
        _, was_created = theme_model.objects.get_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "description": spec.description, "keywords": "\n".join(spec.keywords)},
        )
        created += was_created
    return created
