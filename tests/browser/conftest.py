"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests
# themselves (factories, assertions) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
LAPTOP = {"width": 1366, "height": 900}
BLOCKING_IMPACTS = {"serious", "critical"}
# What sticks out past the screen's right edge, named in a failure so it can be found.
WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 8).map(e => e.tagName + '.' + e.className)"""


def screenshots_at_both_widths(page, name: str) -> None:
    """Screenshots at 1366 and 360 px (test-artifacts/screenshots/), failing where the page scrolls sideways.
    The page is left at 360 px."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("1366px", LAPTOP), ("360px", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
        wide = page.evaluate(WIDER_THAN_THE_SCREEN)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
            f"{name} scrolls sideways {wide}"
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.exit(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium).", returncode=3)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the real form, as a person would."""

    def go(login: str, password: str = "correct horse battery"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username or email").fill(login)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_load_state()
        return page

    return go


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def check_page(page, axe):
    """Screenshot the page at desktop and phone width, and fail on serious axe violations."""

    def check(name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for label, size in (("desktop", DESKTOP), ("360px", PHONE)):
            page.set_viewport_size(size)
            page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
            violations = [
                f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                for v in axe.run(page).response["violations"]
                if v["impact"] in BLOCKING_IMPACTS
            ]
            assert not violations, f"{name} at {label}:\n" + "\n".join(violations)

    return check


LONG_TITLE = ("Supercalifragilisticexpialidocious" * 5)[:150]
LONG_URL = "https://example.org/" + "a-very-long-path-segment-that-never-ends/" * 6 + "?with=a&query=string"


@pytest.fixture
def demo_like_school():
    """One of each role the demo seeds (a pupil, facilitating staff, the safeguarding lead, a leader and a parent),
    with a project holding an open ranked vote, a survey with a question, a safeguarding concern and a need whose
    150-character title is one word and whose text holds a long URL."""
    from projects.services.moderation import report_create
    from tests.factories import (
        DecisionFactory,
        GuardianLinkFactory,
        IdeaFactory,
        LeaderFactory,
        NeedFactory,
        ProjectFactory,
        ProjectMembershipFactory,
        PupilFactory,
        QuestionFactory,
        StaffFactory,
        SurveyFactory,
    )

    pupil = PupilFactory(user__username="vpupil", user__first_name="Robin", year_group=7, form="7A")
    school = pupil.school
    school.name = "St Bartholomew's Church of England Academy and Sixth Form"
    school.save()
    staff = StaffFactory(
        school=school, user__email="vstaff@example.org", user__first_name="Bartholomew", user__last_name="Fitzgerald"
    )
    dsl = StaffFactory(school=school, user__email="vdsl@example.org", is_safeguarding_lead=True)
    LeaderFactory(school=school, user__email="vleader@example.org")
    GuardianLinkFactory(pupil=pupil, parent__user__email="vparent@example.org", consented=True)
    need = NeedFactory(school=school, author=pupil, title=LONG_TITLE, problem=f"See {LONG_URL} for the photos.")
    project = ProjectFactory(school=school, title="Quiet room")
    project.needs.add(need)
    ProjectMembershipFactory(project=project, membership=pupil)
    ideas = [IdeaFactory(project=project, is_shortlisted=True, title=name) for name in ("Beanbags", "Plants", "Books")]
    decision = DecisionFactory(project=project, options=ideas, method="ranked", title="What goes in first?")
    survey = SurveyFactory(school=school, title="How lunch feels")
    QuestionFactory(survey=survey, text="Lunch is calm.")
    # A concern hides what it is about from everyone but its author and the safeguarding leads, so it is
    # raised on a need of its own: the long need stays on every role's pages.
    worrying = NeedFactory(school=school, author=pupil, title="Something on the bus")
    concern = report_create(reporter=pupil, target=worrying, reason=f"Worried, see {LONG_URL}", is_safeguarding=True)
    return {
        "school": school,
        "need": need,
        "staff": staff,
        "dsl": dsl,
        "project": project,
        "decision": decision,
        "survey": survey,
        "concern": concern,
    }
