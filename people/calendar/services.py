"""Making (and remaking) a person's calendar address, and finding whose address a request holds."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from audit.services import log_action
from people.models import CalendarFeed, Membership


def _fingerprint(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def calendar_feed_renew(*, membership: Membership) -> str:
    """A new secret address for this person; the old one, if any, stops working at once.

    Returns the secret, which is not kept: the page shows it once, then only its fingerprint remains.
    """
    secret = secrets.token_urlsafe(32)
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(
        membership=membership, defaults={"token": _fingerprint(secret)}
    )
    if not created:
        feed.token, feed.created_at = _fingerprint(secret), timezone.now()
        feed.save(update_fields=["token", "created_at"])
    log_action(
        actor=membership.user,
        verb="calendar.new_address" if created else "calendar.reset_address",
        target=membership,
        school_id=membership.school_id,
    )
    return secret


def calendar_feed_owner(*, secret: str) -> Membership | None:
    """Whose calendar this secret opens: an active member, or None (a reset, unknown or malformed secret)."""
    if not secret or len(secret) > 100:
        return None
    feed = (
        CalendarFeed.objects.filter(token=_fingerprint(secret), membership__is_active=True)
        .select_related("membership__school", "membership__user")
        .first()
    )
    return feed.membership if feed else None
