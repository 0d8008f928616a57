"""School days: Monday to Friday, except the school's holidays (projects.models.SchoolHoliday).

A need raised on a day has `n` school days to be answered: its deadline is the n-th school day after
the day it was raised (that day itself does not count, whether or not it is a school day). It is
overdue from the day after its deadline.
"""

from datetime import date, timedelta

from people.models import School


class SchoolCalendar:
    """The school days of one school, from its holidays (one query when made)."""

    def __init__(self, school: School | int):
        from projects.models import SchoolHoliday

        school_id = school if isinstance(school, int) else school.pk
        self.holidays = list(SchoolHoliday.objects.filter(school_id=school_id).values_list("first_day", "last_day"))

    def is_school_day(self, day: date) -> bool:
        if day.weekday() >= 5:
            return False
        return not any(first <= day <= last for first, last in self.holidays)

    def add_school_days(self, start: date, days: int) -> date:
        """The `days`-th school day after `start`."""
        day = start
        left = days
        while left > 0:
            day += timedelta(days=1)
            if self.is_school_day(day):
                left -= 1
        return day

    def school_days_between(self, start: date, end: date) -> int:
        """School days after `start` up to and including `end` (0 when `end` is not after `start`)."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_school_day(day):
                count += 1
        return count

    def not_a_school_day(self, day: date) -> str:
        """Why `day` is not a school day, in words for a form ("" when it is one)."""
        if self.is_school_day(day):
            return ""
        day_words = f"{day:%A} {day.day} {day:%B}"
        why = "a weekend" if day.weekday() >= 5 else "in a school holiday"
        after = self.next_school_day(day)
        return f"{day_words} is {why}. Choose a school day: the next one is {after:%A} {after.day} {after:%B}."

    def next_school_day(self, day: date) -> date:
        """`day` itself when it is a school day, else the first school day after it."""
        while not self.is_school_day(day):
            day += timedelta(days=1)
        return day
