"""Weekly digest: a person who chose it gets one email bundling the week's items, once."""

import pytest

from people.models import EmailDelivery, EmailStatus, Notification, NotificationKind
from people.notifications.services import digests_build, notify
from people.tasks import digests_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def digest_reader(staff, prefer):
    prefer(staff, weekly_digest=True)
    return staff


def tell(recipient, n):
    notify(kind=NotificationKind.ANNOUNCEMENT, subject=f"news:{n}", recipients=[recipient], title=f"News {n}", url="/x")


def test_digest_bundles_the_weeks_items_into_one_email(digest_reader, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            tell(digest_reader, n)
        assert mailoutbox == []
        assert digests_build(period="2026-W48") == 1
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [digest_reader.user.email]
    assert email.subject == "Your week on coproschool: 3 updates"
    assert all(f"News {n}" in email.body for n in range(3))
    assert "http://127.0.0.1:8000/x" in email.body or "/x" in email.body
    assert Notification.objects.filter(digest__status=EmailStatus.SENT).count() == 3


def test_digest_task_run_twice_sends_one_email(digest_reader, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell(digest_reader, 1)
        digests_send.delay()
        digests_send.delay()
    assert len(mailoutbox) == 1
    assert EmailDelivery.objects.count() == 1


def test_item_after_this_weeks_digest_waits_for_next_week(
    digest_reader, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tell(digest_reader, 1)
        digests_build(period="2026-W48")
        tell(digest_reader, 2)
        assert digests_build(period="2026-W48") == 0
        assert digests_build(period="2026-W49") == 1
    assert [len(m.body.split("* ")) - 1 for m in mailoutbox] == [1, 1]
    assert "News 2" in mailoutbox[1].body


def test_people_without_digest_get_no_digest(staff, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell(staff, 1)
        assert digests_build(period="2026-W48") == 0
    assert len(mailoutbox) == 1  # the immediate email only
