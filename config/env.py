"""Small readers for environment variables (a bad value stops start-up with a clear message), and
the release's name for cache keys."""

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


def release_id(base) -> str:
    """Which release this is, for the cache keys every host of it shares: RELEASE, else the git
    commit of the checkout (read once, at start-up), else a constant."""
    import subprocess

    if release := env_str("RELEASE").strip():
        return release
    try:
        git = subprocess.run(["git", "-C", str(base), "rev-parse", "--short=12", "HEAD"],
                             capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return "commentariat"
    return git.stdout.strip() or "commentariat"
