"""HTML to PDF with WeasyPrint: the report exports and a pupil's record of achievement.

The print layout (`templates/pdf_base.html`) carries its own stylesheet and the charts are
inline SVG, so nothing needs fetching: the fetcher allows `data:` URLs only, so a link someone wrote
into a report can never make the worker reach out to a server or read a local file.
"""

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

PRINT_LAYOUT = "pdf_base.html"


def pdf_render(*, body_template: str, context: dict) -> bytes:
    """`body_template` rendered inside the print layout, as PDF bytes. `context` needs `title`,
    `school_name`, `period` (text, may be empty) and `generated_at`, plus what the body reads."""
    html = render_to_string(PRINT_LAYOUT, {**context, "body_template": body_template})
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",))).write_pdf()
