from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Commentary"

    # Rows by the hundred thousand, deleted in bulk by re-extraction and retagging: a delete
    # receiver would make Django load each one before deleting it. The code that deletes them
    # calls mark_changed() itself, and an editor's change to one saves its parent anyway.
    BULK_LINKS = {"ArticleTheme", "QuoteTheme", "CountryMention", "PersonMention", "OrganisationMention",
                  "Figure", "Passage"}
    # Bookkeeping, not archive data: a job's progress (or a reader's report) changes no page.
    NOT_DATA = {"Job", "Report"}

    def ready(self) -> None:
        from django.db.models import signals

        from articles import auth
        from articles.summaries import on_articles_change

        auth.connect()  # usernames normalised on save; failed logins counted per address

        # Any write to the app's rows invalidates the cached counts (articles/summaries.py). Bulk
        # writes send no signals: the functions doing them call mark_changed() themselves.
        for model in self.get_models(include_auto_created=True):  # m2m tables too (article authors…)
            name = model.__name__
            if name.startswith("Historical") or name in self.NOT_DATA:
                continue
            signals.post_save.connect(on_articles_change, sender=model, dispatch_uid=f"summaries_save_{name}")
            signals.m2m_changed.connect(on_articles_change, sender=model, dispatch_uid=f"summaries_m2m_{name}")
            if name not in self.BULK_LINKS:
                signals.post_delete.connect(on_articles_change, sender=model, dispatch_uid=f"summaries_delete_{name}")
