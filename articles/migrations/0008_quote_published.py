"""Indexes for a million quotes. Quote.published: the article's date on each quote, kept by triggers,
so quote lists sort on one table; an outlet's articles and a theme's strongest articles in index order.

With a million quotes, "newest first" joined to articles sorted the whole join on every page;
on the quote itself a partial index hands over the first page directly.
"""

from django.db import migrations, models

# The backfill runs before the triggers exist: one join, not a subquery for each of a million rows.
SYNC = """
UPDATE articles_quote q SET published = a.published
    FROM articles_article a WHERE a.id = q.article_id AND a.published IS NOT NULL;

CREATE FUNCTION articles_quote_take_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.published := (SELECT published FROM articles_article WHERE id = NEW.article_id);
    RETURN NEW;
END $$;

CREATE TRIGGER quote_takes_article_published
    BEFORE INSERT OR UPDATE OF article_id, published ON articles_quote
    FOR EACH ROW EXECUTE FUNCTION articles_quote_take_published();

CREATE FUNCTION articles_article_give_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_quote SET published = NEW.published WHERE article_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER article_gives_quotes_published
    AFTER UPDATE OF published ON articles_article
    FOR EACH ROW WHEN (OLD.published IS DISTINCT FROM NEW.published)
    EXECUTE FUNCTION articles_article_give_published();

"""

UNSYNC = """
DROP TRIGGER article_gives_quotes_published ON articles_article;
DROP FUNCTION articles_article_give_published();
DROP TRIGGER quote_takes_article_published ON articles_quote;
DROP FUNCTION articles_quote_take_published();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_quote_review_queue'),
    ]

    operations = [
        migrations.AddField(
            model_name='quote',
            name='published',
            field=models.DateField(blank=True, editable=False, help_text="The article's date, copied by a database trigger so quote lists sort without a join.", null=True),
        ),
        migrations.RunSQL(SYNC, UNSYNC),
        migrations.AddIndex(
            model_name='quote',
            index=models.Index(models.OrderBy(models.F('published'), descending=True, nulls_last=True), models.F('article_id'), models.F('start'), models.F('id'), condition=models.Q(('status', 'rejected'), _negated=True), name='quote_published_idx'),
        ),
        migrations.AddIndex(
            model_name='quote',
            index=models.Index(models.F('speaker'), models.OrderBy(models.F('published'), descending=True, nulls_last=True), models.F('article_id'), models.F('start'), models.F('id'), condition=models.Q(('status', 'rejected'), _negated=True), name='quote_speaker_published_idx'),
        ),
        migrations.RemoveIndex(
            model_name='article',
            name='article_source_published_idx',
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(models.F('source'), models.OrderBy(models.F('published'), descending=True, nulls_last=True), models.OrderBy(models.F('id'), descending=True), name='article_source_newest_idx'),
        ),
        migrations.AddIndex(
            model_name='articletheme',
            index=models.Index(fields=['theme', '-score', '-id'], name='article_theme_top_idx'),
        ),
    ]
