"""Writes for co-decide: set up a decision, cast secret ballots, close and publish, record adoption.

How ballots stay secret is documented in projects/models/decisions.py. Every write that touches
ballots locks the decision row first, so a ballot, a second ballot from the same voter, a rules
change and the close are serialised per decision; the unique constraints are the backstop.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import log_action
from people.models import Membership, Role
from people.notifications.outbox import enqueue
from people.taking_part import took_part
from projects import notifications
from projects.consent import require_taking_part
from projects.counters import count_add
from projects.errors import NotAllowed
from projects.models import (
    Adoption,
    Decision,
    DecisionStatus,
    Idea,
    Project,
    ProjectRole,
    Stage,
    VoterRecord,
)
from projects.services.holding import held_ballot_add, held_ballots_move
from projects.tasks import close_decision
from projects.voting import registry

MIN_OPTIONS = 2


@dataclass(frozen=True)
class DecisionRules:
    """Everything about a decision that is fixed once the first ballot is cast."""

    title: str
    method: str
    options: list[Idea]
    opens_at: datetime
    closes_at: datetime
    electorate_project_members: bool = True
    electorate_year_groups: tuple[int, ...] = ()
    electorate_roles: tuple[str, ...] = ()
    budget: Decimal | None = None


def _check_runs(project: Project, actor: Membership) -> None:
    role = project.memberships.filter(membership=actor).values_list("role", flat=True).first()
    if role not in (ProjectRole.LEAD, ProjectRole.FACILITATOR):
        raise NotAllowed("Only the project's pupil leads and facilitators set up its decisions.")


def _check_rules(project: Project, rules: DecisionRules) -> Decimal | None:
    """Validate `rules` for `project`, then by the method's own checks; returns the budget to store, if any."""
    if not rules.title.strip():
        raise NotAllowed("Give the decision a title.")
    method = registry.get(rules.method)
    if method is None:
        raise NotAllowed("Choose how the group decides.")
    if len(rules.options) < MIN_OPTIONS:
        raise NotAllowed(f"A decision needs at least {MIN_OPTIONS} shortlisted ideas to choose from.")
    for idea in rules.options:
        if idea.project_id != project.pk or not idea.is_shortlisted or idea.is_hidden:
            raise NotAllowed(f"“{idea.title}” is not a shortlisted idea of this project.")
    if rules.closes_at <= rules.opens_at:
        raise NotAllowed("The vote must close after it opens.")
    if rules.closes_at <= timezone.now():
        raise NotAllowed("The closing time has already passed.")
    if not (rules.electorate_project_members or rules.electorate_year_groups or rules.electorate_roles):
        raise NotAllowed("Choose who votes: the project's members, year groups or whole-school groups.")
    if set(rules.electorate_roles) - {Role.PUPIL, Role.PARENT, Role.STAFF}:
        raise NotAllowed("Unknown group in the electorate.")
    return method.check_setup(project=project, rules=rules)


def _apply(decision: Decision, rules: DecisionRules, budget: Decimal | None) -> None:
    decision.title = rules.title.strip()
    decision.method = rules.method
    decision.opens_at = rules.opens_at
    decision.closes_at = rules.closes_at
    decision.electorate_project_members = rules.electorate_project_members
    decision.electorate_year_groups = sorted({int(y) for y in rules.electorate_year_groups})
    decision.electorate_roles = sorted(set(rules.electorate_roles))
    decision.budget = budget


@transaction.atomic
def decision_create(*, project: Project, actor: Membership, rules: DecisionRules) -> Decision:
    if project.stage != Stage.CO_DECIDE:
        raise NotAllowed("Decisions are set up while the project is in co-decide.")
    _check_runs(project, actor)
    budget = _check_rules(project, rules)
    decision = Decision(project=project, created_by=actor, ballot_salt=secrets.token_hex(32))
    _apply(decision, rules, budget)
    decision.save()
    decision.options.set(rules.options)
    notifications.notify_vote_opened(decision=decision)
    return decision


@transaction.atomic
def decision_update(*, decision: Decision, actor: Membership, rules: DecisionRules) -> Decision:
    """Change the rules; refused once anyone has voted (the rules people voted under stay fixed)."""
    decision = Decision.objects.select_for_update().select_related("project").get(pk=decision.pk)
    _check_runs(decision.project, actor)
    if decision.is_closed:
        raise NotAllowed("This decision is closed.")
    if decision.voter_records.exists():
        raise NotAllowed("Someone has already voted: the rules of this decision can no longer change.")
    budget = _check_rules(decision.project, rules)
    _apply(decision, rules, budget)
    decision.save()
    decision.options.set(rules.options)
    return decision


RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to copy by hand


