"""One ballot per voter holds when one voter submits twice at the same moment (two connections)."""

import pytest

from projects.errors import NotAllowed
from projects.models import Ballot, VoterRecord
from projects.services.voting import ballot_cast
from tests.concurrency import run_together
from tests.factories import DecisionFactory, IdeaFactory, ProjectMembershipFactory
from tests.holding import held_flush


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_by_one_voter_keep_one_ballot():
    voter = ProjectMembershipFactory().membership
    project = voter.project_memberships.get().project
    first, second = IdeaFactory(project=project, is_shortlisted=True), IdeaFactory(project=project, is_shortlisted=True)
    decision = DecisionFactory(project=project, options=[first, second])

    outcomes = run_together(
        [
            lambda: ballot_cast(decision=decision, voter=voter, choices=[first.pk]),
            lambda: ballot_cast(decision=decision, voter=voter, choices=[second.pk]),
        ]
    )
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]

    # One is cast, the other refused in words (a ballot is final once cast), never a crash.
    assert len(errors) == 1 and isinstance(errors[0], NotAllowed), errors
    assert VoterRecord.objects.filter(decision=decision, membership=voter).count() == 1
    held_flush()
    ballots = list(Ballot.objects.filter(decision=decision).values_list("choices", flat=True))
    assert len(ballots) == 1 and ballots[0] in ([first.pk], [second.pk])
