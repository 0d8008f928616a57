"""Personal goals (pupil, that staff member, linked parents only) and the printable portfolio."""

import pytest
from django.urls import reverse

from projects.models import GoalNote, ProjectRole, TaskStatus
from projects.services.voting import ballot_cast
from tests.factories import (
    DecisionFactory,
    GoalFactory,
    GuardianLinkFactory,
    IdeaFactory,
    LeaderFactory,
    ParentFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SchoolFactory,
    StaffFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(pupil):
    return GoalFactory(pupil=pupil, goal="Chair a project meeting")


def _url(name, obj):
    return reverse(f"projects:{name}", args=[obj.pk])


def test_pupil_staff_member_and_linked_parent_see_the_goal(client_for, goal, pupil):
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    for viewer in (pupil, goal.staff, parent):
        assert client_for(viewer).get(_url("goal_detail", goal)).status_code == 200, viewer
        assert "Chair a project meeting" in client_for(viewer).get(reverse("projects:goal_list")).content.decode()


@pytest.mark.parametrize("who", ["other staff", "other pupil", "unlinked parent", "leader"])
def test_nobody_else_sees_the_goal(client_for, goal, school, who):
    viewer = {
        "other staff": StaffFactory,
        "other pupil": PupilFactory,
        "unlinked parent": ParentFactory,
        "leader": LeaderFactory,
    }[who](school=school)
    assert client_for(viewer).get(_url("goal_detail", goal)).status_code == 403
    assert "Chair a project meeting" not in client_for(viewer).get(reverse("projects:goal_list")).content.decode()


def test_another_schools_goal_is_a_404(client_for, goal):
    assert client_for(StaffFactory(school=SchoolFactory())).get(_url("goal_detail", goal)).status_code == 404


def test_a_parent_reads_but_does_not_write_progress_notes(client_for, goal, pupil):
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    assert client_for(parent).post(_url("goal_detail", goal), {"body": "Proud!"}).status_code == 403
    client_for(pupil).post(_url("goal_detail", goal), {"body": "I chaired the first ten minutes."})
    assert GoalNote.objects.get().author == pupil


def test_only_that_staff_member_marks_the_goal_met(client_for, goal, pupil):
    assert client_for(pupil).post(_url("goal_set_met", goal), {"met": "1"}).status_code == 403
    client_for(goal.staff).post(_url("goal_set_met", goal), {"met": "1"})
    goal.refresh_from_db()
    assert goal.met_on is not None


def test_pupils_cannot_set_goals(client_for, pupil):
    assert client_for(pupil).get(reverse("projects:goal_create")).status_code == 403


def test_staff_agree_a_goal_through_the_form(client_for, staff, pupil):
    response = client_for(staff).post(
        reverse("projects:goal_create"), {"pupil": pupil.pk, "goal": "Present to governors"}
    )
    assert response.status_code == 302
    assert pupil.goals.get().staff == staff


@pytest.fixture
def achievements(pupil, project):
    ProjectMembershipFactory(project=project, membership=pupil, role=ProjectRole.LEAD)
    TaskFactory(project=project, owners=[pupil], title="Measured every fountain", status=TaskStatus.DONE)
    TaskFactory(project=project, owners=[pupil], title="Unfinished business")
    ideas = [IdeaFactory(project=project, is_shortlisted=True, title=t) for t in ("Secret choice", "Other choice")]
    decision = DecisionFactory(project=project, options=ideas, title="Fountain vote")
    ballot_cast(decision=decision, voter=pupil, choices=[ideas[0].pk])
    GoalFactory(pupil=pupil, goal="Speak at assembly", met_on="2026-11-20")
    return pupil


def test_portfolio_lists_roles_tasks_decisions_and_goals_but_never_a_choice(client_for, achievements):
    page = client_for(achievements).get(_url("portfolio", achievements)).content.decode()
    assert "Pupil lead in" in page
    assert "Measured every fountain" in page and "Unfinished business" not in page
    assert "Voted in “Fountain vote”" in page and "Secret choice" not in page
    assert "Speak at assembly" in page
    assert "d-print-none" in page


def test_portfolio_is_for_the_pupil_their_parents_and_staff(client_for, pupil, school):
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    for viewer in (pupil, parent, StaffFactory(school=school)):
        assert client_for(viewer).get(_url("portfolio", pupil)).status_code == 200
    for viewer in (PupilFactory(school=school), ParentFactory(school=school)):
        assert client_for(viewer).get(_url("portfolio", pupil)).status_code == 403
    assert client_for(StaffFactory(school=SchoolFactory())).get(_url("portfolio", pupil)).status_code == 404
