import pytest

from people.models import ConsentStatus, NotificationPreference
from tests.factories import GuardianLinkFactory


@pytest.fixture
def failing_email_backend(settings):
    settings.EMAIL_BACKEND = "tests.people.notifications.backends.FailingEmailBackend"


@pytest.fixture
def prefer():
    """`prefer(membership, **fields)` saves that person's notification preferences."""

    def save(membership, **fields):
        return NotificationPreference.objects.update_or_create(membership=membership, defaults=fields)[0]

    return save


@pytest.fixture
def consenting_parent(pupil, prefer):
    """A parent of `pupil` with consent given who opted in to copies about their child."""
    link = GuardianLinkFactory(pupil=pupil, consent_status=ConsentStatus.GIVEN, consent_changed_at="2026-01-01T00:00Z")
    prefer(link.parent, child_copies=True)
    return link.parent
