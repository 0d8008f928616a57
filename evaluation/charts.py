"""Charts drawn on the server as SVG text, so a page and a PDF show the same picture.

Pure functions: figures in, an SVG string out. Every chart has a <title> and <desc> for screen
readers (pages also show the figures as a table), and applies small-number suppression itself, so
a caller cannot forget it.
"""

from dataclasses import dataclass
from html import escape

from evaluation.stats import SUPPRESSED_TEXT, Change, is_suppressed

WIDTH = 640
LABEL_WIDTH = 250
BAR_AREA = WIDTH - LABEL_WIDTH - 60
BAR_HEIGHT = 14
ROW_HEIGHT = 58
TOP = 34
# Colours keep a 4.5:1 contrast on white (WCAG AA) for the bars and the text beside them.
BEFORE_COLOUR = "#5c636a"
AFTER_COLOUR = "#0a58ca"
TEXT_COLOUR = "#212529"


@dataclass(frozen=True)
class ChartRow:
    label: str
    change: Change
    scale_min: float
    scale_max: float


def _svg_open(*, chart_id: str, title: str, description: str, height: int) -> str:
    """The <svg> start tag with the <title> and <desc> that screen readers announce."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )


def _bar(*, x: float, y: float, value: float, row: ChartRow, colour: str, name: str) -> str:
    share = (value - row.scale_min) / (row.scale_max - row.scale_min)
    length = max(round(share * BAR_AREA, 1), 1)
    return (
        f'<rect x="{x}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{colour}" data-series="{name}"/>'
        f'<text x="{x + length + 6}" y="{y + BAR_HEIGHT - 3}" font-size="12" fill="{TEXT_COLOUR}">'
        f"{name} {value:.2f}</text>"
    )


def prepost_chart(*, chart_id: str, title: str, rows: list[ChartRow]) -> str:
    """Before and after means per question as pairs of horizontal bars, each on its own scale."""
    height = TOP + ROW_HEIGHT * max(len(rows), 1) + 10
    description = "; ".join(_describe(row) for row in rows) or "No questions to compare."
    parts = [
        _svg_open(chart_id=chart_id, title=title, description=description, height=height),
        f'<rect x="{LABEL_WIDTH}" y="6" width="12" height="12" fill="{BEFORE_COLOUR}"/>',
        f'<text x="{LABEL_WIDTH + 18}" y="16" font-size="12" fill="{TEXT_COLOUR}">Before</text>',
        f'<rect x="{LABEL_WIDTH + 80}" y="6" width="12" height="12" fill="{AFTER_COLOUR}"/>',
        f'<text x="{LABEL_WIDTH + 98}" y="16" font-size="12" fill="{TEXT_COLOUR}">After</text>',
    ]
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        label = row.label if len(row.label) <= 40 else row.label[:39] + "…"
        parts.append(f'<text x="0" y="{y + 12}" font-size="12" fill="{TEXT_COLOUR}">{escape(label)}</text>')
        parts.append(
            f'<text x="0" y="{y + 28}" font-size="12" fill="{TEXT_COLOUR}">'
            f"scale {row.scale_min:g} to {row.scale_max:g}</text>"
        )
        if row.change.suppressed:
            parts.append(
                f'<text x="{LABEL_WIDTH}" y="{y + 20}" font-size="12" fill="{TEXT_COLOUR}">'
                f"{_not_shown(row.change)}</text>"
            )
            continue
        parts.append(
            _bar(x=LABEL_WIDTH, y=y, value=row.change.mean_before, row=row, colour=BEFORE_COLOUR, name="Before")
        )
        parts.append(
            _bar(
                x=LABEL_WIDTH,
                y=y + BAR_HEIGHT + 6,
                value=row.change.mean_after,
                row=row,
                colour=AFTER_COLOUR,
                name="After",
            )
        )
    parts.append("</svg>")
    return "".join(parts)


def _not_shown(change: Change) -> str:
    if is_suppressed(change.n):
        return f"{SUPPRESSED_TEXT} answered: not shown"
    # Enough answered, but a mean would give a hidden small count back (evaluation/stats.py).
    return "small groups of answers inside: not shown"


def _describe(row: ChartRow) -> str:
    if row.change.suppressed:
        return f"{row.label}: {_not_shown(row.change)}"
    # Not suppressed means at least 5 answers on each side, so both means exist.
    change = row.change
    return (
        f"{row.label}: before {change.mean_before:.2f}, after {change.mean_after:.2f} "
        f"(scale {row.scale_min:g} to {row.scale_max:g})"
    )


SHARE_ROW_HEIGHT = 26


@dataclass(frozen=True)
class ShareRow:
    label: str
    count: int
    total: int


def share_chart(*, chart_id: str, title: str, rows: list[ShareRow]) -> str:
    """Shares (count of total, as a percentage) as horizontal bars from 0 to 100%. A row whose count
    or total is below 5 is written as "fewer than 5" instead of a bar."""
    height = TOP + SHARE_ROW_HEIGHT * max(len(rows), 1) + 10
    description = "; ".join(_describe_share(row) for row in rows) or "Nothing to show."
    parts = [
        _svg_open(chart_id=chart_id, title=title, description=description, height=height),
        f'<text x="{LABEL_WIDTH}" y="16" font-size="12" fill="{TEXT_COLOUR}">Share of pupils, 0 to 100%</text>',
    ]
    for index, row in enumerate(rows):
        y = TOP + index * SHARE_ROW_HEIGHT
        parts.append(f'<text x="0" y="{y + 12}" font-size="12" fill="{TEXT_COLOUR}">{escape(row.label)}</text>')
        if is_suppressed(row.count) or is_suppressed(row.total):
            parts.append(
                f'<text x="{LABEL_WIDTH}" y="{y + 12}" font-size="12" fill="{TEXT_COLOUR}">{SUPPRESSED_TEXT}</text>'
            )
            continue
        percent = round(100 * row.count / row.total)
        length = max(round(percent / 100 * BAR_AREA, 1), 1)
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{AFTER_COLOUR}"/>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + BAR_HEIGHT - 3}" font-size="12" fill="{TEXT_COLOUR}">'
            f"{percent}%</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _describe_share(row: ShareRow) -> str:
    if is_suppressed(row.count) or is_suppressed(row.total):
        return f"{row.label}: {SUPPRESSED_TEXT}"
    return f"{row.label}: {round(100 * row.count / row.total)}%"
