"""Signing in with the school's accounts in Chromium, against a real OpenID Connect provider on the loopback:
a pupil on a phone finds their school and signs in; another domain's account is refused; a leader sets it up."""

import shutil
from pathlib import Path

import pytest

from tests.factories import LeaderFactory, PupilFactory, SchoolFactory
from tests.people.single_sign_on.provider import OidcProvider, school_sign_in_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SHOTS = Path("/tmp/shots-sso")
PHONE = {"width": 360, "height": 780}
LAPTOP = {"width": 1366, "height": 900}


@pytest.fixture
def provider(live_server):
    provider = OidcProvider(redirect_uris=[f"{live_server.url}/accounts/oidc/hillside/login/callback/"])
    yield provider
    provider.stop()


@pytest.fixture
def hillside(provider):
    school = SchoolFactory(name="Hillside Academy", slug="hillside")
    school_sign_in_create(school=school, issuer=provider.issuer)
    PupilFactory(school=school, user__first_name="Sam", user__email="sam.rivera@hillside.sch.uk")
    return school


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def through_provider(page, login: str) -> None:
    """The provider's own pages: its sign-in form (any password), then its consent."""
    page.get_by_placeholder("Enter any login").fill(login)
    page.get_by_placeholder("and password").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def test_a_pupil_on_a_phone_finds_their_school_and_signs_in_with_its_account(page, live_server, hillside, check_page):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    shot(page, "01-login-360")
    page.get_by_role("link", name="Sign in with your school account").click()
    page.get_by_label("Your school email, or your school's name").fill("sam.rivera@hillside.sch.uk")
    page.get_by_role("button", name="Find my school").click()

    assert page.get_by_role("heading", name="Sign in to Hillside Academy").is_visible()
    shot(page, "02-school-sign-in-360")
    check_page("sso-school-sign-in")
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Sign in with Hillside Login").click()
    through_provider(page, "sam")

    assert page.url == f"{live_server.url}/"
    assert "Sam" in page.content()
    shot(page, "03-home-after-sso-360")


def test_an_account_of_another_domain_is_refused_with_a_way_back(page, live_server, hillside, check_page):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/sign-in/hillside/")
    page.get_by_role("button", name="Sign in with Hillside Login").click()
    through_provider(page, "stranger")

    assert page.get_by_role("heading", name="You are not signed in").is_visible()
    assert "This is not a Hillside Academy account" in page.content()
    shot(page, "04-refused-360")
    check_page("sso-refused")
    page.get_by_role("link", name="Back to Hillside Academy's sign-in").click()
    assert page.get_by_role("button", name="Sign in with Hillside Login").is_visible()


def test_a_leader_sets_single_sign_on_and_the_checklist_says_done(page, live_server, sign_in, check_page):
    leader = LeaderFactory(user__email="head@hillside.sch.uk", school__name="Hillside Academy")
    sign_in(leader.user.email)
    page.set_viewport_size(LAPTOP)
    page.goto(f"{live_server.url}/setup/")
    shot(page, "05a-checklist-1366")
    page.get_by_role("listitem").filter(has_text="Choose how pupils sign in").get_by_role("link").click()
    shot(page, "05-setup-sign-in-1366")
    page.get_by_label("Microsoft Entra ID (Office 365)").check()
    page.get_by_label("Your school's email domains").fill("hillside.sch.uk")
    page.get_by_label("Microsoft tenant id (Microsoft only)").fill("not a tenant")
    page.get_by_label("Client id").fill("app-id")
    page.get_by_label("Client secret").fill("app-secret")
    page.get_by_role("button", name="Save single sign-on").click()
    assert "The tenant id looks like 8-4-4-4-12" in page.content()
    shot(page, "06-setup-error-1366")

    page.get_by_label("Microsoft tenant id (Microsoft only)").fill("0b7a1c52-3f3e-4a43-9d1b-6a2f5e0c9d11")
    page.get_by_label("Client secret").fill("app-secret")
    page.get_by_role("button", name="Save single sign-on").click()
    assert page.get_by_role("heading", name="Single sign-on is on").is_visible()
    shot(page, "07-setup-saved-1366")
    check_page("sso-setup")
    page.goto(f"{live_server.url}/setup/")
    step = page.get_by_role("listitem").filter(has_text="Choose how pupils sign in")
    assert "Done" in step.inner_text()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/setup/sign-in/")
    shot(page, "08-setup-saved-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the long URIs wrap


@pytest.fixture(autouse=True, scope="module")
def _node_is_there():
    assert shutil.which("node"), "node is missing: the single sign-on browser tests need it"
