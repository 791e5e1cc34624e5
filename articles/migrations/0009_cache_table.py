"""The table behind CACHES["default"] (Django's DatabaseCache), so a plain ``migrate`` makes it."""

from django.db import migrations

from articles.migrations._frozen import create_cache_table as create_table


def create_cache_table(apps, schema_editor) -> None:
    create_table(schema_editor, 'commentariat_cache')


def drop_cache_table(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name('commentariat_cache')}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_quote_published")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
