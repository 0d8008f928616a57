import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker(client, settings):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    expected_broker = "eager" if settings.CELERY_TASK_ALWAYS_EAGER else "ok"
    assert response.json() == {"database": "ok", "broker": expected_broker}


def test_healthz_reports_unreachable_broker(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    body = client.get(reverse("healthz")).json()
    assert body["broker"].startswith("error")


def test_healthz_is_503_when_database_is_down(client, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"].startswith("error")
