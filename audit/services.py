from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from audit.models import LogEntry


def log_action(*, actor: Any, verb: str, target: models.Model, data: dict | None = None) -> LogEntry:
    """Append one entry; called inside the service's transaction so the entry stands or falls with the action."""
    return LogEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        data=data or {},
    )
