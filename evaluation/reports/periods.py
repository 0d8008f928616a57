"""The period a report covers: school terms, and the form that chooses a period.

Terms are fixed and the same for every school (England's usual calendar, rounded to whole months):
autumn 1 September to 31 December, spring 1 January to 31 March, summer 1 April to 31 July. August belongs to
no term. A school that needs other dates chooses them on the report page; the termly report that
Celery beat sends to leaders uses these.
"""

from dataclasses import dataclass
from datetime import date

from django import forms

# (key, label, (first month, day), (last month, day)) in the order they fall in a calendar year.
TERMS = (
    ("spring", "Spring term", (1, 1), (3, 31)),
    ("summer", "Summer term", (4, 1), (7, 31)),
    ("autumn", "Autumn term", (9, 1), (12, 31)),
)


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    start: date
    end: date

    @property
    def period(self) -> str:
        """The term's short name, e.g. "2026-autumn"."""
        return f"{self.start.year}-{self.key}"


def _terms_of(year: int) -> list[Term]:
    return [Term(key, label, date(year, *first), date(year, *last)) for key, label, first, last in TERMS]


def current_term(today: date) -> Term:
    """The term `today` falls in; in August, the summer term just ended."""
    for term in _terms_of(today.year):
        if term.start <= today <= term.end:
            return term
    return _terms_of(today.year)[1]


def last_ended_term(today: date) -> Term:
    """The most recent term that ended before `today`."""
    ended = [term for year in (today.year - 1, today.year) for term in _terms_of(year) if term.end < today]
    return ended[-1]


MAX_PERIOD_DAYS = 3 * 366


DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class ReportPeriodForm(forms.Form):
    start = forms.DateField(label="From", widget=DATE_INPUT)
    end = forms.DateField(label="To", widget=DATE_INPUT)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The end date must be on or after the start date.")
            elif (end - start).days > MAX_PERIOD_DAYS:
                self.add_error("end", "Choose a period of at most three years.")
        return cleaned


def period_from(data, *, today: date) -> tuple[ReportPeriodForm, date, date]:
    """The form bound to `data` (a GET QueryDict) and the period to show: the chosen dates when they
    are valid, else the current term (so a bad link still shows a report, with the errors)."""
    term = current_term(today)
    if "start" not in data and "end" not in data:
        form = ReportPeriodForm(initial={"start": term.start, "end": term.end})
        return form, term.start, term.end
    form = ReportPeriodForm(data)
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, term.start, term.end
