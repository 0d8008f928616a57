"""Nothing a page loads comes from outside the app: no CDN, no font service, no tracker (issue 19).

Scripts, stylesheets, pictures and frames are served by the app itself (whitenoise, from static/ and node_modules);
a link a person follows may go anywhere, so only loading tags and CSS are read.
"""

import re
from pathlib import Path

from django.conf import settings

LOADING_TAG = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(?:src|href|srcset|data)\s*=\s*"
    r"[\"']?\s*(?:https?:)?//",
    re.IGNORECASE | re.DOTALL,
)
CSS_OUTSIDE = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])\s*(?:https?:)?//", re.IGNORECASE)
SKIPPED = {".venv", "node_modules", "staticfiles", "test-artifacts", ".git"}


def _files(pattern: str) -> list[Path]:
    base = Path(settings.BASE_DIR)
    return [path for path in base.rglob(pattern) if not SKIPPED & set(path.relative_to(base).parts)]


def test_no_template_loads_a_script_style_or_picture_from_outside_the_app():
    templates = [path for path in _files("*.html") if "templates" in path.parts]
    assert len(templates) > 100  # the walk found the apps' templates
    outside = [f"{path}: {match.group(0)}" for path in templates for match in LOADING_TAG.finditer(path.read_text())]
    assert not outside, "\n".join(outside)


def test_no_stylesheet_of_ours_loads_from_outside_the_app():
    sheets = _files("static/css/*.css")
    assert sheets
    outside = [f"{path}: {match.group(0)}" for path in sheets for match in CSS_OUTSIDE.finditer(path.read_text())]
    assert not outside, "\n".join(outside)


def test_the_check_catches_a_cdn_script_and_a_font_service():
    assert LOADING_TAG.search('<script src="https://cdn.example.org/htmx.js"></script>')
    assert LOADING_TAG.search("<link rel=stylesheet href=//fonts.example.org/css>")
    assert not LOADING_TAG.search('<a href="https://example.org/">a link to follow</a>')
    assert CSS_OUTSIDE.search("@import 'https://fonts.example.org/css';")
