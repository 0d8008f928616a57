"""Read aloud: `{% read_aloud "need" need.pk %}` is a "Read aloud" button for the text marked with
`{% read_aloud_text "need" need.pk %}` (an attribute on each element to read, in page order).

The speaking is the browser's own (`speechSynthesis`, static/js/read_aloud.js): no server, no third
party. The button is hidden until that script finds speech synthesis, so a browser without it (or
without JavaScript) never shows a control that does nothing. Simple tags, not an include: they sit in
list rows.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

SPEAKER = (
    '<svg class="read-aloud-icon" aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="16" height="16">'
    '<path fill="currentColor" d="M8 2.5 4.5 5.5H2v5h2.5L8 13.5z"/>'
    '<path fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" '
    'd="M10.5 5.5a3.5 3.5 0 0 1 0 5M12.3 3.7a6 6 0 0 1 0 8.6"/></svg>'
)


def _key(parts) -> str:
    return "-".join(str(part) for part in parts)


@register.simple_tag
def read_aloud_text(*parts) -> str:
    """Marks an element as (part of) what the matching button reads: `<p {% read_aloud_text "need" 3 %}>`."""
    return format_html('data-read-part="{}"', _key(parts))


@register.simple_tag
def read_aloud(*parts, text: str = "", css: str = "") -> str:
    """The button reading the elements marked with the same parts; `text=` reads that text instead."""
    key = _key(parts)
    return format_html(
        '<button type="button" class="btn btn-sm btn-outline-secondary read-aloud{}" data-read-aloud="{}"{}'
        ' aria-pressed="false">{}<span class="read-aloud-label">Read aloud</span></button>',
        f" {css}" if css else "",
        key,
        format_html(' data-read-text="{}"', text) if text else "",
        mark_safe(SPEAKER),  # noqa: S308 - a constant of ours
    )
