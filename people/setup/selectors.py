"""Reads of school setup: the checklist and the invitations."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from people.models import Membership, Role, School, StaffInvitation
from people.setup.steps import STEPS


@dataclass(frozen=True)
class ChecklistItem:
    title: str
    explanation: str
    url: str
    done: bool


def school_setup_checklist(*, school: School) -> list[ChecklistItem]:
    return [
        ChecklistItem(step.title, step.explanation, reverse(step.url_name), step.is_done(school))
        for step in sorted(STEPS.values(), key=lambda step: step.order)
    ]


def staff_invitation_by_token(*, token: str) -> StaffInvitation | None:
    return StaffInvitation.objects.select_related("school").filter(token=token).first()


def staff_invitations_open(*, school: School) -> QuerySet[StaffInvitation]:
    return StaffInvitation.objects.filter(school=school, accepted_at__isnull=True).select_related("invited_by__user")


def school_staff(*, school: School) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(school=school, role__in=[Role.STAFF, Role.LEADER], is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
