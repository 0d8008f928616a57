"""Issuing, stopping and signing in with badges. Every issue, stop, sign-in and refusal is audited."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from audit.services import log_action
from people.badges import tokens
from people.badges.models import Badge
from people.models import Membership, Role, School, User

logger = logging.getLogger(__name__)


class BadgeNotAllowed(Exception):
    pass


# Why a badge was refused, in the words the pupil reads on the sign-in page.
REFUSALS = {
    "unreadable": "This badge cannot be read. Ask your teacher for a new one.",
    "stopped": "This badge no longer works. Ask your teacher for a new one.",
    "other_school": "This badge is for another school. Use the sign-in page of your own school.",
    "wrong_code": "That code did not work. Check the letters and numbers on your card and try again.",
    "account_closed": "This badge cannot be used any more. Ask your teacher.",
}


class BadgeRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(REFUSALS[reason])
        self.reason = reason


@dataclass(frozen=True)
class IssuedBadge:
    """A badge as printed, once: the only time its token and code exist outside the card."""

    badge: Badge
    token: str
    code: str

    def as_card(self) -> dict:
        return {"badge_token": self.token, "badge_code": tokens.code_display(self.code)}


def _check_may_issue(*, pupil: Membership, actor: Membership) -> None:
    if not pupil.is_pupil or pupil.school_id != actor.school_id or not actor.is_staff_member:
        raise BadgeNotAllowed("Only staff of the pupil's school can give a pupil a badge.")


def _codes_free(*, school_id: int, count: int) -> list[str]:
    """`count` new codes, none the same as another working badge's code in the school."""
    codes: dict[str, str] = {}
    while len(codes) < count:
        drawn = {tokens.keyed_hash("code", code): code for code in (tokens.code_generate() for _ in range(count))}
        taken = set(
            Badge.objects.filter(school_id=school_id, revoked_at__isnull=True, code_hash__in=list(drawn)).values_list(
                "code_hash", flat=True
            )
        )
        codes.update({digest: code for digest, code in drawn.items() if digest not in taken})
    return list(codes.values())[:count]


def _badges_create(*, pupils: Sequence[Membership], actor: Membership | None) -> list[IssuedBadge]:
    if not pupils:
        return []
    school_id = pupils[0].school_id
    secrets = [tokens.secret_generate() for _ in pupils]
    codes = _codes_free(school_id=school_id, count=len(pupils))
    badges = Badge.objects.bulk_create(
        [
            Badge(
                membership=pupil,
                school_id=school_id,
                secret_hash=tokens.keyed_hash("secret", secret),
                code_hash=tokens.keyed_hash("code", code),
                issued_by=actor,
            )
            for pupil, secret, code in zip(pupils, secrets, codes, strict=True)
        ]
    )
    return [
        IssuedBadge(badge, tokens.token_make(school_id=school_id, badge_id=badge.pk, secret=secret), code)
        for badge, secret, code in zip(badges, secrets, codes, strict=True)
    ]


@transaction.atomic
def badge_issue(*, pupil: Membership, actor: Membership) -> IssuedBadge:
    """A new badge for the pupil; the one they had stops working at once."""
    _check_may_issue(pupil=pupil, actor=actor)
    # Two members of staff reissuing at once: one waits, so the pupil ends with one working badge.
    Membership.objects.select_for_update().get(pk=pupil.pk)
    replaced = Badge.objects.filter(membership=pupil, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor
    )
    issued = _badges_create(pupils=[pupil], actor=actor)[0]
    log_action(
        actor=actor.user, verb="badge.issue", target=issued.badge, person=pupil.user, data={"replaced": bool(replaced)}
    )
    return issued


def badges_issue_for_new_pupils(*, pupils: Sequence[Membership], actor: Membership) -> list[IssuedBadge]:
    """Badges for the login cards of a roster import (its own audit entry counts them); call it inside
    the import's transaction."""
    for pupil in pupils:
        _check_may_issue(pupil=pupil, actor=actor)
    return _badges_create(pupils=pupils, actor=actor)


