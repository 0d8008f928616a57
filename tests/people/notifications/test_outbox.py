"""The outbox: tasks are queued after the commit and wait in the database while the broker is down."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coproschool.celery import app
from people.models import OutboxMessage
from people.notifications.outbox import enqueue, outbox_dispatch
from people.tasks import outbox_drain, send_emails
from tests.factories import EmailDeliveryFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT_URL = "redis://127.0.0.1:9/0"  # the discard port: nothing listens there


@pytest.fixture
def broker_down():
    """Celery is not eager and its broker refuses connections (Redis stopped, as far as it knows)."""
    previous = app.conf.broker_url, app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.conf.broker_url = CLOSED_PORT_URL
    app._pool = None
    app.amqp._producer_pool = None
    yield
    app.conf.broker_url, app.conf.task_always_eager = previous
    app._pool = None
    app.amqp._producer_pool = None


def test_enqueue_hands_the_task_over_after_the_commit(mailoutbox, django_capture_on_commit_callbacks):
    delivery = EmailDeliveryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue(send_emails, delivery_ids=[delivery.pk])
        assert mailoutbox == []
    message.refresh_from_db()
    assert message.dispatched_at is not None
    assert message.attempts == 1
    assert len(mailoutbox) == 1


def test_broker_down_leaves_the_message_pending_without_raising(broker_down, django_capture_on_commit_callbacks):
    delivery = EmailDeliveryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue(send_emails, delivery_ids=[delivery.pk])
    message.refresh_from_db()
    assert message.dispatched_at is None
    assert message.attempts == 1
    assert "Connection refused" in message.last_error or "Error" in message.last_error


def test_drain_hands_over_pending_messages_once(mailoutbox):
    delivery = EmailDeliveryFactory()
    OutboxMessage.objects.create(task_name=send_emails.name, kwargs={"delivery_ids": [delivery.pk]})
    assert outbox_drain.delay().get() == 1
    assert outbox_drain.delay().get() == 0
    assert len(mailoutbox) == 1
    assert OutboxMessage.objects.get().dispatched_at is not None


def test_an_unknown_task_does_not_block_the_drain(mailoutbox):
    delivery = EmailDeliveryFactory()
    bad = OutboxMessage.objects.create(task_name="people.no_such_task", kwargs={})
    OutboxMessage.objects.create(task_name=send_emails.name, kwargs={"delivery_ids": [delivery.pk]})
    assert outbox_dispatch() == 1
    bad.refresh_from_db()
    assert bad.dispatched_at is None
    assert "No task named" in bad.last_error
    assert len(mailoutbox) == 1


def test_drain_prunes_old_handed_over_messages_but_never_pending_ones():
    old = timezone.now() - timedelta(days=8)
    OutboxMessage.objects.create(task_name="people.outbox_drain", dispatched_at=old)
    recent = OutboxMessage.objects.create(task_name="people.outbox_drain", dispatched_at=timezone.now())
    waiting = OutboxMessage.objects.create(task_name="people.no_such_task")
    OutboxMessage.objects.filter(pk=waiting.pk).update(created_at=old)
    outbox_drain.delay()
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
