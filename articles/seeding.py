"""Reference data every installation starts with: ISO countries, the seed themes, the Editors group.

The migrations that first created it (0003, 0006, 0007) use a frozen copy of this data
(articles/migrations/_frozen.py), so that later changes here or to the gazetteer never change
what an old migration does; these functions take it from the live code.
"""

from __future__ import annotations

from analysis.countries import country_table
from analysis.themes import DEFAULT_THEMES


def seed_countries(country_model) -> int:
    """Create or refresh every ISO 3166-1 country with its curated aliases."""
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
    created = 0
    for spec in DEFAULT_THEMES:
        _, was_created = theme_model.objects.get_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "description": spec.description, "keywords": "\n".join(spec.keywords)},
        )
        created += was_created
    return created


EDITORS = "Editors"
# What editors may do: annotate, review quotes, edit people, themes and articles,
# merge people. Not: delete articles, manage users or groups.
EDITOR_PERMISSIONS = {
    "annotation": ["view", "add", "change", "delete"],
    "quote": ["view", "add", "change", "delete"],
    "quotereview": ["view", "change"],
    "quotetheme": ["view", "add", "change", "delete"],
    "person": ["view", "add", "change", "delete"],
    "personmention": ["view", "add", "change", "delete"],
    "organisation": ["view", "add", "change"],
    "theme": ["view", "add", "change"],
    "article": ["view", "add", "change"],
    "passage": ["view"],
    "source": ["view", "add", "change"],
    "country": ["view"],
    "countrymention": ["view"],
    "organisationmention": ["view"],
    "articletheme": ["view"],
    "figure": ["view", "change"],
}


def grant_editor_permissions(apps) -> None:
    """Create the Editors group (from a migration) with exactly the permissions above."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations have run; editors need them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True  # historical app configs have none
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=EDITORS)
    codenames = [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]
    group.permissions.set(
        permission_model.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )
