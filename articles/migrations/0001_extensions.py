from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# pgvector is optional: enabled where the server has it (the embedded one does).
ENABLE_VECTOR = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        CREATE EXTENSION IF NOT EXISTS vector;
    END IF;
END
$$;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunSQL(ENABLE_VECTOR, reverse_sql=migrations.RunSQL.noop),
    ]
