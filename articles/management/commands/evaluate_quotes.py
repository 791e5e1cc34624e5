from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from analysis.cleaning import clean
from analysis.pipeline import extract
from analysis.polnear import read_split
from analysis.quote_eval import ArticleScore, align, report, score_article


class Command(BaseCommand):
    help = (
        "Score quotations and speakers against a local PolNeAR checkout (brat attributions): quote "
        "precision/recall/F1, speaker accuracy and errors by class. The database is not touched."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="the PolNeAR checkout (holding data/<split>/text and data/<split>/attributions)")
        parser.add_argument("--split", default="dev", choices=["train", "dev"],
                            help="train or dev; the test split is reserved for independent evaluation")
        parser.add_argument("--show", action="store_true", help="list every miss with its context")
        parser.add_argument("--limit", type=int, default=None, help="read only the first N articles")

    def handle(self, path: str, split: str, show: bool, limit: int | None, **options) -> None:
        try:
            articles = read_split(Path(path), split, limit)
        except FileNotFoundError as missing:
            raise CommandError(str(missing)) from None
        total = ArticleScore()
        words = 0
        began = time.perf_counter()
        for article in articles:
            document = clean(article.text)
            extraction = extract(document)
            words += len(document.body.split())
            total.add(score_article(article, extraction, align(article.text, document)))
        elapsed = time.perf_counter() - began
        self.stdout.write(report(total, len(articles), show=show))
        self.stdout.write(f"\n{split}: {words:,} words cleaned, extracted and scored in {elapsed:.1f}s")
