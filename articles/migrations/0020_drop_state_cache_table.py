"""The "state" cache (the data version and recount locks) is gone: the archive's generation lives in
the default cache (articles/summaries.py), where losing it only costs a recount."""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS "commentariat_state" (
    "cache_key" varchar(255) NOT NULL PRIMARY KEY,
    "value" text NOT NULL,
    "expires" timestamp with time zone NOT NULL
);
CREATE INDEX IF NOT EXISTS "commentariat_state_expires" ON "commentariat_state" ("expires");
"""


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_reports")]

    operations = [migrations.RunSQL('DROP TABLE IF EXISTS "commentariat_state"', CREATE)]
