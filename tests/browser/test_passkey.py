"""The second sign-in step in Chromium. A passkey, with its virtual authenticator (Chrome DevTools Protocol):
a member of staff without one is sent to set it up when opening a pupil's page, adds one, gets in, and signs
in with it next time. An authenticator app, set up by the safeguarding lead; the leader's school setting."""

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from tests.browser.conftest import LAPTOP, screenshots_at_both_widths
from tests.factories import LeaderFactory, PupilFactory, SchoolFactory, StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
PASSWORD = "correct horse battery"


def _shots(page, name: str) -> None:
    screenshots_at_both_widths(page, f"passkey-{name}")
    page.set_viewport_size(LAPTOP)


@pytest.fixture
def virtual_authenticator(page):
    """A platform passkey (like a laptop's fingerprint reader) that always confirms the person is there."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    yield cdp, added["authenticatorId"]
    cdp.send("WebAuthn.disable")


def test_staff_add_a_passkey_when_opening_a_pupil_and_sign_in_with_it_next_time(
    page, live_server, sign_in, settings, virtual_authenticator
):
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server is plain http://localhost
    school = SchoolFactory(adults_need_second_step=True)
    pupil = PupilFactory(school=school, user__first_name="Robin", user__last_name="Okafor")
    StaffFactory(school=school, user__email="teacher@example.org")
    pupil_page = f"{live_server.url}/people/{pupil.pk}/"
    cdp, authenticator_id = virtual_authenticator

    sign_in("teacher@example.org", PASSWORD)
    page.goto(pupil_page)
    assert "/account/second-step/" in page.url
    assert page.get_by_role("heading", name="Set up a second step").is_visible()
    _shots(page, "second-step-explained")

    page.get_by_role("link", name="Add a passkey").click()
    assert page.get_by_role("heading", name="Confirm it is you").is_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_role("heading", name="Add a passkey").is_visible()
    _shots(page, "passkey-add")
    page.get_by_label("A name for it").fill("My laptop")
    page.get_by_role("button", name="Add the passkey").click()
    page.wait_for_url("**/recovery-codes/**")
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]) == 1
    _shots(page, "passkey-recovery-codes")

    page.get_by_role("link", name="Continue to the page you were opening").click()
    page.wait_for_url(pupil_page)
    assert page.get_by_role("heading", name="Robin Okafor").is_visible()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    sign_in("teacher@example.org", PASSWORD)
    assert page.get_by_role("heading", name="One more step").is_visible()
    _shots(page, "passkey-sign-in-step")
    page.get_by_role("button", name="Use my passkey").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(pupil_page)
    assert page.get_by_role("heading", name="Robin Okafor").is_visible()


def test_the_safeguarding_lead_sets_up_an_authenticator_app_from_the_safeguarding_page(page, live_server, sign_in):
    school = SchoolFactory(adults_need_second_step=True)
    StaffFactory(school=school, user__email="dsl@example.org", is_safeguarding_lead=True)
    safeguarding = f"{live_server.url}/safeguarding/"

    sign_in("dsl@example.org", PASSWORD)
    page.goto(safeguarding)
    page.get_by_role("link", name="Use an authenticator app").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    page.get_by_text("Cannot scan?").click()
    _shots(page, "totp-activate")
    secret = page.get_by_label("Key").input_value()

    page.get_by_label("Six-digit code from the app").fill("000000" if _code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Turn it on").click()
    assert page.get_by_text("That code is not right.").is_visible()
    _shots(page, "totp-wrong-code")
    page.get_by_label("Six-digit code from the app").fill(_code(page.get_by_label("Key").input_value()))
    page.get_by_role("button", name="Turn it on").click()
    page.get_by_role("link", name="Continue to the page you were opening").click()
    page.wait_for_url(safeguarding)


def test_a_leader_switches_the_second_step_off_after_confirming(page, live_server, sign_in):
    school = SchoolFactory(adults_need_second_step=True)
    LeaderFactory(school=school, user__email="head@example.org")

    sign_in("head@example.org", PASSWORD)
    page.goto(f"{live_server.url}/people/privacy/second-step/")
    page.get_by_label("No: a password is enough").check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Tick the box to confirm the change.").is_visible()
    _shots(page, "second-step-school-setting")
    page.get_by_label("I have checked this with the school's data protection lead").check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("A password is enough.").is_visible()
    school.refresh_from_db()
    assert school.adults_need_second_step is False


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
