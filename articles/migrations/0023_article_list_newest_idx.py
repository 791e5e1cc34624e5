"""The article list's default order as an index (published newest first, undated first as
PostgreSQL sorts a descending column, then imported_at and id), so /articles/ reads its first page
from the index and stops: it sorted all 100,000 articles for 25 (300 ms). Builds in under a second."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0022_quote_article_visible_idx")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(models.F("published").desc(), models.F("imported_at").desc(), "id",
                               name="article_list_newest_idx"),
        ),
    ]
