"""The stage machine: the only code that writes `Project.stage`.

A forward move needs the project's pupil lead and its facilitator: either proposes
(`stage_propose`), the other confirms (`stage_confirm`), and the gate of the stage being left must
pass. A facilitator alone may move forward only by overriding, with a written reason that the
timeline shows. Moving back to an earlier stage needs a reason and no gate (groups revisit
decisions). Every move is a `StageTransition` row.

The gates, one per stage being left, live in `projects.gates`: each lists what is still missing,
with the page where it is done; a move checks the words (`gate_problems`).

Other apps react to a project entering a stage with `on_stage_entry` (e.g. evaluation opens the
project's "before" survey on entering co-design): the hook runs inside the move's transaction, so a
failing hook undoes the move, and the stage service needs no import of those apps.
"""

from collections.abc import Callable

from django.db import transaction

from audit.services import log_action
from people.models import Membership
from projects import notifications
from projects.errors import GateNotMet, NotAllowed
from projects.gates import gate_problems
from projects.models import Project, ProjectRole, Stage, StageProposal, StageTransition

EntryHook = Callable[[Project], None]


ENTRY_HOOKS: dict[Stage, list[EntryHook]] = {}


def on_stage_entry(stage: Stage) -> Callable[[EntryHook], EntryHook]:
    """Decorator for other apps: `@on_stage_entry(Stage.CO_DESIGN)` runs the hook with the project
    each time it enters that stage, inside the move's transaction (queue notifications on commit)."""

    def decorator(hook: EntryHook) -> EntryHook:
        hooks = ENTRY_HOOKS.setdefault(stage, [])
        if hook not in hooks:
            hooks.append(hook)
        return hook

    return decorator


def _role(project: Project, membership: Membership) -> str | None:
    return (
        project.memberships.filter(membership=membership).values_list("role", flat=True).first() if membership else None
    )


def _check_target(project: Project, to_stage: Stage) -> bool:
    """True for a forward move; raises for a stage that is neither next nor earlier."""
    current = Stage(project.stage)
    if to_stage == current:
        raise NotAllowed(f"The project is already in {current.label}.")
    if to_stage.position < current.position:
        return False
    if to_stage != current.next:
        raise NotAllowed(f"From {current.label} the project can only move on to {current.next.label}.")
    return True


@transaction.atomic
def project_move_stage(
    *,
    project: Project,
    actor: Membership,
    to_stage: Stage | str,
    reason: str = "",
    override: bool = False,
    proposed_by: Membership | None = None,
) -> StageTransition:
    """Move `project` to `to_stage`, checking who may and the gate; record the move.

    Forward: `actor` confirms a move `proposed_by` the other side (lead ↔ facilitator), and the gate
    must pass; or `actor` is a facilitator with `override=True` and a reason. Backward: a lead or
    facilitator with a reason.
    """
    to_stage = Stage(to_stage)
    reason = reason.strip()
    project = Project.objects.select_for_update().get(pk=project.pk)
    forward = _check_target(project, to_stage)
    actor_role = _role(project, actor)
    if actor_role not in (ProjectRole.LEAD, ProjectRole.FACILITATOR):
        raise NotAllowed("Only the project's pupil leads and facilitators move its stage.")
    if not forward:
        if not reason:
            raise NotAllowed("Say why the project goes back a stage.")
    elif override:
        if actor_role != ProjectRole.FACILITATOR:
            raise NotAllowed("Only a facilitator may override a stage gate.")
        if not reason:
            raise NotAllowed("An override needs a written reason; it is shown on the timeline.")
    else:
        proposer_role = _role(project, proposed_by)
        if {actor_role, proposer_role} != {ProjectRole.LEAD, ProjectRole.FACILITATOR}:
            raise NotAllowed(
                "A pupil lead and a facilitator move the project together: one proposes, the other confirms."
            )
        problems = gate_problems(project)
        if problems:
            raise GateNotMet(problems)
    transition = StageTransition.objects.create(
        project=project,
        actor=actor,
        proposed_by=proposed_by if forward and not override else None,
        from_stage=project.stage,
        to_stage=to_stage,
        reason=reason,
        is_override=forward and override,
    )
    log_action(
        actor=actor.user,
        verb="stage.override" if transition.is_override else "stage.move",
        target=project,
        data={"from": transition.from_stage, "to": to_stage, "transition": transition.pk},
    )
    project.stage = to_stage
    project.save(update_fields=["stage", "updated_at"])
    for hook in ENTRY_HOOKS.get(to_stage, []):
        hook(project)
    # Any open proposal is settled by the move (confirmed, or overtaken by it).
    StageProposal.objects.filter(project=project, status=StageProposal.Status.OPEN).update(
        status=StageProposal.Status.CONFIRMED if proposed_by else StageProposal.Status.WITHDRAWN
    )
    notifications.notify_stage_moved(transition=transition)
    return transition


@transaction.atomic
def stage_propose(*, project: Project, actor: Membership, reason: str = "") -> StageProposal:
    """A lead or facilitator proposes moving on to the next stage; the gate is checked now too."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    current = Stage(project.stage)
    if current.next is None:
        raise NotAllowed("The project is completed.")
    if _role(project, actor) not in (ProjectRole.LEAD, ProjectRole.FACILITATOR):
        raise NotAllowed("Only the project's pupil leads and facilitators propose a stage move.")
    if project.stage_proposals.filter(status=StageProposal.Status.OPEN).exists():
        raise NotAllowed("A move is already proposed: confirm or withdraw it first.")
    problems = gate_problems(project)
    if problems:
        raise GateNotMet(problems)
    proposal = StageProposal.objects.create(
        project=project, proposed_by=actor, from_stage=current, to_stage=current.next, reason=reason.strip()
    )
    notifications.notify_stage_proposed(proposal=proposal)
    return proposal


@transaction.atomic
def stage_confirm(*, proposal: StageProposal, actor: Membership) -> StageTransition:
    if proposal.status != StageProposal.Status.OPEN:
        raise NotAllowed("This proposal is no longer open.")
    if proposal.proposed_by_id == actor.pk:
        raise NotAllowed("Someone else must confirm your proposal: a facilitator, or a pupil lead.")
    if proposal.from_stage != proposal.project.stage:
        raise NotAllowed("The project has moved since this was proposed.")
    return project_move_stage(
        project=proposal.project,
        actor=actor,
        to_stage=proposal.to_stage,
        reason=proposal.reason,
        proposed_by=proposal.proposed_by,
    )


@transaction.atomic
def stage_withdraw(*, proposal: StageProposal, actor: Membership) -> None:
    """The proposer withdraws, or the other side declines: either way the proposal closes."""
    if _role(proposal.project, actor) not in (ProjectRole.LEAD, ProjectRole.FACILITATOR):
        raise NotAllowed("Only the project's pupil leads and facilitators settle a proposal.")
    updated = StageProposal.objects.filter(pk=proposal.pk, status=StageProposal.Status.OPEN).update(
        status=StageProposal.Status.WITHDRAWN
    )
    if updated != 1:
        raise NotAllowed("This proposal is no longer open.")