def receipt_new() -> str:
    """A random receipt, e.g. "K7QF-2MXD-9PLA-RT4W": nothing about the voter goes into it."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def receipt_digest(receipt: str) -> str:
    """What is stored with the ballot: the SHA-256 of the receipt as the voter types it back."""
    normalised = "".join(ch for ch in receipt.upper() if ch in RECEIPT_ALPHABET)
    return hashlib.sha256(normalised.encode()).hexdigest()


def ballot_receipt_check(*, decision: Decision, receipt: str) -> str:
    """ "counted" (in the ballots), "waiting" (held for the next step) or "unknown"."""
    digest = receipt_digest(receipt)
    if decision.ballots.filter(receipt=digest).exists():
        return "counted"
    if decision.held_ballots.filter(receipt=digest).exists():
        return "waiting"
    return "unknown"


def _clean_choices(decision: Decision, choices: list[int]) -> list[int]:
    options = list(decision.options.values_list("pk", "cost_money"))
    allowed = {pk for pk, _ in options}
    cleaned = list(dict.fromkeys(int(choice) for choice in choices))
    if not cleaned:
        raise NotAllowed("Choose at least one idea.")
    if set(cleaned) - allowed:
        raise NotAllowed("Choose among this decision's ideas only.")
    registry.get(decision.method).check_ballot(choices=cleaned, options=options, decision=decision)
    return cleaned


def decision_is_open(decision: Decision, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return decision.status == DecisionStatus.OPEN and decision.opens_at <= now < decision.closes_at


ALREADY_VOTED = "You have already voted in this decision: a ballot is final once it is cast."


def ballot_cast(*, decision: Decision, voter: Membership, choices: list[int]) -> str:
    """Record that `voter` voted, then hold their ballot apart from that record; returns the receipt.

    Two transactions, never one (issue 18): the first locks the decision, checks and writes the
    `VoterRecord` (its unique constraint makes a ballot final once cast: a second one is refused);
    the second writes the `HeldBallot` with the SHA-256 of a random receipt, which the voter is
    shown once. `projects.services.holding` moves held ballots into `Ballot` in shuffled batches.
    Call it outside any transaction (as the view does): inside one, the two would share it.
    `choices` are idea ids, from the method's ballot form (for ranked choice the ranking, first first).
    """
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if not decision_is_open(decision):
            raise NotAllowed("Voting is not open for this decision.")
        if not decision.admits(voter):
            raise NotAllowed("You are not in the group that votes on this decision.")
        require_taking_part(voter)
        cleaned = _clean_choices(decision, choices)
        try:
            with transaction.atomic():
                VoterRecord.objects.create(decision=decision, membership=voter, voted_on=timezone.localdate())
        except IntegrityError:
            raise NotAllowed(ALREADY_VOTED) from None
        count_add(Decision, decision.pk, voter_count=1)
        took_part(membership_ids=[voter.pk])  # with the voter record, never with the ballot
    receipt = receipt_new()
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        held_ballot_add(decision=decision, choices=cleaned, receipt=receipt_digest(receipt))
        if decision.is_closed:
            _count_final(decision)  # the vote closed between the two transactions: this ballot still counts
    return receipt


def _count_final(decision: Decision) -> None:
    """The last step: every ballot still held joins the others, all rewritten in a random order with
    new ids (projects.services.holding), so not even storage order lines up with the voter records;
    then the result is counted."""
    held_ballots_move(decision_id=decision.pk, final=True)
    decision.result = count_ballots(decision)
    decision.save(update_fields=["result"])


def count_ballots(decision: Decision) -> dict:
    """The count of the decision's ballots by its method (projects/voting/methods/)."""
    options = sorted(decision.options.values_list("pk", "cost_money"))
    ballots = decision.ballots.values_list("choices", flat=True)
    return registry.get(decision.method).count(ballots=ballots, options=options, decision=decision)


@transaction.atomic
def decision_close(*, decision: Decision, now: datetime | None = None) -> bool:
    """Close and publish the result. Idempotent: only the call that flips open → closed does anything.

    The conditional UPDATE takes the row lock, so it waits for a ballot being cast and a second
    close finds the row already closed (row count 0) and returns False.
    """
    now = now or timezone.now()
    claimed = Decision.objects.filter(pk=decision.pk, status=DecisionStatus.OPEN).update(
        status=DecisionStatus.CLOSED, closed_at=now, ballot_salt="", result={}
    )
    if claimed != 1:
        return False
    decision = Decision.objects.select_related("project").get(pk=decision.pk)
    _count_final(decision)
    notifications.notify_vote_result(decision=decision)
    return True


def _due(now: datetime | None = None) -> list[int]:
    now = now or timezone.now()
    return list(Decision.objects.filter(status=DecisionStatus.OPEN, closes_at__lte=now).values_list("pk", flat=True))


def decisions_close_due(*, now: datetime | None = None) -> int:
    """Close every open decision whose closing time has passed; returns how many this call closed."""
    return sum(decision_close(decision=Decision(pk=pk), now=now) for pk in _due(now))


@transaction.atomic
def decisions_queue_due(*, now: datetime | None = None) -> int:
    """Queue one `projects.close_decision` task per due decision (through the outbox, after commit)."""
    due = _due(now)
    for pk in due:
        enqueue(close_decision, decision_id=pk)
    return len(due)


@transaction.atomic
def decision_record_adoption(*, decision: Decision, actor: Membership, adopted: bool, reason: str = "") -> Decision:
    """A leader says whether leadership adopts the result; not adopting needs a reason, shown to all."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not actor.is_leader or actor.school_id != decision.project.school_id:
        raise NotAllowed("Only the school's leaders record whether the result is adopted.")
    if not decision.is_closed:
        raise NotAllowed("The result can be adopted once the vote has closed.")
    reason = reason.strip()
    if not adopted and not reason:
        raise NotAllowed("Say why leadership does not adopt the result: everyone will see the reason.")
    decision.adoption = Adoption.ADOPTED if adopted else Adoption.NOT_ADOPTED
    decision.adoption_reason = reason
    decision.adoption_by = actor
    decision.adoption_at = timezone.now()
    decision.save(update_fields=["adoption", "adoption_reason", "adoption_by", "adoption_at"])
    log_action(
        actor=actor.user,
        verb="decision.adoption",
        target=decision,
        data={"adopted": adopted},
        school_id=actor.school_id,
    )
    notifications.notify_vote_adoption(decision=decision)
    return decision
