"""The school report's "Reaching the unheard" figures, term by term: the share of pupils not yet
heard in each term, by year group and by form, and how many pupils invited in the term then took part.

"Not yet heard" and "took part" are evaluation.figures' definitions. Every figure about fewer than 5
pupils reads "fewer than 5" (evaluation.stats). Queries per term: one grouped query, and one for the
invitations (evaluation.invitations.selectors.invitation_uptake counts the `took_part_at` stamps).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from evaluation.figures import Period, contributions, pupils_of, took_part
from evaluation.invitations.selectors import invitation_uptake
from evaluation.reports.periods import Term, current_term, last_ended_term
from evaluation.stats import SUPPRESSED_TEXT, is_suppressed
from people.models import School

TERMS_SHOWN = 3


@dataclass(frozen=True)
class Share:
    count: str
    percent: str

    def __str__(self) -> str:
        return self.count if self.count == SUPPRESSED_TEXT else f"{self.percent} ({self.count})"


def share(count: int, total: int) -> Share:
    if is_suppressed(total) or is_suppressed(count):
        return Share(SUPPRESSED_TEXT, SUPPRESSED_TEXT)
    return Share(str(count), f"{round(100 * count / total)}%")


def terms_until(day: date) -> list[Term]:
    """The term `day` falls in (or the last one before it, in August) and the ones before it, oldest first."""
    terms = [current_term(day)]
    while len(terms) < TERMS_SHOWN:
        terms.insert(0, last_ended_term(terms[0].start))
    return terms


def _unheard_by_group(*, school: School, period: Period) -> tuple[dict[str, tuple[int, int]], ...]:
    """(pupils, not heard) per year group and per form, and for the whole school: one grouped query."""
    groups = (
        pupils_of(school)
        .values("year_group", "form")
        .annotate(pupils=Count("pk"), heard=Count("pk", filter=took_part(contributions(school=school, period=period))))
        .order_by()
    )
    by_year: dict[str, list[int]] = {}
    by_form: dict[str, list[int]] = {}
    whole = [0, 0]
    for group in groups:
        unheard = group["pupils"] - group["heard"]
        for into, key in ((by_year, f"Year {group['year_group']}"), (by_form, group["form"] or "No form")):
            totals = into.setdefault(key, [0, 0])
            totals[0] += group["pupils"]
            totals[1] += unheard
        whole[0] += group["pupils"]
        whole[1] += unheard
    return by_year, by_form, {"Whole school": whole}


def _rows(per_term: list[dict[str, list[int]]], order) -> list[dict]:
    labels = sorted({label for groups in per_term for label in groups}, key=order)
    return [{"label": label, "cells": [_unheard_share(groups.get(label)) for groups in per_term]} for label in labels]


def _unheard_share(totals: list[int] | None) -> Share:
    pupils, unheard = totals or (0, 0)
    return share(unheard, pupils)


def _year_order(label: str) -> int:
    return int(label.removeprefix("Year "))


def reach_figures(*, school: School, end: date) -> dict:
    """The last `TERMS_SHOWN` terms up to the report's end date, side by side."""
    terms = terms_until(end)
    by_year, by_form, whole, uptake = [], [], [], []
    for term in terms:
        period = Period(term.start, term.end, term.label)
        years, forms, school_total = _unheard_by_group(school=school, period=period)
        by_year.append(years)
        by_form.append(forms)
        whole.append(school_total)
        counts = invitation_uptake(school=school, period=period)
        uptake.append(
            {
                "invited": SUPPRESSED_TEXT if 0 < counts["invited"] < 5 else str(counts["invited"]),
                "took_part": share(counts["took_part"], counts["invited"]) if counts["invited"] else None,
            }
        )
    return {
        "terms": [f"{term.label} {term.start.year}" for term in terms],
        "tables": [
            ("Pupils not yet heard: whole school", "Group", _rows(whole, str)),
            ("Pupils not yet heard, by year group", "Year group", _rows(by_year, _year_order)),
            ("Pupils not yet heard, by form", "Form", _rows(by_form, str)),
        ],
        "uptake": uptake,
    }
