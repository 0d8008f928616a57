"""Issue 5's benchmark: the school report of a school of 1,500 pupils, 60 projects and 20,000 survey
answers renders uncached in under 2 seconds, with as many SQL queries as a tiny school's."""

import random
import time
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Answer, Pairing, Question, Response, Survey, SurveyCompletion
from people.models import Membership, Role, User
from projects.models import (
    Attendance,
    Backing,
    Decision,
    Idea,
    IdeaComment,
    Need,
    Project,
    Session,
    StageTransition,
    Task,
    VoterRecord,
)
from tests.factories import SchoolFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

QUESTIONS_PER_SURVEY = 4


def seed(school, *, pupils: int, projects: int, answers: int, seed: int = 5) -> None:
    """A school with every kind of contribution, in bulk (a few seconds for the full size)."""
    rng = random.Random(seed)
    today = timezone.localdate()
    users = User.objects.bulk_create(
        User(username=f"{school.slug}-p{i}", first_name="Pupil", last_name=f"N{i}", password="!") for i in range(pupils)
    )
    members = Membership.objects.bulk_create(
        Membership(user=user, school=school, role=Role.PUPIL, year_group=7 + i % 5, form=f"{7 + i % 5}{'ABCD'[i % 4]}")
        for i, user in enumerate(users)
    )
    staff = StaffFactory(school=school)
    # A third of the pupils contribute nothing, so both schools list pupils not heard.
    members = members[: len(members) * 2 // 3]
    project_rows = Project.objects.bulk_create(
        Project(school=school, title=f"Project {i}", summary="s", stage=rng.choice(["co_design", "co_deliver"]))
        for i in range(projects)
    )
    StageTransition.objects.bulk_create(
        StageTransition(project=project, actor=staff, from_stage="co_identify", to_stage=project.stage)
        for project in project_rows
    )
    needs = Need.objects.bulk_create(
        Need(school=school, author=rng.choice(members), title="n", problem="p", affects="a", category="learning")
        for _ in range(pupils // 3)
    )
    Backing.objects.bulk_create(
        (Backing(need=need, membership=member) for need in needs for member in rng.sample(members, 3)),
        ignore_conflicts=True,
    )
    ideas = Idea.objects.bulk_create(
        Idea(project=project, title="i", description="d", who_it_helps="w", created_by=rng.choice(members))
        for project in project_rows
        for _ in range(4)
    )
    Idea.authors.through.objects.bulk_create(
        Idea.authors.through(idea=idea, membership_id=idea.created_by_id) for idea in ideas
    )
    IdeaComment.objects.bulk_create(
        IdeaComment(idea=rng.choice(ideas), author=rng.choice(members), body="c") for _ in range(pupils // 2)
    )
    now = timezone.now()
    decisions = Decision.objects.bulk_create(
        Decision(
            project=project,
            title="d",
            method="approval",
            opens_at=now - timedelta(days=3),
            closes_at=now - timedelta(days=1),
            status="closed",
            closed_at=now - timedelta(days=1),
            result={"method": "approval", "ballots": 40, "rows": [], "winners": []},
            adoption=rng.choice(["adopted", "not_adopted"]),
            adoption_reason="Reason",
        )
        for project in project_rows
    )
    VoterRecord.objects.bulk_create(
        VoterRecord(decision=decision, membership=member, voted_on=today)
        for decision in decisions
        for member in rng.sample(members, min(40, len(members)))
    )
    tasks = Task.objects.bulk_create(Task(project=project, title="t") for project in project_rows for _ in range(5))
    Task.owners.through.objects.bulk_create(
        Task.owners.through(task=task, membership=rng.choice(members)) for task in tasks
    )
    sessions = Session.objects.bulk_create(Session(project=p, held_on=today, place="Library") for p in project_rows)
    Attendance.objects.bulk_create(
        Attendance(session=session, membership=member, status="present")
        for session in sessions
        for member in rng.sample(members, min(15, len(members)))
    )
    # Before/after pairs, each survey with Likert questions, answered by a share of the pupils.
    pairs = max(projects // 2, 1)
    responses_per_survey = max(answers // (2 * pairs * QUESTIONS_PER_SURVEY), 1)
    for index in range(pairs):
        before = Survey.objects.create(school=school, title=f"Before {index}", pairing=Pairing.BEFORE)
        after = Survey.objects.create(school=school, title=f"After {index}", pairing=Pairing.AFTER, twin=before)
        Survey.objects.filter(pk=before.pk).update(twin=after)
        for survey in (before, after):
            questions = Question.objects.bulk_create(
                Question(survey=survey, order=n + 1, type="likert5", text=f"Q{n}") for n in range(QUESTIONS_PER_SURVEY)
            )
            respondents = rng.sample(members, min(responses_per_survey, len(members)))
            responses = Response.objects.bulk_create(
                Response(id=uuid.uuid4(), survey=survey, submitted_on=today) for _ in respondents
            )
            Answer.objects.bulk_create(
                (
                    Answer(id=uuid.uuid4(), response=response, question=question, number=rng.randint(1, 5))
                    for response in responses
                    for question in questions
                ),
                batch_size=2000,
            )
            SurveyCompletion.objects.bulk_create(
                SurveyCompletion(survey=survey, membership=member, completed_on=today) for member in respondents
            )


def _render(client, staff):
    client.force_login(staff.user)
    today = timezone.localdate()
    params = {"start": (today - timedelta(days=30)).isoformat(), "end": today.isoformat()}
    client.get(reverse("evaluation:school_report"), params)  # the session and the user, warmed
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(reverse("evaluation:school_report"), params)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return elapsed, len(queries), response


@pytest.mark.timing
def test_a_big_school_renders_in_under_2_seconds_with_a_tiny_schools_queries(client):
    tiny = SchoolFactory()
    seed(tiny, pupils=12, projects=2, answers=40)
    _elapsed, tiny_queries, _response = _render(client, StaffFactory(school=tiny))

    big = SchoolFactory()
    started = time.perf_counter()
    seed(big, pupils=1500, projects=60, answers=20_000)
    seeding = time.perf_counter() - started
    assert Answer.objects.filter(question__survey__school=big).count() >= 19_000
    elapsed, big_queries, response = _render(client, StaffFactory(school=big))

    print(f"\nseeding {seeding:.1f} s; report {elapsed:.2f} s; {big_queries} queries (tiny school: {tiny_queries})")
    assert big_queries == tiny_queries
    assert elapsed < 2.0
    [row] = response.context["report"]["participation"]["whole_school"]
    assert row.pupils == "1500"
