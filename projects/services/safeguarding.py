"""Safeguarding concerns that reach the leads at once: held posts, pupils' private messages, escalation.

Every concern is a safeguarding `Report` (projects.services.moderation), so the leads' page, the
outcome and the audit log are the same for all three routes. A concern no lead has opened within
the school's time (in school hours) goes to the deputy leads and the head, once.
"""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from audit.services import log_action
from people.models import Membership, NotificationKind, Role
from people.notifications.services import notify
from people.safeguarding.hours import school_minutes_between
from people.safeguarding.words import text_screen
from projects.errors import NotAllowed
from projects.models import Moderatable, Report, ReportStatus, SafeguardingMessage
from projects.services.moderation import TARGET_FIELDS, _alert_safeguarding_leads, _hide, target_school_id

# What the author reads on a held post: neutral, it says nothing about why.
HELD_NOTICE = "Waiting for a check before others can see it."
HELD_REASON = "Held for a check: it matched the school's safeguarding word list ({words})."
MESSAGE_REASON = "A pupil wrote privately to the safeguarding leads."
MAX_MESSAGE = 5000


def content_screen(*, target: Moderatable, author: Membership, text: str) -> bool:
    """Hold `target` for the leads when its text matches the school's word list. Returns whether held.

    Called in the write's transaction: the hold, the report and the leads' alert commit together.
    """
    matches = text_screen(school=author.school, text=text)
    if not matches:
        return False
    report = Report.objects.create(
        school_id=target_school_id(target),
        reporter=author,
        reason=HELD_REASON.format(words=", ".join(f"“{word}”" for word in matches)),
        is_safeguarding=True,
        held_by_screen=True,
        **{TARGET_FIELDS[type(target)]: target},
    )
    _hide(target, reason=HELD_NOTICE, safeguarding=True)
    transaction.on_commit(lambda: _alert_safeguarding_leads(report))
    return True


@transaction.atomic
def private_message_send(*, pupil: Membership, body: str) -> Report:
    """A pupil tells the safeguarding leads something privately: only the leads ever read it."""
    if not pupil.is_pupil:
        raise NotAllowed("This route is for pupils; staff report a concern on the content itself.")
    body = body.strip()
    if not body:
        raise NotAllowed("Write what you want to tell.")
    if len(body) > MAX_MESSAGE:
        raise NotAllowed(f"Keep it under {MAX_MESSAGE} characters, or tell an adult in person.")
    return _message_concern(author=pupil, body=body, reason=MESSAGE_REASON)


def text_concern_raise(*, author: Membership, text: str, where: str) -> Report | None:
    """Screen text written outside projects (a reflection, a named survey's answer): on a match the leads
    get it as a concern with the page it was written on. Returns the concern when it matched (the caller
    holds the text, and may register a release hook: projects.services.moderation.CONCERN_RELEASE_HOOKS)."""
    matches = text_screen(school=author.school, text=text)
    if not matches:
        return None
    reason = HELD_REASON.format(words=", ".join(f"“{word}”" for word in matches))
    return _message_concern(author=author, body=text, reason=reason, where=where, held=True)


def _message_concern(*, author: Membership, body: str, reason: str, where: str = "", held: bool = False) -> Report:
    message = SafeguardingMessage.objects.create(school=author.school, author=author, body=body, where=where)
    report = Report.objects.create(
        school=author.school, reporter=author, reason=reason, is_safeguarding=True, held_by_screen=held, message=message
    )
    transaction.on_commit(lambda: _alert_safeguarding_leads(report))
    return report


def safeguarding_mark_opened(*, lead: Membership, reports) -> int:
    """A lead saw these concerns: they no longer escalate. Only the first opening is kept."""
    if not lead.is_safeguarding_lead:
        return 0
    ids = [report.pk for report in reports]
    return Report.objects.filter(
        pk__in=ids, school_id=lead.school_id, is_safeguarding=True, opened_at__isnull=True
    ).update(opened_at=timezone.now())


def _escalation_recipients(school_id: int):
    return Membership.objects.filter(school_id=school_id, is_active=True).filter(
        Q(is_deputy_safeguarding_lead=True) | Q(role=Role.LEADER)
    )


def safeguarding_escalate_due(*, now=None) -> int:
    """Send each open, unopened concern past its school's time to the deputies and the head, once.

    Idempotent: a concern is claimed with a conditional update, so a retry or a second worker sends nothing.
    """
    now = now or timezone.now()
    waiting = Report.objects.filter(
        is_safeguarding=True, status=ReportStatus.OPEN, opened_at__isnull=True, escalated_at__isnull=True
    ).select_related("school")
    sent = 0
    for report in waiting:
        if school_minutes_between(report.created_at, now) < report.school.safeguarding_escalate_after:
            continue
        with transaction.atomic():
            claimed = Report.objects.filter(pk=report.pk, escalated_at__isnull=True, opened_at__isnull=True).update(
                escalated_at=now
            )
            if claimed != 1:
                continue
            log_action(
                actor=None,
                verb="safeguarding.escalate",
                target=report,
                data={"report": report.pk, "safeguarding": True},
            )
            transaction.on_commit(lambda report=report: _alert_escalation(report))
        sent += 1
    return sent


def _alert_escalation(report: Report) -> None:
    """Deputy leads get a link to the concern itself; the head (not a deputy) is asked to reach a lead."""
    recipients = _escalation_recipients(report.school_id)
    words = {
        "kind": NotificationKind.SAFEGUARDING_CONCERN,
        "subject": report,
        "period": "escalated",
        "title": "A safeguarding concern has not been opened",
    }
    notify(
        **words,
        recipients=recipients.filter(is_deputy_safeguarding_lead=True),
        body="No safeguarding lead has opened it in time. Open it now, or reach a safeguarding lead.",
        url=reverse("projects:safeguarding_concern", args=[report.pk]),
    )
    notify(
        **words,
        recipients=recipients.filter(is_deputy_safeguarding_lead=False),
        body="No safeguarding lead has opened it in time. Please reach a safeguarding lead now.",
        url=reverse("home"),  # the concern itself stays with the leads and deputies
    )
