"""Database constraints of roster imports and parent invitations."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from people.models import ParentInvitation, RosterImport, RosterImportStatus
from tests.factories import PupilFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_confirmed_import_needs_a_confirmation_date():
    with pytest.raises(IntegrityError):
        RosterImport.objects.create(school=SchoolFactory(), status=RosterImportStatus.CONFIRMED)


def test_a_preview_cannot_hold_login_cards():
    with pytest.raises(IntegrityError):
        RosterImport.objects.create(school=SchoolFactory(), cards=[{"password": "x"}], cards_expire_at=timezone.now())


def test_login_cards_always_have_a_date_to_be_cleared():
    with pytest.raises(IntegrityError):
        RosterImport.objects.create(
            school=SchoolFactory(), status=RosterImportStatus.CONFIRMED, confirmed_at=timezone.now(), cards=[]
        )


def test_cleared_cards_are_really_gone():
    now = timezone.now()
    with pytest.raises(IntegrityError):
        RosterImport.objects.create(
            school=SchoolFactory(),
            status=RosterImportStatus.CONFIRMED,
            confirmed_at=now,
            cards=[],
            cards_expire_at=now,
            cards_cleared_at=now,
        )


def _invitation(pupil, email="carer@example.org", **fields):
    return ParentInvitation.objects.create(
        school=pupil.school,
        pupil=pupil,
        email=email,
        token=fields.pop("token", email + str(pupil.pk)),
        expires_at=timezone.now() + timedelta(days=1),
        **fields,
    )


def test_one_open_invitation_per_pupil_and_email_ignoring_case():
    pupil = PupilFactory()
    _invitation(pupil)
    with pytest.raises(IntegrityError):
        _invitation(pupil, email="Carer@Example.org", token="other")


def test_an_accepted_invitation_does_not_block_a_new_one():
    pupil = PupilFactory()
    _invitation(pupil, accepted_at=timezone.now())
    _invitation(pupil, token="second")


def test_acceptance_is_dated():
    with pytest.raises(IntegrityError):
        _invitation(PupilFactory(), accepted_by=UserFactory())


def test_tokens_are_unique():
    pupil = PupilFactory()
    _invitation(pupil, token="same")
    with pytest.raises(IntegrityError):
        _invitation(pupil, email="b@example.org", token="same")


def test_tokens_are_not_empty():
    with pytest.raises(IntegrityError):
        _invitation(PupilFactory(), token="")
