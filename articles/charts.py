"""Charts drawn on the server as SVG geometry, so they print and need no script.

Functions return plain dataclasses; templates under ``templates/charts/`` draw them,
escaping every label like any other text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: float
    title: str
    href: str = ""  # the list of what the bar counts, when a filter can show it


# Where the value axis's grid lines start and its labels end, left of the plot; how far above the
# bottom edge the category labels sit; how far a tick label is moved down in print, where
# WeasyPrint ignores dominant-baseline.
GRID_GAP, TICK_GAP, LABEL_RAISE, PRINT_TICK_DROP = 2, 6, 6, 3


@dataclass(slots=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (y, label) on the value axis
    labels: list[tuple[float, str]] = field(default_factory=list)  # (x, label) on the category axis
    title: str = ""
    undated: int = 0  # items with no date: drawn as a last bar labelled "Undated", never dropped
    plot_left: float = 0  # x where the bars' area starts: the value axis labels are left of it

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)

    @property
    def grid_x(self) -> float:
        return self.plot_left - GRID_GAP

    @property
    def tick_x(self) -> float:
        return self.plot_left - TICK_GAP

    @property
    def label_y(self) -> float:
        return self.height - LABEL_RAISE

    @property
    def print_ticks(self) -> list[tuple[float, float, str]]:
        """(y of the grid line, y of its label's baseline, label) for the PDF."""
        return [(y, y + PRINT_TICK_DROP, label) for y, label in self.ticks]


def month_series(rows: list[tuple[date, int]]) -> list[tuple[date, int]]:
    """Counts per month, with the months in between filled with zeros."""
    counts = {d.replace(day=1): n for d, n in rows if d}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    months, current = [], first
    while current <= last:
        months.append((current, counts.get(current, 0)))
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def column_chart(series: list[tuple[str, float]], *, title: str, width: int = 640, height: int = 180,
                 unit: str = "") -> BarChart:
    """Vertical bars, one per (label, value); about six category labels are shown."""
    left, bottom, top = 36, 22, 8
    chart = BarChart(width=width, height=height, title=title, plot_left=left)
    if not series:
        return chart
    peak = max(value for _, value in series) or 1
    plot_w, plot_h = width - left - 4, height - bottom - top
    step = plot_w / len(series)
    every = max(1, round(len(series) / 6))
    for i, (label, value) in enumerate(series):
        h = plot_h * value / peak
        x = left + i * step
        chart.bars.append(Bar(round(x + step * 0.1, 1), round(top + plot_h - h, 1), round(max(step * 0.8, 1), 1),
                              round(h, 1), label, value, f"{label}: {value:g}{unit}"))
        if i % every == 0 or label == "Undated":
            chart.labels.append((round(x + step / 2, 1), label))
    for fraction in (0, 0.5, 1):
        chart.ticks.append((round(top + plot_h * (1 - fraction), 1), f"{peak * fraction:g}"))
    return chart


def monthly_chart(rows: list[tuple[date | None, int]], *, title: str, link: str | None = None) -> BarChart:
    """A bar per month from the first to the last, and a last bar "Undated" for the items without
    a date (``None`` in ``rows``), so the bars add up to every item. With ``link`` (a query
    string), each month's bar links to that list limited to the month (``from``/``to``)."""
    months = month_series(rows)
    undated = sum(n for d, n in rows if d is None)
    series = [(d.strftime("%b %Y"), n) for d, n in months] + ([("Undated", undated)] if undated else [])
    chart = column_chart(series, title=title)
    chart.undated = undated
    if link is not None:
        for bar, (first, _) in zip(chart.bars, months, strict=False):
            last = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
            bar.href = "?" + "&".join(p for p in (link, f"from={first.isoformat()}&to={last.isoformat()}") if p)
    return chart


@dataclass(frozen=True, slots=True)
class RangeTrack:
    """A figure's range bar: a thin track for the 0–100 scale and, over it, a thick span from the
    figure's ``left`` for its ``width`` (both on that scale)."""

    width: int = 100
    height: int = 10
    track_y: float = 4
    track_height: float = 2
    span_y: float = 1
    span_height: float = 8


RANGE_TRACK = RangeTrack()


CELL_GAP = 2  # white between neighbouring cells
TEXT_GAP = 6  # between a label and what it names
BASELINE = 2 / 3  # a count's or row label's baseline, down its row
COLUMN_LABEL_ANGLE = -40  # the theme names slant up to the right, so long ones fit


def shade(count: int, level: int) -> int:
    """The heat map's shade, 0–4, of a cell whose count is ``level`` % of the largest."""
    return min(4, round(level / 25)) if count else 0


@dataclass(slots=True)
class HeatCell:
    x: float
    count: int
    level: int  # 0–4, the shade
    theme: str = ""  # the column's theme slug: the cell links to that outlet's articles on it
    text_x: float = 0  # the middle of the drawn cell, where its count is written


@dataclass(slots=True)
class HeatRow:
    y: float
    label: str
    slug: str
    cells: list[HeatCell]
    text_y: float = 0  # the baseline of the row's label and counts


@dataclass(slots=True)
class HeatMap:
    width: int
    height: int
    cell_width: int
    cell_height: int
    columns: list[tuple[float, str, str]]  # (x of the column's middle, label, slug)
    rows: list[HeatRow]
    row_label_x: float = 0  # the right edge of the outlets' names
    column_label_y: float = 0  # the baseline the themes' names start from
    column_label_angle: int = COLUMN_LABEL_ANGLE

    @property
    def rect_width(self) -> int:
        return self.cell_width - CELL_GAP

    @property
    def rect_height(self) -> int:
        return self.cell_height - CELL_GAP


def heatmap(matrix: dict, *, label_width: int = 170, cell_width: int = 58, cell_height: int = 24,
            header: int = 96) -> HeatMap:
    """Geometry for the themes-by-outlet matrix from ``themes_by_outlet()``: one shaded cell per count."""
    columns = [(label_width + i * cell_width + cell_width / 2, name, slug)
               for i, (slug, name) in enumerate(matrix["themes"])]
    rows = [
        HeatRow(
            y=header + r * cell_height,
            label=row["name"],
            slug=row["slug"],
            cells=[HeatCell(label_width + i * cell_width, count, shade(count, level),
                            matrix["themes"][i][0], text_x=label_width + i * cell_width + (cell_width - CELL_GAP) / 2)
                   for i, (count, level) in enumerate(row["cells"])],
            text_y=header + r * cell_height + round(cell_height * BASELINE),
        )
        for r, row in enumerate(matrix["rows"])
    ]
    return HeatMap(
        # The width leaves room for the last column's slanted label.
        width=label_width + cell_width * len(columns) + 90, height=header + cell_height * len(rows) + 4,
        cell_width=cell_width, cell_height=cell_height, columns=columns, rows=rows,
        row_label_x=label_width - TEXT_GAP, column_label_y=header - TEXT_GAP,
    )
