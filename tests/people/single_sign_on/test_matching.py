"""Which accounts a school's provider may sign in: the claims of Google, Microsoft and another provider,
checked against the school's domains and tenant (people.single_sign_on.services)."""

import pytest

from audit.models import LogEntry
from people.models import SchoolSignIn, SignInProvider
from people.single_sign_on.services import SignInRefused, sso_sign_in_match
from tests.factories import PupilFactory, SchoolFactory, StaffFactory

pytestmark = pytest.mark.django_db

TENANT = "0b7a1c52-3f3e-4a43-9d1b-6a2f5e0c9d11"


@pytest.fixture
def school():
    return SchoolFactory(name="Hillside Academy")


@pytest.fixture
def ali(school):
    return StaffFactory(school=school, user__email="Ali.Khan@hillside.sch.uk")


def sign_in_of(school, provider: str) -> SchoolSignIn:
    return SchoolSignIn.objects.create(
        school=school,
        provider=provider,
        tenant_id=TENANT if provider == SignInProvider.MICROSOFT else "",
        issuer_url="https://login.hillside.sch.uk" if provider == SignInProvider.OIDC else "",
        email_domains=["hillside.sch.uk"],
        client_id="id",
        client_secret="secret",
    )


def refusal(sign_in, claims) -> str:
    with pytest.raises(SignInRefused) as refused:
        sso_sign_in_match(sign_in=sign_in, claims=claims)
    return refused.value.reason


def test_a_microsoft_account_of_the_schools_tenant_signs_in_by_its_user_name(school, ali):
    sign_in = sign_in_of(school, SignInProvider.MICROSOFT)
    claims = {"tid": TENANT.upper(), "preferred_username": "ali.khan@hillside.sch.uk"}

    assert sso_sign_in_match(sign_in=sign_in, claims=claims) == ali


def test_a_microsoft_account_of_another_tenant_is_refused_though_its_domain_matches(school, ali):
    sign_in = sign_in_of(school, SignInProvider.MICROSOFT)
    claims = {"tid": "11111111-2222-3333-4444-555555555555", "preferred_username": "ali.khan@hillside.sch.uk"}

    assert refusal(sign_in, claims) == "other_tenant"
    assert LogEntry.objects.get(verb="sign_in.sso_refused").data["reason"] == "other_tenant"


def test_a_google_workspace_account_of_the_school_signs_in(school, ali):
    sign_in = sign_in_of(school, SignInProvider.GOOGLE)
    claims = {"email": "ali.khan@hillside.sch.uk", "email_verified": True, "hd": "hillside.sch.uk"}

    assert sso_sign_in_match(sign_in=sign_in, claims=claims) == ali


def test_a_personal_google_account_with_a_school_address_is_refused(school, ali):
    # Anyone can make a personal Google account with any address they confirm; only Workspace sets `hd`.
    sign_in = sign_in_of(school, SignInProvider.GOOGLE)
    claims = {"email": "ali.khan@hillside.sch.uk", "email_verified": True}

    assert refusal(sign_in, claims) == "other_domain"


def test_an_unconfirmed_address_is_refused(school, ali):
    sign_in = sign_in_of(school, SignInProvider.OIDC)

    assert refusal(sign_in, {"email": "ali.khan@hillside.sch.uk"}) == "unverified"


def test_a_member_of_another_school_with_the_same_address_is_unknown_here(school):
    StaffFactory(school=SchoolFactory(), user__email="ali.khan@hillside.sch.uk")
    sign_in = sign_in_of(school, SignInProvider.OIDC)

    assert refusal(sign_in, {"email": "ali.khan@hillside.sch.uk", "email_verified": True}) == "unknown_account"


def test_an_account_linked_to_one_person_never_signs_in_as_another(school, ali):
    other = PupilFactory(school=school)
    sign_in = sign_in_of(school, SignInProvider.OIDC)
    claims = {"email": "ali.khan@hillside.sch.uk", "email_verified": True}

    assert refusal_linked(sign_in, claims, linked_user_id=other.user_id) == "unknown_account"


def refusal_linked(sign_in, claims, *, linked_user_id) -> str:
    with pytest.raises(SignInRefused) as refused:
        sso_sign_in_match(sign_in=sign_in, claims=claims, linked_user_id=linked_user_id)
    return refused.value.reason


def test_a_sign_in_is_audited_with_the_person(school, ali):
    sign_in = sign_in_of(school, SignInProvider.OIDC)
    sso_sign_in_match(sign_in=sign_in, claims={"email": "ali.khan@hillside.sch.uk", "email_verified": True})

    entry = LogEntry.objects.get(verb="sign_in.sso")
    assert entry.actor == ali.user and entry.person == ali.user and entry.school_id == school.pk
