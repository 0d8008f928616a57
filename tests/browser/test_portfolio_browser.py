"""A full portfolio in a real browser at a phone's width and a laptop's: no sideways scroll, axe-clean,
the hidden mark for the pupil, and the record of achievement opens as a PDF."""

from datetime import date

import pytest
from django.utils import timezone

from projects.models import Attendance, PeerRole, ProjectRole, TaskStatus, VoterRecord
from tests.browser.conftest import BLOCKING_IMPACTS, SCREENSHOTS
from tests.factories import (
    BackingFactory,
    DecisionFactory,
    GoalFactory,
    IdeaCommentFactory,
    IdeaFactory,
    NeedCommentFactory,
    NeedFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SessionFactory,
    TaskFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def busy_pupil():
    pupil = PupilFactory(user__username="busypupil", user__first_name="Robin", user__last_name="Okafor")
    school = pupil.school
    project = ProjectFactory(school=school, title="Water fountains for every floor", created_by=pupil)
    ProjectMembershipFactory(project=project, membership=pupil, role=ProjectRole.LEAD)
    NeedFactory(school=school, author=pupil, title="The top-floor fountains are broken")
    NeedFactory(
        school=school, author=pupil, title="A need staff hid", hidden_at=timezone.now(), hidden_reason="Off topic"
    )
    BackingFactory(need=NeedFactory(school=school, title="A longer lunch break"), membership=pupil)
    idea = IdeaFactory(project=project, authors=[pupil], created_by=pupil, title="A refill station by the hall")
    NeedCommentFactory(need=NeedFactory(school=school, title="Cold classrooms"), author=pupil, body="Room 4 too.")
    IdeaCommentFactory(idea=idea, author=pupil, body="We could ask the PTA to pay for the filters.")
    VoterRecord.objects.create(
        decision=DecisionFactory(project=project, title="Which fountain first?"),
        membership=pupil,
        voted_on=date.today(),
    )
    TaskFactory(project=project, owners=[pupil], title="Measure every fountain", status=TaskStatus.DONE)
    session = SessionFactory(project=project, place="Science lab 2")
    Attendance.objects.create(session=session, membership=pupil, status="present")
    PeerRole.objects.create(
        project=project, kind="mentor", holder=pupil, supports=PupilFactory(school=school), since=date.today()
    )
    GoalFactory(pupil=pupil, goal="Speak at a whole-school assembly", met_on=date.today())
    return pupil


def test_a_full_portfolio_reads_well_on_a_phone_and_a_laptop(sign_in, page, live_server, axe, busy_pupil):
    sign_in("busypupil")
    page.goto(f"{live_server.url}/pupils/{busy_pupil.pk}/portfolio/")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (360, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"portfolio-full-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width
        violations = [v["id"] for v in axe.run(page).response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        assert not violations, (width, violations)
    assert page.get_by_text("Hidden from others", exact=True).is_visible()
    record = page.get_by_role("link", name="Record of achievement (PDF) for Robin Okafor")
    response = page.request.get(live_server.url + record.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
