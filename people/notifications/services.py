"""Writes for notifications: notify once, email each notification or a weekly digest, mark read.

Exactly once: every notification has the unique key (kind, subject, recipient, period), and rows are
inserted with `bulk_create(ignore_conflicts=True)`, so a retried or duplicated task, or two workers,
insert each notification once. Each email is a row claimed with a conditional UPDATE before it is
sent, so it is sent at most once however often its task runs.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from itertools import islice

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from people import tasks
from people.models import (
    ConsentStatus,
    EmailChannel,
    EmailDelivery,
    EmailStatus,
    GuardianLink,
    Membership,
    Notification,
    NotificationKind,
    NotificationPreference,
    Role,
)
from people.notifications.kinds import Channel, Kind, kind_get
from people.notifications.outbox import enqueue

# Recipients handled per round of queries in `notify`, and emails per `send_emails` task.
BATCH_SIZE = 500

# Kinds nobody may mute and that are emailed at once whatever the preferences: a concern must reach
# the safeguarding lead even if they turned email off. (Kept for callers; the registry says it.)
ALWAYS_EMAILED_KINDS = frozenset({NotificationKind.SAFEGUARDING_CONCERN})

# No email reaches a pupil in these hours (school's time zone): it is held until the morning.
QUIET_HOURS_START = time(21, 0)
QUIET_HOURS_END = time(7, 0)


class NotificationError(Exception):
    """A notification action that is not allowed (shown to the user as a message)."""


def subject_key(subject: models.Model | str) -> str:
    """The subject part of the exactly-once key: "app_label.model:pk" for an object, else the string."""
    if isinstance(subject, str):
        return subject
    return f"{subject._meta.label_lower}:{subject.pk}"


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}" if path.startswith("/") else path


def _chunks(items: list, size: int) -> Iterable[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _preference(membership: Membership) -> NotificationPreference:
    try:
        return membership.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference.default_for(membership)


def email_channel(membership: Membership, preference: NotificationPreference, kind: Kind) -> str:
    """How `kind` reaches `membership`'s mailbox: their choice for the kind, else the kind's default
    for their role. Pupils without an address (and people who turned email off) get the inbox only."""
    if not membership.user.email:
        return EmailChannel.NONE
    if kind.always_email:
        return EmailChannel.IMMEDIATE
    if not preference.email_enabled:
        return EmailChannel.NONE
    chosen = preference.kind_channels.get(kind.key)
    channel = chosen or kind.channel_for(membership.role)
    if channel == Channel.INBOX:
        return EmailChannel.NONE
    if channel == Channel.DIGEST or (not chosen and preference.weekly_digest):
        return EmailChannel.DIGEST
    return EmailChannel.IMMEDIATE


def is_muted(preference: NotificationPreference, kind: Kind) -> bool:
    return kind.may_switch_off and kind.key in preference.muted_kinds


def quiet_hours_end(now: datetime) -> datetime | None:
    """When an email to a pupil may go, if `now` is in the quiet hours; None outside them."""
    local = timezone.localtime(now)
    if QUIET_HOURS_END <= local.time() < QUIET_HOURS_START:
        return None
    morning = local.date() + timedelta(days=1) if local.time() >= QUIET_HOURS_START else local.date()
    return timezone.make_aware(datetime.combine(morning, QUIET_HOURS_END))


@transaction.atomic
def notify(
    *,
    kind: NotificationKind,
    subject: models.Model | str,
    recipients: Iterable[Membership] | QuerySet[Membership],
    period: str = "",
    title: str,
    body: str = "",
    url: str = "",
) -> None:
    """Tell `recipients` something, once per (kind, subject, recipient, period), by their preferences.

    Each recipient who has not muted `kind` gets an inbox item; those who want email get it now or
    in their weekly digest. A parent who opted in to copies, and whose consent for the child is
    given, gets a copy of what is sent to their child. Emails are queued after the commit.
    """
    key = subject_key(subject)
    if isinstance(recipients, QuerySet):
        recipient_ids = list(recipients.values_list("pk", flat=True))
    else:
        recipient_ids = [membership.pk for membership in recipients]
    for chunk in _chunks(sorted(set(recipient_ids)), BATCH_SIZE):
        _notify_batch(kind=kind, key=key, recipient_ids=chunk, period=period, title=title, body=body, url=url)


def _notify_batch(*, kind, key: str, recipient_ids: list[int], period: str, title: str, body: str, url: str) -> None:
    """A constant number of queries for up to BATCH_SIZE recipients (the benchmark test asserts it)."""
    members = Membership.objects.filter(pk__in=recipient_ids, is_active=True).select_related(
        "user", "notification_preference"
    )
    links = GuardianLink.objects.filter(
        pupil_id__in=recipient_ids,
        consent_status=ConsentStatus.GIVEN,
        parent__is_active=True,
        parent__notification_preference__child_copies=True,
    ).select_related("parent__user", "parent__notification_preference", "pupil__user")

    spec = kind_get(kind)
    wanted: dict[int, Notification] = {}
    for member in members:
        preference = _preference(member)
        if is_muted(preference, spec):
            continue
        email = email_channel(member, preference, spec)
        wanted[member.pk] = Notification(
            recipient=member, kind=kind, subject=key, period=period, title=title, body=body, url=url,
            email=email,
        )  # fmt: skip
    for link in links:
        preference = _preference(link.parent)
        if link.parent_id not in wanted and not is_muted(preference, spec):
            wanted[link.parent_id] = Notification(
                recipient=link.parent, about=link.pupil, kind=kind, subject=key, period=period,
                title=f"About {link.pupil.user.display_name}: {title}", body=body, url=url,
                email=email_channel(link.parent, preference, spec),
            )  # fmt: skip
    if not wanted:
        return
    Notification.objects.bulk_create(wanted.values(), ignore_conflicts=True)

    # Re-read rather than trust the objects: rows inserted by an earlier (or concurrent) run count too.
    to_email = Notification.objects.filter(
        kind=kind,
        subject=key,
        period=period,
        recipient_id__in=wanted.keys(),
        email=EmailChannel.IMMEDIATE,
        delivery__isnull=True,
    ).select_related("recipient__user")
    held_until = quiet_hours_end(timezone.now())
    EmailDelivery.objects.bulk_create(
        [_single_email(notification, held_until) for notification in to_email], ignore_conflicts=True
    )
    pending = list(
        EmailDelivery.objects.filter(
            notification__kind=kind,
            notification__subject=key,
            notification__period=period,
            recipient_id__in=wanted.keys(),
            status=EmailStatus.PENDING,
            send_after__isnull=True,
        ).values_list("pk", flat=True)
    )
    if pending:
        enqueue(tasks.send_emails, delivery_ids=pending)


def _footer() -> str:
    return f"\n\n--\nChoose what you receive: {absolute_url(reverse('notifications:preferences'))}\n"


def _single_email(notification: Notification, held_until: datetime | None) -> EmailDelivery:
    """The email of one notification. Its body is the kind's words and the link, never the
    notification's body: that may quote what a pupil wrote, and emails carry no more than a title."""
    kind = kind_get(notification.kind)
    body = f"{notification.title}\n\n({kind.label})"
    if notification.url:
        body += f"\n\nOpen it on coproschool: {absolute_url(notification.url)}"
    return EmailDelivery(
        recipient=notification.recipient,
        notification=notification,
        to_address=notification.recipient.user.email,
        subject=notification.title[:200],
        body=body + _footer(),
        # Pupils get no email at night: held for the morning (emails_release_held sends it).
        send_after=held_until if notification.recipient.role == Role.PUPIL else None,
    )


