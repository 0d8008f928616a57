"""The projects pages in a real browser: accessible at desktop and 360px, backing works with htmx."""

import re

import pytest
from playwright.sync_api import expect

from projects.models import ProjectRole, Stage
from projects.services.stages import project_move_stage
from tests.factories import (
    BackingFactory,
    IdeaFactory,
    NeedCommentFactory,
    NeedFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    StaffFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def pupil_in_project():
    pupil = PupilFactory(user__username="browserlead")
    school = pupil.school
    staff = StaffFactory(school=school)
    need = NeedFactory(school=school, title="Broken fountains", hide_author=True)
    BackingFactory.create_batch(2, need=need)
    NeedCommentFactory(need=need, body="Same here")
    project = ProjectFactory(school=school, title="Fountains", what_you_get_back="A credit")
    project.needs.add(need)
    ProjectMembershipFactory(project=project, membership=pupil, role=ProjectRole.LEAD)
    ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    project_move_stage(project=project, actor=staff, to_stage=Stage.CO_DESIGN, override=True, reason="Term ends")
    IdeaFactory(project=project, title="Refill stations")
    return pupil, need, project


def test_needs_list_backing_with_htmx_and_pages_are_accessible(
    sign_in, check_page, page, live_server, pupil_in_project
):
    _, need, project = pupil_in_project
    sign_in("browserlead")
    page.goto(f"{live_server.url}/needs/")
    check_page("needs-list")
    button = page.get_by_role("button", name="Back this")
    button.click()
    page.get_by_role("button", name="Withdraw my backing").wait_for()
    assert page.url.endswith("/needs/")  # swapped in place, no page load
    assert need.backings.count() == 3
    expect(page.locator(":focus")).to_contain_text("Withdraw my backing")  # keyboard focus stays on the button
    page.get_by_role("button", name="Withdraw my backing").click()
    page.get_by_role("button", name="Back this").wait_for()
    assert need.backings.count() == 2
    page.goto(f"{live_server.url}/needs/{need.pk}/")
    check_page("need-detail")
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Fountains"
    check_page("project-detail")
    page.goto(f"{live_server.url}/projects/{project.pk}/ideas/")
    page.get_by_role("button", name=re.compile(r"^Shortlist\b.*Refill stations")).click()
    page.get_by_role("button", name=re.compile(r"^Shortlisted\b.*Refill stations")).wait_for()
    assert project.ideas.get().is_shortlisted
    check_page("ideas-list")
