"""Badge sign-in in Chromium with a fake camera: the camera is a Y4M video of the badge's QR code
(--use-file-for-fake-video-capture), so the page reads it as it would a card held up to a webcam."""

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from people.badges.services import badge_issue, badge_revoke
from people.templatetags.badges import badge_qr_symbol
from tests.browser.conftest import CHROMIUM, PHONE
from tests.factories import PupilFactory, StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SHOTS = Path("/tmp/shots-badges")
DESKTOP = {"width": 1366, "height": 900}
FRAME = (640, 480)


def qr_video(text: str, path: Path, *, frames: int = 10) -> Path:
    """A few identical frames of the card's QR code on white, as a YUV4MPEG2 (4:2:0) file Chromium plays
    in a loop."""
    png = io.BytesIO()
    badge_qr_symbol(text).save(png, kind="png", scale=8, border=4)
    code = Image.open(io.BytesIO(png.getvalue())).convert("RGB")
    frame = Image.new("RGB", FRAME, "white")
    frame.paste(code, ((FRAME[0] - code.width) // 2, (FRAME[1] - code.height) // 2))
    luma, blue, red = frame.convert("YCbCr").split()
    half = (FRAME[0] // 2, FRAME[1] // 2)
    data = luma.tobytes() + blue.resize(half).tobytes() + red.resize(half).tobytes()
    with path.open("wb") as video:
        video.write(f"YUV4MPEG2 W{FRAME[0]} H{FRAME[1]} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            video.write(b"FRAME\n" + data)
    return path


@pytest.fixture
def camera_showing(playwright, tmp_path):
    """`camera_showing(text)`: a new Chromium page whose camera sees a QR code of `text`."""
    browsers = []

    def launch(text: str, viewport: dict = PHONE):
        video = qr_video(text, tmp_path / f"badge-{len(browsers)}.y4m")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        )
        browsers.append(browser)
        return browser.new_page(viewport=viewport)

    yield launch
    for browser in browsers:
        browser.close()


@pytest.fixture
def badge():
    pupil = PupilFactory(user__username="badgepupil", user__first_name="Robin", user__must_change_password=True)
    staff = StaffFactory(school=pupil.school)
    return pupil, staff, badge_issue(pupil=pupil, actor=staff)


def _school_page(live_server, pupil) -> str:
    return f"{live_server.url}/badge-sign-in/{pupil.school.slug}/"


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1366px"])
def test_a_pupil_signs_in_by_showing_the_badge_to_the_camera(camera_showing, live_server, badge, viewport):
    pupil, _, issued = badge
    page = camera_showing(issued.token, viewport)
    page.goto(_school_page(live_server, pupil))
    _shoot(page, f"sign-in-{viewport['width']}")
    page.get_by_role("button", name="Start the camera").click()
    page.wait_for_url(f"{live_server.url}/", timeout=15_000)
    expect(page.get_by_text("You are signed in with your badge.")).to_be_visible()
    _shoot(page, f"signed-in-{viewport['width']}")


@pytest.mark.parametrize(
    ("spoil", "message"),
    [("stop", "This badge no longer works. Ask your teacher for a new one."), ("tamper", "This badge cannot be read.")],
)
def test_a_stopped_or_tampered_badge_shown_to_the_camera_is_refused(camera_showing, live_server, badge, spoil, message):
    pupil, staff, issued = badge
    token = issued.token
    if spoil == "stop":
        badge_revoke(badge=issued.badge, actor=staff)
    else:
        token = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    page = camera_showing(token)
    page.goto(_school_page(live_server, pupil))
    page.get_by_role("button", name="Start the camera").click()
    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text(message, timeout=15_000)
    expect(refusal).to_be_focused()
    assert page.url == _school_page(live_server, pupil)
    _shoot(page, f"refused-{spoil}")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1366px"])
def test_a_pupil_signs_in_with_the_typed_code(page, live_server, badge, viewport):
    pupil, _, issued = badge
    page.set_viewport_size(viewport)
    page.goto(_school_page(live_server, pupil))
    page.get_by_label("Badge code").fill("WRONGCOD")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("That code did not work")
    _shoot(page, f"wrong-code-{viewport['width']}")
    page.get_by_label("Badge code").fill(f"{issued.code[:4].lower()}-{issued.code[4:]}")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_text("You are signed in with your badge.")).to_be_visible()
    # A badge session is not sent to choose a password, and cannot reach it.
    page.goto(f"{live_server.url}/account/first-password/")
    expect(page.get_by_role("heading", name="Sign in with your password to do this")).to_be_visible()
    _shoot(page, f"needs-password-{viewport['width']}")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1366px"])
def test_staff_reissue_a_badge_and_print_its_card(sign_in, page, live_server, badge, viewport):
    pupil, staff, _ = badge
    staff.user.email = "badgestaff@example.org"
    staff.user.save()
    sign_in("badgestaff@example.org")
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/people/{pupil.pk}/badge/")
    _shoot(page, f"staff-badge-{viewport['width']}")
    page.get_by_role("link", name="Reissue the badge").click()
    expect(page.get_by_text("Their current badge stops working straight away.")).to_be_visible()
    page.get_by_role("button", name="Reissue the badge and show the card").click()
    card = page.get_by_role("article", name=f"Login card for {pupil.user.get_full_name()}")
    expect(card.get_by_role("img", name="QR code of the badge")).to_be_visible()
    _shoot(page, f"staff-card-{viewport['width']}")
