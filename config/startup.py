"""Checks the web server makes once at start-up, so a deployment step left out is a sentence in
the log instead of a 500 on every page."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

COLLECT = "run `manage.py collectstatic --noinput` before starting the server (README: Deploying)"


def require_collected_static() -> None:
    """With DEBUG off, pages link the hashed names in collectstatic's manifest; a file missing from
    it makes every page that links the file fail. Refuse to start instead."""
    backend = import_string(settings.STORAGES["staticfiles"]["BACKEND"])
    if not issubclass(backend, ManifestFilesMixin):
        return
    manifest = Path(settings.STATIC_ROOT) / backend.manifest_name
    try:
        collected = json.loads(manifest.read_text(encoding="utf-8"))["paths"]
    except (OSError, ValueError, KeyError):
        raise ImproperlyConfigured(f"The static files have not been collected into {settings.STATIC_ROOT}: {COLLECT}.") from None
    missing = sorted(
        path for finder in finders.get_finders() for path, _ in finder.list(["CVS", ".*", "*~"]) if path not in collected
    )
    if missing:
        raise ImproperlyConfigured(
            f"The static files in {settings.STATIC_ROOT} are from an older release ({len(missing)} missing, "
            f"such as {missing[0]}): {COLLECT}."
        )
