"""The tables behind the "pages" and "state" caches (settings.CACHES): whole pages apart from
summaries, and the data version where culling never reaches it."""

from django.db import migrations

from articles.migrations._frozen import create_cache_table as create_table


def create_cache_tables(apps, schema_editor) -> None:
    create_table(schema_editor, 'commentariat_pages')
    create_table(schema_editor, 'commentariat_state')


def drop_cache_tables(apps, schema_editor) -> None:
    for table in ("commentariat_pages", "commentariat_state"):
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_person_trigrams")]

    operations = [migrations.RunPython(create_cache_tables, drop_cache_tables)]
