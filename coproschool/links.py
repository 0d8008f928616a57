"""URLs of many objects of one kind from a single `reverse()`.

A list row's links were reversed once per row, and reversing costs more than the rest of the row's
rendering (bench, issue 9). Reversing once with a marker and putting each pk in its place gives the
same URL, as long as the route takes one integer pk; the halves are kept per process and script prefix.
"""

from functools import cache

from django.urls import get_script_prefix, reverse

MARKER = 1234567890  # an int, as the `<int:pk>` converter wants; reversed as its digits, nothing to escape


def url_for_pk(viewname: str, pk: int) -> str:
    before, after = _halves(viewname, get_script_prefix())
    return f"{before}{int(pk)}{after}"


@cache
def _halves(viewname: str, script_prefix: str) -> tuple[str, str]:
    before, after = reverse(viewname, args=[MARKER]).split(str(MARKER))
    return before, after
