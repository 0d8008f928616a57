from django.db import transaction

from audit.services import log_action
from people.models import Membership, Role, School
from people.second_step.selectors import METHOD_NAMES


@transaction.atomic
def school_set_second_step(*, school: School, actor: Membership, on: bool) -> None:
    """A leader decides whether the school's adults need a second step to open pupils' data."""
    school = School.objects.select_for_update().get(pk=school.pk)
    if school.adults_need_second_step == on:
        return
    school.adults_need_second_step = on
    school.save(update_fields=["adults_need_second_step"])
    log_action(actor=actor.user, verb="second_step.school", target=school, data={"kind": "on" if on else "off"})


def second_step_refusal_log(*, membership: Membership, path: str) -> None:
    """An adult without a second step tried to open a pupil's data: the safeguarding lead can see it."""
    log_action(actor=membership.user, verb="second_step.refused", target=membership, data={"path": path[:200]})


@transaction.atomic
def authenticator_change_log(*, user, authenticator, added: bool) -> None:
    """A second step set up or removed, logged in every school where the person works as an adult."""
    verb = "second_step.add" if added else "second_step.remove"
    kind = METHOD_NAMES.get(authenticator.type, authenticator.type)
    for membership in Membership.objects.filter(user=user, role__in=[Role.STAFF, Role.LEADER]).only("pk", "school_id"):
        log_action(actor=user, verb=verb, target=membership, data={"kind": kind})
