"""iCalendar text written by hand (RFC 5545): CRLF line ends, lines folded at 75 octets, TEXT values
escaped, every event with UID, DTSTAMP and DTSTART. Dates are whole-day events; times are in UTC."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

CRLF = "\r\n"
MAX_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str  # stable across fetches, so a calendar app updates the event instead of adding another
    summary: str
    start: date | datetime  # a date: a whole-day event; a datetime (aware): a moment
    url: str = ""  # a path of the site; made absolute when served
    description: str = ""


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    # Other control characters are not allowed in a TEXT value: drop them.
    return "".join(ch for ch in text if ch == "\t" or (ord(ch) >= 32 and ord(ch) != 127))


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode())
        limit = MAX_OCTETS if not pieces else MAX_OCTETS - 1  # continuation lines start with a space
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += ch
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _start(value: date | datetime) -> list[str]:
    if isinstance(value, datetime):
        return [f"DTSTART:{_utc(value)}"]
    return [f"DTSTART;VALUE=DATE:{value:%Y%m%d}", f"DTEND;VALUE=DATE:{value + timedelta(days=1):%Y%m%d}"]


def render_calendar(events: list[Event], *, name: str, domain: str, now: datetime, absolute) -> str:
    """The whole VCALENDAR. `absolute(path)` makes an event's URL absolute; `domain` ends its UIDs."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//coproschool//Calendar feed//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        # Ask calendar apps to look again every few hours (they decide).
        "REFRESH-INTERVAL;VALUE=DURATION:PT4H",
        "X-PUBLISHED-TTL:PT4H",
    ]
    stamp = _utc(now)
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{escape(event.uid)}@{domain}", f"DTSTAMP:{stamp}", *_start(event.start)]
        lines.append(f"SUMMARY:{escape(event.summary)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.url:
            lines.append(f"URL:{absolute(event.url)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF
