from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Commentary"

    def ready(self) -> None:
        from django.db.models import signals

        from articles.summaries import on_articles_change

        # Any write to the app's rows invalidates the cached counts (articles/summaries.py). Bulk
        # writes send no signals: the functions doing them call mark_changed() themselves.
        for model in self.get_models():
            if model.__name__.startswith("Historical"):
                continue
            for name in ("post_save", "post_delete", "m2m_changed"):
                getattr(signals, name).connect(
                    on_articles_change, sender=model, dispatch_uid=f"summaries_{name}_{model.__name__}"
                )
