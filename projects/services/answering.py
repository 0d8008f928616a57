"""Writes for answering needs (issue 21, item 5): who answers, by when, and the "not now" answer.

Every need is answered within the school's school days (`NeedAnswering.answer_days`, default 10):
taken up as a project, merged, declined with a reason, or "not now, because ..., we will look again
on <date>", after which it comes back to its answerer on that date (`answer_due_on` becomes the
look-again date). `need_answered` is what every answer calls: it ends the wait and, the first time,
stamps the answer for the school report's figures.
"""

from datetime import date

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from audit.services import log_action
from people.models import Membership, Role, School
from projects import notifications
from projects.errors import NotAllowed
from projects.models import DEFAULT_ANSWER_DAYS, Need, NeedAnswering, NeedStatus, SchoolHoliday, YearAnswerer
from projects.school_days import SchoolCalendar

# A need still waiting for its answer: open, or "not now" (it comes back on its look-again date).
WAITING_STATUSES = (NeedStatus.OPEN, NeedStatus.NOT_NOW)


def answering_of(school: School | int) -> NeedAnswering:
    """The school's setting, unsaved with the defaults when a leader has not set it."""
    school_id = school if isinstance(school, int) else school.pk
    found = NeedAnswering.objects.filter(school_id=school_id).select_related("answerer__user").first()
    return found or NeedAnswering(school_id=school_id, answer_days=DEFAULT_ANSWER_DAYS)


def need_answerer_for(*, author: Membership) -> Membership | None:
    """Who answers a need `author` raises: the head of a pupil's year, else the school's named
    answerer; None means the school's leaders."""
    if author.is_pupil and author.year_group:
        head = YearAnswerer.objects.filter(
            school_id=author.school_id, year_group=author.year_group, member__is_active=True
        ).first()
        if head:
            return head.member
    answerer = answering_of(author.school_id).answerer
    return answerer if answerer and answerer.is_active else None


def need_answer_due(*, school: School | int, raised_on: date) -> date:
    return SchoolCalendar(school).add_school_days(raised_on, answering_of(school).answer_days)


def need_wait_start(*, need: Need, today: date | None = None) -> None:
    """Name the need's answerer and deadline (on raising, and on reopening); the caller saves."""
    today = today or timezone.localdate()
    need.answerer = need_answerer_for(author=need.author)
    need.answer_due_on = need_answer_due(school=need.school_id, raised_on=today)
    if need.first_answer_due_on is None:
        need.first_answer_due_on = need.answer_due_on


def need_answered(*, needs: Q | list[int]) -> int:
    """End the wait of these needs; stamp the first answer (kept for the figures)."""
    condition = needs if isinstance(needs, Q) else Q(pk__in=needs)
    return Need.objects.filter(condition).update(
        answer_due_on=None, first_answered_at=Coalesce(F("first_answered_at"), timezone.now())
    )


@transaction.atomic
def need_not_now(*, need: Need, actor: Membership, reason: str, look_again_on: date, today: date | None = None) -> Need:
    """Answer "not now, because <reason>, we will look again on <look_again_on>"."""
    today = today or timezone.localdate()
    reason = reason.strip()
    if not actor.is_staff_member:
        raise NotAllowed("Only staff answer needs.")
    if need.status not in WAITING_STATUSES:
        raise NotAllowed("Only an open need can be answered “not now”.")
    if not reason:
        raise NotAllowed("Say why not now: everyone who backed this need will read it.")
    if look_again_on <= today:
        raise NotAllowed("Choose a date after today to look at it again.")
    # The answerer looks again on a day they are in school: the reminder and the figures count school days.
    problem = SchoolCalendar(need.school_id).not_a_school_day(look_again_on)
    if problem:
        raise NotAllowed(problem)
    need_answered(needs=[need.pk])
    need.refresh_from_db(fields=["first_answered_at"])
    need.status = NeedStatus.NOT_NOW
    need.not_now_reason = reason
    need.look_again_on = look_again_on
    need.answer_due_on = look_again_on
    need.answerer = need.answerer or need_answerer_for(author=need.author)
    need.save(update_fields=["status", "not_now_reason", "look_again_on", "answer_due_on", "answerer", "updated_at"])
    log_action(actor=actor.user, verb="need.not_now", target=need, data={"look_again_on": look_again_on.isoformat()})
    notifications.notify_need_not_now(need=need, actor=actor)
    return need


@transaction.atomic
def need_answering_set(
    *,
    school: School,
    actor: Membership,
    answerer: Membership | None,
    answer_days: int,
    heads_of_year: dict[int, Membership | None],
) -> NeedAnswering:
    """A leader sets who answers the school's needs and in how many school days. Needs already
    waiting keep their answerer and deadline (what their authors were told)."""
    if not actor.is_leader or actor.school_id != school.pk:
        raise NotAllowed("Only the school's leaders choose who answers needs.")
    chosen = [answerer, *heads_of_year.values()]
    if any(
        member and (member.school_id != school.pk or member.role not in (Role.STAFF, Role.LEADER)) for member in chosen
    ):
        raise NotAllowed("Choose members of staff of your school.")
    if not 1 <= answer_days <= 60:
        raise NotAllowed("Give between 1 and 60 school days.")
    setting, _ = NeedAnswering.objects.update_or_create(
        school=school, defaults={"answerer": answerer, "answer_days": answer_days}
    )
    for year_group, member in heads_of_year.items():
        if member is None:
            YearAnswerer.objects.filter(school=school, year_group=year_group).delete()
        else:
            YearAnswerer.objects.update_or_create(school=school, year_group=year_group, defaults={"member": member})
    log_action(
        actor=actor.user,
        verb="need.answering_set",
        target=setting,
        data={"answerer": answerer.pk if answerer else None, "answer_days": answer_days},
    )
    return setting


@transaction.atomic
def school_holiday_add(
    *, school: School, actor: Membership, name: str, first_day: date, last_day: date
) -> SchoolHoliday:
    if not actor.is_leader or actor.school_id != school.pk:
        raise NotAllowed("Only the school's leaders record its holidays.")
    name = name.strip()
    if not name:
        raise NotAllowed("Name the holiday.")
    if last_day < first_day:
        raise NotAllowed("The last day must be on or after the first day.")
    if (last_day - first_day).days > 366:
        raise NotAllowed("A holiday lasts at most a year.")
    holiday = SchoolHoliday.objects.create(school=school, name=name, first_day=first_day, last_day=last_day)
    log_action(
        actor=actor.user, verb="need.holiday_add", target=holiday, data={"first": str(first_day), "last": str(last_day)}
    )
    return holiday


@transaction.atomic
def school_holiday_remove(*, holiday: SchoolHoliday, actor: Membership) -> None:
    if not actor.is_leader or actor.school_id != holiday.school_id:
        raise NotAllowed("Only the school's leaders record its holidays.")
    log_action(actor=actor.user, verb="need.holiday_remove", target=holiday, data={"name": holiday.name})
    holiday.delete()
