"""When a vote ends: closing on the first read after its time, closing now, and extending it.

A vote closes at its time even where no scheduler runs (the embedded `make run` install): every
page that loads a decision calls `decision_close_if_due` first. Beat (`projects.close_due_decisions`)
still closes votes nobody looks at. Both go through `decision_close`, whose conditional claim makes
the first caller close, count and announce the vote and every other caller do nothing.
"""

from datetime import datetime

from django.db import transaction
from django.utils import formats, timezone

from audit.services import log_action
from people.models import Membership, NotificationKind
from people.notifications.services import notify
from projects.errors import NotAllowed
from projects.models import Decision, DecisionStatus, Project, ProjectRole
from projects.selectors.decisions import eligible_voters
from projects.services.voting import decision_close


def decision_close_if_due(*, decision: Decision, now: datetime | None = None) -> bool:
    """Close `decision` if its closing time has passed; True if this call closed it."""
    now = now or timezone.now()
    if decision.status != DecisionStatus.OPEN or decision.closes_at > now:
        return False
    # Closed when voting ended, not when someone next looked: termly reports count it in its term.
    return decision_close(decision=decision, now=decision.closes_at)


def project_decisions_close_due(*, project: Project, now: datetime | None = None) -> int:
    """Close the project's decisions whose time is up (for its pages); returns how many this call closed."""
    now = now or timezone.now()
    due = Decision.objects.filter(project=project, status=DecisionStatus.OPEN, closes_at__lte=now)
    return sum(decision_close_if_due(decision=decision, now=now) for decision in due.only("status", "closes_at"))


def _check_facilitates(decision: Decision, actor: Membership) -> None:
    if decision.project.role_of(actor) != ProjectRole.FACILITATOR:
        raise NotAllowed("Only the project's facilitators close or extend its votes.")


def _lock_open(decision: Decision, actor: Membership, now: datetime) -> Decision:
    decision = Decision.objects.select_for_update().select_related("project").get(pk=decision.pk)
    _check_facilitates(decision, actor)
    if decision.status != DecisionStatus.OPEN or decision.closes_at <= now:
        raise NotAllowed("This vote has already closed.")
    if decision.opens_at > now:
        raise NotAllowed("Voting has not opened yet: change the times instead.")
    return decision


@transaction.atomic
def decision_close_now(*, decision: Decision, actor: Membership) -> Decision:
    """A facilitator ends an open vote before its time: the result is counted and published now."""
    now = timezone.now()
    decision = _lock_open(decision, actor, now)
    planned = decision.closes_at
    # The page then says when voting really ended; the row is locked, so no ballot slips in between.
    Decision.objects.filter(pk=decision.pk).update(closes_at=now)
    decision_close(decision=decision, now=now)
    log_action(
        actor=actor.user,
        verb="decision.close_now",
        target=decision,
        data={"planned_closes_at": planned.isoformat(), "closed_at": now.isoformat()},
    )
    return Decision.objects.get(pk=decision.pk)


@transaction.atomic
def decision_extend(*, decision: Decision, actor: Membership, closes_at: datetime) -> Decision:
    """A facilitator gives an open vote more time; everyone who can vote is told the new time once."""
    now = timezone.now()
    decision = _lock_open(decision, actor, now)
    if closes_at <= decision.closes_at:
        raise NotAllowed("Choose a closing time later than the current one.")
    previous = decision.closes_at
    decision.closes_at = closes_at
    decision.save(update_fields=["closes_at"])
    log_action(
        actor=actor.user,
        verb="decision.extend",
        target=decision,
        data={"from": previous.isoformat(), "to": closes_at.isoformat()},
    )
    when = formats.date_format(timezone.localtime(closes_at), "j M Y, H:i")
    notify(
        kind=NotificationKind.ANNOUNCEMENT,
        subject=decision,
        # One message per new closing time: a second extension is news again, a repeat is not.
        period=f"extended-{int(closes_at.timestamp())}",
        recipients=eligible_voters(decision),
        title=f"More time to vote: {decision.title}",
        body=f"Voting in {decision.project.title} now closes on {when}.",
        url=decision.get_absolute_url(),
    )
    return decision
