import pytest
from django.urls import reverse

from people.models import EmailStatus
from tests.factories import EmailDeliveryFactory, NotificationFactory

pytestmark = pytest.mark.django_db
MODELS = ["notification", "notificationpreference", "emaildelivery", "outboxmessage"]


@pytest.mark.parametrize("model", MODELS)
def test_support_staff_can_list_notification_records(admin_client, model):
    NotificationFactory()
    response = admin_client.get(reverse(f"admin:people_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_notification_records_cannot_be_added_from_the_admin(admin_client, model):
    assert admin_client.get(reverse(f"admin:people_{model}_add")).status_code == 403


def test_a_failed_email_is_visible_with_its_error_count(admin_client):
    EmailDeliveryFactory(
        subject="Vote closes tomorrow", status=EmailStatus.FAILED, attempts=5, failed_at="2026-11-20T10:00Z"
    )
    response = admin_client.get(reverse("admin:people_emaildelivery_changelist") + "?status__exact=failed")
    assert "Vote closes tomorrow" in response.text
