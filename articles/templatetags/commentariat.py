from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django import template
from django.core.signals import setting_changed
from django.template.defaultfilters import pluralize
from django.urls import get_script_prefix, reverse
from django.utils.dateformat import format as format_date
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from articles.charts import RANGE_TRACK, RangeTrack, shade
from articles.links import page_url
from articles.models.search import MATCH_START as START
from articles.models.search import MATCH_STOP as STOP

register = template.Library()
SHOWN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # control characters never displayed

# The site's main navigation: (label, the list's URL name, the other pages that are inside it).
NAVIGATION = (
    ("Articles", "article_list", ("article_detail",)),
    ("Quotes", "quote_list", ("quote_detail",)),
    ("People", "person_list", ("person_detail",)),
    ("Themes", "theme_list", ("theme_detail",)),
    ("Sources", "source_list", ("source_detail",)),
    ("Countries", "country_list", ("country_detail",)),
    ("Figures", "figure_list", ()),
)


@dataclass(frozen=True, slots=True)
class NavLink:
    label: str
    url: str
    current: bool  # the page shown is this list or one of its items: marked aria-current


@register.simple_tag(takes_context=True)
def main_navigation(context) -> list[NavLink]:
    # Error pages may be rendered without a request.
    match = getattr(context.get("request"), "resolver_match", None)
    here = match.url_name if match else None
    prefix = get_script_prefix()
    return [NavLink(label, _list_url(name, prefix), here is not None and here in (name, *inside))
            for label, name, inside in NAVIGATION]


@register.simple_tag(takes_context=True)
def main_navigation_items(context) -> SafeString:
    """The ``<li>`` of each link of the main navigation (every page draws it: seven links, each a
    reverse() and a few lookups as a template loop)."""
    current = ' aria-current="page"'
    return mark_safe("".join(
        f'\n        <li><a href="{_e(link.url)}"{current if link.current else ""}>{_e(link.label)}</a></li>\n        '
        for link in main_navigation(context)
    ))


@lru_cache(maxsize=64)
def _list_url(name: str, prefix: str) -> str:
    """A list's URL (it takes no argument), remembered as articles/links.py remembers the others."""
    return reverse(name)


