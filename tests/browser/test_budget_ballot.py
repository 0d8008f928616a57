"""A budget ballot in a real browser: the total follows the ticks; the server refuses a ballot over budget."""

import pytest
from playwright.sync_api import expect

from projects.models import Ballot, ProjectRole
from tests.browser.conftest import SCREENSHOTS
from tests.factories import DecisionFactory, IdeaFactory, ProjectFactory, ProjectMembershipFactory, PupilFactory
from tests.holding import held_flush

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

OVER = "Your choices cost £320: that is £70 over the £250 budget. Untick something."


@pytest.fixture
def decision():
    pupil = PupilFactory(user__username="budgetpupil", user__first_name="Robin")
    project = ProjectFactory(school=pupil.school, title="Greener playground")
    ProjectMembershipFactory(project=project, membership=pupil, role=ProjectRole.LEAD)
    ideas = [
        IdeaFactory(project=project, is_shortlisted=True, title=title, cost_money=cost)
        for title, cost in (("Planters", 120), ("Wildflower corner", 80), ("Benches", 200))
    ]
    return DecisionFactory(project=project, options=ideas, method="budget", budget=250, title="What do we fund?")


@pytest.mark.parametrize("width", [360, 1366])
def test_the_total_follows_the_ticks_and_the_server_refuses_a_ballot_over_budget(
    sign_in, check_page, page, live_server, decision, width
):
    sign_in("budgetpupil")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    total = page.locator("[data-budget-total]")
    expect(total).to_have_text("£0 of £250 chosen — £250 left")
    expect(total).to_have_attribute("aria-live", "polite")

    page.get_by_label("Wildflower corner (£80)").check()
    expect(total).to_have_text("£80 of £250 chosen — £170 left")
    page.get_by_label("Benches (£200)").check()
    expect(total).to_have_text("£280 of £250 chosen — £30 over: untick something")
    page.get_by_label("Wildflower corner (£80)").uncheck()
    page.get_by_label("Planters (£120)").check()
    expect(total).to_have_text("£320 of £250 chosen — £70 over: untick something")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"budget-ballot-over-{width}px.png", full_page=True)

    page.get_by_role("button", name="Cast my vote").click()  # still allowed: the server decides
    expect(page.get_by_text(OVER)).to_be_visible()
    assert page.url.endswith(f"/decisions/{decision.pk}/")  # the ballot came back in place (htmx)
    expect(page.locator("[data-budget-total]")).to_have_text("£320 of £250 chosen — £70 over: untick something")
    assert not Ballot.objects.exists()
    check_page(f"budget-ballot-refused-{width}px")

    page.set_viewport_size({"width": width, "height": 900})
    page.get_by_label("Planters (£120)").uncheck()
    expect(page.locator("[data-budget-total]")).to_have_text("£200 of £250 chosen — £50 left")
    page.get_by_role("button", name="Cast my vote").click()
    page.get_by_text("Your vote is in").wait_for()
    held_flush()
    assert Ballot.objects.get().choices == [decision.options.get(title="Benches").pk]


def test_without_javascript_the_page_says_the_budget_and_the_server_says_the_amount_over(
    browser, live_server, decision
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username or email").fill("budgetpupil")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    expect(page.get_by_text("The budget is £250. Each idea's cost is next to it")).to_be_visible()
    page.get_by_label("Planters (£120)").check()
    page.get_by_label("Benches (£200)").check()
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.get_by_text(OVER)).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "budget-ballot-refused-no-js-360px.png", full_page=True)
    assert not Ballot.objects.exists()
    context.close()
