"""A pupil answers a survey in a real browser with the keyboard only; the pages pass axe at 360px."""

import re

import pytest
from playwright.sync_api import expect

from evaluation.models import HeldResponse, Response
from tests.browser.conftest import axe, browser_type_launch_args, check_page, sign_in  # noqa: F401 (fixtures)
from tests.factories import PupilFactory, QuestionFactory, StaffFactory, SurveyFactory
from tests.holding import held_flush

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_pupil_answers_with_the_keyboard_only(sign_in, check_page, page, live_server):  # noqa: F811
    pupil = PupilFactory(user__username="surveypupil")
    survey = SurveyFactory(school=pupil.school, title="Lunchtimes")
    QuestionFactory(survey=survey, type="likert5", text="Lunchtimes are fun.")
    QuestionFactory(survey=survey, type="short_text", text="One change?", required=False)
    sign_in("surveypupil")
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{live_server.url}/surveys/{survey.pk}/answer/?q=1")
    check_page("survey-step")

    page.keyboard.press("Tab")  # skip link, then through the header to the first option
    page.get_by_role("radio", name="Agree", exact=True).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # submits the form: Save and next
    page.wait_for_url("**q=2")
    assert "Question 2 of 2" in page.inner_text("main")
    page.get_by_role("textbox", name="One change? (optional)").fill("Longer lunch")
    page.keyboard.press("Enter")
    page.wait_for_url("**/review/")
    check_page("survey-review")
    page.get_by_role("button", name="Send my answers").press("Enter")
    page.wait_for_url("**/thanks/")
    assert HeldResponse.objects.filter(survey=survey).count() == 1  # waits for the next batch (issue 18)
    held_flush()
    assert Response.objects.filter(survey=survey).count() == 1


def test_builder_is_accessible(sign_in, check_page, page, live_server):  # noqa: F811
    staff = StaffFactory(user__email="builder@example.org")
    survey = SurveyFactory(school=staff.school, status="draft")
    QuestionFactory(survey=survey, type="single", choices=["A", "B"])
    QuestionFactory(survey=survey)
    sign_in("builder@example.org")
    page.goto(f"{live_server.url}/surveys/manage/{survey.pk}/")
    check_page("survey-builder")
    page.get_by_role("button", name="Move “Question").first.click()  # htmx swap of the list
    page.wait_for_selector("#move-status:has-text('Moved')")
    expect(page.locator(":focus")).to_have_id(re.compile(r"^question-"))  # htmx focuses the moved question at settle


def test_results_with_a_chart_are_accessible(sign_in, check_page, page, live_server):  # noqa: F811
    from evaluation.models import Survey
    from front.demo.evaluation import seed_evaluation

    staff = StaffFactory(user__email="results@example.org")
    PupilFactory.create_batch(12, school=staff.school)
    seed_evaluation(staff.school)
    after = Survey.objects.get(school=staff.school, pairing="after")
    sign_in("results@example.org")
    page.goto(f"{live_server.url}/surveys/manage/{after.pk}/results/")
    assert page.get_by_role("img", name="Your confidence and skills: before and after").is_visible()
    check_page("survey-results")
