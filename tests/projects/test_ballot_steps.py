"""Easy read's ballot, one idea per screen (issue 21): the screens carry the choices, the last one lists
them, and the cast goes through the ordinary vote and `ballot_cast`; nothing is stored before it."""

import pytest
from django.urls import reverse

from projects.models import Ballot, HeldBallot, VoterRecord
from tests.factories import DecisionFactory, IdeaFactory, ProjectMembershipFactory, SchoolFactory, StaffFactory
from tests.holding import held_flush

pytestmark = pytest.mark.django_db


@pytest.fixture
def ideas(project):
    return [IdeaFactory(project=project, is_shortlisted=True, title=f"Plan {n}") for n in "ABC"]


@pytest.fixture
def reader(project):
    """A pupil member of the project who reads with easy read on."""
    return ProjectMembershipFactory(project=project, membership__user__easy_read=True).membership


def _step(decision):
    return reverse("projects:decision_ballot_step", args=[decision.pk])


def _vote(decision):
    return reverse("projects:decision_vote", args=[decision.pk])


def test_an_easy_read_pupil_is_offered_one_idea_at_a_time_and_others_the_whole_ballot(
    client_for, project, ideas, reader
):
    decision = DecisionFactory(project=project, options=ideas)
    other = ProjectMembershipFactory(project=project).membership
    page = client_for(reader).get(reverse("projects:decision_detail", args=[decision.pk])).content.decode()
    assert "Start with idea 1 of 3" in page and 'name="choices"' not in page
    page = client_for(other).get(reverse("projects:decision_detail", args=[decision.pk])).content.decode()
    assert "Start with idea 1 of 3" not in page and 'name="choices"' in page


def test_each_screen_shows_one_idea_and_carries_the_choices_to_the_check_screen(client_for, project, ideas, reader):
    a, _, c = ideas
    decision = DecisionFactory(project=project, options=ideas)
    client = client_for(reader)
    first = client.get(_step(decision) + "?n=1").content.decode()
    assert "Idea 1 of 3" in first and "Plan A" in first and "Plan B" not in first
    second = client.post(_step(decision), {"choices": [a.pk], "to": "2"}).content.decode()
    assert "Idea 2 of 3" in second and "Plan B" in second
    assert f'<input type="hidden" name="choices" value="{a.pk}">' in second  # A's tick travels with the page
    third = client.post(_step(decision), {"choices": [a.pk], "to": "3"}).content.decode()  # B left unticked
    assert "Check my choices" in third
    check = client.post(_step(decision), {"choices": [a.pk, c.pk], "to": "4"}).content.decode()
    assert "Check and cast" in check and "Cast my vote" in check
    assert check.count("Yes, I support it") == 2 and check.count("<strong>No</strong>") == 1
    assert not HeldBallot.objects.exists() and not VoterRecord.objects.exists()  # nothing kept before the cast

    cast = client.post(_vote(decision), {"choices": [a.pk, c.pk], "stepped": "yes"})
    assert cast.status_code == 200 and "Your vote is in" in cast.content.decode()
    held_flush()
    assert sorted(Ballot.objects.get(decision=decision).choices) == sorted([a.pk, c.pk])


def test_going_back_shows_the_choice_already_made(client_for, project, ideas, reader):
    a, b, _ = ideas
    decision = DecisionFactory(project=project, options=ideas)
    back = client_for(reader).post(_step(decision), {"choices": [a.pk, b.pk], "to": "1"}).content.decode()
    assert "Idea 1 of 3" in back
    assert f'value="{a.pk}"' in back and "checked" in back
    assert f'<input type="hidden" name="choices" value="{b.pk}">' in back


def test_the_check_screen_says_what_stops_a_ranked_ballot_and_offers_no_cast(client_for, project, ideas, reader):
    a, b, c = ideas
    decision = DecisionFactory(project=project, options=ideas, method="ranked")
    client = client_for(reader)
    screen = client.post(_step(decision), {f"rank_{a.pk}": "1", "to": "2"}).content.decode()
    assert "Your rank for this idea" in screen and f'name="rank_{a.pk}" value="1"' in screen
    check = client.post(_step(decision), {f"rank_{a.pk}": "1", f"rank_{b.pk}": "1", "to": "4"}).content.decode()
    assert "Give each idea a different rank." in check and "Cast my vote" not in check
    assert "Not ranked" in check
    client.post(_vote(decision), {f"rank_{a.pk}": "2", f"rank_{c.pk}": "1", "stepped": "yes"})
    held_flush()
    assert Ballot.objects.get(decision=decision).choices == [c.pk, a.pk]


def test_an_empty_cast_comes_back_to_the_check_screen_with_the_reason(client_for, project, ideas, reader):
    decision = DecisionFactory(project=project, options=ideas)
    response = client_for(reader).post(_vote(decision), {"stepped": "yes"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Check and cast" in page and "Tick at least one idea." in page
    assert not VoterRecord.objects.exists()


def test_nonsense_screen_numbers_and_stray_fields_never_fail(client_for, project, ideas, reader):
    decision = DecisionFactory(project=project, options=ideas)
    client = client_for(reader)
    assert "Idea 1 of 3" in client.get(_step(decision) + "?n=banana").content.decode()
    assert "Check and cast" in client.post(_step(decision), {"to": "99", "choices": ["x", "-1"]}).content.decode()


def test_after_voting_the_steps_lead_back_to_the_decision(client_for, project, ideas, reader):
    decision = DecisionFactory(project=project, options=ideas)
    client = client_for(reader)
    client.post(_vote(decision), {"choices": [ideas[0].pk], "stepped": "yes"})
    response = client.get(_step(decision))
    assert response.status_code == 302 and response.url == reverse("projects:decision_detail", args=[decision.pk])


def test_another_schools_decision_is_not_found_and_a_non_voter_is_refused(client_for, project, ideas):
    decision = DecisionFactory(project=project, options=ideas)
    assert client_for(StaffFactory(school=SchoolFactory())).get(_step(decision)).status_code == 404
    assert client_for(StaffFactory(school=project.school)).get(_step(decision)).status_code == 403


def test_with_a_budget_every_screen_says_what_the_choices_so_far_cost(client_for, project, reader):
    cheap, dear = (IdeaFactory(project=project, is_shortlisted=True, cost_money=cost) for cost in (30, 90))
    decision = DecisionFactory(project=project, options=[cheap, dear], method="budget", budget=100)
    client = client_for(reader)
    second = client.post(_step(decision), {"choices": [cheap.pk], "to": "2"}).content.decode()
    assert "The budget is £100. So far, the ideas you support cost £30." in second
    over = client.post(_vote(decision), {"choices": [cheap.pk, dear.pk], "stepped": "yes"})
    assert over.status_code == 400
    page = over.content.decode()
    assert "So far, the ideas you support cost £120." in page and "over the" in page
    assert not VoterRecord.objects.exists()


def test_a_screen_runs_as_many_queries_with_12_ideas_as_with_3(client_for, project, reader):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def screen_queries(count: int) -> int:
        ideas = [IdeaFactory(project=project, is_shortlisted=True) for _ in range(count)]
        decision = DecisionFactory(project=project, options=ideas)
        client = client_for(reader)
        client.get(_step(decision))  # warm the session
        with CaptureQueriesContext(connection) as queries:
            page = client.post(_step(decision), {"choices": [idea.pk for idea in ideas], "to": str(count + 1)})
        assert page.status_code == 200
        return len(queries)

    assert screen_queries(12) == screen_queries(3)
