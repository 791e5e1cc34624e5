from __future__ import annotations

from django.db import models
from django.utils.text import slugify


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 80, exclude_pk=None) -> str:
    """A slug for ``text`` not yet used by ``model`` (suffixing -2, -3… when taken)."""
    base = slugify(text)[:max_length].strip("-") or "item"
    slug, n = base, 1
    others = model._default_manager.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base[: max_length - len(str(n)) - 1]}-{n}"
    return slug
