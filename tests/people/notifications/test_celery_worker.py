"""Integration: a real Celery worker (in a thread) consuming from the machine's Redis.

These tests never skip: if Redis is unreachable they fail with the command that starts it.
Each test run uses its own queue, so stale messages or other people's workers on the same Redis
cannot interfere.
"""

import threading
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta

import pytest
import redis
from celery.app import autoretry
from celery.contrib.testing.worker import TestWorkController, setup_app_for_worker
from celery.worker import state as worker_state
from django.urls import reverse
from django.utils import timezone

from coproschool.celery import app
from people.models import EmailDelivery, EmailStatus, Notification, OutboxMessage
from people.tasks import outbox_drain, reminder_run, send_emails
from projects.models import Project, ProjectMembership, ProjectRole, Stage, StageDeadline
from tests.factories import EmailDeliveryFactory, PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
START_REDIS = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'
CLOSED_PORT_URL = "redis://127.0.0.1:9/0"  # the discard port: nothing listens, like a stopped Redis
QUEUE = f"test-notifications-{uuid.uuid4().hex[:8]}"


def _point_broker_at(url: str) -> None:
    """Publishers take connections from pools made from the URL; drop them so the next publish uses `url`."""
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(settings):
    url = settings.REDIS_URL or DEFAULT_REDIS_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis at {url} is unreachable ({error}). Start it with: {START_REDIS}", pytrace=False)
    keys = ["task_always_eager", "broker_url", "result_backend", "task_routes", "worker_hijack_root_logger"]
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(
        task_always_eager=False,
        result_backend=None,
        task_routes={"people.*": {"queue": QUEUE}},
        worker_hijack_root_logger=False,
    )
    app.amqp.flush_routes()
    _point_broker_at(url)
    yield url
    app.conf.update(saved)
    app.amqp.flush_routes()
    _point_broker_at(saved["broker_url"])


class ThreadedWorker(TestWorkController):
    """start_worker()'s worker, without the asynchronous event loop: that loop is process-global in
    kombu, so two workers in one process would share it and hang. The blocking loop is per worker."""

    def should_use_eventloop(self):
        return False


@contextmanager
def running_workers(count: int):
    """`count` real workers (threads, solo pool) consuming this run's queue, stopped together
    (Celery stops test workers through one process-wide flag, so they cannot be stopped one by one)."""
    setup_app_for_worker(app, loglevel="WARNING", logfile=None)
    workers = [
        ThreadedWorker(
            app=app,
            concurrency=1,
            pool="solo",
            hostname=f"worker{n}-{QUEUE}@test",
            queues=[QUEUE],
            loglevel="WARNING",
            logfile=None,
            ready_callback=None,
            without_heartbeat=True,
            without_mingle=True,
            without_gossip=True,
        )
        for n in range(count)
    ]
    threads = [threading.Thread(target=worker.start, daemon=True) for worker in workers]
    for thread, worker in zip(threads, workers, strict=True):
        thread.start()
        worker.ensure_started()
    try:
        yield workers
    finally:
        worker_state.should_terminate = 0
        for thread in threads:
            thread.join(30)
        worker_state.should_terminate = None
        assert not any(thread.is_alive() for thread in threads), "a worker did not stop within 30 s"


@pytest.fixture
def worker(broker):
    with running_workers(1) as (running,):
        yield running


@pytest.fixture
def two_workers(broker):
    with running_workers(2) as running:
        yield running


def wait_for(condition, *, timeout: float = 30, what: str = "the worker to finish") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"Timed out after {timeout} s waiting for {what}")


def settle(seconds: float = 1.0) -> None:
    """Give a worker time to (wrongly) do more: exactly-once claims need a quiet period to check."""
    time.sleep(seconds)


@pytest.fixture
def deadline_in_two_days(school):
    project = Project.objects.create(school=school, title="Garden", summary="Grow food", stage=Stage.CO_DELIVER)
    for membership in [StaffFactory(school=school), StaffFactory(school=school), PupilFactory(school=school)]:
        role = ProjectRole.MEMBER if membership.is_pupil else ProjectRole.FACILITATOR
        ProjectMembership.objects.create(project=project, membership=membership, role=role)
    due_on = timezone.localdate() + timedelta(days=2)
    return StageDeadline.objects.create(project=project, stage=Stage.CO_DELIVER, due_on=due_on)


