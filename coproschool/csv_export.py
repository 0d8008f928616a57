"""The one way the app writes CSV downloads: every cell is made safe for spreadsheets.

Excel, LibreOffice and Google Sheets run a cell that starts with = + - @ (or a tab or carriage
return before one) as a formula, so a need titled `=HYPERLINK("http://evil", "x")` would become a
live link in a member of staff's spreadsheet (OWASP "CSV injection"). Such cells get a leading
apostrophe, which spreadsheets show as plain text. Numbers stay numbers, also when already
formatted as text ("+1.00", "-0.5"): a plain signed number runs no function, and a figure must
stay a figure.
"""

import csv
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def csv_safe_cell(value) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_response(*, filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV attachment: `header`, then `rows`, every text cell neutralised; never cached."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([csv_safe_cell(cell) for cell in header])
    writer.writerows([csv_safe_cell(cell) for cell in row] for row in rows)
    add_never_cache_headers(response)  # names of pupils: never kept by a shared computer's or a proxy's cache
    return response
