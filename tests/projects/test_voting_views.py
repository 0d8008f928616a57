"""Decision pages: access, voting through the form, results and adoption on the project page, query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Adoption, Ballot, Decision, ProjectRole, Stage, VoterRecord
from projects.services.voting import ballot_cast, decision_close
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    LeaderFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SchoolFactory,
    StaffFactory,
)
from tests.holding import held_flush

pytestmark = pytest.mark.django_db


@pytest.fixture
def ideas(project):
    return [IdeaFactory(project=project, is_shortlisted=True, title=f"Plan {n}") for n in "ABC"]


@pytest.fixture
def decision(project, ideas):
    return DecisionFactory(project=project, options=ideas)


@pytest.fixture
def member(project):
    return ProjectMembershipFactory(project=project).membership


def _url(name, obj):
    return reverse(f"projects:{name}", args=[obj.pk])


@pytest.mark.parametrize("name", ["decision_detail", "decision_edit", "decision_adoption", "decision_turnout_csv"])
def test_another_schools_decision_is_a_404(client_for, decision, name):
    outsider = StaffFactory(school=SchoolFactory())
    assert client_for(outsider).get(_url(name, decision)).status_code == 404


def test_another_schools_project_cannot_get_a_decision(client_for, project):
    outsider = StaffFactory(school=SchoolFactory())
    assert client_for(outsider).get(_url("decision_create", project)).status_code == 404


@pytest.mark.parametrize(
    ("name", "who"),
    [
        ("decision_edit", "member"),
        ("decision_adoption", "member"),
        ("decision_adoption", "facilitator"),
        ("decision_turnout_csv", "member"),
        ("decision_turnout_csv", "lead"),
    ],
)
def test_wrong_role_is_a_403(client_for, decision, member, facilitator, lead, name, who):
    viewer = {"member": member, "facilitator": facilitator, "lead": lead}[who]
    assert client_for(viewer).get(_url(name, decision)).status_code == 403


def test_a_pupil_outside_a_members_only_project_and_electorate_gets_a_403(client_for, project, decision):
    project.visibility = "members"
    project.save()
    assert client_for(PupilFactory(school=project.school)).get(_url("decision_detail", decision)).status_code == 403


def test_an_eligible_year_group_pupil_sees_a_members_only_projects_decision(client_for, project, decision):
    project.visibility = "members"
    project.save()
    Decision.objects.filter(pk=decision.pk).update(electorate_year_groups=[7])
    pupil = PupilFactory(school=project.school, year_group=7)
    assert client_for(pupil).get(_url("decision_detail", decision)).status_code == 200


def test_the_vote_form_is_shown_to_the_electorate_only(client_for, project, decision, member):
    outsider = PupilFactory(school=project.school, year_group=8)
    assert "You are not in the group that votes" in client_for(outsider).get(_url("decision_detail", decision)).text
    assert "Cast my vote" in client_for(member).get(_url("decision_detail", decision)).text
    Decision.objects.filter(pk=decision.pk).update(electorate_year_groups=[8])
    assert "Cast my vote" in client_for(outsider).get(_url("decision_detail", decision)).text


def test_a_member_votes_once_through_the_form_and_a_second_ballot_is_refused(client_for, decision, member, ideas):
    client = client_for(member)
    response = client.post(_url("decision_vote", decision), {"choices": [ideas[0].pk, ideas[1].pk]})
    assert response.status_code == 200 and "Your receipt" in response.text  # shown this once, never again
    again = client.post(_url("decision_vote", decision), {"choices": [ideas[2].pk]})
    assert again.status_code == 400 and "You voted in this decision. A ballot is final once it is cast." in again.text
    held_flush()
    assert list(Ballot.objects.values_list("choices", flat=True)) == [[ideas[0].pk, ideas[1].pk]]
    assert VoterRecord.objects.filter(membership=member).count() == 1
    assert "Your receipt" not in client.get(_url("decision_detail", decision)).text


def test_the_lead_may_change_the_rules_only_until_the_first_vote(client_for, decision, lead, member, ideas):
    assert "Change the rules" in client_for(lead).get(_url("decision_detail", decision)).text
    client_for(member).post(_url("decision_vote", decision), {"choices": [ideas[0].pk]})
    assert "Change the rules" not in client_for(lead).get(_url("decision_detail", decision)).text


def test_an_empty_ballot_is_a_form_error_not_a_500(client_for, decision, member):
    response = client_for(member).post(_url("decision_vote", decision), {})
    assert response.status_code == 400
    assert "Tick at least one idea." in response.content.decode()
    assert not Ballot.objects.exists()


def test_ranked_vote_orders_choices_by_rank_and_refuses_repeated_ranks(client_for, project, ideas, member):
    decision = DecisionFactory(project=project, options=ideas, method="ranked")
    client = client_for(member)
    a, b, c = ideas
    bad = client.post(_url("decision_vote", decision), {f"rank_{a.pk}": "1", f"rank_{b.pk}": "1"})
    assert "Give each idea a different rank." in bad.content.decode()
    client.post(_url("decision_vote", decision), {f"rank_{a.pk}": "2", f"rank_{b.pk}": "", f"rank_{c.pk}": "1"})
    held_flush()
    assert Ballot.objects.get().choices == [c.pk, a.pk]


def test_a_non_member_cannot_vote_on_a_members_decision(client_for, decision, ideas, project):
    outsider_pupil = PupilFactory(school=project.school)
    response = client_for(outsider_pupil).post(_url("decision_vote", decision), {"choices": [ideas[0].pk]})
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_lead_sets_up_a_decision_through_the_form(client_for, project, lead, facilitator, ideas, move_to):
    move_to(project, Stage.CO_DECIDE)
    now = timezone.localtime()
    response = client_for(lead).post(
        _url("decision_create", project),
        {
            "title": "Which plan?",
            "method": "ranked",
            "options": [i.pk for i in ideas],
            "electorate_project_members": "on",
            "electorate_year_groups": ["8"],
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == _url("decision_detail", decision)
    assert decision.method == "ranked" and decision.electorate_year_groups == [8]


def test_project_page_shows_the_result_and_the_reason_it_was_not_adopted(client_for, project, decision, member, ideas):
    ballot_cast(decision=decision, voter=member, choices=[ideas[1].pk])
    decision_close(decision=decision)
    leader = LeaderFactory(school=project.school)
    response = client_for(leader).post(
        _url("decision_adoption", decision), {"adopted": "no", "reason": "The council owns the fountains."}
    )
    assert response.status_code == 302
    assert Decision.objects.get().adoption == Adoption.NOT_ADOPTED
    page = client_for(member).get(_url("project_detail", project)).content.decode()
    assert "Chosen: Plan B" in page
    assert "Leadership did not adopt this result." in page and "The council owns the fountains." in page


def test_not_adopting_without_a_reason_is_refused_with_a_message(client_for, project, decision):
    decision_close(decision=decision)
    response = client_for(LeaderFactory(school=project.school)).post(
        _url("decision_adoption", decision), {"adopted": "no"}
    )
    assert response.status_code == 200
    assert "Say why leadership does not adopt the result." in response.content.decode()
    assert Decision.objects.get().adoption == Adoption.PENDING


def test_decision_page_runs_constant_queries(
    client_for, project, decision, facilitator, ideas, assert_constant_queries
):
    def add_voters(n):
        for _ in range(n):
            voter = ProjectMembershipFactory(project=project, role=ProjectRole.MEMBER).membership
            ballot_cast(decision=decision, voter=voter, choices=[ideas[0].pk])

    assert_constant_queries(client_for(facilitator), _url("decision_detail", decision), add_voters)


# --- voting with htmx: the vote panel comes back in place; without JavaScript the form posts and redirects ---


def _vote(client, decision, data, **headers):
    return client.post(reverse("projects:decision_vote", args=[decision.pk]), data, **headers)


def test_htmx_vote_returns_the_vote_panel_with_the_outcome(client_for, decision, member, ideas):
    response = _vote(client_for(member), decision, {"choices": [ideas[1].pk]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="vote">') and "<html" not in response.text
    assert "Your vote is in" in response.text and "Your receipt" in response.text
    assert "Cast my vote" not in response.text  # a ballot is final once cast
    held_flush()
    assert Ballot.objects.get().choices == [ideas[1].pk]


def test_htmx_vote_with_errors_comes_back_in_place_with_the_error_at_its_field(client_for, decision, member):
    response = _vote(client_for(member), decision, {}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps 2xx only
    assert "Tick at least one idea." in response.text and "is-invalid" in response.text
    assert not Ballot.objects.exists()


def test_vote_page_has_a_plain_form_for_no_javascript(client_for, decision, member):
    text = client_for(member).get(reverse("projects:decision_detail", args=[decision.pk])).text
    action = reverse("projects:decision_vote", args=[decision.pk])
    assert f'method="post" action="{action}" hx-post="{action}"' in text


def test_budget_ballot_and_result_explain_how_ballots_become_funded_ideas(client_for, project, member):
    """The greedy rule in pupils' words, on the ballot and next to the result (projects.voting.methods.budget)."""
    cheap, dear = (IdeaFactory(project=project, is_shortlisted=True, cost_money=cost) for cost in (40, 90))
    decision = DecisionFactory(project=project, options=[cheap, dear], method="budget", budget=100)
    words = "If it costs more, it is skipped and we try the next idea, because a cheaper one may still fit."
    client = client_for(member)
    ballot = client.get(_url("decision_detail", decision)).content.decode()
    assert words in ballot and f"{cheap.title} (£40" in ballot
    # Both together cost more than the budget (a ballot the server refuses): one voter ticks each.
    client.post(_url("decision_vote", decision), {"choices": [cheap.pk]})
    other = ProjectMembershipFactory(project=project).membership
    client_for(other).post(_url("decision_vote", decision), {"choices": [dear.pk]})
    decision_close(decision=decision)
    result = client.get(_url("decision_detail", decision)).content.decode()
    assert words in result and "Budget £100" in result and "No: does not fit what is left" in result
    assert "{#" not in result and "comment %}" not in result  # no template comment leaks onto the page
