"""The design system in a browser (docs/design.md): the stepper, cards, empty states and the focus ring
on the pages a pupil and staff open most, at a phone's width and a Chromebook's."""

import pytest
from playwright.sync_api import expect

from projects.models import Project, Stage
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_viewports import FOCUS_CONTRAST, _blocking_violations, _scrolls_sideways
from tests.factories import IdeaFactory, NeedFactory, TaskFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _rings(page, presses: int = 40) -> set[str]:
    """Tab through the page; every control reached shows a ring of at least 2 px at 3:1."""
    seen = set()
    for _ in range(presses):
        page.keyboard.press("Tab")
        focus = page.evaluate(f"({FOCUS_CONTRAST})(document.activeElement)")
        if focus["name"] in seen or focus["name"].startswith("<body"):
            continue
        seen.add(focus["name"])
        assert focus["style"] != "none" and focus["width"] >= 2, focus
        assert focus["contrast"] >= 3, focus
    return seen


def test_the_project_page_shows_its_stages_as_a_stepper_that_fits_a_phone(
    sign_in, page, live_server, axe, demo_like_school
):
    project = Project.objects.get(title="Quiet room")
    Project.objects.filter(pk=project.pk).update(stage=Stage.CO_DECIDE)  # fixture shortcut
    sign_in("vpupil")
    for width in (360, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/projects/{project.pk}/")
        stepper = page.get_by_role("list", name="Stages of this project")
        steps = stepper.get_by_role("listitem")
        expect(steps).to_have_count(len(Stage))
        current = stepper.locator('[aria-current="step"]')
        expect(current).to_contain_text("Co-decide")
        expect(current).to_contain_text("Now: choosing the best idea")
        expect(steps.nth(0)).to_contain_text("Done")
        expect(steps.nth(3)).to_contain_text("To come")
        for i in range(len(Stage)):  # every step on screen, none cut off
            box = steps.nth(i).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert not _scrolls_sideways(page)
        assert not _blocking_violations(axe, page)
        page.screenshot(path=SCREENSHOTS / f"design-project-pupil-{width}.png", full_page=True)


def test_cards_and_empty_states_on_the_pupils_pages_with_a_strong_focus_ring(
    sign_in, page, live_server, axe, demo_like_school
):
    project = Project.objects.get(title="Quiet room")
    NeedFactory(school=demo_like_school["school"], title="Benches are broken")
    IdeaFactory(project=project, title="Bean bags in the library")
    sign_in("vpupil")
    for width in (360, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/")
        expect(page.locator(".empty-state-illustrated", has_text="No tasks for you right now")).to_be_visible()
        page.goto(f"{live_server.url}/needs/")
        card = page.locator(".item-card", has_text="Benches are broken")
        expect(card.get_by_role("button", name="Back this")).to_be_visible()
        page.goto(f"{live_server.url}/projects/{project.pk}/ideas/")
        expect(page.locator(".item-card", has_text="Bean bags in the library")).to_contain_text("Helps Everyone")
        page.goto(f"{live_server.url}/projects/?q=nothing-matches-this")
        empty = page.locator(".empty-state-illustrated")
        expect(empty).to_contain_text("No projects here yet")
        expect(empty.get_by_role("link", name="See the needs")).to_be_visible()
        assert not _scrolls_sideways(page)
        assert not _blocking_violations(axe, page)
    page.set_viewport_size({"width": 1366, "height": 900})
    for path in ("/", "/needs/", f"/projects/{project.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert len(_rings(page)) >= 10, path


def test_a_task_card_keeps_its_move_form_behind_a_disclosure(sign_in, page, live_server, demo_like_school):
    project = Project.objects.get(title="Quiet room")
    pupil = project.memberships.get().membership
    TaskFactory(project=project, owners=[pupil], title="Ask for bean bags")
    sign_in("vpupil")
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{live_server.url}/projects/{project.pk}/tasks/")
    card = page.locator("article", has_text="Ask for bean bags")
    expect(card.get_by_label("Move to")).to_be_hidden()
    card.get_by_text("Move this task").click()
    expect(card.get_by_label("Move to")).to_be_visible()
    assert not _scrolls_sideways(page)


def test_staff_open_the_style_page_at_every_width_without_scrolling_sideways(
    sign_in, page, live_server, axe, demo_like_school
):
    sign_in("vstaff@example.org")
    for width in (360, 768, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/styleguide/")
        expect(page.get_by_role("heading", name="Stage stepper")).to_be_visible()
        assert not _scrolls_sideways(page), width
        if width in (360, 1366):
            assert not _blocking_violations(axe, page), width
            page.screenshot(path=SCREENSHOTS / f"design-styleguide-{width}.png", full_page=True)
