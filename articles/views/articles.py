from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from articles.exports import exportable, reports
from articles.pages import articles as pages
from articles.rendering import Segment, article_segments
from articles.views.common import filtered_list, reader_view, render_fragment_page

OPENING_MARKS = ("“", "‘", '"', "'")
CLOSING_MARKS = ("”", "’", '"', "'")


@reader_view
@exportable(reports.article_list)
def article_list(request: HttpRequest) -> HttpResponse:
    return filtered_list(request, "articles/article_list.html", lambda: pages.article_list(request))


@reader_view
@exportable(reports.article_detail)
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    def context() -> dict:
        data = pages.article_detail(request, slug)
        quotes = list(data.items)
        summary = data.summary()
        ordered = list(data.subject.passages.order_by("index"))
        segments = article_segments(ordered, quotes, summary["annotations"])
        passages = [
            {"passage": passage, "segments": runs}
            for passage, runs in zip(ordered, map(_marks_inside, segments), strict=True)
        ]
        return {"article": data.subject, "passages": passages, "quotes": quotes, **summary}

    # The text and the margin are the article's rows only: kept until the data changes.
    return render_fragment_page(request, "articles/article_detail.html", context, _article_shell, partial=None)


def _article_shell(context: dict) -> dict:
    article = context["article"]  # the title and the edit link's target
    return {"article": {"pk": article.pk, "display_title": article.display_title}}


def _marks_inside(runs: list[Segment]) -> list[Segment]:
    """The quotation marks around a direct or partial quote join its highlight, so that the
    speaker's name, shown inline where the quote starts, comes before the opening mark rather
    than between it and the words."""
    out: list[Segment] = []
    for i, run in enumerate(runs):
        if run.quote is not None:
            out.append(run)
            continue
        before, after = (runs[i - 1] if i else None), (runs[i + 1] if i + 1 < len(runs) else None)
        text, closer, opener = run.text, None, None
        if before is not None and before.quote is not None and before.quote.kind != "indirect" \
                and text.startswith(CLOSING_MARKS):
            closer, text = before.quote, text[1:]
        if after is not None and after.quote_starts and after.quote.kind != "indirect" and text.endswith(OPENING_MARKS):
            opener, text = after.quote, text[:-1]
            after.quote_starts = False  # the anchor and the speaker's name move to the opening mark
        if closer is not None:
            out.append(Segment(run.text[0], quote=closer, annotation=run.annotation,
                               annotation_ends=run.annotation_ends and not text and opener is None))
        if text:
            out.append(Segment(text, annotation=run.annotation, annotation_ends=run.annotation_ends and opener is None))
        if opener is not None:
            out.append(Segment(run.text[-1], quote=opener, annotation=run.annotation, quote_starts=True,
                               annotation_ends=run.annotation_ends))
    return out
