"""The person search's trigram threshold as the database's own default, not only a per-connection
SET: behind a transaction-pooling proxy (PgBouncer) a session setting does not stick.

Altering the database needs its owner; where the app's user is not, the connection-level SET
(articles/models/people.py) still applies and the migration only says so.
The value is TRIGRAM_THRESHOLD as it is when the migration runs; the per-connection SET always
follows the current setting.
"""

from django.conf import settings
from django.db import migrations

# The setting, not a copy of it: a float read by config/env.py, so it is safe in the SQL.
SET_DEFAULT = f"""
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET pg_trgm.word_similarity_threshold = {float(settings.TRIGRAM_THRESHOLD)}', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'not the database owner: pg_trgm.word_similarity_threshold is set per connection instead';
END $$;
"""

RESET_DEFAULT = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I RESET pg_trgm.word_similarity_threshold', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    NULL;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_cache_tables")]

    operations = [migrations.RunSQL(SET_DEFAULT, RESET_DEFAULT)]
