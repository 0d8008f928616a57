"""Delivery as people expect: per-kind email choices, pupils' quiet hours, the inbox by day."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import EmailChannel, EmailDelivery, EmailStatus, Notification, NotificationKind
from people.notifications.services import emails_release_held, notify
from tests.factories import NotificationFactory, PupilFactory

pytestmark = pytest.mark.django_db

KIND = NotificationKind.ANNOUNCEMENT


def at(hour: int, minute: int = 0, day: int = 7) -> datetime:
    return timezone.make_aware(datetime(2026, 12, day, hour, minute))


@pytest.fixture
def clock(monkeypatch):
    """`clock(moment)` moves the app's clock (django.utils.timezone.now) to `moment`."""

    def move(moment: datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return move


def test_a_kind_chosen_for_the_digest_goes_in_the_digest_while_others_go_at_once(staff, prefer):
    prefer(staff, kind_channels={KIND: "digest"})
    notify(kind=KIND, subject="a:1", recipients=[staff], title="News")
    notify(kind=NotificationKind.STAGE_DEADLINE, subject="a:1", recipients=[staff], title="Soon")
    channels = dict(Notification.objects.values_list("kind", "email"))
    assert channels == {KIND: EmailChannel.DIGEST, NotificationKind.STAGE_DEADLINE: EmailChannel.IMMEDIATE}


def test_a_kind_chosen_inbox_only_sends_no_email(staff, prefer, mailoutbox, django_capture_on_commit_callbacks):
    prefer(staff, kind_channels={KIND: "inbox"})
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=KIND, subject="a:1", recipients=[staff], title="News")
    assert Notification.objects.get().email == EmailChannel.NONE and mailoutbox == []


def test_a_safeguarding_concern_cannot_be_switched_off(client_for, staff):
    page = client_for(staff).get(reverse("notifications:preferences"))
    row = page.text.split(f'id="kind-{NotificationKind.SAFEGUARDING_CONCERN}"')[1].split("</tr>")[0]
    assert "This cannot be switched off" in row and 'type="checkbox"' not in row
    client_for(staff).post(reverse("notifications:preferences"), {"kinds": []})
    notify(kind=NotificationKind.SAFEGUARDING_CONCERN, subject="r:1", recipients=[staff], title="Concern")
    notify(kind=KIND, subject="a:1", recipients=[staff], title="News")
    assert list(Notification.objects.values_list("kind", flat=True)) == [NotificationKind.SAFEGUARDING_CONCERN]


def test_the_preferences_page_saves_an_email_choice_per_kind(client_for, staff):
    client_for(staff).post(
        reverse("notifications:preferences"),
        {"kinds": [KIND], "email_enabled": "on", f"channel_{KIND}": "digest"},
    )
    assert staff.notification_preference.kind_channels == {KIND: "digest"}
    page = client_for(staff).get(reverse("notifications:preferences"))
    assert '<option value="digest" selected>' in page.text


def test_no_email_reaches_a_pupil_at_night_and_it_goes_in_the_morning(
    prefer, school, mailoutbox, django_capture_on_commit_callbacks, clock
):
    pupil = PupilFactory(school=school, user__email="kid@example.org")
    prefer(pupil, email_enabled=True)
    clock(at(22, 30))
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=KIND, subject="a:1", recipients=[pupil], title="Late news")
        assert emails_release_held() == 0
    assert mailoutbox == []
    delivery = EmailDelivery.objects.get()
    assert delivery.send_after == at(7, day=8) and delivery.status == EmailStatus.PENDING
    clock(at(6, 59, day=8))
    assert emails_release_held() == 0
    clock(at(7, 0, day=8))
    with django_capture_on_commit_callbacks(execute=True):
        assert emails_release_held() == 1
        assert emails_release_held() == 0
    assert [message.to for message in mailoutbox] == [["kid@example.org"]]


def test_adults_are_emailed_at_night(staff, mailoutbox, django_capture_on_commit_callbacks, clock):
    clock(at(23))
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=KIND, subject="a:1", recipients=[staff], title="Late news")
    assert len(mailoutbox) == 1


def test_an_email_carries_the_title_and_link_but_not_the_body(staff, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=KIND, subject="a:1", recipients=[staff], title="News", body="What a pupil wrote", url="/needs/1/")
    assert "What a pupil wrote" not in mailoutbox[0].body and "/needs/1/" in mailoutbox[0].body


def test_the_inbox_groups_notifications_by_day(client_for, pupil):
    today = NotificationFactory(recipient=pupil, title="From today")
    old = NotificationFactory(recipient=pupil, title="From before")
    Notification.objects.filter(pk=old.pk).update(created_at=today.created_at - timedelta(days=3))
    text = client_for(pupil).get(reverse("notifications:inbox")).text
    assert text.index(">Today<") < text.index("From today") < text.index("From before")
    assert text.count('aria-labelledby="day-') == 2


def test_mark_all_read_empties_the_unread_count(client_for, pupil):
    NotificationFactory.create_batch(3, recipient=pupil)
    response = client_for(pupil).post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=pupil, read_at__isnull=True).exists()
