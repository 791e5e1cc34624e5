"""The tables behind the "pages" and "state" caches (settings.CACHES): whole pages apart from
summaries, and the data version where culling never reaches it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)  # skips existing ones


def drop_cache_tables(apps, schema_editor) -> None:
    for table in ("commentariat_pages", "commentariat_state"):
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_person_trigrams")]

    operations = [migrations.RunPython(create_cache_tables, drop_cache_tables)]
