from __future__ import annotations

from django import template

from articles.models.search import MATCH_START as START
from articles.models.search import MATCH_STOP as STOP

register = template.Library()


@register.filter
def highlighted(snippet: str | None) -> list[tuple[str, bool]]:
    """Split a search headline into (text, is_match) runs; the template escapes each run.

    The database marks matches with control characters that cannot occur in
    stored text, so highlighting never has to trust or parse HTML.
    """
    runs: list[tuple[str, bool]] = []
    for i, part in enumerate((snippet or "").split(START)):
        if i == 0:
            runs.append((part.replace(STOP, ""), False))
            continue
        match, _, rest = part.partition(STOP)
        runs.append((match, True))
        if rest:
            runs.append((rest.replace(STOP, ""), False))
    return [run for run in runs if run[0]]


@register.filter
def percent_of(value: float, total: float) -> int:
    return round(100 * value / total) if total else 0


@register.simple_tag(takes_context=True)
def with_param(context, param: str, value=None) -> str:
    """The current query string with ``param`` set to ``value`` (or removed when None); page reset."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    if value is None or value == "":
        query.pop(param, None)
    else:
        query[param] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None
