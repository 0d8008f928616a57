"""Races on PostgreSQL: one person hammering submit 50 times at once still counts once.

Each attempt runs in its own thread with its own database connection, all released together by a
barrier, so the database — not the order of the calls — decides. SQLite has a single writer and
an in-memory test database that threads cannot share, so these tests need PostgreSQL; CI
(`.ci/run`) runs them there. tests/projects/test_voting_concurrency.py and
tests/evaluation/test_one_response.py cover two attempts on either database; this file is the load.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from evaluation import services as survey_services
from evaluation.models import Answer, HeldResponse, Response, SurveyCompletion
from projects.errors import NotAllowed
from projects.models import Ballot, Decision, ProjectRole, VoterRecord
from projects.services.voting import DecisionRules, ballot_cast, decision_update
from tests.concurrency import run_together
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    ProjectMembershipFactory,
    QuestionFactory,
    StaffFactory,
    SurveyFactory,
)
from tests.holding import held_flush

ATTEMPTS = 50

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL — CI runs it"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def vote():
    voter = ProjectMembershipFactory().membership
    project = voter.project_memberships.get().project
    ideas = [IdeaFactory(project=project, is_shortlisted=True) for _ in range(3)]
    return DecisionFactory(project=project, options=ideas), voter, ideas


def test_fifty_simultaneous_ballots_by_one_voter_store_one_ballot_and_one_record(vote):
    decision, voter, ideas = vote
    calls = [
        (lambda i=i: ballot_cast(decision=decision, voter=voter, choices=[ideas[i % len(ideas)].pk]))
        for i in range(ATTEMPTS)
    ]

    outcomes = run_together(calls)

    # One attempt is cast (it gets the receipt); every other is refused in words: a ballot is final once cast.
    kinds = Counter(type(o).__name__ for o in outcomes)
    assert kinds == {"str": 1, "NotAllowed": ATTEMPTS - 1}
    assert all("already voted" in str(o) for o in outcomes if isinstance(o, Exception))
    assert VoterRecord.objects.filter(decision=decision, membership=voter).count() == 1
    held_flush()
    ballots = list(Ballot.objects.filter(decision=decision).values_list("choices", flat=True))
    assert len(ballots) == 1 and ballots[0] in [[idea.pk] for idea in ideas]


def test_fifty_simultaneous_survey_submissions_by_one_pupil_store_one_response(pupil):
    survey = SurveyFactory(school=pupil.school)
    likert = QuestionFactory(survey=survey, type="likert5")
    text = QuestionFactory(survey=survey, type="short_text", required=False)
    calls = [
        (
            lambda i=i: survey_services.response_submit(
                survey=survey, membership=pupil, answers={likert.pk: str(1 + i % 5), text.pk: f"try {i}"}
            )
        )
        for i in range(ATTEMPTS)
    ]

    outcomes = run_together(calls)

    kinds = Counter(type(o).__name__ for o in outcomes)
    assert kinds == {"NoneType": 1, "AlreadyAnswered": ATTEMPTS - 1}  # anonymous: nothing to hand back
    assert SurveyCompletion.objects.filter(survey=survey, membership=pupil).count() == 1
    assert HeldResponse.objects.filter(survey=survey).count() == 1
    held_flush()
    assert Response.objects.filter(survey=survey).count() == 1
    # The losers' answers were rolled back with their response: one answer per question.
    assert Answer.objects.filter(response__survey=survey).count() == 2


def test_rules_change_racing_the_first_ballots_never_lands_after_a_ballot(vote):
    """Half the attempts vote, half change the method; the decision row lock orders them, so a rules
    change either happened before any ballot or was refused with "already voted"."""
    decision, voter, ideas = vote
    facilitator = StaffFactory(school=decision.project.school)
    ProjectMembershipFactory(project=decision.project, membership=facilitator, role=ProjectRole.FACILITATOR)
    ranked = DecisionRules(
        title=decision.title,
        method="ranked",
        options=ideas,
        opens_at=timezone.now() - timedelta(hours=1),
        closes_at=timezone.now() + timedelta(days=2),
    )
    calls = []
    for i in range(ATTEMPTS):
        if i % 2:
            calls.append(lambda: decision_update(decision=decision, actor=facilitator, rules=ranked))
        else:
            calls.append(lambda: ballot_cast(decision=decision, voter=voter, choices=[ideas[0].pk]))

    outcomes = run_together(calls)

    refusals = [o for o in outcomes if isinstance(o, Exception)]
    assert all(isinstance(o, NotAllowed) and "already voted" in str(o) for o in refusals), refusals
    assert VoterRecord.objects.filter(decision=decision).count() == 1
    held_flush()
    assert Ballot.objects.filter(decision=decision).count() == 1
    # Now that a ballot exists, no rules change gets through, however many arrive at once.
    approval = DecisionRules(**{**ranked.__dict__, "method": "approval"})
    method_before = Decision.objects.get(pk=decision.pk).method
    outcomes = run_together(
        [lambda: decision_update(decision=decision, actor=facilitator, rules=approval) for _ in range(20)]
    )
    assert all(isinstance(o, NotAllowed) for o in outcomes)
    assert Decision.objects.get(pk=decision.pk).method == method_before