@transaction.atomic
def badge_revoke(*, badge: Badge, actor: Membership) -> bool:
    """Stop the badge (a lost card). False when it was already stopped: nothing changes then."""
    _check_may_issue(pupil=badge.membership, actor=actor)
    stopped = Badge.objects.filter(pk=badge.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor
    )
    if stopped:
        log_action(actor=actor.user, verb="badge.revoke", target=badge, person=badge.membership.user)
    return bool(stopped)


def _refuse(reason: str, *, by: str, badge: Badge | None = None, school: School | None = None) -> BadgeRefused:
    """Audit the refusal under the badge it names, else the school whose page it was tried on."""
    target = badge or school
    if target is None:  # a random QR code shown to the general sign-in page: no school to tell
        logger.warning("Badge sign-in refused (%s, by %s) naming no school", reason, by)
    else:
        log_action(actor=None, verb="badge.refused", target=target, data={"reason": reason, "by": by})
    return BadgeRefused(reason)


@transaction.atomic
def _accept(badge: Badge, *, by: str) -> Membership:
    pupil = badge.membership
    if not (pupil.is_active and pupil.user.is_active and pupil.is_pupil):
        raise _refuse("account_closed", by=by, badge=badge)
    Badge.objects.filter(pk=badge.pk).update(last_used_at=timezone.now())
    log_action(actor=pupil.user, verb="badge.sign_in", target=badge, person=pupil.user, data={"by": by})
    return pupil


def _badge_query():
    return Badge.objects.select_related("membership__user", "membership__school")


def badge_sign_in(*, token: str, school: School | None = None) -> Membership:
    """The pupil whose QR token this is; `school` is the school whose sign-in page it was shown to.

    Raises BadgeRefused, already audited, for a token that is tampered with, stopped, of another
    school or of a closed account. Not one transaction: a refusal's audit entry must stay written.
    """
    try:
        claim = tokens.token_read(token)
    except signing.BadSignature:
        claimed = tokens.token_claim_unchecked(token)
        badge = _badge_query().filter(pk=claimed.badge_id, school_id=claimed.school_id).first() if claimed else None
        raise _refuse("unreadable", by="qr", badge=badge, school=school) from None
    badge = _badge_query().filter(pk=claim.badge_id, school_id=claim.school_id).first()
    if badge is None:  # signed by us, so its school is real; the badge row is gone (the pupil was erased)
        raise _refuse("stopped", by="qr", school=school or School.objects.filter(pk=claim.school_id).first())
    if school is not None and badge.school_id != school.pk:
        raise _refuse("other_school", by="qr", badge=badge)
    if not tokens.hash_matches("secret", claim.secret, badge.secret_hash):
        raise _refuse("unreadable", by="qr", badge=badge)
    if not badge.is_active:
        raise _refuse("stopped", by="qr", badge=badge)
    return _accept(badge, by="qr")


def badge_sign_in_with_code(*, code: str, username: str = "", school: School | None = None) -> Membership:
    """The pupil whose badge code this is. With a username the code is checked against that pupil's
    badge; without one, `school` is required and the code alone finds the school's working badge."""
    digest = tokens.keyed_hash("code", tokens.code_normalise(code))
    badges = _badge_query().filter(code_hash=digest)
    if username:
        pupils = Membership.objects.filter(user__username__iexact=username.strip(), role=Role.PUPIL)
        if school is not None:
            pupils = pupils.filter(school=school)
        badges = badges.filter(membership__in=pupils)
    elif school is not None:
        badges = badges.filter(school=school)
    else:
        raise _refuse("wrong_code", by="code")
    # The working badge with this code, else the most recent stopped one (so the pupil is told it stopped).
    badge = badges.order_by(F("revoked_at").asc(nulls_first=True), "-issued_at").first()
    if badge is None:
        pupil_school = school or _school_of_username(username)
        raise _refuse("wrong_code", by="code", school=pupil_school)
    if not badge.is_active:
        raise _refuse("stopped", by="code", badge=badge)
    return _accept(badge, by="code")


def _school_of_username(username: str) -> School | None:
    user = User.objects.filter(username__iexact=username.strip()).first()
    membership = user.memberships.filter(role=Role.PUPIL).select_related("school").first() if user else None
    return membership.school if membership else None
