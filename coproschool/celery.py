"""The one place Celery is wired to Django (STYLE: Celery wiring lives here only)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproschool.settings")

app = Celery("coproschool")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
