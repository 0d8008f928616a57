"""/reports/projects/<pk>/: who may read it, what it shows, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation.models import Reflection, ReflectionKind
from projects.models import ProjectRole, Stage, TaskStatus, Visibility
from tests.factories import (
    LeaderFactory,
    ParentFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SchoolFactory,
    StaffFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def _url(project):
    return reverse("evaluation:project_report", args=[project.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("staff", 200),
        ("leader", 200),
        ("member_pupil", 200),
        ("lead", 200),
        ("other_pupil", 403),
        ("parent", 403),
        ("member_parent", 200),
        ("other_school_leader", 404),
    ],
)
def test_access_matrix(client_for, project, lead, who, status):
    school = project.school
    people = {
        "staff": lambda: StaffFactory(school=school),
        "leader": lambda: LeaderFactory(school=school),
        "member_pupil": lambda: ProjectMembershipFactory(project=project).membership,
        "lead": lambda: lead,
        "other_pupil": lambda: PupilFactory(school=school),
        "parent": lambda: ParentFactory(school=school),
        "member_parent": lambda: (
            ProjectMembershipFactory(project=project, membership=ParentFactory(school=school)).membership
        ),
        "other_school_leader": lambda: LeaderFactory(school=SchoolFactory()),
    }
    assert client_for(people[who]()).get(_url(project)).status_code == status


def test_members_only_project_is_hidden_from_other_pupils(client_for, project):
    project.visibility = Visibility.MEMBERS
    project.save()
    assert client_for(PupilFactory(school=project.school)).get(_url(project)).status_code == 403


def test_signed_out_visitor_is_sent_to_sign_in(client, project):
    response = client.get(_url(project))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_page_shows_the_report_and_the_sign_off_button_only_to_a_leader_in_co_evaluate(
    client_for, project, lead, move_to
):
    TaskFactory(project=project, status=TaskStatus.DONE, title="Write to the bus company")
    page = client_for(lead).get(_url(project)).content.decode()
    assert "Write to the bus company" in page and "Who took part" in page
    assert "Sign off this report" not in page
    move_to(project, Stage.CO_EVALUATE)
    leader = LeaderFactory(school=project.school)
    page = client_for(leader).get(_url(project)).content.decode()
    assert "Sign off this report" in page
    assert reverse("evaluation:project_report_sign_off", args=[project.pk]) in page


def test_project_page_links_to_the_report_in_co_evaluate(client_for, project, lead, move_to):
    detail = reverse("projects:project_detail", args=[project.pk])
    assert _url(project) not in client_for(lead).get(detail).content.decode()
    move_to(project, Stage.CO_EVALUATE)
    assert _url(project) in client_for(lead).get(detail).content.decode()


def test_page_queries_do_not_grow_with_the_project(client_for, project, facilitator, django_assert_num_queries):
    staff = StaffFactory(school=project.school)
    client = client_for(staff)

    def add(count):
        for _ in range(count):
            pupil = ProjectMembershipFactory(project=project, role=ProjectRole.MEMBER).membership
            TaskFactory(project=project, status=TaskStatus.DONE)
            Reflection.objects.create(project=project, author=pupil, kind=ReflectionKind.WORKED, text="Good")

    add(2)
    client.get(_url(project))
    with CaptureQueriesContext(connection) as small:
        assert client.get(_url(project)).status_code == 200
    add(30)
    with django_assert_num_queries(len(small)):
        assert client.get(_url(project)).status_code == 200
