"""A partial index in confidence order (rejected quotes left out, as on every reader's list), so a
theme page sorted by confidence walks it and stops after a page instead of sorting every quote on
the theme (1.1 s for the commonest of a million)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_drop_state_cache_table")]

    operations = [
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(fields=["confidence", "id"], name="quote_confidence_idx",
                               condition=~models.Q(status="rejected")),
        ),
    ]