def emails_release_held(*, now: datetime | None = None) -> int:
    """Queue the emails held through the quiet hours whose time has come; returns how many.

    Run by beat every few minutes. Releasing clears `send_after` with a conditional UPDATE, so two
    runs never queue an email twice (and sending claims the row again anyway)."""
    now = now or timezone.now()
    due = list(
        EmailDelivery.objects.filter(status=EmailStatus.PENDING, send_after__lte=now).values_list("pk", flat=True)
    )
    released = []
    for chunk in _chunks(due, BATCH_SIZE):
        with transaction.atomic():
            ids = list(
                EmailDelivery.objects.select_for_update(skip_locked=True)
                .filter(pk__in=chunk, send_after__lte=now, status=EmailStatus.PENDING)
                .values_list("pk", flat=True)
            )
            EmailDelivery.objects.filter(pk__in=ids).update(send_after=None)
            if ids:
                enqueue(tasks.send_emails, delivery_ids=ids)
        released.extend(ids)
    return len(released)


def digests_build(*, period: str) -> int:
    """Bundle each person's digest items not yet emailed into one email for `period` (an ISO week).

    One digest per person and week (a unique constraint): running this twice, or on two workers,
    makes one. Items that arrive after a person's digest of the week was made wait for the next one.
    Returns the number of digests made.
    """
    recipient_ids = list(
        Notification.objects.filter(email=EmailChannel.DIGEST, digest__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
    made = 0
    for chunk in _chunks(recipient_ids, BATCH_SIZE):
        made += _digests_batch(recipient_ids=chunk, period=period)
    return made


@transaction.atomic
def _digests_batch(*, recipient_ids: list[int], period: str) -> int:
    items_by_recipient: dict[int, list[Notification]] = defaultdict(list)
    items = Notification.objects.filter(
        recipient_id__in=recipient_ids, email=EmailChannel.DIGEST, digest__isnull=True
    ).select_related("recipient__user")
    for item in items.order_by("created_at", "pk"):
        items_by_recipient[item.recipient_id].append(item)
    made = []
    for items in items_by_recipient.values():
        recipient = items[0].recipient
        for item in items:
            item.link = absolute_url(item.url) if item.url else ""
        context = {
            "recipient": recipient,
            "items": items,
            "preferences_url": absolute_url(reverse("notifications:preferences")),
        }
        delivery, created = EmailDelivery.objects.get_or_create(
            recipient=recipient,
            digest_period=period,
            defaults={
                "to_address": recipient.user.email,
                "subject": f"Your week on coproschool: {len(items)} update{'s' if len(items) != 1 else ''}",
                "body": render_to_string("people/notifications/digest_email.txt", context),
            },
        )
        if created:
            Notification.objects.filter(pk__in=[item.pk for item in items]).update(digest=delivery)
            made.append(delivery.pk)
    for chunk in _chunks(made, BATCH_SIZE):
        enqueue(tasks.send_emails, delivery_ids=chunk)
    return len(made)


def emails_send(*, delivery_ids: list[int], claim: str, final_attempt: bool) -> list[int]:
    """Send the pending emails among `delivery_ids`; returns the ids that failed this time.

    The rows are claimed first (pending → sending, marked with `claim`), so a duplicated task or a
    second worker finds nothing to send. A failed email goes back to pending for the task's retry,
    or, on the final attempt, is marked failed with its error for staff to see.
    """
    # A held email (send_after set) is not sent until emails_release_held lets it go.
    claimed = EmailDelivery.objects.filter(
        pk__in=delivery_ids, status=EmailStatus.PENDING, send_after__isnull=True
    ).update(status=EmailStatus.SENDING, claim=claim)
    if not claimed:
        return []
    deliveries = list(EmailDelivery.objects.filter(pk__in=delivery_ids, status=EmailStatus.SENDING, claim=claim))
    sent: list[int] = []
    errors: dict[str, list[int]] = defaultdict(list)
    try:
        with get_connection() as connection:
            for delivery in deliveries:
                message = EmailMessage(delivery.subject, delivery.body, to=[delivery.to_address], connection=connection)
                try:
                    message.send()
                except Exception as error:  # any backend error is recorded on the row
                    errors[f"{type(error).__name__}: {error}"[:1000]].append(delivery.pk)
                else:
                    sent.append(delivery.pk)
    except Exception as error:  # the connection itself failed: so did the unsent ones
        unsent = [delivery.pk for delivery in deliveries if delivery.pk not in sent]
        errors[f"{type(error).__name__}: {error}"[:1000]] = unsent

    now = timezone.now()
    if sent:
        EmailDelivery.objects.filter(pk__in=sent).update(
            status=EmailStatus.SENT, sent_at=now, attempts=F("attempts") + 1, last_error=""
        )
    failed: list[int] = []
    for error, ids in errors.items():
        EmailDelivery.objects.filter(pk__in=ids).update(
            status=EmailStatus.FAILED if final_attempt else EmailStatus.PENDING,
            failed_at=now if final_attempt else None,
            attempts=F("attempts") + 1,
            last_error=error,
        )
        failed.extend(ids)
    return failed


@transaction.atomic
def email_retry(*, delivery: EmailDelivery) -> None:
    """Staff send a failed email again (after fixing the address or the mail server)."""
    updated = EmailDelivery.objects.filter(pk=delivery.pk, status=EmailStatus.FAILED).update(
        status=EmailStatus.PENDING, failed_at=None
    )
    if updated != 1:
        raise NotificationError("This email is not failed any more; it may already be on its way.")
    enqueue(tasks.send_emails, delivery_ids=[delivery.pk])


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)


def notifications_mark_all_read(*, recipient: Membership) -> int:
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preference_update(
    *,
    membership: Membership,
    muted_kinds: list[str],
    email_enabled: bool,
    weekly_digest: bool,
    child_copies: bool,
    kind_channels: dict[str, str] | None = None,
) -> NotificationPreference:
    """Save what a person hears about; kinds that may not be switched off are never muted."""
    kinds = {key: kind_get(key) for key in {*muted_kinds, *(kind_channels or {})}}
    preference, _ = NotificationPreference.objects.update_or_create(
        membership=membership,
        defaults={
            "muted_kinds": sorted(key for key in set(muted_kinds) if kinds[key].may_switch_off),
            "kind_channels": {
                key: channel for key, channel in (kind_channels or {}).items() if channel in Channel.values
            },
            "email_enabled": email_enabled,
            "weekly_digest": weekly_digest,
            # Copies about a child are for parents only.
            "child_copies": child_copies and membership.is_parent,
        },
    )
    return preference
