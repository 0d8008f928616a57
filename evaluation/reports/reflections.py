"""Writes for the group's reflections (co-evaluate): members add them, staff may hide one."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.services import log_action
from coproschool.hidden_content import content_hidden
from evaluation.models import Reflection, ReflectionKind
from people.models import Membership
from projects.models import Project, Stage
from projects.services.safeguarding import HELD_NOTICE, text_concern_raise


class ReflectionError(Exception):
    """A reflection rule was broken; the message is shown as it is."""


@transaction.atomic
def reflection_add(*, project: Project, author: Membership, kind: str, text: str) -> Reflection:
    if project.stage != Stage.CO_EVALUATE:
        raise ReflectionError("Reflections are written while the project is in co-evaluate.")
    if not project.memberships.filter(membership=author).exists():
        raise ReflectionError("Only the project's members write its reflections.")
    if kind not in ReflectionKind.values:
        raise ReflectionError("Choose what the reflection is about.")
    text = text.strip()
    if not text:
        raise ReflectionError("Write your reflection.")
    reflection = Reflection.objects.create(project=project, author=author, kind=kind, text=text)
    where = reverse("evaluation:project_reflections", args=[project.pk])
    if text_concern_raise(author=author, text=text, where=where):
        reflection.hidden_at = timezone.now()
        reflection.hidden_reason, reflection.hidden_for_safeguarding = HELD_NOTICE, True
        reflection.save(update_fields=["hidden_at", "hidden_reason", "hidden_for_safeguarding"])
    return reflection


@transaction.atomic
def reflection_hide(*, reflection: Reflection, staff: Membership, reason: str) -> Reflection:
    """Hide a reflection from the report and the group (kept, never deleted); the author reads why."""
    if not staff.is_staff_member or staff.school_id != reflection.project.school_id:
        raise ReflectionError("Only staff of the school hide a reflection.")
    reason = reason.strip()
    if not reason:
        raise ReflectionError("Give a reason: the author will read it.")
    limit = Reflection._meta.get_field("hidden_reason").max_length
    if len(reason) > limit:
        raise ReflectionError(f"Keep the reason under {limit} characters: the author will read it.")
    updated = Reflection.objects.filter(pk=reflection.pk, hidden_at__isnull=True).update(
        hidden_at=timezone.now(), hidden_reason=reason, hidden_by=staff
    )
    if updated != 1:
        raise ReflectionError("This reflection is already hidden.")
    content_hidden(reflection.project.school_id)
    log_action(
        actor=staff.user,
        verb="reflection.hide",
        target=reflection,
        data={"project": reflection.project_id},
        school_id=staff.school_id,
    )
    reflection.refresh_from_db()
    return reflection
