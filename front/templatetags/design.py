"""The design system's template tags (docs/design.md): icons from bootstrap-icons and stage badges.

Icons are bootstrap-icons' own SVG files (npm, the exact version in package.json), read once from
node_modules and written inline: no icon font or 1 MB sprite to download, nothing from outside the app,
and an icon takes the text colour. Icons are decoration (aria-hidden): the words beside them say it all.
"""

import re
from functools import lru_cache

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from projects.stage_look import stage_look

register = template.Library()

ICONS_DIR = settings.BASE_DIR / "node_modules" / "bootstrap-icons" / "icons"
_NAME = re.compile(r"^[a-z0-9-]+$")
_OPEN_TAG = re.compile(r"<svg[^>]*>")


@lru_cache(maxsize=512)
def _icon_body(name: str) -> str:
    if not _NAME.match(name):
        raise template.TemplateSyntaxError(f"Not an icon name: {name!r}")
    try:
        svg = (ICONS_DIR / f"{name}.svg").read_text()
    except FileNotFoundError as missing:
        raise template.TemplateSyntaxError(f"No bootstrap-icons icon called {name!r}") from missing
    body = _OPEN_TAG.sub("", svg, count=1).replace("</svg>", "")
    return " ".join(body.split())  # one line: whitespace in SVG markup only separates


@register.simple_tag
def icon(name: str, css: str = "") -> str:
    """`{% icon "lightbulb" %}` or `{% icon "lightbulb" "cs-icon-lg" %}`: an inline, hidden-from-readers SVG."""
    return format_html(
        '<svg class="cs-icon{}" width="1em" height="1em" viewBox="0 0 16 16" fill="currentColor" '
        'aria-hidden="true" focusable="false">{}</svg>',
        f" {css}" if css else "",
        mark_safe(_icon_body(name)),  # noqa: S308 - bootstrap-icons' own files, names checked above
    )


@register.simple_tag
def stage_icon(stage: str, css: str = "") -> str:
    return icon(stage_look(stage).icon, css)


@register.filter
def stage_doing(stage: str) -> str:
    return stage_look(stage).doing


@register.simple_tag
def stage_badge(stage: str, label: str) -> str:
    """`{% stage_badge project.stage project.get_stage_display %}`: the stage's colour, icon and name.

    A simple tag rather than an included template: boards and lists show dozens of them."""
    return format_html('<span class="stage-badge stage-{}">{}<span>{}</span></span>', stage, stage_icon(stage), label)
