"""Pictures in a real browser: a pupil adds a photo at phone width, staff approve it at 1366 px,
and another pupil then sees it; axe-checked at both widths."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from projects.models import Picture, PictureStatus, ProjectRole, Stage
from tests.browser.conftest import BLOCKING_IMPACTS, PHONE, SCREENSHOTS
from tests.factories import IdeaFactory, NeedFactory, ProjectMembershipFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
CHROMEBOOK = {"width": 1366, "height": 900}


def _photo(tmp_path):
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (230, 180, 40)).save(out, "JPEG")
    path = tmp_path / "model.jpg"
    path.write_bytes(out.getvalue())
    return path


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_pupil_adds_a_picture_on_a_phone_and_staff_approve_it(
    sign_in, check_page, page, live_server, project, lead, facilitator, move_to, tmp_path, browser, axe
):
    project.needs.add(NeedFactory(school=project.school))
    project.what_you_get_back = "A certificate."
    project.save()
    move_to(project, Stage.CO_DESIGN)
    idea = IdeaFactory(project=project, created_by=lead)
    classmate = ProjectMembershipFactory(project=project, role=ProjectRole.MEMBER).membership

    sign_in(lead.user.username)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/ideas/{idea.pk}/")
    page.get_by_role("link", name="Add a picture").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add a picture")
    check_page("picture-add")
    page.set_viewport_size(PHONE)
    page.get_by_label("Take a photo").set_input_files(str(_photo(tmp_path)))
    page.get_by_label("What the picture shows").fill("A cardboard model of the refill station")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the picture").click()
    expect(page.get_by_text("Waiting for a teacher to check")).to_be_visible()
    thumb = page.get_by_role("img", name="A cardboard model of the refill station")
    expect(thumb).to_be_visible()
    # Visible comes before loaded: wait until the picture itself has arrived through its view.
    thumb.evaluate("img => img.complete ? null : new Promise(done => img.addEventListener('load', done))")
    assert thumb.evaluate("img => img.naturalWidth > 0")
    assert _no_sideways_scroll(page)
    check_page("picture-waiting")

    staff_page = browser.new_context(viewport=CHROMEBOOK).new_page()
    staff_page.goto(f"{live_server.url}/accounts/login/")
    staff_page.get_by_label("Username or email").fill(facilitator.user.username)
    staff_page.get_by_label("Password").fill("correct horse battery")
    staff_page.get_by_role("button", name="Sign in", exact=True).click()
    staff_page.goto(f"{live_server.url}/pictures/waiting/")
    expect(staff_page.get_by_role("img", name="A cardboard model of the refill station")).to_be_visible()
    assert _no_sideways_scroll(staff_page)
    serious = [v["id"] for v in axe.run(staff_page).response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not serious, serious
    staff_page.screenshot(path=SCREENSHOTS / "picture-queue-1366px.png", full_page=True)
    with staff_page.expect_navigation():
        staff_page.get_by_role("button", name="Approve").click()
    expect(staff_page.get_by_text("No pictures are waiting.")).to_be_visible()
    assert Picture.objects.get().status == PictureStatus.APPROVED
    staff_page.context.close()

    page.context.clear_cookies()
    sign_in(classmate.user.username)
    page.goto(f"{live_server.url}/ideas/{idea.pk}/")
    expect(page.get_by_role("img", name="A cardboard model of the refill station")).to_be_visible()
    expect(page.get_by_text("Waiting for a teacher to check")).to_have_count(0)
