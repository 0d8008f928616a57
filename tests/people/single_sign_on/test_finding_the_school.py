"""Finding one's school from the sign-in page (/sign-in/), and the school's own page without single sign-on."""

import pytest

from people.models import SchoolSignIn, SignInProvider
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hillside():
    school = SchoolFactory(name="Hillside Academy", slug="hillside")
    SchoolSignIn.objects.create(
        school=school,
        provider=SignInProvider.GOOGLE,
        email_domains=["hillside.sch.uk"],
        client_id="id",
        client_secret="secret",
    )
    return school


def test_a_school_email_goes_straight_to_the_schools_sign_in_page(client, hillside):
    response = client.get("/sign-in/", {"q": "sam@Hillside.sch.uk"})

    assert response.status_code == 302 and response["Location"] == "/sign-in/hillside/"
    assert "Sign in with Google" in client.get("/sign-in/hillside/").content.decode()


def test_part_of_the_name_lists_the_schools_with_single_sign_on(client, hillside):
    SchoolFactory(name="Hillside Primary")  # no single sign-on: not offered here

    page = client.get("/sign-in/", {"q": "hills"}).content.decode()

    assert 'href="/sign-in/hillside/"' in page and "Hillside Primary" not in page


def test_nothing_found_says_so_and_offers_the_password_sign_in(client, hillside):
    page = client.get("/sign-in/", {"q": "nobody@elsewhere.org"}).content.decode()

    assert "We found no school" in page and 'href="/accounts/login/"' in page


def test_a_school_without_single_sign_on_shows_only_the_password_form(client):
    SchoolFactory(name="Brook School", slug="brook")

    page = client.get("/sign-in/brook/").content.decode()

    assert "Sign in to Brook School" in page and 'name="password"' in page
    assert "/accounts/oidc/" not in page  # no button to a provider


def test_opening_the_providers_start_address_leads_to_the_schools_page(client, hillside):
    page = client.get("/accounts/oidc/hillside/login/").content.decode()

    assert 'href="/sign-in/hillside/"' in page
