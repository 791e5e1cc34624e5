"""The table behind the "ratelimit" cache (settings.CACHES): request counts per address, apart
from pages and summaries so that neither pushes the other out."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)  # skips existing ones


def drop_cache_table(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name('commentariat_ratelimit')}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_word_similarity_default")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
