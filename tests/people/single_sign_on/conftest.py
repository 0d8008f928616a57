import pytest

from tests.people.single_sign_on.provider import OidcProvider, school_sign_in_create

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
    return school_sign_in_create(school=hillside, issuer=oidc_provider.issuer)


@pytest.fixture
def sam(hillside):
    """A pupil whose school account is sam.rivera@hillside.sch.uk, and who also has a password."""
    from tests.factories import PupilFactory

    return PupilFactory(school=hillside, user__username="srivera", user__email="sam.rivera@hillside.sch.uk")
