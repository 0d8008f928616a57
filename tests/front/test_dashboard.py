from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from front.selectors.dashboard import BOARD_CARDS_PER_STAGE
from projects.models import Project, ProjectRole, Stage, StageProposal, StageTransition
from projects.services.stages import stage_propose
from tests.factories import (
    BackingFactory,
    DecisionFactory,
    NeedFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SessionFactory,
    StaffFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("projects:dashboard")


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["pupil", "parent"])
def test_pupils_and_parents_get_403(client_for, request, who):
    assert client_for(request.getfixturevalue(who)).get(URL).status_code == 403


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_staff_and_leaders_see_their_dashboard(client_for, request, who):
    response = client_for(request.getfixturevalue(who)).get(URL)
    assert response.status_code == 200 and "Needs you now" in response.text


def test_other_schools_projects_tasks_and_pupils_never_show(client_for, staff):
    elsewhere = ProjectFactory(title="Elsewhere garden")
    TaskFactory(project=elsewhere, title="Elsewhere task", due_on=date.today() - timedelta(days=3))
    PupilFactory(school=elsewhere.school, user__first_name="Zebedee")
    SessionFactory(project=elsewhere, place="Elsewhere hall")
    ProjectFactory(school=staff.school, title="Our garden")
    text = client_for(staff).get(URL).text
    assert "Our garden" in text
    assert "Elsewhere" not in text and "Zebedee" not in text


def test_projects_stand_in_their_stage_column(client_for, staff, project, move_to):
    move_to(project, Stage.CO_DESIGN)
    response = client_for(staff).get(URL)
    column = next(c for c in response.context["columns"] if c["stage"] == Stage.CO_DESIGN)
    assert [card["pk"] for card in column["projects"]] == [project.pk]
    assert all(
        project.pk not in [card["pk"] for card in c["projects"]] for c in response.context["columns"] if c is not column
    )


def test_the_shared_board_never_carries_one_viewers_role_to_another(client_for, staff, project):
    ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    colleague = StaffFactory(school=staff.school)
    mine = client_for(staff).get(URL).context["columns"][0]["projects"]
    theirs = client_for(colleague).get(URL).context["columns"][0]["projects"]
    assert [card["viewer_role"] for card in mine] == [ProjectRole.FACILITATOR]
    assert [card["viewer_role"] for card in theirs] == [None] and theirs[0]["move"] is None


def test_a_long_column_shows_my_projects_first_and_links_to_the_rest(client_for, staff):
    mine = ProjectFactory(school=staff.school, title="My own project")
    ProjectMembershipFactory(project=mine, membership=staff, role=ProjectRole.FACILITATOR)
    ProjectFactory.create_batch(BOARD_CARDS_PER_STAGE + 2, school=staff.school)  # newer than mine
    response = client_for(staff).get(URL)
    column = next(c for c in response.context["columns"] if c["stage"] == Stage.CO_IDENTIFY)
    assert column["total"] == BOARD_CARDS_PER_STAGE + 3
    assert len(column["projects"]) == BOARD_CARDS_PER_STAGE and column["projects"][0]["pk"] == mine.pk
    assert f"See all {BOARD_CARDS_PER_STAGE + 3} in" in response.text


def test_a_proposal_waiting_for_me_is_listed_with_a_confirm_button(client_for, ready_project, lead, facilitator):
    stage_propose(project=ready_project, actor=lead)
    response = client_for(facilitator).get(URL)
    assert [p.project_id for p in response.context["proposals"]] == [ready_project.pk]
    assert reverse("projects:stage_confirm", args=[ready_project.pk, response.context["proposals"][0].pk]) in (
        response.text
    )


def test_my_own_proposal_is_not_waiting_for_me(client_for, ready_project, facilitator):
    stage_propose(project=ready_project, actor=facilitator)
    assert client_for(facilitator).get(URL).context["proposals"] == []


def test_overdue_tasks_are_listed_and_done_or_future_ones_are_not(client_for, staff, project):
    today = timezone.localdate()
    TaskFactory(project=project, title="Late posters", due_on=today - timedelta(days=2))
    TaskFactory(project=project, title="Done late", due_on=today - timedelta(days=2), status="done")
    TaskFactory(project=project, title="Next week", due_on=today + timedelta(days=7))
    response = client_for(staff).get(URL)
    assert [t.title for t in response.context["overdue_tasks"]] == ["Late posters"]
    assert response.context["overdue_count"] == 1


def test_decisions_closing_within_three_days_are_listed(client_for, staff, project):
    soon = DecisionFactory(project=project, title="Closing soon", closes_at=timezone.now() + timedelta(days=1))
    DecisionFactory(project=project, title="Closing later", closes_at=timezone.now() + timedelta(days=10))
    assert client_for(staff).get(URL).context["decisions_closing"] == [soon]


def test_upcoming_sessions_exclude_past_ones(client_for, staff, project):
    SessionFactory(project=project, held_on=date.today() + timedelta(days=2), place="Room 12")
    SessionFactory(project=project, held_on=date.today() - timedelta(days=2), place="Old room")
    text = client_for(staff).get(URL).text
    assert "Room 12" in text and "Old room" not in text


def test_pupils_not_involved_leave_out_anyone_who_took_part(client_for, staff, school):
    quiet = PupilFactory(school=school, user__first_name="Quiet")
    backer = PupilFactory(school=school, user__first_name="Backer")
    BackingFactory(need=NeedFactory(school=school), membership=backer)
    pupils = list(client_for(staff).get(URL).context["page"].object_list)
    assert quiet in pupils and backer not in pupils


