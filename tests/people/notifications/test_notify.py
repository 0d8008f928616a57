"""notify(): one inbox item per person and key, emails by preference, queued after the commit."""

import pytest
from django.db import transaction

from people.models import (
    ConsentStatus,
    EmailChannel,
    EmailDelivery,
    EmailStatus,
    Membership,
    Notification,
    NotificationKind,
    OutboxMessage,
)
from people.notifications.services import notify, subject_key
from tests.factories import GuardianLinkFactory, ParentFactory, StaffFactory

pytestmark = pytest.mark.django_db

KIND = NotificationKind.ANNOUNCEMENT


def announce(recipients, *, subject="announcement:1", period="", title="Trip on Friday"):
    notify(kind=KIND, subject=subject, recipients=recipients, period=period, title=title, body="Bring a coat.", url="/")


def test_it_puts_one_item_in_each_recipients_inbox(pupil, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        announce([pupil, staff])
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {pupil.pk, staff.pk}


def test_it_notifies_and_emails_once_when_called_twice(staff, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        announce([staff])
        announce([staff])
    assert Notification.objects.filter(recipient=staff).count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [staff.user.email]
    assert mailoutbox[0].subject == "Trip on Friday"
    assert EmailDelivery.objects.get().status == EmailStatus.SENT


def test_it_notifies_again_for_a_new_period(staff, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        announce([staff], period="2026-11-25")
        announce([staff], period="2026-11-26")
    assert Notification.objects.filter(recipient=staff).count() == 2
    assert len(mailoutbox) == 2


def test_subject_key_names_the_object(pupil):
    assert subject_key(pupil) == f"people.membership:{pupil.pk}"
    assert subject_key("termly-report") == "termly-report"


def test_pupil_without_email_gets_the_inbox_only(pupil, mailoutbox, django_capture_on_commit_callbacks):
    assert pupil.user.email is None
    with django_capture_on_commit_callbacks(execute=True):
        announce([pupil])
    assert Notification.objects.get(recipient=pupil).email == EmailChannel.NONE
    assert mailoutbox == []


def test_inbox_channel_muted_kind_creates_nothing(staff, prefer, mailoutbox, django_capture_on_commit_callbacks):
    prefer(staff, muted_kinds=[KIND])
    with django_capture_on_commit_callbacks(execute=True):
        announce([staff])
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_email_channel_turned_off_keeps_the_inbox_item(staff, prefer, mailoutbox, django_capture_on_commit_callbacks):
    prefer(staff, email_enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        announce([staff])
    assert Notification.objects.get(recipient=staff).email == EmailChannel.NONE
    assert mailoutbox == []


def test_digest_channel_sends_no_email_now(staff, prefer, mailoutbox, django_capture_on_commit_callbacks):
    prefer(staff, weekly_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        announce([staff])
    assert Notification.objects.get(recipient=staff).email == EmailChannel.DIGEST
    assert mailoutbox == []
    assert not EmailDelivery.objects.exists()


def test_parent_who_opted_in_gets_a_copy_about_their_child(
    pupil, consenting_parent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        announce([pupil])
    copy = Notification.objects.get(recipient=consenting_parent)
    assert copy.about == pupil
    assert copy.title == f"About {pupil.user.display_name}: Trip on Friday"
    assert [message.to for message in mailoutbox] == [[consenting_parent.user.email]]


def test_parent_who_did_not_opt_in_gets_no_copy(pupil, django_capture_on_commit_callbacks):
    link = GuardianLinkFactory(pupil=pupil, consent_status=ConsentStatus.GIVEN, consent_changed_at="2026-01-01T00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        announce([pupil])
    assert not Notification.objects.filter(recipient=link.parent).exists()


def test_parent_without_given_consent_gets_no_copy(pupil, prefer, django_capture_on_commit_callbacks):
    link = GuardianLinkFactory(
        pupil=pupil, consent_status=ConsentStatus.REFUSED, consent_changed_at="2026-01-01T00:00Z"
    )
    prefer(link.parent, child_copies=True)
    with django_capture_on_commit_callbacks(execute=True):
        announce([pupil])
    assert not Notification.objects.filter(recipient=link.parent).exists()


def test_parent_who_is_also_a_recipient_gets_their_own_item_not_a_copy(
    pupil, consenting_parent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        announce([pupil, consenting_parent])
    assert Notification.objects.get(recipient=consenting_parent).about is None


def test_inactive_members_are_not_notified(school, django_capture_on_commit_callbacks):
    gone = StaffFactory(school=school, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        announce([gone])
    assert not Notification.objects.exists()


def test_emails_are_queued_only_after_the_commit(staff, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        announce([staff])
        # Inside the transaction: the work is recorded in the outbox, nothing is sent yet.
        assert OutboxMessage.objects.filter(task_name="people.send_emails", dispatched_at__isnull=True).count() == 1
        assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    assert OutboxMessage.objects.get().dispatched_at is not None


def test_a_rolled_back_transaction_queues_nothing(staff, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                announce([staff])
                raise RuntimeError("the business write failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert mailoutbox == []


def test_parent_queryset_recipients_are_accepted(school, django_capture_on_commit_callbacks):
    ParentFactory.create_batch(3, school=school)
    with django_capture_on_commit_callbacks(execute=True):
        announce(Membership.objects.filter(school=school))
    assert Notification.objects.count() == 3
