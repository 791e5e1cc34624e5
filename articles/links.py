"""URLs of the reader's pages, remembered: a list page asks for hundreds of them.

``reverse()`` walks the URLconf each time (about 25 µs); a page of 25 quotes links each to its
speaker, outlet, article and permalink. The script prefix is part of the key, so an app mounted
under a path still gets its own URLs.
"""

from __future__ import annotations

from functools import lru_cache

from django.core.signals import setting_changed
from django.urls import get_script_prefix, reverse


def page_url(name: str, arg: str | int) -> str:
    return _reverse(name, arg, get_script_prefix())


@lru_cache(maxsize=100_000)
def _reverse(name: str, arg: str | int, prefix: str) -> str:
    return reverse(name, args=[arg])


def _forget(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # tests that swap the URLconf
        _reverse.cache_clear()


setting_changed.connect(_forget, dispatch_uid="links_forget")
