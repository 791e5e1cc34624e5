"""The table behind CACHES["default"] (Django's DatabaseCache), so a plain ``migrate`` makes it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name('commentariat_cache')}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_quote_published")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
