"""The one next step for a viewer in a project: what they can do now, and the page where it is done.

Every page that shows a next step (the project page, the homes) calls `next_step`. In order:
the ballot of an open vote they may still cast; a stage move waiting for them to confirm; the first
missing item of the stage's gate that they can do (`projects.gates`, which says where it is done);
proposing the move once the gate is met (for a lead or the facilitator); what a member does in this
stage (their idea, their tasks, the survey). When what is missing is for someone else, the step says so and names them
("Waiting for Ms Rivera to confirm the move to Co-deliver") and has no link.
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone

from people.models import Membership
from projects.gates import Missing, Who, gate_missing
from projects.gates.registry import MEMBER_STEPS, RUNNERS
from projects.models import (
    Adoption,
    Decision,
    DecisionStatus,
    JoinRequest,
    JoinRequestStatus,
    Project,
    ProjectRole,
    Stage,
    StageProposal,
    VoterRecord,
)
from projects.selectors.projects import MEMBERS_PREFETCH


@dataclass(frozen=True)
class Step:
    """`url`: the page where it is done (None: nothing for this viewer to do, or waiting for others).

    `form` names the project page's own form for it ("confirm", "propose", "take_on"), which that
    page shows in place of the link; `proposal` is the proposal to confirm."""

    text: str
    url: str | None = None
    form: str = ""
    waiting: bool = False
    proposal: StageProposal | None = None


def next_step(*, viewer: Membership, project: Project, proposal: StageProposal | None = None) -> Step:
    """`proposal`: the project's open stage proposal when the caller has it (the project page)."""
    prefetch_related_objects([project], MEMBERS_PREFETCH)  # names and roles; a no-op once prefetched
    role = project.role_of(viewer)
    stage = Stage(project.stage)
    if stage == Stage.COMPLETED:
        if role and viewer.is_pupil:
            return Step("All done! See it in your portfolio.", reverse("projects:portfolio", args=[viewer.pk]))
        return Step("This project is completed. Well done!")
    if ballot := _ballot_waiting(viewer, project, in_project=role is not None):
        return Step(f"Vote in “{ballot.title}”", reverse("projects:decision_detail", args=[ballot.pk]))
    if role is None:
        return _outsider_step(viewer, project)
    if proposal is None:
        proposal = project.stage_proposals.filter(status=StageProposal.Status.OPEN).first()
    if proposal is not None:
        return _proposal_step(viewer, project, role, proposal)
    missing = gate_missing(project)
    for item in missing:
        if item.who.admits(viewer, role):
            return _do(item, project)
    if not missing and role in RUNNERS:
        return Step(f"Propose moving to {stage.next.label}", project.get_absolute_url(), form="propose")
    for member_step in MEMBER_STEPS.get(stage, []):
        if item := member_step(project, viewer):
            return _do(item, project)
    if missing:
        return _waiting(project, missing[0])
    return Step(f"Waiting for {_names(project, Who.RUNNER)} to propose moving to {stage.next.label}.", waiting=True)


def _ballot_waiting(viewer: Membership, project: Project, *, in_project: bool) -> Decision | None:
    now = timezone.now()
    decisions = Decision.objects.filter(
        project=project, status=DecisionStatus.OPEN, opens_at__lte=now, closes_at__gt=now
    ).exclude(pk__in=VoterRecord.objects.filter(membership=viewer).values("decision"))
    # The electorate is JSON lists, checked on the loaded rows (as votes_waiting_for does).
    for decision in decisions.order_by("closes_at", "pk"):
        decision.project = project
        if decision.admits(viewer, in_project=in_project):
            return decision
    return None


def _outsider_step(viewer: Membership, project: Project) -> Step:
    """Someone not in the project: what the gate asks of staff or leaders, a leader's answer to the
    group's decision, else joining it."""
    for item in gate_missing(project):
        if item.who in (Who.STAFF, Who.LEADER) and item.who.admits(viewer, None):
            return _do(item, project)
    if viewer.is_leader and (waiting := _adoption_waiting(project)):
        return Step(
            f"Answer the group's decision “{waiting.title}”", reverse("projects:decision_adoption", args=[waiting.pk])
        )
    if JoinRequest.objects.filter(project=project, membership=viewer, status=JoinRequestStatus.PENDING).exists():
        return Step("You asked to join: a lead or facilitator will answer soon.", waiting=True)
    if viewer.is_pupil or viewer.is_parent:
        return Step("Ask to join this project", reverse("projects:project_join", args=[project.pk]))
    return Step("Read the needs this project answers.")


def _adoption_waiting(project: Project) -> Decision | None:
    """A closed decision leadership has not answered yet: adopt it, or say why not."""
    closed = Decision.objects.filter(project=project, status=DecisionStatus.CLOSED, adoption=Adoption.PENDING)
    return closed.only("title").order_by("closed_at", "pk").first()


def _proposal_step(viewer: Membership, project: Project, role: str, proposal: StageProposal) -> Step:
    to = proposal.get_to_stage_display()
    proposer_role = next(
        (pm.role for pm in project.memberships.all() if pm.membership_id == proposal.proposed_by_id), None
    )
    # A lead and a facilitator move together: the confirmer is the other side of the proposer.
    confirmer = ProjectRole.FACILITATOR if proposer_role == ProjectRole.LEAD else ProjectRole.LEAD
    if role == confirmer and proposal.proposed_by_id != viewer.pk:
        return Step(f"Confirm the move to {to}", project.get_absolute_url(), form="confirm", proposal=proposal)
    who = Who.FACILITATOR if confirmer == ProjectRole.FACILITATOR else Who.LEAD
    return Step(f"Waiting for {_names(project, who)} to confirm the move to {to}.", waiting=True)


def _do(item: Missing, project: Project) -> Step:
    form = "take_on" if item.who == Who.STAFF else ""
    return Step(item.action or item.text, item.url, form=form)


def _waiting(project: Project, item: Missing) -> Step:
    return Step(item.waiting or f"Waiting for {_names(project, item.who)}: {item.text}", waiting=True)


def _names(project: Project, who: Who) -> str:
    """The people who can do it, by name where the project has them ("Ms Rivera", "Ana or Ms Rivera")."""
    roles = {Who.LEAD: [ProjectRole.LEAD], Who.FACILITATOR: [ProjectRole.FACILITATOR], Who.RUNNER: list(RUNNERS)}
    names = [pm.membership.user.display_name for pm in project.memberships.all() if pm.role in roles.get(who, [])]
    if not names:
        return str(who.label)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