def test_reminder_task_run_twice_delivers_once(worker, deadline_in_two_days, mailoutbox):
    reminder_run.delay(name="stage_deadline")
    reminder_run.delay(name="stage_deadline")
    wait_for(lambda: EmailDelivery.objects.filter(status=EmailStatus.SENT).count() == 2, what="two emails sent")
    wait_for(lambda: not OutboxMessage.objects.filter(dispatched_at__isnull=True).exists(), what="outbox empty")
    settle()
    assert Notification.objects.count() == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(EmailDelivery.objects.values_list("to_address", flat=True))
    assert len(mailoutbox) == 2


def test_two_workers_racing_on_the_same_reminder_deliver_once(two_workers, deadline_in_two_days, mailoutbox):
    for _ in range(4):
        reminder_run.delay(name="stage_deadline")
    wait_for(lambda: EmailDelivery.objects.filter(status=EmailStatus.SENT).count() == 2, what="two emails sent")
    settle(2)
    assert Notification.objects.count() == 3
    assert len(mailoutbox) == 2
    assert len({m.to[0] for m in mailoutbox}) == 2


def test_two_workers_sending_the_same_batch_send_each_email_once(two_workers, mailoutbox):
    deliveries = [EmailDeliveryFactory().pk for _ in range(20)]
    barrier = threading.Barrier(2)

    def publish():
        barrier.wait()
        send_emails.delay(delivery_ids=deliveries)

    publishers = [threading.Thread(target=publish) for _ in range(2)]
    for thread in publishers:
        thread.start()
    for thread in publishers:
        thread.join()
    wait_for(lambda: EmailDelivery.objects.filter(status=EmailStatus.SENT).count() == 20, what="20 emails sent")
    settle()
    assert len(mailoutbox) == 20


def test_failing_email_backend_is_retried_with_backoff_then_marked_failed(worker, failing_email_backend, monkeypatch):
    # Celery's own backoff, on a clock of seconds instead of minutes: factor 1 s, no jitter.
    countdowns = []
    real_backoff = autoretry.get_exponential_backoff_interval

    def fast_backoff(*, factor, retries, maximum, full_jitter):
        assert (factor, maximum, full_jitter) == (60, 3600, True)  # what production uses
        countdowns.append(real_backoff(factor=1, retries=retries, maximum=maximum, full_jitter=False))
        return countdowns[-1]

    monkeypatch.setattr(autoretry, "get_exponential_backoff_interval", fast_backoff)
    delivery = EmailDeliveryFactory()
    send_emails.delay(delivery_ids=[delivery.pk])
    wait_for(
        lambda: EmailDelivery.objects.filter(pk=delivery.pk, status=EmailStatus.FAILED).exists(),
        timeout=40,
        what="the email to be marked failed",
    )
    delivery.refresh_from_db()
    assert delivery.attempts == 1 + send_emails.max_retries
    assert countdowns == [1, 2, 4]
    assert "SMTPServerDisconnected" in delivery.last_error


def test_redis_down_during_a_request_then_work_is_delivered_when_it_returns(
    worker, broker, client_for, staff, mailoutbox
):
    delivery = EmailDeliveryFactory(
        notification__recipient=StaffFactory(school=staff.school),
        status=EmailStatus.FAILED,
        failed_at=timezone.now(),
        last_error="SMTPServerDisconnected",
    )
    client = client_for(staff)

    _point_broker_at(CLOSED_PORT_URL)
    try:
        started = time.monotonic()
        response = client.post(reverse("notifications:retry_email", args=[delivery.pk]))
        elapsed = time.monotonic() - started
    finally:
        _point_broker_at(broker)

    assert response.status_code == 302
    assert elapsed < 5, f"the request waited {elapsed:.1f} s for the broker"
    message = OutboxMessage.objects.get()
    assert message.dispatched_at is None
    assert message.last_error
    settle()
    assert mailoutbox == []

    # Redis is back: beat's periodic drain hands the message over and the worker sends the email.
    outbox_drain.delay()
    wait_for(lambda: EmailDelivery.objects.filter(pk=delivery.pk, status=EmailStatus.SENT).exists(), what="sent")
    assert len(mailoutbox) == 1
    message.refresh_from_db()
    assert message.dispatched_at is not None
