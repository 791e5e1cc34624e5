"""Reading a PolNeAR-style checkout: article texts and brat standoff attributions.

The layout is ``<root>/data/<split>/text/<name>.txt`` beside
``<root>/data/<split>/attributions/<name>_<annotator>.ann`` (``<root>/<split>/...``
is accepted too). Some articles were annotated twice; one annotation is read per
article, the first file in sort order, so that no article counts double.

Nothing here holds corpus data: the tools read a local checkout at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_ANNOTATOR = re.compile(r"^(?P<name>.+)_[0-9a-f]{4}\.ann$")


@dataclass(slots=True)
class GoldAttribution:
    """One annotated attribution: where its source, cue and content are printed."""

    id: str
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]

    def source_text(self, text: str) -> str:
        return " ".join(text[a:b] for a, b in self.source)


@dataclass(slots=True)
class Annotated:
    name: str
    text: str
    attributions: list[GoldAttribution]
    discards: list[tuple[int, int]]


def split_dir(root: Path, split: str) -> Path:
    for candidate in (root / "data" / split, root / split):
        if (candidate / "text").is_dir():
            return candidate
    raise FileNotFoundError(f"no {split}/text under {root} (expected data/{split}/text and data/{split}/attributions)")


def annotation_files(split_path: Path) -> dict[str, Path]:
    """Article name -> its annotation file (the first annotator in sort order)."""
    chosen: dict[str, Path] = {}
    for path in sorted((split_path / "attributions").glob("*.ann")):
        m = _ANNOTATOR.match(path.name)
        name = m.group("name") if m else path.stem
        chosen.setdefault(name, path)
    return chosen


def read_split(root: Path, split: str, limit: int | None = None) -> list[Annotated]:
    split_path = split_dir(Path(root), split)
    out: list[Annotated] = []
    for name, ann in sorted(annotation_files(split_path).items()):
        text_path = split_path / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        attributions, discards = parse_ann(ann.read_text(encoding="utf-8"))
        out.append(Annotated(name, text, attributions, discards))
        if limit is not None and len(out) >= limit:
            break
    return out


def parse_ann(ann: str) -> tuple[list[GoldAttribution], list[tuple[int, int]]]:
    """Attributions (relations ``E``) and discarded spans of a brat standoff file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            head = parts[1].split(" ", 1)
            if len(head) != 2:
                continue
            try:
                ranges = [tuple(int(x) for x in r.split()) for r in head[1].split(";")]
            except ValueError:
                continue
            spans[parts[0]] = (head[0], [(a, b) for a, b in ranges])
        elif parts[0].startswith("E"):
            events.append(parts[1].split())
    attributions: list[GoldAttribution] = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            if ref in spans:
                roles.setdefault(role.rstrip("0123456789"), []).extend(spans[ref][1])
        if "Content" not in roles:
            continue
        attributions.append(GoldAttribution(
            id=args[0].split(":", 1)[-1],
            content=sorted(roles["Content"]),
            source=sorted(roles.get("Source", [])),
            cue=sorted(roles.get("Cue", [])),
        ))
    attributions.sort(key=lambda a: a.start)
    discards = [r for kind, ranges in spans.values() if kind == "Discard" for r in ranges]
    return attributions, discards
