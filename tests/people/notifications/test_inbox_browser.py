"""The inbox and the preferences page in a real browser: axe finds nothing serious or critical at
1366 px and 360 px, and "mark all read" empties the unread count in place."""

import pytest
from playwright.sync_api import expect

from projects.services.delivery import goal_create
from projects.services.needs import need_decline
from tests.browser.conftest import axe, browser_type_launch_args, check_page, sign_in  # noqa: F401 (fixtures)
from tests.factories import NeedFactory, PupilFactory, StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def told_pupil():
    pupil = PupilFactory(user__username="toldpupil")
    staff = StaffFactory(school=pupil.school, user__username="toldstaff", user__email="toldstaff@example.org")
    need_decline(need=NeedFactory(school=pupil.school, author=pupil), actor=staff, reason="Done already")
    goal_create(staff=staff, pupil=pupil, goal="Speak at a meeting")
    return pupil


def test_inbox_and_preferences_are_accessible(sign_in, check_page, page, live_server, told_pupil):  # noqa: F811 (fixtures)
    sign_in("toldpupil")
    page.goto(f"{live_server.url}/inbox/")
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    check_page("inbox")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_role("status")).to_have_text("All notifications are marked as read.")
    page.goto(f"{live_server.url}/inbox/preferences/")
    expect(page.get_by_text("This cannot be switched off")).to_be_visible()
    check_page("notification-preferences")


def test_preferences_with_email_choices_are_accessible(sign_in, check_page, page, live_server, told_pupil):  # noqa: F811 (fixtures)
    sign_in("toldstaff@example.org")
    page.goto(f"{live_server.url}/inbox/preferences/")
    page.get_by_label("Email for “A task was given to you”").select_option("digest")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("Email for “A task was given to you”")).to_have_value("digest")
    check_page("notification-preferences-email")
