import pytest
from django.db import IntegrityError, transaction

from people.models import ConsentStatus, Membership, Role, User
from tests.factories import GuardianLinkFactory, PupilFactory, SchoolFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_holds_each_role_in_one_school_only():
    staff = StaffFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=staff.user, school=SchoolFactory(), role=Role.STAFF)


def test_a_user_may_hold_two_roles():
    staff = StaffFactory()
    parent = Membership.objects.create(user=staff.user, school=staff.school, role=Role.PARENT)
    assert parent.pk


def test_a_pupil_needs_a_year_group():
    with pytest.raises(IntegrityError), transaction.atomic():
        PupilFactory(year_group=None)


def test_only_pupils_have_a_year_group():
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffFactory(year_group=8)


def test_only_staff_can_be_safeguarding_lead():
    with pytest.raises(IntegrityError), transaction.atomic():
        PupilFactory(is_safeguarding_lead=True)


def test_email_is_unique_ignoring_case():
    UserFactory(email="Sam@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="sam@example.org")


def test_many_users_may_have_no_email():
    first, second = UserFactory(email=""), UserFactory(email=None)
    assert User.objects.filter(pk__in=[first.pk, second.pk], email__isnull=True).count() == 2


def test_given_consent_must_be_dated():
    with pytest.raises(IntegrityError), transaction.atomic():
        GuardianLinkFactory(consent_status=ConsentStatus.GIVEN, consent_changed_at=None)


def test_a_parent_is_linked_to_a_pupil_once():
    link = GuardianLinkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        GuardianLinkFactory(parent=link.parent, pupil=link.pupil)