def test_pupils_not_involved_filter_by_year_group_and_form(client_for, staff, school):
    y7a = PupilFactory(school=school, year_group=7, form="7A")
    y7b = PupilFactory(school=school, year_group=7, form="7B")
    y9 = PupilFactory(school=school, year_group=9, form="9A")
    client = client_for(staff)
    assert set(client.get(URL, {"year_group": 7}).context["page"].object_list) == {y7a, y7b}
    assert list(client.get(URL, {"year_group": 7, "form": "7B"}).context["page"].object_list) == [y7b]
    assert list(client.get(URL, {"form": "9A"}).context["page"].object_list) == [y9]


def test_a_bad_filter_shows_everyone_rather_than_failing(client_for, staff, school):
    PupilFactory(school=school, year_group=7, form="7A")
    response = client_for(staff).get(URL, {"year_group": "seven", "form": "<script>"})
    assert response.status_code == 200 and len(response.context["page"].object_list) == 1


def test_pupils_not_involved_are_paginated(client_for, staff, school):
    PupilFactory.create_batch(30, school=school)
    response = client_for(staff).get(URL)
    assert len(response.context["page"].object_list) == 25 and "Page 1 of 2" in response.text


def _add_projects(school, count: int) -> None:
    """Projects in every stage, each with a lead, an overdue task, a session, a vote closing soon, and
    an open proposal now and then; a pupil not involved per project."""
    stages = [s for s in Stage if s != Stage.COMPLETED]
    for i in range(count):
        project = ProjectFactory(school=school)
        Project.objects.filter(pk=project.pk).update(stage=stages[i % len(stages)])
        lead = ProjectMembershipFactory(project=project, role=ProjectRole.LEAD).membership
        TaskFactory(project=project, due_on=date.today() - timedelta(days=1))
        SessionFactory(project=project, held_on=date.today() + timedelta(days=1))
        DecisionFactory(project=project, closes_at=timezone.now() + timedelta(days=1))
        PupilFactory(school=school)
        if i % 3 == 0:
            stage = stages[i % len(stages)]
            StageProposal.objects.create(project=project, proposed_by=lead, from_stage=stage, to_stage=stage.next)


def _queries(client) -> tuple[list[str], list[str], object]:
    """The SQL of two dashboard requests in a row: nothing is cached, so the second runs the same."""
    client.get(URL)  # the session's last-seen time is written now, not in a measured request
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        response = client.get(URL)
    return [q["sql"] for q in cold], [q["sql"] for q in warm], response


def test_dashboard_runs_the_same_number_of_queries_for_5_and_200_projects(client_for, staff):
    client = client_for(staff)
    _add_projects(staff.school, 5)
    cold_5, warm_5, _ = _queries(client)
    _add_projects(staff.school, 195)
    cold_200, warm_200, response = _queries(client)
    assert sum(c["total"] for c in response.context["columns"]) == 200
    assert len(cold_200) == len(cold_5), cold_200
    assert len(warm_200) == len(warm_5) == len(cold_5), warm_200


def test_proposing_from_the_dashboard_goes_through_the_stage_service(client_for, ready_project, facilitator):
    response = client_for(facilitator).post(
        reverse("projects:dashboard_move", args=[ready_project.pk]), {"action": "propose"}
    )
    assert response.status_code == 302 and response["Location"] == URL
    proposal = StageProposal.objects.get(project=ready_project)
    assert (proposal.proposed_by, proposal.to_stage, proposal.status) == (facilitator, Stage.CO_DESIGN, "open")
    ready_project.refresh_from_db()
    assert ready_project.stage == Stage.CO_IDENTIFY  # a proposal waits for the pupil lead


def test_confirming_from_the_dashboard_records_a_transition(client_for, ready_project, lead, facilitator):
    stage_propose(project=ready_project, actor=lead)
    client_for(facilitator).post(reverse("projects:dashboard_move", args=[ready_project.pk]), {"action": "confirm"})
    transition = StageTransition.objects.get(project=ready_project)
    assert (transition.actor, transition.proposed_by, transition.to_stage) == (facilitator, lead, Stage.CO_DESIGN)


def test_htmx_move_returns_the_board_with_the_outcome(client_for, ready_project, facilitator):
    response = client_for(facilitator).post(
        reverse("projects:dashboard_move", args=[ready_project.pk]), {"action": "propose"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="board">') and "<html" not in response.text
    assert 'hx-swap-oob="true"' in response.text and "waits for confirmation" in response.text


def test_a_failing_gate_is_explained_and_nothing_moves(client_for, project, facilitator):
    client = client_for(facilitator)
    client.post(reverse("projects:dashboard_move", args=[project.pk]), {"action": "propose"})
    assert not StageProposal.objects.exists()
    assert "Not yet:" in client.get(URL).text


def test_staff_who_do_not_run_the_project_cannot_move_it(client_for, ready_project):
    other = StaffFactory(school=ready_project.school)
    response = client_for(other).post(reverse("projects:dashboard_move", args=[ready_project.pk]))
    assert response.status_code == 403 and not StageProposal.objects.exists()


def test_moving_another_schools_project_is_404(client_for, staff):
    response = client_for(staff).post(reverse("projects:dashboard_move", args=[ProjectFactory().pk]))
    assert response.status_code == 404


def test_move_is_post_only(client_for, ready_project, facilitator):
    response = client_for(facilitator).get(reverse("projects:dashboard_move", args=[ready_project.pk]))
    assert response.status_code == 405
