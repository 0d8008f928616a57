"""The benchmark's seeder at a tiny scale, its sign-in, and the floor route existing only for the bench."""

import importlib
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import Resolver404, clear_url_caches, resolve

from bench.sizes import BENCH_PASSWORD, QUESTIONS_PER_SURVEY, Sizes
from bench.views import floor
from evaluation.models import Answer, Survey
from people.models import Membership, Role, School
from projects.models import Ballot, Decision, DecisionStatus, Project, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(tmp_path):
    targets = tmp_path / "targets.json"
    call_command("seed_bench", schools=2, scale=0.005, targets=targets)
    return json.loads(targets.read_text())


def test_it_seeds_every_school_at_the_asked_scale(seeded):
    sizes = Sizes(schools=2, scale=0.005)
    assert School.objects.filter(slug__startswith="bench-").count() == 2
    assert Membership.objects.filter(role=Role.PUPIL).count() == 2 * sizes.pupils
    assert Project.objects.count() == 2 * sizes.projects
    assert set(Project.objects.values_list("stage", flat=True)) == set(Stage)
    assert Answer.objects.count() == sizes.answers
    assert Ballot.objects.count() >= 2 * sizes.ballots
    assert Survey.objects.filter(pairing="before", twin__pairing="after").exists()


def test_closed_decisions_carry_a_counted_result_and_no_receipts(seeded):
    closed = Decision.objects.filter(status=DecisionStatus.CLOSED)
    assert closed.exists()
    assert not closed.filter(result__isnull=True).exists()
    assert not Ballot.objects.filter(decision__in=closed, receipt__isnull=False).exists()
    decision = closed.first()
    assert decision.result["ballots"] == decision.ballots.count() == decision.voter_records.count()


def test_running_it_again_reuses_the_seeded_schools(seeded, capsys):
    answers = Answer.objects.count()
    call_command("seed_bench", schools=2, scale=0.005)
    assert "already seeded" in capsys.readouterr().out
    assert Answer.objects.count() == answers


def test_reset_refuses_a_database_with_real_schools(seeded):
    School.objects.create(name="A real school", slug="real")
    with pytest.raises(CommandError, match="not bench schools"):
        call_command("seed_bench", schools=1, scale=0.005, reset=True)
    assert School.objects.filter(slug="real").exists()


@pytest.mark.django_db(transaction=True)  # flush (TRUNCATE) cannot run inside the test's transaction
def test_reset_seeds_again_from_empty(seeded):
    call_command("seed_bench", schools=1, scale=0.005, reset=True)
    assert School.objects.count() == 1


def test_targets_name_accounts_that_sign_in_with_the_bench_password(seeded, client):
    assert seeded["password"] == BENCH_PASSWORD
    assert {"pupil home", "needs list", "project page", "vote page", "survey page"} <= set(seeded["pages"])
    response = client.post("/accounts/login/", {"login": seeded["pupils"][0], "password": BENCH_PASSWORD})
    assert response.status_code == 302
    assert client.get(seeded["pages"]["survey page"]).status_code == 200


def test_each_survey_answer_row_belongs_to_a_ten_question_response(seeded):
    survey = Survey.objects.filter(status="closed").first()
    responses = survey.responses.count()
    assert Answer.objects.filter(response__survey=survey).count() == responses * QUESTIONS_PER_SURVEY


def test_the_floor_is_not_routed_unless_bench_floor_is_on(settings):
    assert settings.BENCH_FLOOR is False
    with pytest.raises(Resolver404):
        resolve("/bench/floor/")


def test_the_floor_is_routed_when_bench_floor_is_on(settings):
    import coproschool.urls

    settings.BENCH_FLOOR = True
    try:
        importlib.reload(coproschool.urls)
        clear_url_caches()
        assert resolve("/bench/floor/").func is floor
    finally:
        settings.BENCH_FLOOR = False
        importlib.reload(coproschool.urls)
        clear_url_caches()
    with pytest.raises(Resolver404):
        resolve("/bench/floor/")


def test_the_floor_does_one_query(rf, django_assert_num_queries):
    School.objects.create(name="Bench School 01", slug="bench-01")
    with django_assert_num_queries(1):
        response = floor(rf.get("/bench/floor/"))
    assert b"Bench School 01" in response.content
