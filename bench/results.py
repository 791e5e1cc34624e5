"""var/bench/results.json, one section at a time, and what this run measured (for its summary)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings


class Results:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings.VAR_DIR / "bench" / "results.json"
        self.measured: dict[str, object] = {}  # this run's sections only: an old file may hold others

    def save(self, section: str, value) -> Path:
        """Add or replace one section of the file, keeping the others."""
        self.measured[section] = value
        self.path.parent.mkdir(parents=True, exist_ok=True)
        existing = json.loads(self.path.read_text()) if self.path.exists() else {}
        existing[section] = value
        self.path.write_text(json.dumps(existing, indent=2, default=str))
        return self.path
