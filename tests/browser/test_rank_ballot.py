"""A ranked ballot in a real browser: drag, Up/Down buttons and arrow keys order the ideas; the stored
ranking is the order the pupil saw. Without JavaScript the number boxes are the ballot."""

import pytest
from playwright.sync_api import expect

from projects.models import Ballot, ProjectRole
from tests.browser.conftest import SCREENSHOTS
from tests.factories import DecisionFactory, IdeaFactory, ProjectFactory, ProjectMembershipFactory, PupilFactory
from tests.holding import held_flush

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

TITLES = ("Planters", "Wildflower corner", "Benches", "Bird boxes")


@pytest.fixture
def decision():
    pupil = PupilFactory(user__username="rankpupil", user__first_name="Robin")
    project = ProjectFactory(school=pupil.school, title="Greener playground")
    ProjectMembershipFactory(project=project, membership=pupil, role=ProjectRole.LEAD)
    ideas = [IdeaFactory(project=project, is_shortlisted=True, title=title) for title in TITLES]
    return DecisionFactory(project=project, options=ideas, method="ranked", title="What first?")


@pytest.fixture
def ballot_page(sign_in, page, live_server, decision):
    sign_in("rankpupil")

    def go(width: int):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/decisions/{decision.pk}/")
        expect(page.locator(".rank-item")).to_have_count(len(TITLES))
        return page

    return go


def shown_order(page) -> list[str]:
    return page.locator(".rank-item [data-rank-title]").all_inner_texts()


def cast_and_read(page, decision) -> list[str]:
    page.get_by_role("button", name="Cast my vote").click()
    page.get_by_text("Your vote is in").wait_for()
    held_flush()
    titles = dict(decision.options.values_list("pk", "title"))
    return [titles[pk] for pk in Ballot.objects.get(decision=decision).choices]


@pytest.mark.parametrize("width", [360, 1366])
def test_a_pupil_drags_an_idea_to_the_top_and_the_ballot_stores_that_order(ballot_page, check_page, decision, width):
    page = ballot_page(width)
    # The number boxes give way to the cards; their help would say the wrong thing.
    expect(page.get_by_label("Benches", exact=True)).to_be_hidden()
    expect(page.get_by_text("Give 1 to your first choice")).to_be_hidden()
    expect(page.get_by_text("Put the ideas in your order")).to_be_visible()
    check_page(f"rank-ballot-{width}px")
    page.set_viewport_size({"width": width, "height": 900})

    benches = page.locator(".rank-item", has_text="Benches")
    # The mouse only reaches what is on screen (and Bootstrap scrolls smoothly unless told otherwise).
    page.locator(".rank-list").evaluate("list => list.scrollIntoView({block: 'center', behavior: 'instant'})")
    top = page.locator(".rank-item").first.bounding_box()
    box = benches.locator("[data-rank-title]").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)
    page.mouse.down()
    for step in range(1, 11):  # a real drag: the pointer travels for a while, it does not jump
        page.mouse.move(box["x"] + 5, box["y"] + (top["y"] + 5 - box["y"]) * step / 10)
        page.wait_for_timeout(60)
    page.mouse.up()

    assert shown_order(page) == ["Benches", "Planters", "Wildflower corner", "Bird boxes"]
    expect(page.locator("[data-rank-status]")).to_have_text("Benches is now 1st of 4.")
    expect(benches.locator("[data-rank-position]")).to_have_text("1")
    page.screenshot(path=SCREENSHOTS / f"rank-ballot-dragged-{width}px.png", full_page=True)
    assert cast_and_read(page, decision) == ["Benches", "Planters", "Wildflower corner", "Bird boxes"]


def test_the_up_and_down_buttons_move_an_idea_and_say_its_new_place(ballot_page, decision):
    page = ballot_page(360)
    page.get_by_role("button", name="Down: move Planters down").click()
    expect(page.locator("[data-rank-status]")).to_have_text("Planters is now 2nd of 4.")
    expect(page.locator("[data-rank-status]")).to_have_attribute("aria-live", "polite")
    page.get_by_role("button", name="Up: move Bird boxes up").click()
    page.get_by_role("button", name="Up: move Bird boxes up").click()
    expect(page.locator("[data-rank-status]")).to_have_text("Bird boxes is now 2nd of 4.")
    page.get_by_role("button", name="Up: move Wildflower corner up").click()
    expect(page.locator("[data-rank-status]")).to_have_text("Wildflower corner is already first.")
    order = ["Wildflower corner", "Bird boxes", "Planters", "Benches"]
    assert shown_order(page) == order
    assert cast_and_read(page, decision) == order


def test_a_pupil_orders_the_ideas_with_the_keyboard_alone(ballot_page, decision):
    page = ballot_page(1366)
    bird_boxes = page.locator(".rank-item", has_text="Bird boxes")
    bird_boxes.focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator("[data-rank-status]")).to_have_text("Bird boxes is now 2nd of 4.")
    expect(bird_boxes).to_be_focused()  # the card stays in hand for the next press
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # on to the card's own Up button, then Up moves it
    expect(bird_boxes.get_by_role("button", name="Up: move Bird boxes up")).to_be_focused()
    page.keyboard.press("Enter")
    order = ["Planters", "Bird boxes", "Wildflower corner", "Benches"]
    assert shown_order(page) == order
    assert cast_and_read(page, decision) == order


def test_without_javascript_the_number_boxes_rank_the_ideas(browser, live_server, decision):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username or email").fill("rankpupil")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    expect(page.get_by_text("Give 1 to your first choice")).to_be_visible()
    expect(page.locator(".rank-item").first).to_be_hidden()
    page.get_by_label("Bird boxes", exact=True).select_option("1")
    page.get_by_label("Planters", exact=True).select_option("2")
    page.screenshot(path=SCREENSHOTS / "rank-ballot-no-js-360px.png", full_page=True)
    assert cast_and_read(page, decision) == ["Bird boxes", "Planters"]
    context.close()
