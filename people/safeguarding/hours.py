"""School hours for escalation: Monday to Friday, 08:00 to 17:00 local time; the rest does not count."""

from datetime import datetime, time, timedelta

from django.utils import timezone

OPENS, CLOSES = time(8, 0), time(17, 0)


def school_minutes_between(start: datetime, end: datetime) -> int:
    """Whole minutes of school hours from `start` to `end` (aware datetimes)."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    minutes = 0
    day = start.date()
    while day <= end.date():
        if day.weekday() < 5:
            opens = timezone.make_aware(datetime.combine(day, OPENS))
            closes = timezone.make_aware(datetime.combine(day, CLOSES))
            span = min(closes, end) - max(opens, start)
            minutes += max(span, timedelta(0)) // timedelta(minutes=1)
        day += timedelta(days=1)
    return minutes
