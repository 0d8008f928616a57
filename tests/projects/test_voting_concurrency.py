"""One ballot per voter holds when one voter submits twice at the same moment (two connections)."""

import threading

import pytest
from django.db import connection

from projects.models import Ballot, VoterRecord
from projects.services.voting import ballot_cast
from tests.factories import DecisionFactory, IdeaFactory, ProjectMembershipFactory


def _run_together(*calls):
    """On PostgreSQL run the calls in threads (each its own connection) released at once by a barrier;
    SQLite serialises writers anyway and shares one in-memory database, so there they run in turn."""
    if connection.vendor != "postgresql":
        for call in calls:
            call()
        return []
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            call()
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_by_one_voter_keep_one_ballot():
    voter = ProjectMembershipFactory().membership
    project = voter.project_memberships.get().project
    first, second = IdeaFactory(project=project, is_shortlisted=True), IdeaFactory(project=project, is_shortlisted=True)
    decision = DecisionFactory(project=project, options=[first, second])

    errors = _run_together(
        lambda: ballot_cast(decision=decision, voter=voter, choices=[first.pk]),
        lambda: ballot_cast(decision=decision, voter=voter, choices=[second.pk]),
    )

    assert errors == []
    assert VoterRecord.objects.filter(decision=decision, membership=voter).count() == 1
    ballots = list(Ballot.objects.filter(decision=decision).values_list("choices", flat=True))
    assert len(ballots) == 1 and ballots[0] in ([first.pk], [second.pk])
