"""The main pages with real content, in a real browser: axe finds nothing serious at desktop and 360px.

Screenshots of each page land in test-artifacts/screenshots/ (see conftest.check_page).
"""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from projects.models import ProjectRole, Stage, StageProposal
from projects.services.stages import project_move_stage
from tests.factories import (
    BackingFactory,
    DecisionFactory,
    GoalFactory,
    GuardianLinkFactory,
    IdeaFactory,
    LeaderFactory,
    NeedFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    QuestionFactory,
    SessionFactory,
    StaffFactory,
    SurveyFactory,
    TaskFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def school_world():
    """A school with a project in every stage up to co-decide, an open vote, tasks, a survey and a goal."""
    pupil = PupilFactory(user__username="homepupil", user__first_name="Robin", year_group=7, form="7A")
    school = pupil.school
    staff = StaffFactory(school=school, user__username="facilitator", user__email="facilitator@example.org")
    LeaderFactory(school=school, user__email="head@example.org")
    PupilFactory.create_batch(3, school=school, year_group=8, form="8B")
    need = NeedFactory(school=school, title="Longer lunch queue than ever")
    BackingFactory(need=need)
    projects = {}
    for title, stage in [("Quiet room", Stage.CO_IDENTIFY), ("Lunch queue", Stage.CO_DECIDE)]:
        project = ProjectFactory(school=school, title=title, what_you_get_back="A credit")
        project.needs.add(need)
        ProjectMembershipFactory(project=project, membership=pupil, role=ProjectRole.LEAD)
        ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
        while project.stage != stage:
            project_move_stage(
                project=project, actor=staff, to_stage=Stage(project.stage).next, override=True, reason="Setup"
            )
            project.refresh_from_db()
        projects[stage] = project
    decide = projects[Stage.CO_DECIDE]
    ideas = [IdeaFactory(project=decide, is_shortlisted=True, title=t) for t in ("Two hatches", "Staggered times")]
    decision = DecisionFactory(project=decide, options=ideas, title="How do we fix the queue?")
    TaskFactory(project=decide, owners=[pupil], title="Count the queue", due_on=date.today() - timedelta(days=1))
    SessionFactory(project=decide, held_on=date.today() + timedelta(days=2), place="Library")
    StageProposal.objects.create(
        project=projects[Stage.CO_IDENTIFY], proposed_by=pupil, from_stage=Stage.CO_IDENTIFY, to_stage=Stage.CO_DESIGN
    )
    survey = SurveyFactory(school=school, title="How lunch feels")
    QuestionFactory(survey=survey, type="likert5", text="Lunchtime is calm.")
    GoalFactory(pupil=pupil, staff=staff, goal="Speak at a meeting")
    GuardianLinkFactory(pupil=pupil, parent__user__email="parent@example.org", consented=True)
    return {"pupil": pupil, "need": need, "projects": projects, "decision": decision, "survey": survey}


def test_pupil_pages_are_accessible(sign_in, check_page, page, live_server, school_world):
    sign_in("homepupil")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello Robin"
    # The next step on her home is the ballot she has not cast yet.
    expect(page.get_by_role("link", name=f"Vote in “{school_world['decision'].title}”")).to_be_visible()
    check_page("pupil-home-full")
    page.goto(f"{live_server.url}/needs/")
    check_page("needs-list")
    page.goto(f"{live_server.url}/projects/{school_world['projects'][Stage.CO_DECIDE].pk}/")
    check_page("project-page")
    page.goto(f"{live_server.url}/decisions/{school_world['decision'].pk}/")
    check_page("vote-page")
    page.goto(f"{live_server.url}/surveys/{school_world['survey'].pk}/answer/?q=1")
    check_page("survey-page")


def test_parent_and_leader_homes_are_accessible(sign_in, check_page, page, live_server, school_world):
    sign_in("parent@example.org")
    assert "Quiet room" in page.inner_text("main")
    check_page("parent-home")
    page.context.clear_cookies()  # sign out
    sign_in("head@example.org")
    assert page.get_by_role("heading", level=1).inner_text() == "School overview"
    check_page("leader-home")
    page.get_by_role("link", name="Read the school report").click()
    page.wait_for_url("**/reports/school/")
    check_page("school-report")


def test_dashboard_is_accessible_and_confirms_a_move_in_place(sign_in, check_page, page, live_server, school_world):
    project = school_world["projects"][Stage.CO_IDENTIFY]
    sign_in("facilitator@example.org")
    page.goto(f"{live_server.url}/dashboard/")
    check_page("dashboard")
    board = page.locator("#board")
    with page.expect_response(lambda r: "/move/" in r.url):
        board.get_by_role("button", name="Confirm move to Co-design for “Quiet room”").click()
    page.locator("#board-status").get_by_text("“Quiet room” moved to Co-design.").wait_for()
    assert page.url.endswith("/dashboard/")  # swapped in place, no page load
    expect(page.locator(":focus")).to_have_text("Quiet room")  # focus stays on the card (htmx focuses it at settle)
    design = page.get_by_role("region", name=re.compile(r"^Co-design \d"))
    expect(design.get_by_role("link", name="Quiet room")).to_be_visible()
    project.refresh_from_db()
    assert project.stage == Stage.CO_DESIGN and project.transitions.last().proposed_by == school_world["pupil"]
    page.get_by_label("Year group").select_option("8")
    page.get_by_role("button", name="Show pupils").click()
    page.wait_for_url("**year_group=8**")
    assert page.get_by_text("3 pupils.").is_visible()


def test_what_happened_is_accessible_and_filters_by_kind(sign_in, check_page, page, live_server, school_world):
    sign_in("head@example.org")
    page.locator("#main-nav summary", has_text="Surveys & reports").click()  # the group the link is in
    page.get_by_role("link", name="What happened").click()
    page.wait_for_url("**/what-happened/")
    check_page("what-happened")
    page.get_by_label("Kind").select_option(label="Charter edits")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    assert "Nothing has been recorded that matches these filters yet." in page.inner_text("main")
