"""Easy read in a browser: offered to a pupil at her first sign-in, it makes the text larger with more
line and letter spacing (measured from the computed style), on every page and on another device."""

import pytest

from tests.browser.conftest import screenshots_at_both_widths
from tests.factories import NeedFactory, PupilFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

MEASURE = """(selector) => {
  const style = getComputedStyle(document.querySelector(selector));
  const px = (value) => (value === 'normal' ? 0 : parseFloat(value));
  return {
    fontSize: px(style.fontSize),
    lineHeight: style.lineHeight === 'normal' ? 1.2 * px(style.fontSize) : px(style.lineHeight),
    letterSpacing: px(style.letterSpacing),
    fontFamily: style.fontFamily,
  };
}"""


# What runs off the screen, named in the failure so it can be found.
def test_easy_read_offered_at_first_sign_in_enlarges_and_spaces_the_text_everywhere(
    page, live_server, sign_in, browser
):
    pupil = PupilFactory(user__username="reader", user__first_name="Ola")
    NeedFactory(school=pupil.school, title="Broken fountains")
    sign_in("reader")
    offer = page.get_by_role("region", name="Would you like easy read?")
    assert offer.is_visible()
    screenshots_at_both_widths(page, "easy-read-offer")
    before = page.evaluate(MEASURE, "main p:not(.lead)")

    offer.get_by_role("button", name="Yes please").click()
    page.wait_for_load_state()
    assert not page.get_by_role("region", name="Would you like easy read?").count()
    after = page.evaluate(MEASURE, "main p:not(.lead)")
    assert after["fontSize"] >= before["fontSize"] * 1.15
    assert after["lineHeight"] / after["fontSize"] >= 1.75 > before["lineHeight"] / before["fontSize"]
    assert after["letterSpacing"] >= 0.04 * after["fontSize"] and before["letterSpacing"] == 0
    assert after["fontFamily"].startswith("Verdana")
    screenshots_at_both_widths(page, "easy-read-home")

    page.goto(f"{live_server.url}/needs/")  # every page, not just the one where it was chosen
    on_needs = page.evaluate(MEASURE, "main p:not(.lead)")
    assert on_needs["fontSize"] == after["fontSize"] and on_needs["letterSpacing"] == after["letterSpacing"]
    screenshots_at_both_widths(page, "easy-read-needs")

    other_device = browser.new_context()  # a phone with no cookies from the laptop
    phone = other_device.new_page()
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.get_by_label("Username or email").fill("reader")
    phone.get_by_label("Password").fill("correct horse battery")
    phone.get_by_role("button", name="Sign in", exact=True).click()
    phone.wait_for_load_state()
    assert "easy-read" in phone.evaluate("document.documentElement.className")
    assert phone.evaluate(MEASURE, "main p:not(.lead)")["fontSize"] == after["fontSize"]
    other_device.close()

    page.goto(f"{live_server.url}/inbox/preferences/")
    page.get_by_role("button", name="Turn easy read off").click()
    page.wait_for_load_state()
    assert page.evaluate(MEASURE, "main p:not(.lead)")["fontSize"] == before["fontSize"]


# Easy read's values (static/css/easy_read.css): 19 px text, lines 1.8 times the text, letters 0.05 em apart.
EASY_READ = {"fontSize": 19.0, "lineHeight": 1.8, "letterSpacing": 0.05}
MAIN_TEXT = "main p, main li, main label, main legend"


def _assert_easy_read(page, where: str) -> None:
    for selector in ("main", MAIN_TEXT):
        style = page.evaluate(MEASURE, selector)
        size = style["fontSize"]
        if selector == "main":
            assert size == EASY_READ["fontSize"], f"{where}: text is {size}px"
        assert size >= EASY_READ["fontSize"] * 0.95 - 0.01, f"{where}: {selector} is {size}px"
        assert style["lineHeight"] / size == pytest.approx(EASY_READ["lineHeight"], abs=0.01), where
        assert style["letterSpacing"] == pytest.approx(EASY_READ["letterSpacing"] * size, abs=0.01), where
        assert style["fontFamily"].startswith("Verdana"), where


def test_easy_read_turned_on_in_preferences_applies_on_every_main_pupil_page_and_on_a_new_device(
    page, live_server, sign_in, browser
):
    from projects.services.needs import need_raise
    from tests.factories import (
        DecisionFactory,
        IdeaFactory,
        NotificationFactory,
        ProjectFactory,
        ProjectMembershipFactory,
        QuestionFactory,
        SurveyFactory,
    )

    pupil = PupilFactory(user__username="reader", user__first_name="Ola", user__easy_read_offer_answered=True)
    school = pupil.school
    need = need_raise(author=pupil, title="Broken fountains", problem="No water.", affects="Us", category="facilities")
    project = ProjectFactory(school=school, title="Quiet room")
    ProjectMembershipFactory(project=project, membership=pupil)
    ideas = [IdeaFactory(project=project, is_shortlisted=True, title=t) for t in ("Beanbags", "Plants")]
    decision = DecisionFactory(project=project, options=ideas)
    survey = SurveyFactory(school=school, title="How lunch feels")
    QuestionFactory(survey=survey, text="Is lunch long enough?")
    NotificationFactory(recipient=pupil)

    sign_in("reader")
    page.goto(f"{live_server.url}/inbox/preferences/")
    page.get_by_role("button", name="Turn easy read on").click()
    page.wait_for_load_state()
    pages = {
        "home": "/",
        "needs list": "/needs/",
        "a need": f"/needs/{need.pk}/",
        "a project": f"/projects/{project.pk}/",
        "a vote": f"/decisions/{decision.pk}/",
        "a vote, one idea per screen": f"/decisions/{decision.pk}/vote/one-by-one/?n=1",
        "a survey": f"/surveys/{survey.pk}/answer/?q=1",
        "inbox": "/inbox/",
    }
    for where, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        assert page.url.endswith(path), f"{where} went to {page.url}"
        _assert_easy_read(page, where)

    other_device = browser.new_context()
    phone = other_device.new_page()
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.get_by_label("Username or email").fill("reader")
    phone.get_by_label("Password").fill("correct horse battery")
    phone.get_by_role("button", name="Sign in", exact=True).click()
    phone.wait_for_load_state()
    phone.goto(f"{live_server.url}/needs/{need.pk}/")
    _assert_easy_read(phone, "a need on another device")
    other_device.close()
