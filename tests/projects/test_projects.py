import pytest
from django.urls import reverse

from projects.models import (
    JoinRequest,
    JoinRequestStatus,
    NeedStatus,
    Project,
    ProjectMembership,
    ProjectRole,
    Stage,
    StageTransition,
    Visibility,
)
from projects.services.projects import project_start
from tests.factories import (
    BackingFactory,
    IdeaFactory,
    NeedFactory,
    ParentFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


def test_pupil_proposes_a_project_becomes_lead_and_it_looks_for_a_facilitator(client_for, pupil):
    need = NeedFactory(school=pupil.school)
    response = client_for(pupil).post(
        reverse("projects:project_start"), {"title": "Fountains", "summary": "Fix them", "needs": [need.pk]}
    )
    project = Project.objects.get()
    assert response["Location"] == reverse("projects:project_detail", args=[project.pk])
    assert project.stage == Stage.CO_IDENTIFY
    assert project.memberships.get().role == ProjectRole.LEAD
    need.refresh_from_db()
    assert need.status == NeedStatus.IN_PROJECT
    page = client_for(pupil).get(reverse("projects:project_detail", args=[project.pk])).text
    assert "Looking for a facilitator" in page
    listed = client_for(pupil).get(reverse("projects:project_list"), {"looking": "1"}).text
    assert "Fountains" in listed


def test_staff_take_on_a_project_as_facilitator(client_for, school, pupil, staff):
    project = project_start(starter=pupil, needs=[NeedFactory(school=school)], title="T", summary="S")
    page = client_for(staff).get(reverse("projects:project_detail", args=[project.pk])).text
    assert "Take this project on as its facilitator" in page
    client_for(staff).post(reverse("projects:project_take_on", args=[project.pk]))
    assert project.memberships.get(membership=staff).role == ProjectRole.FACILITATOR
    page = client_for(staff).get(reverse("projects:project_detail", args=[project.pk])).text
    assert "Looking for a facilitator" not in page


def test_parent_cannot_start_a_project(client_for, parent):
    assert client_for(parent).get(reverse("projects:project_start")).status_code == 403


def test_pupil_cannot_take_on_a_project(client_for, pupil, project):
    assert client_for(pupil).post(reverse("projects:project_take_on", args=[project.pk])).status_code == 403


def test_another_schools_project_is_404_everywhere(client_for, pupil, staff):
    other = ProjectFactory()
    idea = IdeaFactory(project=other)
    for client in (client_for(pupil), client_for(staff)):
        assert client.get(reverse("projects:project_detail", args=[other.pk])).status_code == 404
        assert client.get(reverse("projects:project_edit", args=[other.pk])).status_code == 404
        assert client.get(reverse("projects:idea_list", args=[other.pk])).status_code == 404
        assert client.get(reverse("projects:idea_detail", args=[idea.pk])).status_code == 404
        assert client.post(reverse("projects:stage_propose", args=[other.pk])).status_code == 404
        assert other.title not in client.get(reverse("projects:project_list")).text


def test_non_member_cannot_edit_or_move_a_project(client_for, school, ready_project):
    outsider = PupilFactory(school=school)
    client = client_for(outsider)
    assert client.get(reverse("projects:project_detail", args=[ready_project.pk])).status_code == 200
    assert client.get(reverse("projects:project_edit", args=[ready_project.pk])).status_code == 403
    assert client.post(reverse("projects:stage_propose", args=[ready_project.pk])).status_code == 403
    assert client.get(reverse("projects:stage_override", args=[ready_project.pk])).status_code == 403
    other_staff = StaffFactory(school=school)
    assert client_for(other_staff).get(reverse("projects:project_edit", args=[ready_project.pk])).status_code == 403


def test_members_only_project_is_hidden_from_other_pupils_but_not_staff(client_for, school, project, lead):
    project.visibility = Visibility.MEMBERS
    project.save()
    outsider = PupilFactory(school=school)
    assert client_for(outsider).get(reverse("projects:project_detail", args=[project.pk])).status_code == 403
    assert project.title not in client_for(outsider).get(reverse("projects:project_list")).text
    assert client_for(lead).get(reverse("projects:project_detail", args=[project.pk])).status_code == 200
    staff = StaffFactory(school=school)
    assert client_for(staff).get(reverse("projects:project_detail", args=[project.pk])).status_code == 200


def test_lead_edits_the_project_with_deadlines(client_for, ready_project, lead):
    need = ready_project.needs.get()
    response = client_for(lead).post(
        reverse("projects:project_edit", args=[ready_project.pk]),
        {
            "title": "New title",
            "summary": "S",
            "what_you_get_back": "Credit",
            "visibility": "members",
            "needs": [need.pk],
            "deadline_co_design": "2027-01-15",
        },
    )
    assert response.status_code == 302
    ready_project.refresh_from_db()
    assert ready_project.title == "New title" and ready_project.visibility == Visibility.MEMBERS
    page = client_for(lead).get(reverse("projects:project_detail", args=[ready_project.pk])).text
    assert "deadline 15 Jan 2027" in page


def test_pupil_asks_to_join_and_a_lead_accepts(client_for, school, project, lead):
    joiner = PupilFactory(school=school)
    client_for(joiner).post(reverse("projects:project_join", args=[project.pk]), {"message": "I care"})
    join_request = JoinRequest.objects.get()
    assert "I care" in client_for(lead).get(reverse("projects:project_detail", args=[project.pk])).text
    client_for(lead).post(
        reverse("projects:join_request_decide", args=[project.pk, join_request.pk]), {"decision": "accept"}
    )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.ACCEPTED
    assert project.memberships.get(membership=joiner).role == ProjectRole.MEMBER


def test_a_plain_member_cannot_accept_join_requests(client_for, school, project, lead):
    member = ProjectMembershipFactory(project=project).membership
    join_request = JoinRequest.objects.create(project=project, membership=PupilFactory(school=school))
    url = reverse("projects:join_request_decide", args=[project.pk, join_request.pk])
    assert client_for(member).post(url, {"decision": "accept"}).status_code == 403


def test_asking_twice_is_refused(client_for, school, project):
    joiner = ParentFactory(school=school)
    client = client_for(joiner)
    client.post(reverse("projects:project_join", args=[project.pk]))
    response = client.post(reverse("projects:project_join", args=[project.pk]))
    assert "already asked" in response.text
    assert JoinRequest.objects.count() == 1


def test_last_lead_cannot_step_down(client_for, project, lead):
    pm = project.memberships.get(membership=lead)
    client_for(lead).post(reverse("projects:member_set_role", args=[project.pk, pm.pk]), {"role": "member"})
    pm.refresh_from_db()
    assert pm.role == ProjectRole.LEAD


def test_stage_moves_through_the_page_and_the_timeline_shows_them(
    client_for, ready_project, lead, facilitator, django_capture_on_commit_callbacks
):
    # Each write commits as its request would: the page's shared facts are cached until then.
    with django_capture_on_commit_callbacks(execute=True):
        client_for(lead).post(reverse("projects:stage_propose", args=[ready_project.pk]), {"reason": "Ready!"})
    page = client_for(facilitator).get(reverse("projects:project_detail", args=[ready_project.pk])).text
    assert "Confirm the move to Co-design" in page
    proposal = ready_project.stage_proposals.get()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(facilitator).post(reverse("projects:stage_confirm", args=[ready_project.pk, proposal.pk]))
    ready_project.refresh_from_db()
    assert ready_project.stage == Stage.CO_DESIGN
    page = client_for(lead).get(reverse("projects:project_detail", args=[ready_project.pk])).text
    assert "Ready!" in page and "Shortlist at least 2 ideas" in page


def test_failed_gate_is_explained_on_the_page(client_for, project, lead, facilitator):
    response = client_for(lead).post(reverse("projects:stage_propose", args=[project.pk]), follow=True)
    assert "Link at least one need" in response.text
    project.refresh_from_db()
    assert project.stage == Stage.CO_IDENTIFY


def test_override_through_the_page_needs_a_reason_and_shows_on_the_timeline(client_for, project, facilitator):
    url = reverse("projects:stage_override", args=[project.pk])
    response = client_for(facilitator).post(url, {"reason": ""})
    assert response.status_code == 200 and "This field is required" in response.text
    client_for(facilitator).post(url, {"reason": "Council meeting is on Monday"})
    transition = StageTransition.objects.get()
    assert transition.is_override
    page = client_for(PupilFactory(school=project.school)).get(reverse("projects:project_detail", args=[project.pk]))
    assert "Override" in page.text and "Council meeting is on Monday" in page.text


def test_timeline_names_people_who_have_since_left_the_project(client_for, ready_project, lead, facilitator):
    client_for(lead).post(reverse("projects:stage_propose", args=[ready_project.pk]), {"reason": "Ready!"})
    proposal = ready_project.stage_proposals.get()
    client_for(facilitator).post(reverse("projects:stage_confirm", args=[ready_project.pk, proposal.pk]))
    ready_project.memberships.filter(membership=facilitator).delete()
    page = client_for(lead).get(reverse("projects:project_detail", args=[ready_project.pk])).text
    assert f"by {facilitator.user.display_name}, proposed by {lead.user.display_name}" in page


def test_timeline_and_project_report_credit_the_pupil_who_proposed_and_the_adult_who_confirmed(
    client_for, ready_project, lead, facilitator
):
    from evaluation.reports.project import project_report

    client_for(lead).post(reverse("projects:stage_propose", args=[ready_project.pk]), {"reason": "Ready!"})
    proposal = ready_project.stage_proposals.get()
    client_for(facilitator).post(reverse("projects:stage_confirm", args=[ready_project.pk, proposal.pk]))
    page = client_for(lead).get(reverse("projects:project_detail", args=[ready_project.pk])).text
    assert f"confirmed by {facilitator.user.display_name}, proposed by {lead.user.display_name}" in page
    [move] = project_report(project=ready_project)["timeline"]
    assert (move["proposed_by"], move["who"]) == (lead.user.display_name, facilitator.user.display_name)


def test_lead_cannot_reach_the_override_page(client_for, project, lead):
    assert client_for(lead).get(reverse("projects:stage_override", args=[project.pk])).status_code == 403


def test_going_back_through_the_page(client_for, ready_project, lead, move_to):
    move_to(ready_project, Stage.CO_DESIGN)
    url = reverse("projects:stage_back", args=[ready_project.pk])
    client_for(lead).post(url, {"to_stage": "co_identify", "reason": ""})
    ready_project.refresh_from_db()
    assert ready_project.stage == Stage.CO_DESIGN
    client_for(lead).post(url, {"to_stage": "co_identify", "reason": "We found another need"})
    ready_project.refresh_from_db()
    assert ready_project.stage == Stage.CO_IDENTIFY


def test_project_page_shows_the_current_charter(client_for, project, lead, leader):
    from projects.services.charter import charter_save

    charter_save(leader=leader, term="Spring 2027", may_decide="How the garden is used", budget_money=250)
    page = client_for(lead).get(reverse("projects:project_detail", args=[project.pk])).text
    assert "How the garden is used" in page and "250" in page


def test_my_projects_on_the_pupil_home(client_for, project, lead):
    text = client_for(lead).get(reverse("home")).text
    assert project.title in text and "Pupil lead" in text


def test_project_page_runs_a_constant_number_of_queries(client_for, ready_project, lead, assert_constant_queries):
    school = ready_project.school

    def add_rows(count):
        for _ in range(count // 5 or 1):
            need = NeedFactory(school=school)
            ready_project.needs.add(need)
            BackingFactory(need=need)
        members = PupilFactory.create_batch(count, school=school)
        ProjectMembership.objects.bulk_create([ProjectMembership(project=ready_project, membership=p) for p in members])
        askers = PupilFactory.create_batch(count // 5 or 1, school=school)
        JoinRequest.objects.bulk_create([JoinRequest(project=ready_project, membership=p) for p in askers])

    assert_constant_queries(client_for(lead), reverse("projects:project_detail", args=[ready_project.pk]), add_rows)


def test_projects_list_runs_a_constant_number_of_queries(client_for, pupil, assert_constant_queries):
    def add_rows(count):
        for _ in range(min(count, 30)):
            ProjectMembershipFactory(project=ProjectFactory(school=pupil.school), role=ProjectRole.LEAD)

    assert_constant_queries(client_for(pupil), reverse("projects:project_list"), add_rows)