def _forget(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # tests that swap the URLconf
        _list_url.cache_clear()


setting_changed.connect(_forget, dispatch_uid="commentariat_forget_list_urls")


@register.filter
def highlighted(snippet: str | None) -> list[tuple[str, bool]]:
    """Split a search headline into (text, is_match) runs; the template escapes each run.

    The database marks matches with control characters it first removes from the text itself
    (articles/models/search.py), so highlighting never has to trust or parse HTML; any other
    control character is dropped from what is shown.
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
    return [(SHOWN.sub("", text), hit) for text, hit in runs if SHOWN.sub("", text)]


@register.simple_tag
def range_track() -> RangeTrack:
    """The geometry of a figure's range bar (articles/charts.py), for the lists and the PDF alike."""
    return RANGE_TRACK


# {{ count|shade:level }}: the PDF's table shades its cells as the page's heat map does.
register.filter("shade", shade)


@register.simple_tag(takes_context=True)
def with_param(context, param: str, value=None) -> str:
    """The current query string with ``param`` set to ``value`` (or removed when None); page reset."""
    request = context["request"]
    pieces = []
    for key, encoded in _encoded_query(request):
        if key == param:
            if value is not None and value != "":
                pieces.append(_encode(key, value))  # where the parameter was, as QueryDict.__setitem__ keeps it
                value = None
        else:
            pieces.extend(encoded)
    if value is not None and value != "":
        pieces.append(_encode(param, value))
    encoded = "&".join(pieces)
    return f"?{encoded}" if encoded else request.path


def _encode(key: str, value) -> str:
    return urlencode({key.encode(): str(value).encode()})  # as QueryDict.urlencode() writes each pair


def _encoded_query(request) -> list[tuple[str, list[str]]]:
    """The query string less ``page``, each parameter's pairs encoded once a request: a list's facets
    ask for a link each (dozens a page), and copying the QueryDict for each was a deep copy."""
    cached = getattr(request, "_encoded_query", None)
    if cached is None or cached[0] is not request.GET:
        pairs = [(key, [_encode(key, v) for v in values]) for key, values in request.GET.lists() if key != "page"]
        cached = request._encoded_query = (request.GET, pairs)
    return cached[1]


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def quote_items(quotes) -> SafeString:
    """The ``<li>`` of each quote in a list (quote list, theme, person, outlet, country pages…).

    Written in Python, not as an included template: profiling the rendered lists showed the
    include and its forty-odd variable lookups per quote (each trying a dict, then an attribute,
    then a call) cost more than the page's own SQL; this is one f-string a quote. Every value is
    escaped as the template engine would, and the markup is the one the template had.
    """
    return mark_safe("".join(map(quote_item, quotes)))


def _e(value) -> str:
    """``escape()`` without its lazy-string wrapper (a few µs a call, hundreds of calls a page):
    the same characters escaped the same way, for values known to be plain text, never safe HTML."""
    return html.escape(str(value))


def quote_item(quote) -> str:
    url = _e(quote.get_absolute_url())
    label = _e(quote.speaker_label)
    speaker_url = quote.speaker_url
    speaker = f'<a href="{_e(speaker_url)}">{label}</a>' if speaker_url else label
    cue = f", {_e(quote.cue)}" if quote.cue and not quote.is_reported else ""
    article = quote.article
    source = article.source
    outlet = (f'<a href="{_e(source.get_absolute_url())}">{_e(source.name)}</a>' if source
              else "an unknown outlet")
    date = f", {short_date(article.published)}" if article.published else ""
    excerpt = _e(Truncator(quote.text).words(8, truncate=" …"))  # the truncatewords filter
    verified = '<span class="badge ok">verified</span>' if quote.status == "verified" else ""
    kind = f' <span class="badge">{_e(quote.get_kind_display())}</span>' if quote.kind != "direct" else ""
    # The accessible names begin with the visible words (WCAG "label in name") and then say which quote.
    return (
        '<li class="quote-item">\n'
        f'  <blockquote cite="{url}"><p>{_e(quote.display_text)}</p></blockquote>\n'
        f'  <p class="attribution">— {speaker}{cue}\n'
        f'    <span class="meta">in {outlet}{date}\n'
        '    \n'
        f'    · <a href="{_e(article.get_absolute_url())}#q{quote.pk}" aria-label="in context: {label}, {excerpt}">'
        f'in context</a> · <a href="{url}" aria-label="permalink: {label}, {excerpt}">permalink</a>\n'
        f'    {verified}{kind}</span></p>\n'
        '</li>\n'
    )


@register.simple_tag
def quote_groups(groups) -> SafeString:
    """A person's quotes under the heading of each article (``{% regroup … by article %}``), written
    as :func:`quote_items` is: as a template loop, each heading cost a dozen lookups."""
    parts = []
    for article, quotes in groups:
        source = article.source
        date = f", {short_date(article.published)}" if article.published else ""
        parts.append(
            f'\n      <h3 class="group-head"><a href="{_e(article.get_absolute_url())}">{_e(article.display_title)}</a>\n'
            f'        <span class="meta">{_e(source.name) if source else ""}{date}</span></h3>\n'
            f'      <ul class="quotes">{"".join(map(quote_item, quotes))}</ul>\n      '
        )
    return mark_safe("".join(parts))


@register.simple_tag
def quoted_in_margin(quotes) -> SafeString:
    """The ``<li>`` of each quote in an article's margin ("Quoted"), linking to it in the text."""
    items = []
    for quote in quotes:
        label, url = _e(quote.speaker_label), quote.speaker_url
        who = f'<a href="{_e(url)}">{label}</a>' if url else label
        verified = ' <span class="badge ok">verified</span>' if quote.status == "verified" else ""
        items.append(
            f'\n          <li><a href="#q{quote.pk}">{_e(quote.display_snippet)}</a>\n'
            f'            <span class="who">— {who}</span>\n'
            f'            <a class="permalink" href="{_e(quote.get_absolute_url())}" aria-label="Permalink to this quote">¶</a>\n'
            f'            <span class="badge kind">{_e(quote.get_kind_display())}</span>{verified}</li>\n          '
        )
    return mark_safe("".join(items))


@register.simple_tag
def people_in_margin(mentions) -> SafeString:
    """The ``<li>`` of each person an article names, in its margin, with how it describes them."""
    items = []
    for mention in mentions:
        person, description = mention.person, mention.description
        author = ' <span class="badge">author</span>' if mention.is_author else ""
        role = f'<br><span class="role">{_e(description)}</span>' if description else ""
        items.append(
            f'\n          <li><a href="{_e(person.get_absolute_url())}"><strong>{_e(person.name)}</strong></a>{author}\n'
            f'            {role}</li>\n          '
        )
    return mark_safe("".join(items))


PASSAGE_CLASSES = {"heading": None, "caption": "caption", "credit": "credit", "bio": "bio"}


@register.simple_tag
def article_text(passages) -> SafeString:
    """An article's passages, quotes and editors' notes marked in its body paragraphs (the
    reader's page), written as :func:`quote_items` is: as templates, each run of text cost a
    dozen lookups and each paragraph an include."""
    out = []
    for item in passages:
        p = item["passage"]
        if p.kind == "heading":
            content = f'<h2 class="section-heading" id="p{_e(p.index)}">{_e(p.text)}</h2>'
        elif p.kind in PASSAGE_CLASSES:
            content = f'<p class="{p.kind}" id="p{_e(p.index)}">{_e(p.text)}</p>'
        else:
            # The line break the paragraph's included template ended with, kept: the page is unchanged.
            content = f'<p id="p{_e(p.index)}">{"".join(map(_segment, item["segments"]))}\n</p>'
        out.append(f"\n        {content}\n        \n      ")
    return mark_safe("".join(out))


def _segment(seg) -> str:
    """One run of a paragraph: plain text, or a quote's (its speaker named where it starts), inside
    an editor's note when it has one (the note's marker after its last run)."""
    quote, text = seg.quote, _e(seg.text)
    if quote:
        kind, starts = _e(quote.kind), seg.quote_starts
        tag = (f'<span class="speaker-tag speaker-{kind}" data-quote="{quote.pk}"><span class="visually-hidden">'
               f'{_e(quote.get_kind_display())} from </span>{_e(quote.speaker_label)}<span class="visually-hidden">: '
               '</span></span>') if starts else ""
        mark = f'class="quote quote-{kind}{" verified" if quote.status == "verified" else ""}"'
        anchor = f' id="q{quote.pk}"' if starts else ""
        speaker = quote.speaker
        if speaker:
            cue = f" ({_e(quote.cue)})" if quote.cue else ""
            text = (f'{tag}<a class="quote-link" href="{_e(speaker.get_absolute_url())}" title="{_e(speaker.name)}{cue}">'
                    f'<mark {mark}{anchor}>{text}</mark></a>')
        else:
            text = f'{tag}<mark {mark}{anchor} title="{_e(quote.speaker_label)}">{text}</mark>'
    note = seg.annotation
    if not note:
        return text
    marker = (f'<a class="note-ref" href="#n{note.pk}" id="nr{note.pk}" aria-label="Editor\'s note {_e(note.number)}">'
              f'<sup>{_e(note.number)}</sup></a>') if seg.annotation_ends else ""
    return f'<span class="annotated">{text}</span>{marker}'


@register.simple_tag
def counted_links(links, indent: int = 0) -> SafeString:
    """The ``<li>`` of a ranked list beside a page (a person's themes, an outlet's speakers, the
    home page's leaderboards): each item's page and its count, linking to the list it counts.
    The links are built by the view (articles/views/common.py, ``CountedLink``); ``indent``: the
    spaces of the template's loop around each item, when it had its own line."""
    pad = "\n" + " " * indent if indent else ""
    return mark_safe("".join(
        f'{pad}<li><a href="{_e(link.url)}">{_e(link.label)}</a> <a href="{_e(link.count_url)}" '
        f'data-count="{_e(link.count)}" aria-label="{_e(link.described)}"><span class="count">{_e(link.count)}</span>'
        f'</a></li>{pad}'
        for link in links
    ))


@register.simple_tag
def article_cards(articles) -> SafeString:
    """The ``<li>`` of each article card (articles/_article_cards.html: the article list, the home
    page, an outlet's page), written as :func:`quote_items` is and for the same reason."""
    cards = []
    for article in articles:
        source = article.source
        outlet = (f'<a class="outlet" href="{_e(source.get_absolute_url())}">{_e(source.name)}</a>' if source
                  else '<span class="outlet unknown">Unknown outlet</span>')
        published = article.published
        date = (f'<time datetime="{iso_date(published)}">{long_date(published)}</time>' if published
                else "date unknown")
        quotes = getattr(article, "quote_count", None)  # annotated by the lists that show it
        counted = f"· {quotes} quote{'' if quotes == 1 else 's'}" if quotes is not None else ""
        cards.append(
            '\n  <li class="card">\n'
            f'    <h3><a href="{_e(article.get_absolute_url())}">{_e(article.display_title)}</a></h3>\n'
            '    <p class="meta">\n'
            f'      {outlet}\n'
            f'      · {date}\n'
            f'      {counted}\n'
            '    </p>\n'
            f'    <p class="standfirst">{_e(article.standfirst or article.lead())}</p>\n'
            '  </li>\n  '
        )
    return mark_safe("".join(cards))


@register.simple_tag
def mention_cards(articles) -> SafeString:
    """The ``<li>`` of each article on a country's page, with how often it names the country."""
    cards = []
    for article in articles:
        source = article.source
        named = article.mention_count
        cards.append(
            f'\n        <li class="card"><h3><a href="{_e(article.get_absolute_url())}">{_e(article.display_title)}</a></h3>\n'
            f'          <p class="meta">{_e(source.name) if source else ""}'
            f'{f" · {long_date(article.published)}" if article.published else ""}'
            f' · named {_e(named)} time{pluralize(named)}</p></li>\n        '
        )
    return mark_safe("".join(cards))


@register.simple_tag(takes_context=True)
def facet_sections(context, facets) -> SafeString:
    """The facet lists of a filter panel (includes/filters.html): about seventy options a page,
    each a link that keeps the other filters. Written as :func:`quote_items` is: as a template
    loop, the options' lookups and ``{% with_param %}`` tags cost more than the facets' SQL."""
    sections = []
    for facet in facets:
        if not facet.options:
            continue
        param, label = facet.param, _e(facet.label)
        note = f' <small class="facet-note">{_e(facet.note)}</small>' if facet.note else ""
        items = []
        for option in facet.options:
            if option.value == facet.selected:
                url = _e(with_param(context, param))
                items.append(f'\n    \n    <li class="selected"><a href="{url}" hx-get="{url}" aria-current="true" '
                             f'title="Remove this filter">{_e(option.label)} <span class="count">{option.count}</span> '
                             '<span aria-hidden="true">×</span></a></li>\n    \n    ')
            else:
                url = _e(with_param(context, param, option.value))
                items.append(f'\n    \n    <li><a href="{url}" hx-get="{url}">{_e(option.label)} '
                             f'<span class="count">{option.count}</span></a></li>\n    \n    ')
        if facet.more:
            url = _e(with_param(context, "more", param))
            more = (f'<p class="facet-more"><a href="{url}" hx-get="{url}" aria-label="More {_e(facet.label.lower())} '
                    'options">more…</a></p>\n  ')
        elif facet.expanded:
            url = _e(with_param(context, "more"))
            more = f'<p class="facet-more"><a href="{url}" hx-get="{url}">fewer</a></p>'
        else:
            more = ""
        sections.append(f'\n<section class="facet" aria-label="{label}" data-param="{_e(param)}">\n'
                        f'  <h2>{label}{note}</h2>\n  <ul>\n    {"".join(items)}\n  </ul>\n  {more}\n</section>\n')
    return mark_safe("".join(sections))


# Dates in lists, as the ``date`` filter writes them: it builds a DateFormat (time zone checks
# included) for every value, about 40 µs each, which a 130-row table pays 130 times. A date has no
# time zone, so these write the same text directly; anything else goes through the filter.
@register.filter
def short_date(value) -> str:
    """``{{ value|date:"j M Y" }}``: 5 Mar 2024."""
    if type(value) is not datetime.date:
        return format_date(value, "j M Y") if value not in (None, "") else ""
    return f"{value.day} {str(MONTHS_3[value.month]).title()} {value.year:04d}"


@register.filter
def long_date(value) -> str:
    """``{{ value|date:"j F Y" }}``: 5 March 2024."""
    if type(value) is not datetime.date:
        return format_date(value, "j F Y") if value not in (None, "") else ""
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"


@register.filter
def iso_date(value) -> str:
    """``{{ value|date:"Y-m-d" }}``: 2024-03-05."""
    if type(value) is not datetime.date:
        return format_date(value, "Y-m-d") if value not in (None, "") else ""
    return value.isoformat()


@register.simple_tag
def figure_rows(items: list[dict]) -> SafeString:
    """The rows of a group's table on the figures page (up to a few hundred a page), written as
    :func:`quote_items` is and for the same reason: as a template loop they cost ten times the SQL."""
    track = RANGE_TRACK
    width, height = localize(track.width), localize(track.height)
    track_y, track_height = localize(track.track_y), localize(track.track_height)
    span_y, span_height = localize(track.span_y), localize(track.span_height)
    rows = []
    for item in items:
        f = item["figure"]
        article = f.article
        source = article.source
        outlet = (f'<a href="{escape(source.get_absolute_url())}">{escape(source.name)}</a>' if source
                  else "Unknown")
        date = short_date(article.published) if article.published else "undated"
        value_range = escape(f.value_range)
        rows.append(
            f'\n        <tr><th scope="row">{outlet}</th>\n'
            f'          <td>{date}</td>\n'
            f'          <td class="num">{value_range}</td>\n'
            f'          <td><a href="{escape(article.get_absolute_url())}">“{escape(f.text)}”</a></td>\n'
            f'          <td>{escape(f.attributed_to or "—")}</td>\n'
            f'          <td class="range-col"><svg class="range" viewBox="0 0 {width} {height}" preserveAspectRatio="none" '
            f'role="img" aria-label="{value_range}"><rect class="track" x="0" y="{track_y}" width="{width}" '
            f'height="{track_height}"/><rect class="span" x="{localize(item["left"])}" y="{span_y}" '
            f'width="{localize(item["width"])}" height="{span_height}"/></svg></td></tr>\n      '
        )
    return mark_safe("".join(rows))


@register.filter
def link(arg, name: str) -> str:
    """``{{ slug|link:"theme_detail" }}``: ``{% url "theme_detail" slug %}`` from the cache of
    articles/links.py, for links inside loops (each ``{% url %}`` is a full reverse())."""
    return page_url(name, arg)
