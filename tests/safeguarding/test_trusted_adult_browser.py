"""A pupil tells a trusted adult privately, in a real browser; the lead sees the banner. Axe-checked."""

import pytest

from tests.browser.conftest import axe, browser_type_launch_args, check_page, sign_in  # noqa: F401 (fixtures)
from tests.factories import PupilFactory, StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_a_pupil_tells_a_trusted_adult_and_the_lead_sees_the_banner(sign_in, check_page, page, live_server):  # noqa: F811 (fixtures)
    pupil = PupilFactory(user__username="browserpupil")
    StaffFactory(school=pupil.school, is_safeguarding_lead=True, user__username="browserdsl")
    sign_in("browserpupil")
    page.get_by_role("link", name="Tell a trusted adult in private").click()
    check_page("tell-a-trusted-adult")
    page.get_by_role("button", name="Send it privately").click()
    assert page.get_by_text("Write what you want to tell").first.is_visible()
    page.get_by_label("What do you want to tell?").fill("Someone at home scares me")
    page.get_by_role("button", name="Send it privately").click()
    assert page.get_by_role("heading", name="Thank you for telling us").is_visible()
    assert page.get_by_text("0800 1111").first.is_visible()
    check_page("tell-a-trusted-adult-sent")

    page.context.clear_cookies()
    sign_in("browserdsl")
    assert page.get_by_role("alert").get_by_text("1 safeguarding concern needs you").is_visible()
    check_page("safeguarding-lead-home")
    page.get_by_role("link", name="Open the safeguarding concerns").click()
    assert page.get_by_text("Someone at home scares me").is_visible()
