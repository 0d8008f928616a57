"""Email delivery: claimed before sending, retried with backoff, marked failed for staff to see."""

import pytest

from people.models import EmailStatus
from people.notifications.services import emails_send
from people.tasks import send_emails
from tests.factories import EmailDeliveryFactory

pytestmark = pytest.mark.django_db


def test_send_emails_sends_and_marks_sent(mailoutbox):
    delivery = EmailDeliveryFactory()
    send_emails.delay(delivery_ids=[delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == EmailStatus.SENT
    assert delivery.sent_at is not None
    assert delivery.attempts == 1
    assert len(mailoutbox) == 1


def test_a_sent_email_is_not_sent_again_when_the_task_runs_twice(mailoutbox):
    delivery = EmailDeliveryFactory()
    send_emails.delay(delivery_ids=[delivery.pk])
    send_emails.delay(delivery_ids=[delivery.pk])
    assert len(mailoutbox) == 1


def test_an_email_claimed_by_another_worker_is_left_alone(mailoutbox):
    delivery = EmailDeliveryFactory(status=EmailStatus.SENDING, claim="other-worker")
    assert emails_send(delivery_ids=[delivery.pk], claim="me", final_attempt=False) == []
    assert mailoutbox == []
    delivery.refresh_from_db()
    assert (delivery.status, delivery.claim) == (EmailStatus.SENDING, "other-worker")


def test_in_process_a_failing_email_is_marked_failed_at_once(failing_email_backend):
    # Without a worker nobody would run a retry later (the real-worker test covers the retries).
    delivery = EmailDeliveryFactory()
    send_emails.delay(delivery_ids=[delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == EmailStatus.FAILED
    assert delivery.attempts == 1
    assert "SMTPServerDisconnected" in delivery.last_error
    assert delivery.failed_at is not None


def test_a_failure_before_the_last_try_goes_back_to_pending(failing_email_backend):
    delivery = EmailDeliveryFactory()
    assert emails_send(delivery_ids=[delivery.pk], claim="me", final_attempt=False) == [delivery.pk]
    delivery.refresh_from_db()
    assert delivery.status == EmailStatus.PENDING
    assert delivery.failed_at is None
    assert "SMTPServerDisconnected" in delivery.last_error


def test_send_emails_retries_with_exponential_backoff():
    assert send_emails.max_retries == 3
    assert send_emails.retry_backoff == 60
    assert send_emails.retry_jitter is True
