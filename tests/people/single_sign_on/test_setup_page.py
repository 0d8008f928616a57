"""The leader's page that sets single sign-on (/setup/sign-in/), and the setup checklist's sign-in step."""

import pytest

from audit.models import LogEntry
from people.models import SchoolSignIn, SignInProvider
from people.setup.selectors import school_setup_checklist
from tests.factories import LeaderFactory, StaffFactory

pytestmark = pytest.mark.django_db

URL = "/setup/sign-in/"
MICROSOFT = {
    "provider": SignInProvider.MICROSOFT,
    "email_domains": "hillside.sch.uk, @Pupils.Hillside.sch.uk",
    "tenant_id": "0B7A1C52-3F3E-4A43-9D1B-6A2F5E0C9D11",
    "client_id": "app-id",
    "client_secret": "app-secret",
}


@pytest.fixture
def leader(school):
    return LeaderFactory(school=school)


def sign_in_step(school):
    return next(item for item in school_setup_checklist(school=school) if "sign in" in item.title)


def test_a_leader_sets_microsoft_and_reads_the_redirect_uri_to_register(client_for, school, leader):
    client = client_for(leader)
    page = client.get(URL).content.decode()
    assert f"http://testserver/accounts/oidc/{school.slug}/login/callback/" in page

    response = client.post(URL, MICROSOFT)

    assert response.status_code == 302
    saved = SchoolSignIn.objects.get(school=school)
    assert saved.email_domains == ["hillside.sch.uk", "pupils.hillside.sch.uk"]
    assert saved.tenant_id == "0b7a1c52-3f3e-4a43-9d1b-6a2f5e0c9d11" and saved.client_secret == "app-secret"
    assert LogEntry.objects.filter(verb="setup.sign_in", actor=leader.user).exists()
    assert "app-secret" not in client.get(URL).content.decode()


def test_saving_again_without_a_secret_keeps_the_saved_one(client_for, school, leader):
    client = client_for(leader)
    client.post(URL, MICROSOFT)
    client.post(URL, {**MICROSOFT, "client_secret": "", "client_id": "new-id"})

    saved = SchoolSignIn.objects.get(school=school)
    assert saved.client_id == "new-id" and saved.client_secret == "app-secret"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"tenant_id": "not-a-tenant"}, "The tenant id looks like 8-4-4-4-12"),
        ({"email_domains": "gmail.com"}, "Anyone can have a gmail.com address"),
        ({"email_domains": "hillside"}, "is not a domain"),
        ({"provider": SignInProvider.OIDC, "issuer_url": "http://login.hillside.sch.uk"}, "must start with https://"),
        ({"client_secret": ""}, "Give the client secret"),
    ],
)
def test_a_wrong_setting_is_explained_and_nothing_is_saved(client_for, school, leader, change, message):
    response = client_for(leader).post(URL, {**MICROSOFT, **change})

    assert response.status_code == 422 and message in response.content.decode()
    assert not SchoolSignIn.objects.exists()


def test_staff_who_are_not_leaders_cannot_set_it(client_for, school):
    assert client_for(StaffFactory(school=school)).post(URL, MICROSOFT).status_code == 403
    assert not SchoolSignIn.objects.exists()


def test_turning_it_off_asks_first_then_stops_it(client_for, school, leader):
    client = client_for(leader)
    client.post(URL, MICROSOFT)

    assert "Turn single sign-on off?" in client.get(URL + "off/").content.decode()
    assert SchoolSignIn.objects.exists()
    client.post(URL + "off/")
    assert not SchoolSignIn.objects.exists()
    assert LogEntry.objects.filter(verb="setup.sign_in_off").exists()


def test_the_checklist_step_is_done_once_single_sign_on_is_set(client_for, school, leader):
    step = sign_in_step(school)
    assert step.title == "Choose how pupils sign in: single sign-on or login cards"
    assert not step.done and step.url == URL

    client_for(leader).post(URL, MICROSOFT)

    assert sign_in_step(school).done
