from django.db import migrations

from articles.migrations._frozen import seed_countries, seed_themes


def seed(apps, schema_editor):
    # Frozen data, not the live gazetteer: see articles/migrations/_frozen.py.
    seed_countries(apps)
    seed_themes(apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
