from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from audit.models import LogEntry


def _scope(target: models.Model, name: str) -> int | None:
    """Most targets carry their school and project; an entry about a school or a project is its own scope."""
    if target._meta.model_name == name:
        return target.pk
    return getattr(target, f"{name}_id", None)


def log_action(
    *,
    actor: Any,
    verb: str,
    target: models.Model,
    data: dict | None = None,
    school_id: int | None = None,
    project_id: int | None = None,
    person: Any = None,
) -> LogEntry:
    """Append one entry; called inside the service's transaction so the entry stands or falls with the action.

    `school_id` and `project_id` default to the target's; pass them when the target does not carry them.
    """
    return LogEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        data=data or {},
        school_id=school_id or _scope(target, "school"),
        project_id=project_id or _scope(target, "project"),
        person=person if getattr(person, "pk", None) else None,
    )
