"""Reads for notifications. A person only ever sees their own inbox; staff see their school's emails."""

from django.db.models import QuerySet

from people.models import EmailDelivery, EmailStatus, Membership, Notification, NotificationPreference, School


def inbox_for(*, recipient: Membership) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=recipient).order_by("-created_at", "-pk")


def notification_get(*, recipient: Membership, pk: int) -> Notification:
    """Someone else's notification is simply not found (404)."""
    return Notification.objects.get(recipient=recipient, pk=pk)


def unread_count(*, recipient: Membership) -> int:
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).count()


def preference_for(*, membership: Membership) -> NotificationPreference:
    """The saved preferences, or the defaults (unsaved) for someone who never changed them."""
    return NotificationPreference.objects.filter(membership=membership).first() or NotificationPreference.default_for(
        membership
    )


def failed_emails(*, school: School) -> QuerySet[EmailDelivery]:
    return (
        EmailDelivery.objects.filter(recipient__school=school, status=EmailStatus.FAILED)
        .select_related("recipient__user")
        .order_by("-failed_at", "-pk")
    )


def failed_email_get(*, school: School, pk: int) -> EmailDelivery:
    return EmailDelivery.objects.get(recipient__school=school, status=EmailStatus.FAILED, pk=pk)
