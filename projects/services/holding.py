"""Ballots wait in a holding area, then move into `Ballot` in shuffled batches (issue 18).

Why: a row written in the same transaction as the voter record, or right after it, or in the order
people voted, can be lined up with that record by anyone reading the database (PostgreSQL's `xmin`,
the storage order `ctid`, sequential ids, fine times). So `ballot_cast` writes the `VoterRecord` in
one transaction and the `HeldBallot` in another; this job, run by beat every minute (and by the
in-process scheduler of `make run`), moves held ballots into `Ballot`:

- in batches as `coproschool.batches` picks them: every step adds at least 5 ballots, and the close
  never adds fewer than 5 (unless fewer than 5 voted in all);
- each move rewrites every ballot of the decision in a fresh random order with new random keys, in
  one transaction with the delete of what it moved, so storage order, keys and `xmin` say nothing
  about who voted when (every ballot carries the move's transaction id);
- at close (`decision_close`) everything still held goes in one last shuffled batch.

A crash anywhere rolls the whole move back: every ballot is counted exactly once.
"""

import secrets

from django.db import transaction

from coproschool.batches import batch_pick
from projects.models import Ballot, Decision, DecisionStatus, HeldBallot


def _after_insert() -> None:
    """A seam for the crash tests (they kill the process here); does nothing."""


def held_ballot_add(*, decision: Decision, choices: list, receipt: str) -> None:
    """Hold one ballot: every waiting ballot of the decision is rewritten with it, shuffled.

    Run it inside the transaction that holds the decision's row lock (`ballot_cast` does). That
    transaction comes right after the voter record's, so its id is next to the record's; because
    every held ballot then carries it, and lies on disk in a fresh random order, neither `xmin` nor
    storage order says which waiting ballot is this voter's.
    """
    waiting = list(HeldBallot.objects.filter(decision=decision).values_list("choices", "receipt"))
    waiting.append((choices, receipt))
    secrets.SystemRandom().shuffle(waiting)
    HeldBallot.objects.filter(decision=decision).delete()
    HeldBallot.objects.bulk_create([HeldBallot(decision=decision, choices=c, receipt=r) for c, r in waiting])


def held_ballots_move(*, decision_id: int, final: bool | None = None) -> int:
    """Move one decision's waiting ballots (see the module docstring); returns how many moved.

    Idempotent and safe to run from two processes: the decision's row lock serialises movers and a
    second one finds only what is still held. `final` defaults to "the decision is closed".
    """
    with transaction.atomic():
        decision = Decision.objects.select_for_update().filter(pk=decision_id).first()
        if decision is None:
            return 0
        if final is None:
            final = decision.status == DecisionStatus.CLOSED
        held = list(HeldBallot.objects.filter(decision=decision).values_list("pk", "choices", "receipt"))
        moving = batch_pick(held, final=final)
        if not moving and not (final and decision.ballots.exists()):
            return 0  # (the last step rewrites the ballots even when nothing is held)
        rows = [(choices, receipt) for choices, receipt in decision.ballots.values_list("choices", "receipt")]
        rows += [(choices, receipt) for _pk, choices, receipt in moving]
        secrets.SystemRandom().shuffle(rows)
        decision.ballots.all().delete()
        Ballot.objects.bulk_create(
            [Ballot(decision=decision, choices=choices, receipt=receipt) for choices, receipt in rows],
            batch_size=1000,
        )
        _after_insert()
        HeldBallot.objects.filter(pk__in=[pk for pk, _choices, _receipt in moving]).delete()
    return len(moving)


def held_ballots_move_all() -> int:
    """The beat job: every decision with ballots waiting; returns how many ballots moved."""
    decision_ids = HeldBallot.objects.values_list("decision_id", flat=True).distinct().order_by()
    return sum(held_ballots_move(decision_id=pk) for pk in list(decision_ids))


def held_ballot_count(decision: Decision) -> int:
    return HeldBallot.objects.filter(decision=decision).count()
