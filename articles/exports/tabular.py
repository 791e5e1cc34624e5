"""CSV and JSON: the page's items as data, streamed row by row in constant memory.

A stream can fail half way (a statement timeout, a lost connection) after the first rows have
gone out with a 200. It must never look complete: a complete CSV ends with the row
``# END OF EXPORT: <n> rows`` and a complete JSON document with ``"count": <n>}``; a failed CSV
ends with ``# ERROR: export incomplete …`` and a failed JSON document with an ``"error"``
member, no ``count`` and no closing brace (it does not parse).
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

from articles.bounded import is_timeout
from articles.exports.report import Report

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection);
# OWASP's advice is to make it text with a leading single quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
# Excel reads a CSV without a byte-order mark in the machine's legacy code page ("â€œ" for "“");
# with it, as UTF-8. Always sent: readers that know UTF-8 skip it (Python: encoding="utf-8-sig").
BOM = "\ufeff"
END_MARKER = "# END OF EXPORT"
ERROR_MARKER = "# ERROR: export incomplete"
logger = logging.getLogger(__name__)


def escape_formula(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_cell(value) -> str | int | float:
    """One CSV cell: lists joined, empty for None, strings defused. Numbers stay numbers
    (a negative count is data, not a formula; the csv module writes it as digits)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    return escape_formula(str(value))


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def _failure(report: Report, fmt: str, rows: int) -> str:
    """What a stream that failed after ``rows`` rows says at its end (the error is logged)."""
    error = sys.exc_info()[1]
    logger.exception("%s export of %s failed after %d rows", fmt, report.permalink, rows)
    reason = "the database took too long" if error is not None and is_timeout(error) else "an error on the server"
    return (f"{ERROR_MARKER} after {rows} rows ({reason}); this file is not the whole export. "
            "Narrow the filters and export again.")


def csv_lines(report: Report) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(report.columns)
    count = 0
    try:
        for row in report.items():
            yield writer.writerow([csv_cell(row.get(column)) for column in report.columns])
            count += 1
    except Exception:
        yield writer.writerow([_failure(report, "CSV", count)])
        return
    yield writer.writerow([f"{END_MARKER}: {count} rows"])


def json_chunks(report: Report) -> Iterator[str]:
    """``{…header…, "items": [ … ], "count": n}`` written piece by piece: the items are never
    all in memory, so the count comes last (and only when every item was written)."""
    header = json.dumps(report.header(), cls=DjangoJSONEncoder, ensure_ascii=False)
    yield header[:-1] + ', "items": ['
    count = 0
    try:
        for row in report.items():
            yield ("," if count else "") + "\n" + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
            count += 1
    except Exception:
        # No count and no closing brace: a parser refuses the document instead of trusting it.
        yield f'\n], "error": {json.dumps(_failure(report, "JSON", count), ensure_ascii=False)}\n'
        return
    yield f'\n], "count": {count}}}\n'


def csv_response(report: Report) -> StreamingHttpResponse:
    return _attachment(StreamingHttpResponse(csv_lines(report), content_type="text/csv; charset=utf-8"),
                       report.filename("csv"))


def json_response(report: Report) -> StreamingHttpResponse:
    return _attachment(StreamingHttpResponse(json_chunks(report), content_type="application/json; charset=utf-8"),
                       report.filename("json"))


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
