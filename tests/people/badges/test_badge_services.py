"""Badges as the services give, stop and check them: what a pupil's card does and no longer does."""

import pytest
from django.core import signing

from audit.models import LogEntry
from people.badges import tokens
from people.badges.models import Badge
from people.badges.services import (
    BadgeNotAllowed,
    BadgeRefused,
    badge_issue,
    badge_revoke,
    badge_sign_in,
    badge_sign_in_with_code,
)
from tests.factories import PupilFactory, SchoolFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _refusal(call, **kwargs) -> str:
    with pytest.raises(BadgeRefused) as refused:
        call(**kwargs)
    return refused.value.reason


def test_it_signs_the_pupil_in_with_the_token_of_their_badge(pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    assert badge_sign_in(token=issued.token, school=pupil.school) == pupil
    assert badge_sign_in(token=issued.token) == pupil  # the general page: the token names its school
    entry = LogEntry.objects.filter(verb="badge.sign_in").first()
    assert (entry.actor, entry.person, entry.school_id, entry.data) == (
        pupil.user,
        pupil.user,
        pupil.school_id,
        {"by": "qr"},
    )


def test_it_stores_neither_the_secret_nor_the_code(pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    badge = Badge.objects.get()
    secret = tokens.token_read(issued.token).secret
    assert secret not in badge.secret_hash and issued.code not in badge.code_hash
    assert len(issued.code) == tokens.CODE_LENGTH and set(issued.code) <= set(tokens.CODE_ALPHABET)


def test_a_tampered_token_is_refused_and_audited(pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    value, signature = issued.token.rsplit(":", 1)
    forged = f"{value.rsplit('.', 1)[0]}.{tokens.secret_generate()}:{signature}"
    assert _refusal(badge_sign_in, token=forged, school=pupil.school) == "unreadable"
    assert _refusal(badge_sign_in, token=issued.token[:-1] + "x", school=pupil.school) == "unreadable"
    assert _refusal(badge_sign_in, token="hello world", school=pupil.school) == "unreadable"
    assert LogEntry.objects.filter(verb="badge.refused", school_id=pupil.school_id).count() == 3
    assert not LogEntry.objects.filter(verb="badge.sign_in").exists()


def test_a_token_signed_with_a_stolen_badge_id_but_a_guessed_secret_is_refused(pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    claim = tokens.token_read(issued.token)
    guessed = tokens.token_make(school_id=claim.school_id, badge_id=claim.badge_id, secret="guessed")
    assert _refusal(badge_sign_in, token=guessed, school=pupil.school) == "unreadable"


def test_a_stopped_badge_is_refused_with_its_own_message(pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    assert badge_revoke(badge=issued.badge, actor=staff) is True
    assert badge_revoke(badge=issued.badge, actor=staff) is False  # stopping again changes nothing
    with pytest.raises(BadgeRefused, match="no longer works"):
        badge_sign_in(token=issued.token, school=pupil.school)
    assert _refusal(badge_sign_in_with_code, code=issued.code, school=pupil.school) == "stopped"
    assert LogEntry.objects.filter(verb="badge.revoke").count() == 1


def test_reissuing_stops_the_old_badge(pupil, staff):
    old = badge_issue(pupil=pupil, actor=staff)
    new = badge_issue(pupil=pupil, actor=staff)
    assert _refusal(badge_sign_in, token=old.token, school=pupil.school) == "stopped"
    assert badge_sign_in(token=new.token, school=pupil.school) == pupil
    assert Badge.objects.filter(membership=pupil, revoked_at__isnull=True).count() == 1
    assert LogEntry.objects.filter(verb="badge.issue").latest("id").data == {"replaced": True}


def test_a_badge_of_another_school_is_refused_at_this_schools_page(pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    elsewhere = SchoolFactory()
    assert _refusal(badge_sign_in, token=issued.token, school=elsewhere) == "other_school"
    assert _refusal(badge_sign_in_with_code, code=issued.code, school=elsewhere) == "wrong_code"
    refused = LogEntry.objects.filter(verb="badge.refused").values_list("school_id", "data")
    assert list(refused) == [
        (elsewhere.pk, {"reason": "wrong_code", "by": "code"}),
        (pupil.school_id, {"reason": "other_school", "by": "qr"}),
    ]


def test_a_token_signed_with_another_key_is_refused(pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    claim = tokens.token_read(issued.token)
    other_key = signing.Signer(key="another-site", salt=tokens.SALT).sign(
        f"{tokens.VERSION}.{claim.school_id}.{claim.badge_id}.{claim.secret}"
    )
    assert _refusal(badge_sign_in, token=other_key, school=pupil.school) == "unreadable"


def test_the_typed_code_signs_in_alone_at_the_school_page_or_with_the_username(pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    typed = f"{issued.code[:4].lower()}-{issued.code[4:]}"
    assert badge_sign_in_with_code(code=tokens.code_normalise(typed), school=pupil.school) == pupil
    assert badge_sign_in_with_code(code=issued.code, username=pupil.user.username.upper()) == pupil
    # Without a school, a code alone is never enough.
    assert _refusal(badge_sign_in_with_code, code=issued.code) == "wrong_code"
    other = PupilFactory(school=pupil.school)
    assert _refusal(badge_sign_in_with_code, code=issued.code, username=other.user.username) == "wrong_code"


def test_a_wrong_code_is_refused_and_filed_under_the_school(pupil, staff):
    badge_issue(pupil=pupil, actor=staff)
    assert _refusal(badge_sign_in_with_code, code="AAAAAAAA", school=pupil.school) == "wrong_code"
    assert _refusal(badge_sign_in_with_code, code="AAAAAAAA", username=pupil.user.username) == "wrong_code"
    reasons = LogEntry.objects.filter(verb="badge.refused", school_id=pupil.school_id).values_list("data", flat=True)
    assert list(reasons) == [{"reason": "wrong_code", "by": "code"}] * 2


def test_a_badge_of_a_pupil_who_left_is_refused(pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    pupil.is_active = False
    pupil.save(update_fields=["is_active"])
    assert _refusal(badge_sign_in, token=issued.token, school=pupil.school) == "account_closed"


def test_only_staff_of_the_pupils_school_give_or_stop_badges(pupil, staff):
    with pytest.raises(BadgeNotAllowed):
        badge_issue(pupil=pupil, actor=StaffFactory())
    with pytest.raises(BadgeNotAllowed):
        badge_issue(pupil=pupil, actor=PupilFactory(school=pupil.school))
    with pytest.raises(BadgeNotAllowed):
        badge_issue(pupil=staff, actor=staff)
    issued = badge_issue(pupil=pupil, actor=staff)
    with pytest.raises(BadgeNotAllowed):
        badge_revoke(badge=issued.badge, actor=StaffFactory())
    assert Badge.objects.get().is_active


def test_erasing_the_pupil_deletes_their_badge_and_the_card_stops_working(pupil, staff, leader):
    from people.privacy.services import person_erase, person_export

    issued = badge_issue(pupil=pupil, actor=staff)
    exported = person_export(user=pupil.user, actor=leader)
    assert issued.badge.secret_hash not in str(exported) and issued.badge.code_hash not in str(exported)
    person_erase(user=pupil.user, actor=leader)
    assert not Badge.objects.exists()
    assert _refusal(badge_sign_in, token=issued.token, school=pupil.school) == "stopped"
