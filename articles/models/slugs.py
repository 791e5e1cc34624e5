from __future__ import annotations

from django.db import connections, models
from django.utils.text import slugify

# Any constant, the same in every process: the key of the advisory lock below.
CREATION_LOCK = 0x436F6D6D


def serialise_creation(using: str = "default") -> None:
    """Hold the archive-wide creation lock until this transaction ends.

    Two importers (or an importer and an editor) that both find no outlet, person or
    organisation called X would both create one: a duplicate, or a unique-slug error that
    loses one of the articles. Whoever creates takes this lock first and looks again; the
    other waits for the commit and then finds what was made. Only creations wait, never reads,
    and a transaction holds one lock, so there is no order to deadlock on.
    """
    conn = connections[using]
    if conn.in_atomic_block:
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CREATION_LOCK])


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 80, exclude_pk=None, lock: bool = True) -> str:
    """A slug for ``text`` not yet used by ``model`` (suffixing -2, -3… when taken). Without
    ``lock``, among committed rows only: the caller's insert may then fail, and be tried again."""
    base = slugify(text)[:max_length].strip("-") or "item"
    if lock:
        serialise_creation(model._default_manager.db)  # two new articles of one title race for its slug
    slug, n = base, 1
    others = model._default_manager.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base[: max_length - len(str(n)) - 1]}-{n}"
    return slug
