from django.db import migrations

from articles.seeding import seed_countries, seed_themes


def seed(apps, schema_editor):
    seed_countries(apps.get_model("articles", "Country"))
    seed_themes(apps.get_model("articles", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
