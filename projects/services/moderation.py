"""Writes for moderation and safeguarding. Content is hidden, never deleted; a `Report` records each step.

A safeguarding concern hides its content at once and is handled only by the school's designated
safeguarding leads: other staff never see it in the moderation queue.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.services import log_action
from coproschool.hidden_content import content_hidden
from people.models import Membership, NotificationKind
from people.notifications.services import notify
from projects import notifications
from projects.counters import count_add
from projects.errors import NotAllowed
from projects.models import (
    Idea,
    IdeaComment,
    Moderatable,
    Need,
    NeedComment,
    Report,
    ReportStatus,
    SafeguardingMessage,
)

TARGET_FIELDS = {Need: "need", NeedComment: "need_comment", Idea: "idea", IdeaComment: "idea_comment"}
# What the author reads on content hidden for safeguarding: neutral, it says nothing about why.
SAFEGUARDING_NOTICE = "Hidden while a member of staff looks at it."


def target_school_id(target: Moderatable) -> int:
    if isinstance(target, Need):
        return target.school_id
    if isinstance(target, NeedComment):
        return target.need.school_id
    if isinstance(target, Idea):
        return target.project.school_id
    if isinstance(target, SafeguardingMessage):
        return target.school_id
    return target.idea.project.school_id


# A comment's parent counts its visible comments (projects.counters): a hide takes one away.
COUNTED_ON = {NeedComment: (Need, "need_id"), IdeaComment: (Idea, "idea_id")}


def _set_hidden(target: Moderatable, *, hidden: bool, reason: str, safeguarding: bool) -> None:
    # Locked and read again: the parent's count changes only when the content goes from shown to
    # hidden or back (a safeguarding hide followed by the lead's hide counts once).
    was_hidden = type(target).objects.select_for_update().filter(pk=target.pk, hidden_at__isnull=False).exists()
    target.hidden_at = timezone.now() if hidden else None
    target.hidden_reason = reason
    target.hidden_for_safeguarding = safeguarding
    target.save(update_fields=["hidden_at", "hidden_reason", "hidden_for_safeguarding"])
    content_hidden(target_school_id(target))
    if type(target) in COUNTED_ON and hidden != was_hidden:
        parent, field = COUNTED_ON[type(target)]
        count_add(parent, getattr(target, field), comment_count=-1 if hidden else 1)


def _hide(target: Moderatable, *, reason: str, safeguarding: bool) -> None:
    _set_hidden(target, hidden=True, reason=reason, safeguarding=safeguarding)


def _unhide(target: Moderatable) -> None:
    _set_hidden(target, hidden=False, reason="", safeguarding=False)


def _close(report: Report, *, actor: Membership, status: str, outcome: str = "") -> Report:
    updated = Report.objects.filter(pk=report.pk, status=ReportStatus.OPEN).update(
        status=status, handled_by=actor, handled_at=timezone.now(), outcome=outcome
    )
    if updated != 1:
        raise NotAllowed("This report was already handled.")
    report.refresh_from_db()
    return report


@transaction.atomic
def report_create(*, reporter: Membership, target: Moderatable, reason: str, is_safeguarding: bool = False) -> Report:
    """Anyone reports content. A safeguarding concern hides it at once and goes to the safeguarding leads."""
    if target_school_id(target) != reporter.school_id:
        raise NotAllowed("You can only report content of your own school.")
    reason = reason.strip()
    if not reason:
        raise NotAllowed("Say what is wrong, so staff can act on it.")
    report = Report.objects.create(
        school=reporter.school,
        reporter=reporter,
        reason=reason,
        is_safeguarding=is_safeguarding,
        **{TARGET_FIELDS[type(target)]: target},
    )
    if is_safeguarding:
        _hide(target, reason=SAFEGUARDING_NOTICE, safeguarding=True)
        transaction.on_commit(lambda: _alert_safeguarding_leads(report))
    return report


# Called with `message=` when a lead releases held text written outside projects (evaluation registers
# one for named surveys' answers): projects may not import evaluation (the layers contract).
CONCERN_RELEASE_HOOKS: list = []


def _alert_safeguarding_leads(report: Report) -> None:
    """Every lead gets an inbox item and an email that say only that a concern needs them (no content)."""
    notify(
        kind=NotificationKind.SAFEGUARDING_CONCERN,
        subject=report,
        recipients=Membership.objects.filter(school_id=report.school_id, is_safeguarding_lead=True, is_active=True),
        title="A safeguarding concern needs you",
        body="Open it to see what was reported and record what you do.",
        url=reverse("projects:safeguarding_concern", args=[report.pk]),
    )


@transaction.atomic
def content_flag(*, staff: Membership, target: Moderatable, reason: str, is_safeguarding: bool = False) -> Report:
    """Staff hide content themselves (a staff flag): recorded as a report they made and acted on."""
    if not staff.is_staff_member:
        raise NotAllowed("Only staff hide content.")
    report = report_create(reporter=staff, target=target, reason=reason, is_safeguarding=is_safeguarding)
    if not is_safeguarding:
        report_hide(report=report, actor=staff, reason=reason)
    return report


def _check_handler(report: Report, actor: Membership) -> None:
    if report.school_id != actor.school_id:
        raise NotAllowed("This report belongs to another school.")
    # A deputy lead handles a concern once it was escalated to them (no lead opened it in time).
    deputy_may = actor.is_deputy_safeguarding_lead and report.escalated_at is not None
    if report.is_safeguarding and not (actor.is_safeguarding_lead or deputy_may):
        raise NotAllowed("Only a designated safeguarding lead handles safeguarding concerns.")
    if not actor.is_staff_member:
        raise NotAllowed("Only staff moderate content.")


@transaction.atomic
def report_hide(*, report: Report, actor: Membership, reason: str) -> Report:
    """Hide the reported content; `reason` is shown to its author."""
    _check_handler(report, actor)
    reason = reason.strip()
    if not reason:
        raise NotAllowed("Give a reason: the author will read it.")
    report = _close(report, actor=actor, status=ReportStatus.HIDDEN, outcome=reason)
    _hide(report.target, reason=reason, safeguarding=report.is_safeguarding)
    _log(report, actor, "content.hide")
    notifications.notify_content_hidden(target=report.target, actor=actor)
    return report


@transaction.atomic
def report_dismiss(*, report: Report, actor: Membership, note: str = "") -> Report:
    _check_handler(report, actor)
    if report.is_safeguarding:
        raise NotAllowed("Record what was done for a safeguarding concern instead.")
    report = _close(report, actor=actor, status=ReportStatus.DISMISSED, outcome=note.strip())
    _log(report, actor, "report.dismiss")
    return report


@transaction.atomic
def content_restore(*, report: Report, actor: Membership) -> Report:
    """Show hidden content again. The report keeps the record of the hide and of the restore."""
    _check_handler(report, actor)
    if report.status != ReportStatus.HIDDEN:
        raise NotAllowed("Only hidden content can be restored.")
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.RESTORED, handled_by=actor, handled_at=timezone.now()
    )
    _unhide(report.target)
    report.refresh_from_db()
    _log(report, actor, "content.restore")
    return report


@transaction.atomic
def safeguarding_record(*, report: Report, lead: Membership, outcome: str, restore_content: bool = False) -> Report:
    """The safeguarding lead records what was done; the content stays hidden unless they restore it."""
    if not report.is_safeguarding:
        raise NotAllowed("This is not a safeguarding concern.")
    _check_handler(report, lead)
    outcome = outcome.strip()
    if not outcome:
        raise NotAllowed("Record what was done.")
    report = _close(report, actor=lead, status=ReportStatus.RESOLVED, outcome=outcome)
    if restore_content and isinstance(report.target, Moderatable):  # a private message is never shown
        _unhide(report.target)
    elif restore_content and report.message_id:
        # Held text of a higher app (a named survey's answer): it releases what it held for this message.
        for release in CONCERN_RELEASE_HOOKS:
            release(message=report.target)
    _log(report, lead, "safeguarding.outcome", restored=restore_content)
    return report


def _log(report: Report, actor: Membership, verb: str, **data) -> None:
    """Into the one audit log: which report, on what, whether a safeguarding concern (so the log's
    readers can keep those to the leads); never the reported text, the reason or the outcome."""
    target = {"report": report.pk, "target": report.target._meta.label, "target_id": report.target.pk}
    log_action(
        actor=actor.user, verb=verb, target=report, data={**target, "safeguarding": report.is_safeguarding, **data}
    )
