"""Voting with htmx: the vote panel comes back in place; without JavaScript the form posts and redirects."""

import pytest
from django.urls import reverse

from projects.models import Ballot
from tests.factories import DecisionFactory, IdeaFactory, ProjectMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ideas(project):
    return [IdeaFactory(project=project, is_shortlisted=True, title=f"Plan {n}") for n in "AB"]


@pytest.fixture
def decision(project, ideas):
    return DecisionFactory(project=project, options=ideas)


@pytest.fixture
def member(project):
    return ProjectMembershipFactory(project=project).membership


def _vote(client, decision, data, **headers):
    return client.post(reverse("projects:decision_vote", args=[decision.pk]), data, **headers)


def test_htmx_vote_returns_the_vote_panel_with_the_outcome(client_for, decision, member, ideas):
    response = _vote(client_for(member), decision, {"choices": [ideas[1].pk]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="vote">') and "<html" not in response.text
    assert "Your vote is in" in response.text and "Change my vote" in response.text
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
