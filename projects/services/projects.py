"""Writes for projects: starting one from needs, taking it on, editing it, and who is in it."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from audit.services import log_action
from people.models import Membership
from people.taking_part import took_part
from projects import notifications
from projects.consent import require_taking_part
from projects.counters import count_add
from projects.errors import NotAllowed
from projects.models import (
    JoinRequest,
    JoinRequestStatus,
    Need,
    NeedStatus,
    Project,
    ProjectMembership,
    ProjectRole,
    Stage,
    StageDeadline,
)
from projects.services.answering import need_answered


def _link_needs(project: Project, needs: list[Need]) -> None:
    if not needs:
        raise NotAllowed("Choose at least one need that the project answers.")
    if any(need.school_id != project.school_id for need in needs):
        raise NotAllowed("Needs must belong to your school.")
    if any(need.status in (NeedStatus.MERGED, NeedStatus.DECLINED) or need.is_hidden for need in needs):
        raise NotAllowed("Merged, declined or hidden needs cannot start a project.")
    linked = set(project.needs.values_list("pk", flat=True))
    project.needs.add(*needs)
    count_add(Project, project.pk, need_count=len({need.pk for need in needs} - linked))
    # Taken up as a project: the need's answer (a "not now" one too).
    taken_up = Q(pk__in=[n.pk for n in needs], status__in=[NeedStatus.OPEN, NeedStatus.NOT_NOW])
    need_answered(needs=taken_up)
    Need.objects.filter(taken_up).update(status=NeedStatus.IN_PROJECT)


def _member_added(project_membership: ProjectMembership) -> None:
    facilitators = int(project_membership.role == ProjectRole.FACILITATOR)
    count_add(Project, project_membership.project_id, member_count=1, facilitator_count=facilitators)
    took_part(membership_ids=[project_membership.membership_id])


def _role_changed(project_membership: ProjectMembership, *, old: str, actor: Membership | None) -> None:
    new = project_membership.role
    change = int(new == ProjectRole.FACILITATOR) - int(old == ProjectRole.FACILITATOR)
    if change:
        count_add(Project, project_membership.project_id, facilitator_count=change)
    _log_role(project_membership, actor=actor, old=old)


def _log_role(project_membership: ProjectMembership, *, actor: Membership | None, old: str = "") -> None:
    """A project role given or changed, into the audit log: the roles as choices, the person by id."""
    person = project_membership.membership
    log_action(
        actor=actor.user if actor else None,
        verb="role.project",
        target=project_membership,
        data={"from": old, "to": project_membership.role},
        school_id=person.school_id,
        person=person.user,
    )


@transaction.atomic
def project_start(*, starter: Membership, needs: list[Need], title: str, summary: str) -> Project:
    """A pupil proposes a project (becomes its first pupil lead; it looks for a facilitator), or a
    staff member opens one (becomes its facilitator; it looks for a pupil lead)."""
    require_taking_part(starter)
    if starter.is_pupil:
        role = ProjectRole.LEAD
    elif starter.is_staff_member:
        role = ProjectRole.FACILITATOR
    else:
        raise NotAllowed("Pupils propose projects and staff open them; parents join projects they are invited to.")
    project = Project.objects.create(
        school=starter.school, title=title.strip(), summary=summary.strip(), created_by=starter
    )
    _link_needs(project, needs)
    notifications.notify_needs_in_project(project=project, needs=needs, actor=starter)
    _member_added(ProjectMembership.objects.create(project=project, membership=starter, role=role))
    return project


@transaction.atomic
def project_take_on(*, project: Project, staff: Membership) -> ProjectMembership:
    """A staff member becomes a facilitator of the project."""
    if not staff.is_staff_member or staff.school_id != project.school_id:
        raise NotAllowed("Only staff of this school facilitate its projects.")
    membership, created = ProjectMembership.objects.select_for_update().get_or_create(
        project=project, membership=staff, defaults={"role": ProjectRole.FACILITATOR}
    )
    if created:
        _member_added(membership)
        _log_role(membership, actor=staff)
        notifications.notify_project_taken_on(project_membership=membership)
    elif membership.role != ProjectRole.FACILITATOR:
        old, membership.role = membership.role, ProjectRole.FACILITATOR
        membership.save(update_fields=["role"])
        _role_changed(membership, old=old, actor=staff)
    return membership


@transaction.atomic
def project_update(
    *,
    project: Project,
    title: str,
    summary: str,
    what_you_get_back: str,
    visibility: str,
    needs: list[Need],
    deadlines: dict[str, datetime.date | None],
) -> Project:
    project.title = title.strip()
    project.summary = summary.strip()
    project.what_you_get_back = what_you_get_back.strip()
    project.visibility = visibility
    project.save(update_fields=["title", "summary", "what_you_get_back", "visibility", "updated_at"])
    removed = set(project.needs.all()) - set(needs)
    project.needs.remove(*removed)
    count_add(Project, project.pk, need_count=-len(removed))
    Need.objects.filter(pk__in=[n.pk for n in removed], status=NeedStatus.IN_PROJECT, projects=None).update(
        status=NeedStatus.OPEN
    )
    _link_needs(project, needs)
    for stage, due_on in deadlines.items():
        if due_on:
            StageDeadline.objects.update_or_create(project=project, stage=Stage(stage), defaults={"due_on": due_on})
        else:
            StageDeadline.objects.filter(project=project, stage=stage).delete()
    return project


def join_request_create(*, project: Project, membership: Membership, message: str = "") -> JoinRequest:
    if project.memberships.filter(membership=membership).exists():
        raise NotAllowed("You are already in this project.")
    if not (membership.is_pupil or membership.is_parent):
        raise NotAllowed("Staff join a project by taking it on as a facilitator.")
    require_taking_part(membership)
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(project=project, membership=membership, message=message.strip())
    except IntegrityError:
        raise NotAllowed("You already asked to join; a lead or facilitator will answer soon.") from None
    notifications.notify_join_requested(join_request=join_request)
    return join_request


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, actor: Membership, accept: bool) -> JoinRequest:
    updated = JoinRequest.objects.filter(pk=join_request.pk, status=JoinRequestStatus.PENDING).update(
        status=JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED, decided_by=actor
    )
    if updated != 1:
        raise NotAllowed("This request was already answered.")
    if accept:
        require_taking_part(actor, join_request.membership)
        project_membership, created = ProjectMembership.objects.get_or_create(
            project=join_request.project, membership=join_request.membership, defaults={"role": ProjectRole.MEMBER}
        )
        if created:
            _member_added(project_membership)
            _log_role(project_membership, actor=actor)
            notifications.notify_member_joined(project_membership=project_membership, actor=actor)
    join_request.refresh_from_db()
    notifications.notify_join_answered(join_request=join_request, actor=actor)
    return join_request


@transaction.atomic
def project_member_set_role(
    *, project_membership: ProjectMembership, role: str, actor: Membership | None = None
) -> ProjectMembership:
    """Make a pupil member a lead (or a lead a member again); facilitators are staff only."""
    person = project_membership.membership
    if role == ProjectRole.LEAD and not person.is_pupil:
        raise NotAllowed("Leads are pupils: pupils run their projects.")
    if role == ProjectRole.LEAD:
        require_taking_part(actor or person, person)
    if role == ProjectRole.FACILITATOR and not person.is_staff_member:
        raise NotAllowed("Facilitators are staff.")
    leads = project_membership.project.memberships.filter(role=ProjectRole.LEAD)
    if project_membership.role == ProjectRole.LEAD and role != ProjectRole.LEAD and leads.count() == 1:
        raise NotAllowed("A project keeps at least one pupil lead: make someone else lead first.")
    old, project_membership.role = project_membership.role, role
    project_membership.save(update_fields=["role"])
    _role_changed(project_membership, old=old, actor=actor)
    return project_membership


@transaction.atomic
def project_what_changed_set(*, project: Project, actor: Membership, text: str) -> Project:
    """The project's "what changed" line on "You said, we did": written in co-evaluate or once completed."""
    if project.stage not in (Stage.CO_EVALUATE, Stage.COMPLETED):
        raise NotAllowed("Say what changed once the project reaches co-evaluate.")
    text = text.strip()
    if not text:
        raise NotAllowed("Say what changed for the school, in one or two sentences.")
    if len(text) > 500:
        raise NotAllowed("Keep it to 500 characters: it is one line on a noticeboard.")
    project.what_changed = text
    project.what_changed_at = timezone.now()
    project.save(update_fields=["what_changed", "what_changed_at", "updated_at"])
    log_action(actor=actor.user, verb="project.what_changed", target=project)
    return project
