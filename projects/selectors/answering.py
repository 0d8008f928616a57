"""Reads for answering needs (issue 21, items 5 and 7): what waits for whom, and the leaders' figures.

Definitions the school report states on the page:
- a need is *answered in time* when its first answer (taken up as a project, merged, declined, or
  "not now") came on or before its first deadline; the share counts needs raised in the period whose
  deadline has passed or that were answered (a need still inside its deadline is not counted yet);
- *days to an answer* are school days from the day a need was raised to its first answer;
- a decision is *pupil-backed* when pupils cast more than half of its votes; the share adopted counts
  the pupil-backed decisions that closed in the period and that leadership answered.
"""

from datetime import date, datetime, time, timedelta
from statistics import median

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from people.models import Membership, Role, School
from projects.models import Adoption, Decision, DecisionStatus, Need, NeedStatus
from projects.school_days import SchoolCalendar


def overdue_q(today: date) -> Q:
    """Waiting needs past their deadline, and "not now" needs whose look-again date has come."""
    return Q(hidden_at__isnull=True, answer_due_on__isnull=False) & (
        Q(status=NeedStatus.OPEN, answer_due_on__lt=today) | Q(status=NeedStatus.NOT_NOW, answer_due_on__lte=today)
    )


def needs_overdue_for(*, member: Membership, today: date | None = None) -> QuerySet[Need]:
    """The needs whose answer is overdue that `member` answers; a leader sees every one of the school
    (theirs, and those nobody is named for, first)."""
    today = today or timezone.localdate()
    needs = Need.objects.filter(overdue_q(today), school=member.school_id)
    if not member.is_leader:
        needs = needs.filter(answerer=member)
    return needs.select_related("answerer__user").order_by("answer_due_on", "pk")


def needs_waiting(*, school: School, answerer: Membership | None = None) -> QuerySet[Need]:
    """Every need waiting for an answer, soonest deadline first (the "Needs to answer" page)."""
    needs = Need.objects.filter(
        school=school,
        hidden_at__isnull=True,
        answer_due_on__isnull=False,
        status__in=[NeedStatus.OPEN, NeedStatus.NOT_NOW],
    )
    if answerer is not None:
        needs = needs.filter(answerer=answerer)
    return needs.select_related("answerer__user").order_by("answer_due_on", "pk")


def _raised_between(school: School, start: date, end: date) -> QuerySet[Need]:
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    return Need.objects.filter(school=school, created_at__gte=since, created_at__lt=until)


def needs_answered_in_time_share(*, school: School, start: date, end: date, today: date | None = None) -> dict:
    """{"in_time", "counted", "percent"} over the needs raised in the period (see the module's words)."""
    today = today or timezone.localdate()
    rows = _raised_between(school, start, end).filter(first_answer_due_on__isnull=False)
    rows = rows.filter(Q(first_answered_at__isnull=False) | Q(first_answer_due_on__lt=today))
    counted = in_time = 0
    for due, answered_at in rows.values_list("first_answer_due_on", "first_answered_at"):
        counted += 1
        if answered_at is not None and timezone.localdate(answered_at) <= due:
            in_time += 1
    return {"in_time": in_time, "counted": counted, "percent": round(100 * in_time / counted) if counted else None}


def needs_median_days_to_answer(*, school: School, start: date, end: date) -> float | None:
    """The median school days from raising to the first answer, over needs raised in the period and answered."""
    calendar = SchoolCalendar(school)
    rows = _raised_between(school, start, end).filter(first_answered_at__isnull=False)
    days = [
        calendar.school_days_between(timezone.localdate(raised), timezone.localdate(answered))
        for raised, answered in rows.values_list("created_at", "first_answered_at")
    ]
    return median(days) if days else None


def pupil_backed_decisions_adopted_share(*, school: School, start: date, end: date) -> dict:
    """{"adopted", "answered", "percent"}: pupil-backed decisions (pupils cast more than half the
    votes) that closed in the period and that leadership answered, and how many it adopted."""
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    decisions = (
        Decision.objects.filter(
            project__school=school,
            status=DecisionStatus.CLOSED,
            closed_at__gte=since,
            closed_at__lt=until,
            adoption__in=[Adoption.ADOPTED, Adoption.NOT_ADOPTED],
        )
        .annotate(
            votes=Count("voter_records", distinct=True),
            pupil_votes=Count("voter_records", filter=Q(voter_records__membership__role=Role.PUPIL), distinct=True),
        )
        .values_list("adoption", "votes", "pupil_votes")
    )
    answered = adopted = 0
    for adoption, votes, pupil_votes in decisions:
        if votes and 2 * pupil_votes > votes:
            answered += 1
            adopted += adoption == Adoption.ADOPTED
    return {"adopted": adopted, "answered": answered, "percent": round(100 * adopted / answered) if answered else None}
