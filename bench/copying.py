"""Rows for PostgreSQL's COPY, with each table's columns read from its model.

The synthetic corpus bypasses the ORM for speed; it must not bypass the schema. A ``Table``
takes its columns from the model's ``_meta``, so a field added, renamed or moved needs no copy
here: a row names its values by field (``attname``), a field it leaves out gets what the ORM would
give it (its default, "" for text, else NULL where allowed), and a field that can have none of
these stops the generator, naming it.
Generated columns and fields with a database default are PostgreSQL's to fill.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.contrib.postgres.fields import ArrayField
from django.db.models import NOT_PROVIDED, Field, Model


class MissingValue(Exception):
    """A row leaves out a field that has no default: the generator must give it a value."""


def _text(value) -> str:
    """One value in COPY's text format (backslash escapes; NULL is ``\\N``)."""
    if value is None:
        return r"\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    if isinstance(value, list | dict):
        return _text(json.dumps(value, ensure_ascii=False))
    return str(value)


def _array(values: list) -> str:
    """A PostgreSQL array literal: ``{"a","b \\"c\\""}``."""
    quoted = ('"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)
    return "{" + ",".join(quoted) + "}"


class Table:
    def __init__(self, model: type[Model]) -> None:
        meta = model._meta
        self.model = model
        self.name: str = meta.db_table
        self.fields: list[Field] = [
            f for f in meta.concrete_fields if not f.generated and f.db_default is NOT_PROVIDED
        ]
        self.columns = [f.column for f in self.fields]
        self._names = frozenset(f.attname for f in self.fields)
        # Per field, looked up once: a million rows go through line().
        self._plan = [(f.attname, isinstance(f, ArrayField), f.null, f.get_default, f.column) for f in self.fields]

    def line(self, **values) -> str:
        """One row in COPY text format, its values given by field name."""
        if not values.keys() <= self._names:
            raise MissingValue(f"{self.name} has no column for {sorted(values.keys() - self._names)}")
        out = []
        for name, is_array, null, default, column in self._plan:
            value = values[name] if name in values else default()
            if value is None:
                if not null:
                    raise MissingValue(f"{self.name}.{column} has no default: give the synthetic row a value")
                out.append(r"\N")
            else:
                out.append(_text(_array(value) if is_array and isinstance(value, list) else value))
        return "\t".join(out) + "\n"

    def copy(self, cursor, lines: Iterable[str]) -> None:
        """Write ``lines`` with COPY (``cursor`` is psycopg's own)."""
        columns = ", ".join(f'"{c}"' for c in self.columns)
        with cursor.copy(f'COPY "{self.name}" ({columns}) FROM STDIN') as copy:
            copy.write("".join(lines))
