import pytest

from tests.people.single_sign_on.provider import CLIENT_ID, CLIENT_SECRET, OidcProvider

SLUG = "hillside"
CALLBACK = f"http://testserver/accounts/oidc/{SLUG}/login/callback/"


@pytest.fixture(scope="module")
def oidc_provider():
    """One real provider process for the module's tests; the Django test client is the browser's Django side."""
    provider = OidcProvider(redirect_uris=[CALLBACK])
    yield provider
    provider.stop()


@pytest.fixture
def hillside(db):
    from tests.factories import SchoolFactory

    return SchoolFactory(name="Hillside Academy", slug=SLUG)


@pytest.fixture
def hillside_sso(hillside, oidc_provider):
    from people.models import SchoolSignIn, SignInProvider

    return SchoolSignIn.objects.create(
        school=hillside,
        provider=SignInProvider.OIDC,
        issuer_url=oidc_provider.issuer,
        display_name="Hillside Login",
        email_domains=["hillside.sch.uk"],
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
    )


@pytest.fixture
def sam(hillside):
    """A pupil whose school account is sam.rivera@hillside.sch.uk, and who also has a password."""
    from tests.factories import PupilFactory

    return PupilFactory(school=hillside, user__username="srivera", user__email="sam.rivera@hillside.sch.uk")
