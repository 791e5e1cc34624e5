"""What WeasyPrint may load while it renders a report: the site's own static files, from disk.

A report is built from text anybody could have put in an article; were an image or
stylesheet URL to slip into the HTML, WeasyPrint's default fetcher would fetch it
(from the internet, the intranet, or the server's own files). This fetcher refuses
everything except a static file found by Django's staticfiles finders (or collected into
STATIC_ROOT), read from disk without any network request.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """Raised for any URL a report may not load; WeasyPrint logs it and carries on without it."""


class StaticFilesOnly(URLFetcher):
    def __init__(self, base_url: str) -> None:
        super().__init__(allowed_protocols=())
        parts = urlsplit(base_url)
        self.origin = (parts.scheme, parts.netloc)
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.static_path(url)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _content_type(path)})

    def static_path(self, url: str) -> Path:
        """The file on disk behind ``url``, or :class:`RefusedURL`."""
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            if (parts.scheme, parts.netloc) != self.origin or not parts.path.startswith(self.static_prefix):
                raise RefusedURL(f"Reports load nothing from outside the site's static files: {url}")
            found = _find(unquote(parts.path[len(self.static_prefix):]))
        elif parts.scheme == "file":
            found = _within_static_dirs(Path(unquote(parts.path)))
        else:
            found = None
        if found is None:
            raise RefusedURL(f"Not a static file of this site: {url}")
        return found


def _find(relative: str) -> Path | None:
    """The source file (finders), else the collected one (a hashed name from ``{% static %}``)."""
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if isinstance(found, str):
        return Path(found)
    # Collected files (hashed names from `{% static %}`) live under STATIC_ROOT, which whitenoise serves.
    root = Path(settings.STATIC_ROOT).resolve()
    collected = (root / relative).resolve()
    return collected if collected.is_relative_to(root) and collected.is_file() else None


def _within_static_dirs(path: Path) -> Path | None:
    """A file:// URL is allowed only when it points, after resolving links, into a static folder."""
    try:
        resolved = path.resolve(strict=True)
    except OSError:
        return None
    roots = [Path(root if isinstance(root, str | Path) else root[1]).resolve() for root in settings.STATICFILES_DIRS]
    inside = any(resolved.is_relative_to(root) for root in roots)
    return resolved if inside and resolved.is_file() else None


def _content_type(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
