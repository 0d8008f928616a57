"""Inbox, preferences and failed emails pages: own data only, htmx and no-JS paths."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import EmailStatus, Notification, NotificationKind, NotificationPreference, OutboxMessage
from tests.factories import EmailDeliveryFactory, NotificationFactory, PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")


def test_inbox_needs_sign_in(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_inbox_shows_own_notifications_only(client_for, pupil):
    NotificationFactory(recipient=pupil, title="Mine to read")
    NotificationFactory(recipient=PupilFactory(school=pupil.school), title="Someone else's")
    response = client_for(pupil).get(INBOX)
    assert response.status_code == 200
    assert "Mine to read" in response.text
    assert "Someone else" not in response.text


def test_inbox_has_an_empty_state(client_for, pupil):
    assert "Nothing here yet." in client_for(pupil).get(INBOX).text


def test_inbox_is_paginated(client_for, pupil):
    NotificationFactory.create_batch(25, recipient=pupil)
    client = client_for(pupil)
    assert client.get(INBOX).context["page"].paginator.num_pages == 2
    assert len(client.get(INBOX, {"page": 2}).context["page"]) == 5
    assert client.get(INBOX, {"page": "nonsense"}).status_code == 200


@pytest.mark.parametrize("rows", [5, 60])
def test_inbox_query_count_does_not_grow_with_rows(client_for, pupil, rows, django_assert_max_num_queries):
    NotificationFactory.create_batch(rows, recipient=pupil)
    client = client_for(pupil)
    client.get(INBOX)  # warm the session
    with django_assert_max_num_queries(8):
        client.get(INBOX)


def test_header_shows_the_unread_count(client_for, pupil):
    NotificationFactory.create_batch(3, recipient=pupil)
    NotificationFactory(recipient=pupil, read_at="2026-01-01T00:00Z")
    text = client_for(pupil).get(reverse("home")).text
    assert '<span id="unread-badge"><span class="badge rounded-pill text-bg-danger ms-1">3<' in text


def test_header_unread_count_is_one_query(client_for, pupil):
    client = client_for(pupil)
    NotificationFactory(recipient=pupil)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    assert sum("people_notification" in query["sql"] for query in queries.captured_queries) == 1


def test_mark_read_without_js_redirects_back(client_for, pupil):
    notification = NotificationFactory(recipient=pupil)
    response = client_for(pupil).post(reverse("notifications:mark_read", args=[notification.pk]) + "?page=2")
    assert response.status_code == 302
    assert response["Location"] == f"{INBOX}?page=2"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_with_htmx_returns_the_item_and_the_new_badge(client_for, pupil):
    notification, _ = NotificationFactory.create_batch(2, recipient=pupil)
    response = client_for(pupil).post(
        reverse("notifications:mark_read", args=[notification.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert f'id="notification-{notification.pk}"' in response.text
    assert "Mark read" not in response.text
    assert 'id="unread-badge" hx-swap-oob="true"' in response.text
    assert ">1<" in response.text


def test_mark_read_of_someone_elses_notification_is_404(client_for, pupil):
    other = NotificationFactory(recipient=PupilFactory(school=pupil.school))
    response = client_for(pupil).post(reverse("notifications:mark_read", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_read_needs_post(client_for, pupil):
    notification = NotificationFactory(recipient=pupil)
    assert client_for(pupil).get(reverse("notifications:mark_read", args=[notification.pk])).status_code == 405


def test_mark_all_read_without_js(client_for, pupil):
    NotificationFactory.create_batch(3, recipient=pupil)
    other = NotificationFactory(recipient=PupilFactory(school=pupil.school))
    response = client_for(pupil).post(reverse("notifications:mark_all_read"), follow=True)
    assert "Marked 3 notifications as read." in response.text
    assert not Notification.objects.filter(recipient=pupil, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read_with_htmx_returns_the_list(client_for, pupil):
    NotificationFactory.create_batch(2, recipient=pupil)
    response = client_for(pupil).post(reverse("notifications:mark_all_read"), headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<div id="inbox-list">')
    assert "Mark read" not in response.text
    assert '<span id="unread-badge" hx-swap-oob="true"></span>' in response.text


def test_preferences_save_each_channel(client_for, staff):
    response = client_for(staff).post(
        reverse("notifications:preferences"),
        {"kinds": [NotificationKind.STAGE_DEADLINE], "weekly_digest": "on"},
        follow=True,
    )
    assert "Your notification choices are saved." in response.text
    preference = NotificationPreference.objects.get(membership=staff)
    assert NotificationKind.ANNOUNCEMENT in preference.muted_kinds
    assert NotificationKind.STAGE_DEADLINE not in preference.muted_kinds
    assert preference.email_enabled is False
    assert preference.weekly_digest is True
    assert preference.child_copies is False


def test_preferences_reject_an_unknown_kind(client_for, staff):
    response = client_for(staff).post(reverse("notifications:preferences"), {"kinds": ["nonsense"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not NotificationPreference.objects.exists()


def test_parent_can_opt_in_to_copies_about_their_child(client_for, parent):
    client_for(parent).post(reverse("notifications:preferences"), {"child_copies": "on", "email_enabled": "on"})
    assert NotificationPreference.objects.get(membership=parent).child_copies is True


def test_pupil_without_email_is_not_offered_email_switches(client_for, pupil):
    response = client_for(pupil).get(reverse("notifications:preferences"))
    assert "There is no email address on your account" in response.text
    assert "weekly_digest" not in response.text
    assert "child_copies" not in response.text


def failed_delivery(school):
    return EmailDeliveryFactory(
        notification__recipient=StaffFactory(school=school),
        status=EmailStatus.FAILED,
        failed_at="2026-11-20T10:00Z",
        attempts=4,
        last_error="SMTPServerDisconnected: gone",
    )


def test_staff_see_their_schools_failed_emails(client_for, staff):
    own = failed_delivery(staff.school)
    other = failed_delivery(StaffFactory().school)
    response = client_for(staff).get(reverse("notifications:failed_emails"))
    assert response.status_code == 200
    assert own.to_address in response.text
    assert "SMTPServerDisconnected: gone" in response.text
    assert other.to_address not in response.text


@pytest.mark.parametrize("who", ["pupil", "parent"])
def test_failed_emails_page_is_403_for_non_staff(client_for, request, who):
    assert client_for(request.getfixturevalue(who)).get(reverse("notifications:failed_emails")).status_code == 403


def test_inbox_links_failed_emails_for_staff_only(client_for, staff, pupil):
    link = reverse("notifications:failed_emails")
    assert link in client_for(staff).get(INBOX).text
    assert link not in client_for(pupil).get(INBOX).text


def test_failed_emails_page_has_an_empty_state(client_for, staff):
    assert "No failed emails." in client_for(staff).get(reverse("notifications:failed_emails")).text


def test_staff_send_a_failed_email_again(client_for, staff, mailoutbox, django_capture_on_commit_callbacks):
    delivery = failed_delivery(staff.school)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(reverse("notifications:retry_email", args=[delivery.pk]))
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == EmailStatus.SENT
    assert len(mailoutbox) == 1
    assert OutboxMessage.objects.get().dispatched_at is not None


def test_retrying_another_schools_email_is_404(client_for, staff):
    other = failed_delivery(StaffFactory().school)
    assert client_for(staff).post(reverse("notifications:retry_email", args=[other.pk])).status_code == 404


def test_retrying_is_403_for_pupils(client_for, pupil):
    delivery = failed_delivery(pupil.school)
    assert client_for(pupil).post(reverse("notifications:retry_email", args=[delivery.pk])).status_code == 403
