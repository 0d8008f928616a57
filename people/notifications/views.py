"""Inbox, preferences and (for staff) failed emails. Parse, call one service, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

import people.notifications.rules  # noqa: F401 - registers the rules used below
from people.access import require_rule
from people.models import EmailDelivery, Notification
from people.notifications import selectors, services
from people.notifications.forms import PreferenceForm

PER_PAGE = 20


@require_rule()
def inbox(request):
    notifications = selectors.inbox_for(recipient=request.membership)
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "people/notifications/inbox.html", {"page": page})


@require_POST
@require_rule()
def mark_read(request, pk: int):
    try:
        notification = selectors.notification_get(recipient=request.membership, pk=pk)
    except Notification.DoesNotExist:
        raise Http404("No such notification in your inbox.") from None
    services.notification_mark_read(notification=notification)
    if request.htmx:
        return render(request, "people/notifications/inbox.html#marked-read", {"notification": notification})
    return redirect(_back_to_inbox(request))


@require_POST
@require_rule()
def mark_all_read(request):
    count = services.notifications_mark_all_read(recipient=request.membership)
    if request.htmx:
        page = Paginator(selectors.inbox_for(recipient=request.membership), PER_PAGE).get_page(request.GET.get("page"))
        return render(request, "people/notifications/inbox.html#inbox-list", {"page": page, "marked_all": True})
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect(_back_to_inbox(request))


def _back_to_inbox(request) -> str:
    """Stay on the page the form was posted from (no-JS path)."""
    url = reverse("notifications:inbox")
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() else url


@require_rule()
def preferences(request):
    membership = request.membership
    preference = selectors.preference_for(membership=membership)
    # An empty POST (everything unticked) is still a submission, so not `request.POST or None`.
    data = request.POST if request.method == "POST" else None
    form = PreferenceForm(data, membership=membership, initial=PreferenceForm.initial_for(preference))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.preference_update(
            membership=membership,
            muted_kinds=form.muted_kinds(),
            kind_channels=form.kind_channels(preference.kind_channels),
            email_enabled=data.get("email_enabled", preference.email_enabled),
            weekly_digest=data.get("weekly_digest", preference.weekly_digest),
            child_copies=data.get("child_copies", preference.child_copies),
        )
        messages.success(request, "Your notification choices are saved.")
        return redirect("notifications:preferences")
    return render(request, "people/notifications/preferences.html", {"form": form})


@require_rule("notifications.view_failed_emails")
def failed_emails(request):
    page = Paginator(selectors.failed_emails(school=request.school), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "people/notifications/failed_emails.html", {"page": page})


@require_POST
@require_rule("notifications.retry_email")
def retry_email(request, pk: int):
    try:
        delivery = selectors.failed_email_get(school=request.school, pk=pk)
    except EmailDelivery.DoesNotExist:
        raise Http404("No such failed email in your school.") from None
    try:
        services.email_retry(delivery=delivery)
    except services.NotificationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The email to {delivery.to_address} is queued to be sent again.")
    return redirect("notifications:failed_emails")
