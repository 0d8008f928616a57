"""Plain words, measured (issue 21): what a pupil reads, collected and scored for reading age.

The rule (README, "Plain words, measured"): every pupil-facing text unit — a template a pupil sees, a
notification kind's words, an email's fixed words — scores a Flesch-Kincaid grade of at most
`GRADE_LIMIT`. Reading age is the grade + 5, so the limit is a reading age of 10 (pupils from 9 to 10 up
can read it). Flesch-Kincaid counts words per sentence and syllables per word, which is what makes UI
text hard; it needs no long passages the way SMOG or Dale-Chall do. Each label, button and heading
counts as a sentence of its own, as a reader meets it.

Template syntax is stripped: `{{ value }}` reads as "it" (a name or a title the pupil wrote, not our
words), `{% tags %}` and comments go, and `{% if %}` blocks whose condition only adults pass
(`NOT_FOR_PUPILS`) are left out, since a pupil never sees them.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import textstat
from django.template.base import Lexer, TokenType
from django.template.loader import get_template

GRADE_LIMIT = 5.0  # Flesch-Kincaid grade; reading age = grade + 5 = 10
READING_AGE_OFFSET = 5

# Names in an {% if %} that only adults pass (staff, leaders, parents, a facilitator): pupils never see the block.
# A pupil lead passes `runs_project`, `can_change` and `can_shortlist`, so those blocks are measured.
NOT_FOR_PUPILS = {
    "can_triage",  # projects.triage_needs: staff
    "can_close_now",  # the project's facilitator
    "can_extend",
    "can_export_turnout",  # staff
    "can_adopt",  # leaders
    "can_moderate",
    "is_staff_member",
    "membership.is_staff_member",
    "membership.is_leader",
    "membership.is_parent",
    "preview",  # staff previewing a survey
}

BREAKS = {
    "p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "th", "tr", "label", "legend",
    "button", "dt", "dd", "option", "section", "summary", "caption", "nav", "form", "br", "table", "select",
    "textarea", "input", "details", "header", "footer", "main", "blockquote",
}  # fmt: skip
SKIP = {"script", "style", "svg"}
SEPARATE = "\x1e"  # ends a sentence where template syntax does (it may fall inside a tag: it is no markup)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fragments: list[str] = [""]
        self.skipping = 0

    def _break(self):
        if self.fragments[-1].strip():
            self.fragments.append("")

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skipping += 1
        elif tag in BREAKS:
            self._break()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BREAKS:
            self._break()

    def handle_data(self, data):
        if not self.skipping:
            self.fragments[-1] += data


def sentences_of_html(html: str) -> list[str]:
    """The text a reader meets, one sentence per label, heading, paragraph or list item."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    found = []
    for part in (part for fragment in parser.fragments for part in fragment.split(SEPARATE)):
        part = re.sub(r"https?://\S+", "it", part)  # a link is followed, not read
        text = re.sub(r"\s+", " ", part).strip(" ·—\u2013-|,;*")
        if not re.search(r"[A-Za-z]{2}", re.sub(r"\bit\b", "", text)):
            continue  # only values (names, titles, numbers): none of our words
        found.append(text if re.search(r"[.!?:…]”?$", text) else f"{text}.")
    return found


def _not_for_pupils(contents: str) -> bool:
    words = set(re.findall(r"[\w.]+", contents.split(None, 1)[1] if " " in contents else ""))
    return bool(words & NOT_FOR_PUPILS) and "not" not in words


def template_html(source: str) -> str:
    """The template's own words as HTML: values read as "it", tags and comments gone, staff-only
    {% if %} branches left out."""
    out: list[str] = []
    skipping: list[bool] = []  # one entry per open {% if %}: is the current branch staff-only?
    in_comment = False
    for token in Lexer(source).tokenize():
        contents = token.contents.strip()
        if token.token_type == TokenType.BLOCK:
            word = contents.split(None, 1)[0] if contents else ""
            if word == "comment":
                in_comment = True
            elif word == "endcomment":
                in_comment = False
            elif word == "if":
                skipping.append(_not_for_pupils(contents))
            elif word == "elif" and skipping:
                skipping[-1] = _not_for_pupils(contents)
            elif word == "else" and skipping:
                skipping[-1] = False
            elif word == "endif" and skipping:
                skipping.pop()
            if word in {"elif", "else", "for", "empty", "endfor"}:
                out.append(SEPARATE)  # branches and rows are texts of their own, never one sentence
            continue
        if in_comment or any(skipping) or token.token_type == TokenType.COMMENT:
            continue
        out.append(token.contents if token.token_type == TokenType.TEXT else " it ")
    return "".join(out)


def template_sentences(name: str) -> list[str]:
    origin = get_template(name).origin.name
    html = template_html(Path(origin).read_text())
    if name.endswith(".txt"):  # a plain-text email: each line is read on its own
        html = html.replace("<", "&lt;").replace("\n", "<br>")
    return sentences_of_html(html)


def placeholder_text(text: str) -> str:
    """A format string's words, its {placeholders} read as "it"."""
    return re.sub(r"\{[^}]*\}", "it", text)


def grade(sentences: list[str]) -> float:
    return textstat.flesch_kincaid_grade(" ".join(sentences)) if sentences else 0.0


def hardest(sentences: list[str], count: int = 5) -> list[tuple[float, str]]:
    return sorted(((textstat.flesch_kincaid_grade(s), s) for s in sentences), reverse=True)[:count]
