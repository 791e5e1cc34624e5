"""``manage.py warm_cache``: count a new release's archive-wide summaries before readers arrive
(articles/warming.py). Run it once per release, after ``migrate``, from any one host."""

from __future__ import annotations

import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http.request import validate_host
from tqdm import tqdm

from articles.warming import Warmed, canonical_host, default_urls, warm


class Command(BaseCommand):
    help = "Request every page whose counts span the archive once, so no reader waits for them to be counted."

    def add_arguments(self, parser) -> None:
        parser.add_argument("urls", nargs="*", help="paths to warm as well (e.g. /people/some-one/)")
        parser.add_argument("--host", help="the host readers use (default: the first of ALLOWED_HOSTS)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, urls: list[str], host: str | None, no_progress: bool, **options) -> None:
        bad = [url for url in urls if not url.startswith("/")]
        if bad:
            raise CommandError(f"not a path on this site (they start with /): {', '.join(bad)}")
        show_bar = not no_progress and options["verbosity"] > 0
        host = host or canonical_host()
        if not validate_host(host, settings.ALLOWED_HOSTS):
            raise CommandError(f"{host} is not in ALLOWED_HOSTS ({', '.join(settings.ALLOWED_HOSTS)}): every page would be refused")

        def progress(items):
            return tqdm(items, desc="Warming", unit="page", file=sys.stderr, disable=not show_bar)

        def report(warmed: Warmed) -> None:
            with tqdm.external_write_mode(file=sys.stderr):
                (self.stdout if warmed.ok else self.stderr).write(
                    (self.style.SUCCESS if warmed.ok else self.style.ERROR)(str(warmed)))

        started = time.perf_counter()
        results = warm(default_urls() + urls, host=host, progress=progress, on_page=report)
        failed = [w for w in results if not w.ok]
        summary = f"{len(results) - len(failed)} of {len(results)} pages warmed for {host} in {time.perf_counter() - started:.1f} s"
        if failed:
            raise CommandError(f"{summary}; failed: " + ", ".join(f"{w.url} ({w.status})" for w in failed))
        self.stdout.write(summary)
