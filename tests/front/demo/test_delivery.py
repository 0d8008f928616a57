"""The demo has a project in co-decide with an open vote and one in co-deliver with tasks and a session."""

import pytest
from django.urls import reverse

from front.demo.delivery import seed_decide_and_deliver
from front.demo.people import seed_people
from projects.models import DecisionStatus, Project, Stage, StageTransition

pytestmark = pytest.mark.django_db


def test_demo_projects_stand_in_co_decide_and_co_deliver_and_pages_render(client):
    school = seed_people()
    seed_decide_and_deliver(school)
    seed_decide_and_deliver(school)  # safe to run again
    voting = Project.objects.get(school=school, title="Greener playground")
    delivering = Project.objects.get(school=school, title="Lunch queue fix")
    assert voting.stage == Stage.CO_DECIDE and voting.decisions.get().status == DecisionStatus.OPEN
    assert delivering.stage == Stage.CO_DELIVER and delivering.decisions.get().status == DecisionStatus.CLOSED
    assert delivering.tasks.count() == 5 and delivering.sessions.count() == 1
    assert not StageTransition.objects.filter(is_override=True).exists()
    lead = delivering.memberships.get(role="lead").membership
    client.force_login(lead.user)
    for url in (
        reverse("projects:project_detail", args=[delivering.pk]),
        reverse("projects:task_board", args=[delivering.pk]),
        reverse("projects:decision_detail", args=[delivering.decisions.get().pk]),
        reverse("projects:session_detail", args=[delivering.sessions.get().pk]),
        reverse("projects:peer_roles", args=[delivering.pk]),
        reverse("projects:portfolio", args=[lead.pk]),
        reverse("projects:goal_list"),
    ):
        assert client.get(url).status_code == 200, url
