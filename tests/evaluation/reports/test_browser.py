"""The project report, its sign-off and the reflections page pass axe at desktop and 360px."""

import pytest

from tests.browser.conftest import axe, browser_type_launch_args, check_page, sign_in  # noqa: F401 (fixtures)
from tests.factories import LeaderFactory, PupilFactory, StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_signed_report_and_its_pages_are_accessible(sign_in, check_page, page, live_server):  # noqa: F811
    from front.demo.report import seed_completed_project

    leader = LeaderFactory(user__email="report-leader@example.org")
    StaffFactory(school=leader.school)
    PupilFactory.create_batch(36, school=leader.school)
    project = seed_completed_project(leader.school)
    sign_in("report-leader@example.org")
    page.goto(f"{live_server.url}/reports/projects/{project.pk}/")
    assert "Signed off by" in page.inner_text("main")
    assert page.get_by_role("img", name="before and after").first.is_visible()
    check_page("project-report-signed")
    page.goto(f"{live_server.url}/reports/projects/{project.pk}/reflections/")
    check_page("project-reflections")


def test_sign_off_confirmation_is_accessible(sign_in, check_page, page, live_server):  # noqa: F811
    from projects.models import ProjectRole, Stage
    from projects.services.stages import project_move_stage
    from tests.factories import ProjectFactory, ProjectMembershipFactory

    leader = LeaderFactory(user__email="signer@example.org")
    project = ProjectFactory(school=leader.school)
    staff = StaffFactory(school=leader.school)
    ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    for stage in list(Stage)[1:5]:
        project_move_stage(project=project, actor=staff, to_stage=stage, override=True, reason="test")
    sign_in("signer@example.org")
    page.goto(f"{live_server.url}/reports/projects/{project.pk}/")
    page.get_by_role("link", name="Sign off this report").click()
    check_page("project-report-sign-off")
    page.get_by_label("Your comment").fill("Well done, all of you.")
    page.get_by_role("button", name="Sign off the report").click()
    page.wait_for_url(f"**/reports/projects/{project.pk}/")
    assert "Well done, all of you." in page.inner_text("main")
