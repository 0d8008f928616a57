import pytest

from projects.models import ProjectRole, Stage
from projects.services.stages import project_move_stage
from tests.factories import NeedFactory, ProjectFactory, ProjectMembershipFactory, StaffFactory


@pytest.fixture
def project(school):
    return ProjectFactory(school=school)


@pytest.fixture
def lead(project):
    return ProjectMembershipFactory(project=project, role=ProjectRole.LEAD).membership


@pytest.fixture
def facilitator(project):
    staff = StaffFactory(school=project.school)
    ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    return staff


@pytest.fixture
def ready_project(project, lead, facilitator):
    """A project that meets the co-identify gate: a need, a lead, a facilitator, the statement."""
    project.needs.add(NeedFactory(school=project.school))
    project.what_you_get_back = "A certificate and the skills of running a campaign."
    project.save()
    return project


@pytest.fixture
def move_to(facilitator):
    """Put a project in a stage the only legal way: facilitator overrides, one stage at a time."""

    def move(project, stage: Stage):
        while project.stage != stage:
            current = Stage(project.stage)
            project_move_stage(
                project=project, actor=facilitator, to_stage=current.next, reason="test setup", override=True
            )
            project.refresh_from_db()
        return project

    return move


@pytest.fixture
def assert_constant_queries(django_assert_num_queries):
    """Load `url` with 5 rows, then with 500: both must run the same number of SQL queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(client, url, add_rows):
        add_rows(5)
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as with_5:
            assert client.get(url).status_code == 200
        add_rows(495)
        with django_assert_num_queries(len(with_5)):
            assert client.get(url).status_code == 200

    return check
