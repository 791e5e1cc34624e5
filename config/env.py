"""Small readers for environment variables (a bad value stops start-up with a clear message), and
the code's fingerprint for cache keys."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_float(name: str, default: float, *, low: float = float("-inf"), high: float = float("inf")) -> float:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not low <= number <= high:  # nan fails too
        raise ImproperlyConfigured(f"{name} must be a number from {low:g} to {high:g}, not {value!r}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_rate(name: str, default: str) -> tuple[int, int] | None:
    """A rate such as ``30/60`` (30 requests per 60 seconds); ``off`` means no limit."""
    value = os.environ.get(name, default).strip().lower()
    if value in ("off", "0", "none"):
        return None
    count, _, seconds = value.partition("/")
    try:
        rate = int(count), int(seconds)
    except ValueError:
        rate = (0, 0)
    if rate[0] < 1 or rate[1] < 1:
        raise ImproperlyConfigured(f"{name} must be REQUESTS/SECONDS such as 30/60, or off, not {value!r}")
    return rate


def local_secret_key(path) -> str:
    """Read, or create once, a random key for a private installation."""
    from django.core.management.utils import get_random_secret_key

    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


def code_fingerprint(base, folders: list[str]) -> str:
    """A short hash of the project's files (names, sizes, modification times), so caches keyed
    by it start afresh whenever the code is deployed."""
    import hashlib
    from pathlib import Path

    digest = hashlib.blake2b(digest_size=6)
    for folder in folders:
        for path in sorted(Path(base, folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".html", ".json", ".txt"):
                stat = path.stat()
                digest.update(f"{path.relative_to(base)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()
