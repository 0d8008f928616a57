"""Money left: the charter and each project say what is on the table, what adopted budget decisions
have committed (the cost of their funded ideas) and what is left, "over by £X" rather than negative."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Charter
from projects.selectors.charter import money_left
from projects.services.voting import ballot_cast, decision_close, decision_record_adoption
from tests.factories import DecisionFactory, IdeaFactory, ProjectFactory, ProjectMembershipFactory

pytestmark = pytest.mark.django_db


def _budget_vote(project, leader, costs, budget, *, adopted=True, ballots=((0,),)):
    """A real budget vote: each ballot ticks ideas by index, it closes, a leader answers."""
    ideas = [IdeaFactory(project=project, is_shortlisted=True, cost_money=cost) for cost in costs]
    decision = DecisionFactory(project=project, options=ideas, method="budget", budget=budget)
    for ticks in ballots:
        voter = ProjectMembershipFactory(project=project).membership
        ballot_cast(decision=decision, voter=voter, choices=[ideas[i].pk for i in ticks])
    decision_close(decision=decision, now=timezone.now() + timedelta(days=8))
    decision.refresh_from_db()
    decision_record_adoption(decision=decision, actor=leader, adopted=adopted, reason="" if adopted else "No room")
    decision.refresh_from_db()
    return decision


@pytest.fixture
def charter(school, leader):
    return Charter.objects.create(school=school, term="Spring", may_decide="Playground", budget_money=500)


def test_committed_is_the_funded_cost_of_adopted_budget_decisions_only(school, leader, project, charter):
    adopted = _budget_vote(project, leader, [200, 120, Decimal("12.50")], 250, ballots=[(0, 2), (0,)])
    other = ProjectFactory(school=school)
    _budget_vote(other, leader, [100], 150)
    _budget_vote(other, leader, [90], 100, adopted=False)
    DecisionFactory(project=project, method="budget", budget=300)  # still open: commits nothing

    money = money_left(school=school, charter=charter, project=project)

    assert Decimal(adopted.result["spent"]) == Decimal("212.50")
    assert money.committed == Decimal("312.50")
    assert money.project_committed == Decimal("212.50")
    assert money.left == Decimal("187.50") and not money.is_over


def test_another_schools_decisions_commit_nothing(school, leader, charter):
    from tests.factories import LeaderFactory

    elsewhere = ProjectFactory()
    _budget_vote(elsewhere, LeaderFactory(school=elsewhere.school), [100], 100)
    assert money_left(school=school, charter=charter).committed == 0


def test_charter_page_shows_money_left_and_says_what_committed_means(client_for, school, leader, project, charter):
    _budget_vote(project, leader, [200, 120, Decimal("12.50")], 250, ballots=[(0, 2), (0,)])
    page = client_for(leader).get(reverse("projects:charter")).text
    assert 'data-money="on-table">£500<' in page
    assert 'data-money="committed">£212.50<' in page
    assert 'data-money="left">£287.50<' in page
    assert "adds up the cost of the ideas funded by every budget vote that leadership has adopted" in page
    assert project.title in page


def test_project_page_shows_its_own_share_and_over_by_when_committed_passes_the_charter(
    client_for, school, leader, project, charter, pupil
):
    _budget_vote(project, leader, [400], 400)
    _budget_vote(ProjectFactory(school=school), leader, [300], 300)
    page = client_for(pupil).get(reverse("projects:project_detail", args=[project.pk])).text
    assert 'data-money="committed">£700<' in page
    assert 'data-money="project">£400<' in page
    assert "over by £200" in page
    assert "-£" not in page and "£-" not in page
