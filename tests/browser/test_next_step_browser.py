"""The next step in a browser: the pupil home and the project page at phone and laptop width."""

import pytest

from projects.models import Project, ProjectRole, Stage
from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.factories import DecisionFactory, ProjectFactory, ProjectMembershipFactory, PupilFactory, StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
LAPTOP = {"width": 1366, "height": 900}


def _shots(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("1366px", LAPTOP), ("360px", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)


def test_a_pupil_follows_her_next_step_to_the_ballot(page, live_server, sign_in, axe):
    pupil = PupilFactory(user__username="nextstep")
    school = pupil.school
    project = ProjectFactory(school=school, title="Benches", what_you_get_back="A credit")
    Project.objects.filter(pk=project.pk).update(stage=Stage.CO_DECIDE)  # fixture shortcut
    ProjectMembershipFactory(project=project, membership=pupil, role=ProjectRole.MEMBER)
    ProjectMembershipFactory(project=project, membership=StaffFactory(school=school), role=ProjectRole.FACILITATOR)
    DecisionFactory(project=project, title="Which bench?")
    sign_in("nextstep")
    _shots(page, "next-step-pupil-home")
    page.get_by_role("link", name="Vote in “Which bench?”").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Cast my vote").is_visible()
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    assert page.get_by_role("link", name="Vote in “Which bench?”").is_visible()
    _shots(page, "next-step-project-page")
    serious = [v["id"] for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious
