"""The table behind the "ratelimit" cache (settings.CACHES): request counts per address, apart
from pages and summaries so that neither pushes the other out."""

from django.db import migrations

from articles.migrations._frozen import create_cache_table as create_table


def create_cache_table(apps, schema_editor) -> None:
    create_table(schema_editor, 'commentariat_ratelimit')


def drop_cache_table(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name('commentariat_ratelimit')}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_word_similarity_default")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
