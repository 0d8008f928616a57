"""The registry of what a calendar feed holds: each app registers functions `source(membership, window)`
returning `ical.Event`s that person may see in their school, between the window's two dates."""

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from people.calendar.ical import Event

Source = Callable[..., Iterable[Event]]
SOURCES: dict[str, Source] = {}
PAST_DAYS = 30
FUTURE_DAYS = 366


def calendar_source(name: str):
    """Register a source under a name (one per kind of event: "sessions", "surveys")."""

    def register(source: Source) -> Source:
        SOURCES[name] = source
        return source

    return register


def feed_window(today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    return today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS)


def window_moments(window: tuple[date, date]) -> tuple[datetime, datetime]:
    start, end = window
    zone = timezone.get_current_timezone()
    return datetime.combine(start, time.min, zone), datetime.combine(end, time.max, zone)


def _sort_key(event: Event):
    start = event.start
    if isinstance(start, datetime):
        return (timezone.localtime(start).date(), 1, start.timestamp(), event.uid)
    return (start, 0, 0, event.uid)


def events_for(membership, *, today: date | None = None) -> list[Event]:
    window = feed_window(today)
    events = [event for source in SOURCES.values() for event in source(membership, window)]
    return sorted(events, key=_sort_key)
