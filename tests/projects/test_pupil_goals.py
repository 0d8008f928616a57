"""A pupil proposes a goal of their own (what, why, by when, who helps); a facilitator agrees it or asks
for a change with a reason, at their one-to-one. States, audit, notifications and access."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import LogEntry
from people.models import Notification
from projects.errors import NotAllowed
from projects.models import Goal, GoalStatus, ProjectRole
from projects.services import delivery
from tests.factories import (
    GoalFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SchoolFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


def _soon(days=14):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def helper(project):
    return ProjectMembershipFactory(project=project).membership


@pytest.fixture
def proposed(lead, project, facilitator, helper):
    return delivery.goal_propose(
        pupil=lead, project=project, goal="Chair one meeting", why="To get braver", due_on=_soon(), helpers=[helper]
    )


def test_a_proposed_goal_waits_for_the_facilitator_who_is_told(proposed, facilitator, lead, helper):
    assert proposed.status == GoalStatus.PROPOSED and proposed.staff == facilitator
    assert list(proposed.helpers.all()) == [helper]
    told = Notification.objects.get(kind="goal_proposed")
    assert told.recipient == facilitator and "Chair one meeting" in told.title
    assert LogEntry.objects.filter(verb="goal.propose").count() == 1
    assert not Notification.objects.filter(recipient=helper).exists()


def test_a_goal_in_the_past_or_without_a_date_is_refused(lead, project, facilitator):
    with pytest.raises(NotAllowed, match="that date has passed"):
        delivery.goal_propose(pupil=lead, project=project, goal="Run", due_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(NotAllowed, match="by when"):
        delivery.goal_propose(pupil=lead, project=project, goal="Run", due_on=None)


def test_helpers_must_be_the_projects_members(lead, project, facilitator, school):
    with pytest.raises(NotAllowed, match="project's members"):
        delivery.goal_propose(
            pupil=lead, project=project, goal="Run", due_on=_soon(), helpers=[PupilFactory(school=school)]
        )


def test_a_pupil_outside_the_project_cannot_propose_in_it(project, facilitator, school):
    with pytest.raises(NotAllowed):
        delivery.goal_propose(pupil=PupilFactory(school=school), project=project, goal="Run", due_on=_soon())


def test_a_project_without_staff_says_so(lead, project):
    with pytest.raises(NotAllowed, match="no member of staff"):
        delivery.goal_propose(pupil=lead, project=project, goal="Run", due_on=_soon())


def test_agreeing_sets_the_state_audits_tells_the_pupil_and_is_idempotent(proposed, project, lead):
    other = StaffFactory(school=project.school)
    ProjectMembershipFactory(project=project, membership=other, role=ProjectRole.FACILITATOR)
    delivery.goal_agree(goal=proposed, actor=other)
    proposed.refresh_from_db()
    assert proposed.status == GoalStatus.AGREED and proposed.staff == other and proposed.agreed_at
    assert Notification.objects.get(kind="goal_agreed").recipient == lead
    delivery.goal_agree(goal=proposed, actor=other)
    assert Notification.objects.filter(kind="goal_agreed").count() == 1
    assert LogEntry.objects.filter(verb="goal.agree").count() == 1


def test_asking_a_change_needs_a_reason_and_the_pupil_can_send_it_again(proposed, facilitator, lead, helper):
    with pytest.raises(NotAllowed, match="Say what to change"):
        delivery.goal_ask_change(goal=proposed, actor=facilitator, reason="  ")
    delivery.goal_ask_change(goal=proposed, actor=facilitator, reason="Pick a date after half term")
    proposed.refresh_from_db()
    assert proposed.status == GoalStatus.CHANGE_ASKED and proposed.change_reason == "Pick a date after half term"
    assert Notification.objects.get(kind="goal_change_asked").recipient == lead
    with pytest.raises(NotAllowed, match="changing this goal"):
        delivery.goal_agree(goal=proposed, actor=facilitator)
    delivery.goal_revise(goal=proposed, pupil=lead, text="Chair two meetings", due_on=_soon(40), helpers=[])
    proposed.refresh_from_db()
    assert proposed.status == GoalStatus.PROPOSED and proposed.goal == "Chair two meetings"
    assert Notification.objects.filter(kind="goal_proposed").count() == 2


def test_a_pupil_or_another_projects_staff_cannot_agree(proposed, helper, school):
    for actor in (helper, StaffFactory(school=school)):
        with pytest.raises(NotAllowed):
            delivery.goal_agree(goal=proposed, actor=actor)


def test_a_goal_waiting_to_be_agreed_cannot_be_met(proposed, facilitator):
    with pytest.raises(NotAllowed, match="Agree the goal first"):
        delivery.goal_set_met(goal=proposed, actor=facilitator, met=True)


# --- HTTP ----------------------------------------------------------------------------------------


def test_pupil_proposes_from_the_task_board_with_a_helper_picked_by_name(
    client_for, lead, project, facilitator, helper
):
    client = client_for(lead)
    board = client.get(reverse("projects:task_board", args=[project.pk])).text
    url = reverse("projects:goal_propose", args=[project.pk])
    assert url in board
    page = client.get(url).text
    assert "What do you want to do?" in page and "Who will help you? (optional)" in page
    response = client.post(
        url, {"goal": "Chair one meeting", "why": "Braver", "due_on": _soon().isoformat(), "helpers": [helper.pk]}
    )
    goal = Goal.objects.get()
    assert response.status_code == 302 and response.url == reverse("projects:goal_detail", args=[goal.pk])
    detail = client.get(response.url).text
    assert "Waiting to be agreed" in detail and helper.user.display_name in detail
    assert "Agree this goal" not in detail


def test_the_pupils_home_offers_to_set_a_goal(client_for, lead, project):
    assert reverse("projects:goal_propose", args=[project.pk]) in client_for(lead).get("/").text


def test_a_past_date_is_refused_with_a_message_on_the_field(client_for, lead, project, facilitator):
    response = client_for(lead).post(
        reverse("projects:goal_propose", args=[project.pk]),
        {"goal": "Run", "due_on": (timezone.localdate() - timedelta(days=3)).isoformat()},
    )
    assert response.status_code == 200 and "that date has passed" in response.text
    assert not Goal.objects.exists()


def test_staff_cannot_propose_as_a_pupil_and_outsiders_get_404(client_for, project, facilitator):
    url = reverse("projects:goal_propose", args=[project.pk])
    assert client_for(facilitator).get(url).status_code == 403
    outsider = PupilFactory(school=SchoolFactory())
    assert client_for(outsider).get(url).status_code == 404


def test_facilitator_agrees_at_the_one_to_one(client_for, proposed, facilitator, lead):
    client = client_for(facilitator)
    assert proposed.goal in client.get(reverse("projects:goal_list")).text
    detail = client.get(reverse("projects:goal_detail", args=[proposed.pk])).text
    assert "Agree this goal" in detail and "Ask for a change" in detail
    response = client.post(reverse("projects:goal_agree", args=[proposed.pk]), follow=True)
    assert "Goal agreed." in response.text and "Agreed" in response.text
    assert client.post(reverse("projects:goal_agree", args=[proposed.pk]), follow=True).status_code == 200


def test_ask_for_a_change_form_needs_a_reason_and_the_pupil_reads_it(client_for, proposed, facilitator, lead):
    url = reverse("projects:goal_ask_change", args=[proposed.pk])
    assert "This field is required" in client_for(facilitator).post(url, {"reason": ""}).text
    client_for(facilitator).post(url, {"reason": "A date after half term, please"})
    page = client_for(lead).get(reverse("projects:goal_detail", args=[proposed.pk])).text
    assert "A date after half term, please" in page and "Change my goal" in page
    response = client_for(lead).post(
        reverse("projects:goal_revise", args=[proposed.pk]), {"goal": "Chair two", "due_on": _soon(30).isoformat()}
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == GoalStatus.PROPOSED


def test_other_staff_and_helpers_do_not_see_a_proposed_goal(client_for, proposed, helper, school):
    url = reverse("projects:goal_detail", args=[proposed.pk])
    assert client_for(helper).get(url).status_code == 403
    assert client_for(StaffFactory(school=school)).get(url).status_code == 403
    assert client_for(StaffFactory(school=SchoolFactory())).get(url).status_code == 404
    assert client_for(helper).post(reverse("projects:goal_agree", args=[proposed.pk])).status_code == 403


def test_staff_still_set_goals_already_agreed(staff, pupil):
    goal = delivery.goal_create(staff=staff, pupil=pupil, goal="Speak up twice")
    assert goal.status == GoalStatus.AGREED and GoalFactory(pupil=pupil).is_agreed
    assert ProjectFactory  # the factories still build goals as staff set them
