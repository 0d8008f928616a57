"""Co-decide and co-deliver in a real browser: vote, move a card with htmx, print a portfolio; axe-checked."""

import pytest
from playwright.sync_api import expect

from projects.models import Ballot, ProjectRole, Task, TaskStatus
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    StaffFactory,
    TaskFactory,
)
from tests.holding import held_flush

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def lead():
    pupil = PupilFactory(user__username="browserlead", user__first_name="Robin")
    project = ProjectFactory(school=pupil.school, title="Lunch queue fix")
    ProjectMembershipFactory(project=project, membership=pupil, role=ProjectRole.LEAD)
    staff = StaffFactory(school=pupil.school)
    ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    return pupil


def test_pupil_ranks_ideas_and_votes(sign_in, check_page, page, live_server, lead):
    project = lead.projects.get()
    ideas = [IdeaFactory(project=project, is_shortlisted=True, title=t) for t in ("Two hatches", "Staggered times")]
    decision = DecisionFactory(project=project, options=ideas, method="ranked", title="How do we fix the queue?")
    sign_in("browserlead")
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    check_page("decision-open")
    # The ranked ballot is a list of cards (tests/browser/test_rank_ballot.py drags them): move one up.
    page.get_by_role("button", name="Up: move Staggered times up").click()
    page.get_by_role("button", name="Cast my vote").click()
    page.get_by_text("Your vote is in").wait_for()  # the vote panel is swapped in place by htmx
    assert page.url.endswith(f"/decisions/{decision.pk}/")
    expect(page.locator(":focus")).to_have_id("receipt-heading")  # focus moves to the new panel (at htmx settle)
    held_flush()
    assert Ballot.objects.get().choices == [ideas[1].pk, ideas[0].pk]


def test_task_board_moves_a_card_in_place(sign_in, check_page, page, live_server, lead):
    project = lead.projects.get()
    task = TaskFactory(project=project, owners=[lead], title="Draw the timetable")
    TaskFactory(project=project, title="Make posters", status=TaskStatus.DOING)
    sign_in("browserlead")
    page.goto(f"{live_server.url}/projects/{project.pk}/tasks/")
    check_page("task-board")
    page.get_by_text("Move this task").first.click()  # the move form waits behind its disclosure
    page.get_by_label("Move to").first.select_option("done")
    with page.expect_response(lambda r: "/status/" in r.url):
        page.get_by_role("button", name="Move “Draw the timetable”").click()
    assert page.url.endswith(f"/projects/{project.pk}/tasks/")  # swapped in place, no navigation
    expect(page.locator("#col-done").locator("xpath=..").get_by_role("link", name="Draw the timetable")).to_be_visible()
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE


def test_deferring_without_a_reason_shows_the_error_on_the_card_and_focuses_the_reason(
    sign_in, check_page, page, live_server, lead
):
    project = lead.projects.get()
    task = TaskFactory(project=project, owners=[lead], title="Draw the timetable")
    sign_in("browserlead")
    page.goto(f"{live_server.url}/projects/{project.pk}/tasks/")
    page.get_by_text("Move this task").first.click()
    page.get_by_label("Move to").first.select_option("deferred")
    with page.expect_response(lambda r: "/status/" in r.url):
        page.get_by_role("button", name="Move “Draw the timetable”").click()
    card = page.locator(f"article[aria-labelledby='task-{task.pk}']")
    expect(card.get_by_role("alert")).to_have_text("Say why the task is deferred.")
    expect(page.locator(":focus")).to_have_id(f"reason-{task.pk}")
    check_page("task-board-refused-move")
    page.locator(":focus").fill("Waiting for the council")
    with page.expect_response(lambda r: "/status/" in r.url):
        page.get_by_role("button", name="Move “Draw the timetable”").click()
    expect(page.locator("#board-status")).to_contain_text("“Draw the timetable” is now deferred.")
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DEFERRED


def test_portfolio_is_accessible(sign_in, check_page, page, live_server, lead):
    TaskFactory(project=lead.projects.get(), owners=[lead], title="Draw the timetable", status=TaskStatus.DONE)
    sign_in("browserlead")
    page.goto(f"{live_server.url}/pupils/{lead.pk}/portfolio/")
    check_page("portfolio")
    page.emulate_media(media="print")
    assert not page.locator("header").first.is_visible()


def test_facilitator_gives_more_time_then_closes_the_vote_now(sign_in, check_page, page, live_server, lead):
    from datetime import timedelta

    from django.utils import timezone

    from projects.models import Decision, DecisionStatus

    project = lead.projects.get()
    staff = StaffFactory(school=lead.school, user__username="browserfacilitator")
    ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    ideas = [IdeaFactory(project=project, is_shortlisted=True, title=t) for t in ("Two hatches", "Staggered times")]
    decision = DecisionFactory(project=project, options=ideas, title="How do we fix the queue?")
    later = timezone.localtime(decision.closes_at) + timedelta(days=1)
    sign_in("browserfacilitator")
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")

    page.get_by_role("link", name="Give more time").click()
    check_page("decision-extend")
    page.get_by_label("Voting now closes").fill(later.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Extend the vote").click()
    page.get_by_text("Everyone who can vote has been told").wait_for()

    page.get_by_role("link", name="Close now").click()
    check_page("decision-close-now")
    page.get_by_role("button", name="Close the vote now").click()
    page.get_by_text("the result is published").wait_for()
    expect(page.get_by_role("heading", name="Result")).to_be_visible()
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.CLOSED
