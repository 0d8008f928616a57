"""Who hears about surveys and reports: one `notify_<event>` function per event, called by the
services in their transaction (emails go after the commit)."""

from evaluation import notification_kinds as kinds
from evaluation.selectors import members_yet_to_answer
from people.models import Membership, Role
from people.notifications.services import notify


def notify_survey_opened(*, survey) -> None:
    kind = kinds.SURVEY_OPENED
    notify(kind=kind.key, subject=survey, recipients=members_yet_to_answer(survey),
           title=kind.title_for(survey=survey.title), url=kind.link(survey))  # fmt: skip


def notify_report_awaiting(*, project) -> None:
    kind = kinds.REPORT_AWAITING
    leaders = Membership.objects.filter(school_id=project.school_id, role=Role.LEADER, is_active=True)
    notify(kind=kind.key, subject=project, recipients=leaders, title=kind.title_for(project=project.title),
           url=kind.link(project))  # fmt: skip


def notify_report_signed(*, sign_off) -> None:
    kind = kinds.REPORT_SIGNED
    members = Membership.objects.filter(project_memberships__project_id=sign_off.project_id)
    notify(kind=kind.key, subject=sign_off, recipients=members.exclude(pk=sign_off.signed_by_id),
           title=kind.title_for(project=sign_off.project.title, leader=sign_off.signed_by.user.display_name),
           url=kind.link(sign_off))  # fmt: skip


def notify_invited(*, target, pupil_ids: list[int], inviter, what: str, message: str) -> None:
    """One notification per newly invited pupil, in a fixed number of queries (people's `notify`
    works in batches). The target is the subject, so a pupil hears once about one thing."""
    kind = kinds.INVITED
    notify(kind=kind.key, subject=target, recipients=Membership.objects.filter(pk__in=pupil_ids),
           title=kind.title_for(inviter=inviter.user.display_name, what=what), body=message,
           url=kind.link(target))  # fmt: skip
