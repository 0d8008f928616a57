"""The design tokens keep their promises (docs/design.md): every stage's words are readable on its colour.

Computed from the token values in static/css/tokens.css with WCAG 2.2's relative luminance, so a colour
changed there is checked here: text on its background at least 4.5:1 (AA for normal text), and the stage's
accent (borders, stepper circles) at least 3:1 against white and against the stage's background (non-text
contrast), since the accent is what marks the current step.
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from projects.models import Stage
from projects.stage_look import STAGE_LOOK

TOKENS = Path(settings.BASE_DIR) / "static" / "css" / "tokens.css"
APP_CSS = Path(settings.BASE_DIR) / "static" / "css" / "app.css"


def _tokens() -> dict[str, str]:
    return dict(re.findall(r"(--cs-[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", TOKENS.read_text()))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_computed_as_wcag_defines_it():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the famous AA grey


@pytest.mark.parametrize("stage", list(Stage))
def test_each_stage_name_is_readable_on_its_colour(stage):
    tokens = _tokens()
    text, bg = tokens[f"--cs-stage-{stage.value}-text"], tokens[f"--cs-stage-{stage.value}-bg"]
    assert contrast(text, bg) >= 4.5, f"{stage.label}: {text} on {bg} is {contrast(text, bg):.2f}:1"
    # The badge and the stepper also put the name on white (a step to come) and on the page's tint.
    for surface in (tokens["--cs-surface"], tokens["--cs-page-bg"]):
        assert contrast(text, surface) >= 4.5


@pytest.mark.parametrize("stage", list(Stage))
def test_each_stage_accent_stands_out_from_white_and_its_background(stage):
    tokens = _tokens()
    accent = tokens[f"--cs-stage-{stage.value}-accent"]
    assert contrast(accent, tokens["--cs-surface"]) >= 3, f"{stage.label}: {accent} on white"
    assert contrast(accent, tokens[f"--cs-stage-{stage.value}-bg"]) >= 3, f"{stage.label}: {accent} on its tint"


def test_the_stages_are_told_apart_by_colour_and_icon_alike():
    tokens = _tokens()
    assert len({tokens[f"--cs-stage-{s.value}-bg"] for s in Stage}) == len(Stage)
    assert len({STAGE_LOOK[s].icon for s in Stage}) == len(Stage)
    css = APP_CSS.read_text()
    for stage in Stage:  # every stage has its class in the stylesheet
        assert f".stage-{stage.value} {{" in css


def test_body_text_links_and_buttons_keep_aa_on_the_page_and_on_cards():
    tokens = _tokens()
    for colour in ("--cs-text", "--cs-text-muted", "--cs-brand", "--cs-success", "--cs-danger"):
        for surface in ("--cs-surface", "--cs-page-bg", "--cs-brand-tint"):
            assert contrast(tokens[colour], tokens[surface]) >= 4.5, f"{colour} on {surface}"
    for button in ("--cs-brand", "--cs-brand-dark", "--cs-brand-darker", "--cs-success", "--cs-danger"):
        assert contrast("#ffffff", tokens[button]) >= 4.5, f"white on {button}"


def test_the_focus_ring_is_thick_and_stands_out_on_every_surface():
    css = APP_CSS.read_text()
    width = float(re.search(r"--cs-focus-width:\s*([\d.]+)px", css).group(1))
    focus = re.search(r"--cs-focus-colour:\s*(#[0-9a-fA-F]{6})", css).group(1)
    assert width >= 2
    tokens = _tokens()
    surfaces = ["--cs-surface", "--cs-page-bg", "--cs-brand-tint"] + [f"--cs-stage-{s.value}-bg" for s in Stage]
    for surface in surfaces:
        assert contrast(focus, tokens[surface]) >= 3, f"focus on {surface}"


def test_the_icon_set_comes_from_npm_at_an_exact_version_and_renders_inline():
    package = json.loads((Path(settings.BASE_DIR) / "package.json").read_text())
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["dependencies"]["bootstrap-icons"])
    html = Template('{% load design %}{% stage_badge "co_design" "Co-design" %}').render(Context())
    assert "Co-design" in html and 'aria-hidden="true"' in html and "<path" in html
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
