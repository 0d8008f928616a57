"""Read aloud in a browser: the page's speechSynthesis is stubbed (add_init_script) to record what the
"Read aloud" buttons say; the second press stops; without speech synthesis no button shows."""

import pytest

from projects.models import Project, ProjectRole, Stage
from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    NeedFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    QuestionFactory,
    SurveyFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
LAPTOP = {"width": 1366, "height": 900}

# Records every utterance instead of speaking, and counts cancels.
RECORD_SPEECH = """
window.__spoken = [];
window.__cancels = 0;
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (utterance) => { window.__spoken.push({text: utterance.text, lang: utterance.lang}); };
  window.speechSynthesis.cancel = () => { window.__cancels += 1; };
}
"""
NO_SPEECH = "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});"


def _spoken(page) -> list[str]:
    return [item["text"] for item in page.evaluate("window.__spoken")]


def _shots(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("1366px", LAPTOP), ("360px", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)


@pytest.fixture
def pupil():
    pupil = PupilFactory(user__username="listener", user__first_name="Ada")
    pupil.user.easy_read_offer_answered = True
    pupil.user.save()
    return pupil


def test_a_pupil_hears_a_need_and_stops_it_with_a_second_press(page, live_server, sign_in, pupil):
    NeedFactory(school=pupil.school, title="Broken fountains", problem="The fountains upstairs do not work.")
    page.add_init_script(RECORD_SPEECH)
    sign_in("listener")
    page.goto(f"{live_server.url}/needs/")
    button = page.get_by_role("button", name="Read aloud")
    assert button.count() == 1
    button.click()
    assert _spoken(page) == ["Broken fountains. The fountains upstairs do not work."]
    assert page.evaluate("window.__spoken[0].lang") == "en-GB"
    stop = page.get_by_role("button", name="Stop")
    assert stop.get_attribute("aria-pressed") == "true"
    cancels = page.evaluate("window.__cancels")
    stop.click()
    assert page.evaluate("window.__cancels") == cancels + 1
    assert page.get_by_role("button", name="Read aloud").get_attribute("aria-pressed") == "false"
    assert len(_spoken(page)) == 1  # stopping says nothing new
    _shots(page, "read-aloud-needs")


def test_the_read_aloud_button_works_from_the_keyboard_on_a_survey_question(page, live_server, sign_in, pupil):
    survey = SurveyFactory(school=pupil.school, title="Lunch")
    QuestionFactory(survey=survey, text="Is lunch good?", type="yes_no")
    page.add_init_script(RECORD_SPEECH)
    sign_in("listener")
    page.goto(f"{live_server.url}/surveys/{survey.pk}/answer/?q=1")
    button = page.get_by_role("button", name="Read aloud")
    button.focus()
    page.keyboard.press("Enter")
    spoken = _spoken(page)
    assert spoken and spoken[0].startswith("Is lunch good?")
    assert "Yes" in spoken[0] and "No" in spoken[0]  # the answers are read too
    page.keyboard.press("Space")  # the same button, still focused, now "Stop"
    assert page.get_by_role("button", name="Read aloud").get_attribute("aria-pressed") == "false"
    _shots(page, "read-aloud-question")


def test_ideas_ballot_options_and_the_next_step_are_read(page, live_server, sign_in, pupil):
    project = ProjectFactory(school=pupil.school, title="Benches")
    Project.objects.filter(pk=project.pk).update(stage=Stage.CO_DECIDE)  # fixture shortcut
    ProjectMembershipFactory(project=project, membership=pupil, role=ProjectRole.MEMBER)
    idea = IdeaFactory(
        project=project, title="Wooden benches", description="Benches by the field.", is_shortlisted=True
    )
    decision = DecisionFactory(project=project, title="Which bench?", options=[idea])
    page.add_init_script(RECORD_SPEECH)
    sign_in("listener")

    home_next_step = page.locator("section[aria-labelledby=my-projects]").get_by_role("button", name="Read aloud")
    home_next_step.click()
    assert _spoken(page)[-1] == "Your next step: Vote in “Which bench?”."

    page.goto(f"{live_server.url}/projects/{project.pk}/ideas/")
    page.get_by_role("button", name="Read aloud").click()
    assert _spoken(page)[-1] == "Wooden benches. Benches by the field."

    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    page.locator(".decision-options").get_by_role("button", name="Read aloud").click()
    assert _spoken(page)[-1] == "Wooden benches."

    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    page.get_by_role("button", name="Read aloud").click()
    assert _spoken(page)[-1] == "Your next step: Vote in “Which bench?”"
    _shots(page, "read-aloud-project")


def test_without_speech_synthesis_no_read_aloud_button_shows(page, live_server, sign_in, pupil):
    NeedFactory(school=pupil.school, title="Broken fountains")
    page.add_init_script(NO_SPEECH)
    sign_in("listener")
    page.goto(f"{live_server.url}/needs/")
    assert page.locator("button[data-read-aloud]").count() == 1  # in the page, but not shown
    assert not page.locator("button[data-read-aloud]").is_visible()
