"""Signing in with the school's accounts, against a real OpenID Connect provider on the loopback
(conftest.py): matched to the membership, refused with a clear page that creates nothing, the provider down."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from audit.models import LogEntry
from people.models import SchoolSignIn, SignInProvider, User
from tests.people.single_sign_on.conftest import CALLBACK, SLUG
from tests.people.single_sign_on.provider import CLIENT_ID, CLIENT_SECRET, OidcProvider, free_port, sign_in_at_provider

pytestmark = pytest.mark.django_db

SERVER = "http://testserver"


def start(client, slug: str = SLUG):
    return client.post(f"/accounts/oidc/{slug}/login/", {"process": "login"})


def through_provider(client, login: str):
    started = start(client)
    assert started.status_code == 302, started.content.decode()[:500]
    back = sign_in_at_provider(started["Location"], login=login, back_to=SERVER)
    return client.get(back.removeprefix(SERVER))


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def nothing_was_made(users_before: int) -> None:
    assert User.objects.count() == users_before
    assert not SocialAccount.objects.exists()
    assert not EmailAddress.objects.exists()


def test_a_pupil_signs_in_with_the_school_account_and_lands_on_their_home(client, hillside_sso, sam):
    response = through_provider(client, "sam")

    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user_id(client) == str(sam.user.pk)
    assert SocialAccount.objects.get().user == sam.user
    home = client.get("/")
    assert home.status_code == 200 and sam.user.first_name in home.content.decode()
    entry = LogEntry.objects.get(verb="sign_in.sso")
    assert entry.actor == sam.user and entry.school_id == hillside_sso.school_id


def test_the_next_sign_in_finds_the_linked_account_and_keeps_the_password(client, hillside_sso, sam):
    through_provider(client, "sam")
    client.logout()
    response = through_provider(client, "sam")

    assert response.status_code == 302 and signed_in_user_id(client) == str(sam.user.pk)
    assert SocialAccount.objects.count() == 1
    sam.user.refresh_from_db()
    assert sam.user.check_password("correct horse battery")


def test_an_account_of_another_domain_is_refused_and_nothing_is_made(client, hillside_sso, sam):
    users = User.objects.count()
    response = through_provider(client, "stranger")

    assert response.status_code == 403
    page = response.content.decode()
    assert "You are not signed in" in page and "This is not a Hillside Academy account" in page
    assert "@hillside.sch.uk" in page and 'href="/sign-in/hillside/"' in page
    assert signed_in_user_id(client) is None
    nothing_was_made(users)
    refusal = LogEntry.objects.get(verb="sign_in.sso_refused")
    assert refusal.data["reason"] == "other_domain" and refusal.data["domain"] == "elsewhere.org"


def test_an_unknown_account_of_the_school_is_refused_and_nothing_is_made(client, hillside_sso, sam):
    users = User.objects.count()
    response = through_provider(client, "newcomer")

    assert response.status_code == 403
    assert "Hillside Academy has nobody with this account yet" in response.content.decode()
    assert signed_in_user_id(client) is None
    nothing_was_made(users)


def test_an_address_the_provider_has_not_confirmed_is_refused(client, hillside_sso, sam):
    users = User.objects.count()
    response = through_provider(client, "unconfirmed")

    assert response.status_code == 403 and "its email address is not checked" in response.content.decode()
    nothing_was_made(users)


def test_a_pupil_who_left_the_school_is_refused(client, hillside_sso, sam):
    sam.is_active = False
    sam.save(update_fields=["is_active"])
    response = through_provider(client, "sam")

    assert response.status_code == 403 and signed_in_user_id(client) is None
    assert not SocialAccount.objects.exists()


def test_a_provider_that_does_not_answer_shows_a_clear_page_at_the_start(client, hillside, sam):
    SchoolSignIn.objects.create(
        school=hillside,
        provider=SignInProvider.OIDC,
        issuer_url=f"http://127.0.0.1:{free_port()}",  # nothing listens there
        email_domains=["hillside.sch.uk"],
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
    )
    users = User.objects.count()
    response = start(client)

    assert response.status_code == 502
    page = response.content.decode()
    assert "Your school's sign-in is not answering" in page and "Nothing was saved" in page
    assert 'href="/sign-in/hillside/"' in page
    nothing_was_made(users)


def test_a_provider_gone_before_the_way_back_shows_a_clear_page(client, hillside, sam):
    provider = OidcProvider(redirect_uris=[CALLBACK])
    try:
        SchoolSignIn.objects.create(
            school=hillside,
            provider=SignInProvider.OIDC,
            issuer_url=provider.issuer,
            email_domains=["hillside.sch.uk"],
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
        )
        back = sign_in_at_provider(start(client)["Location"], login="sam", back_to=SERVER)
    finally:
        provider.stop()
    users = User.objects.count()
    response = client.get(back.removeprefix(SERVER))

    assert response.status_code == 502 and "is not answering" in response.content.decode()
    assert signed_in_user_id(client) is None
    nothing_was_made(users)


def test_password_sign_in_still_works_at_a_school_with_single_sign_on(client, hillside_sso, sam):
    response = client.post("/accounts/login/", {"login": "srivera", "password": "correct horse battery"})

    assert response.status_code == 302 and signed_in_user_id(client) == str(sam.user.pk)


def test_a_school_without_single_sign_on_has_no_provider_to_start(client, hillside_sso):
    assert start(client, slug="no-such-school").status_code == 404


def test_the_school_page_offers_its_button_and_lets_its_form_reach_the_provider(client, hillside_sso):
    response = client.get(f"/sign-in/{SLUG}/")

    page = response.content.decode()
    assert response.status_code == 200 and "Sign in with Hillside Login" in page
    assert f'action="/accounts/oidc/{SLUG}/login/"' in page and 'name="login"' in page
    assert hillside_sso.issuer_url in response["Content-Security-Policy"].split("form-action")[1].split(";")[0]


def test_erasing_a_person_removes_the_link_to_their_school_account(client, hillside_sso, sam):
    from people.privacy.services import person_erase

    through_provider(client, "sam")
    client.logout()
    person_erase(user=sam.user)

    assert not SocialAccount.objects.exists()
    assert through_provider(client, "sam").status_code == 403


def test_a_pupil_with_a_one_time_password_who_signs_in_with_the_school_account_is_not_held_back(
    client, hillside_sso, sam
):
    sam.user.must_change_password = True
    sam.user.save(update_fields=["must_change_password"])
    through_provider(client, "sam")

    assert client.get("/").status_code == 200  # not sent to choose a password: the card was not used
