"""Who hears about what happens in projects: one `notify_<event>` function per event, called by
the services in their transaction (so a rolled-back change tells nobody; emails go after commit).

Nobody is told about what they did themselves.
"""

from collections.abc import Iterable

from django.utils import timezone

from people.models import Membership
from people.notifications.kinds import Kind, register_audience
from people.notifications.services import notify
from projects import notification_kinds as kinds
from projects.models import Adoption, ProjectRole, Stage
from projects.selectors.decisions import eligible_voters


def _tell(
    kind: Kind, *, subject, recipients: Iterable[Membership], actor=None, body: str = "", key: str = "", **words
) -> None:
    """`key` replaces the subject in the exactly-once key when one object has two events of a kind's family."""
    recipients = {member for member in recipients if actor is None or member.pk != actor.pk}
    notify(
        kind=kind.key,
        subject=key or subject,
        recipients=recipients,
        title=kind.title_for(**words),
        body=body,
        url=kind.link(subject),
    )


def _members(project, *roles: str) -> list[Membership]:
    memberships = project.memberships.select_related("membership")
    if roles:
        memberships = memberships.filter(role__in=roles)
    return [project_membership.membership for project_membership in memberships]


def _author_and_backers(need) -> list[Membership]:
    return [need.author, *Membership.objects.filter(backings__need=need)]


def notify_need_declined(*, need, actor) -> None:
    _tell(kinds.NEED_DECLINED, subject=need, recipients=[need.author], actor=actor, body=need.decline_reason,
          need=need.title)  # fmt: skip


def notify_need_not_now(*, need, actor) -> None:
    day = f"{need.look_again_on:%A} {need.look_again_on.day} {need.look_again_on:%B}"
    _tell(kinds.NEED_NOT_NOW, subject=need, recipients=_author_and_backers(need), actor=actor,
          body=need.not_now_reason, key=f"projects.need:{need.pk}:{need.look_again_on}", need=need.title,
          day=day)  # fmt: skip


def notify_need_merged(*, need, into, actor) -> None:
    _tell(kinds.NEED_MERGED, subject=need, recipients=_author_and_backers(need), actor=actor, need=need.title,
          into=into.title)  # fmt: skip


def notify_needs_in_project(*, project, needs, actor) -> None:
    for need in needs:
        _tell(kinds.NEED_IN_PROJECT, subject=need, recipients=_author_and_backers(need), actor=actor,
              need=need.title, project=project.title)  # fmt: skip


def notify_stage_moved(*, transition) -> None:
    project = transition.project
    forward = Stage.values.index(transition.to_stage) > Stage.values.index(transition.from_stage)
    kind = kinds.STAGE_MOVED if forward else kinds.STAGE_BACK
    _tell(kind, subject=transition, recipients=_members(project), actor=transition.actor,
          body="" if forward else transition.reason, project=project.title,
          stage=Stage(transition.to_stage).label)  # fmt: skip


def notify_stage_proposed(*, proposal) -> None:
    project = proposal.project
    proposer_is_lead = project.memberships.filter(membership=proposal.proposed_by, role=ProjectRole.LEAD).exists()
    other_side = ProjectRole.FACILITATOR if proposer_is_lead else ProjectRole.LEAD
    _tell(kinds.STAGE_PROPOSED, subject=proposal, recipients=_members(project, other_side),
          actor=proposal.proposed_by, project=project.title, stage=Stage(proposal.to_stage).label)  # fmt: skip


def notify_join_requested(*, join_request) -> None:
    project = join_request.project
    _tell(kinds.JOIN_REQUESTED, subject=join_request,
          recipients=_members(project, ProjectRole.LEAD, ProjectRole.FACILITATOR),
          person=join_request.membership.user.display_name, project=project.title)  # fmt: skip


def notify_join_answered(*, join_request, actor) -> None:
    _tell(kinds.JOIN_ANSWERED, subject=join_request, recipients=[join_request.membership], actor=actor,
          project=join_request.project.title, answer=join_request.get_status_display().lower())  # fmt: skip


def notify_member_joined(*, project_membership, actor) -> None:
    joined = project_membership.membership
    others = [member for member in _members(project_membership.project) if member.pk != joined.pk]
    _tell(kinds.MEMBER_JOINED, subject=project_membership, recipients=others, actor=actor,
          person=joined.user.display_name, project=project_membership.project.title)  # fmt: skip


def notify_project_taken_on(*, project_membership) -> None:
    project = project_membership.project
    _tell(kinds.PROJECT_TAKEN_ON, subject=project_membership, recipients=_members(project, ProjectRole.LEAD),
          person=project_membership.membership.user.display_name, project=project.title)  # fmt: skip


def notify_task_assigned(*, task, actor) -> None:
    _tell(kinds.TASK_ASSIGNED, subject=task, recipients=task.owners.all(), actor=actor, task=task.title)


def notify_goal_set(*, goal) -> None:
    _tell(kinds.GOAL_SET, subject=goal, recipients=[goal.pupil], goal=goal.goal)


def notify_goal_met(*, goal) -> None:
    if goal.met_on:
        _tell(kinds.GOAL_MET, subject=goal, recipients=[goal.pupil], goal=goal.goal)


def notify_goal_proposed(*, goal) -> None:
    facilitators = (
        Membership.objects.filter(
            project_memberships__project_id=goal.project_id, project_memberships__role=ProjectRole.FACILITATOR
        )
        .exclude(pk=goal.pupil_id)
        .select_related("user")
    )
    # A goal may be proposed again after a change was asked: each proposal is its own event.
    _tell(
        kinds.GOAL_PROPOSED,
        subject=goal,
        recipients=list(facilitators),
        key=f"goal:{goal.pk}:{timezone.now().timestamp()}",
        goal=goal.goal,
        pupil=goal.pupil.user.display_name,
    )


def notify_goal_agreed(*, goal) -> None:
    _tell(kinds.GOAL_AGREED, subject=goal, recipients=[goal.pupil], goal=goal.goal)


def notify_goal_change_asked(*, goal) -> None:
    _tell(
        kinds.GOAL_CHANGE_ASKED,
        subject=goal,
        recipients=[goal.pupil],
        key=f"goal:{goal.pk}:{timezone.now().timestamp()}",
        goal=goal.goal,
    )


def notify_content_hidden(*, target, actor) -> None:
    # Neutral words and no quote of the content: the reason is shown on the content itself.
    # An idea has several authors; needs and comments have one.
    authors = list(target.authors.all()) if hasattr(target, "authors") else [target.author]
    _tell(kinds.CONTENT_HIDDEN, subject=target, recipients=authors, actor=actor)


@register_audience("pupil_facilitators")
def pupil_facilitators(*, pupil: Membership):
    """The facilitators of the projects a pupil is in (told when consent for the pupil changes)."""
    return Membership.objects.filter(
        project_memberships__role=ProjectRole.FACILITATOR,
        project_memberships__project__memberships__membership=pupil,
    ).distinct()


def notify_vote_opened(*, decision) -> None:
    opens = timezone.localtime(decision.opens_at)
    # Its own subject key: "projects.decision:<pk>" is what the result is filed under.
    _tell(kinds.VOTE_OPENED, subject=decision, recipients=eligible_voters(decision), actor=decision.created_by,
          key=f"projects.decision.opened:{decision.pk}",
          decision=decision.title, project=decision.project.title,
          opens=f"{opens:%A} {opens.day} {opens:%B}")  # fmt: skip


def notify_vote_result(*, decision) -> None:
    _tell(kinds.VOTE_RESULT, subject=decision, recipients=eligible_voters(decision), decision=decision.title,
          project=decision.project.title)  # fmt: skip


def notify_vote_adoption(*, decision) -> None:
    answer = "adopted" if decision.adoption == Adoption.ADOPTED else "did not adopt"
    _tell(kinds.VOTE_ADOPTION, subject=decision, recipients=eligible_voters(decision), actor=decision.adoption_by,
          body=decision.adoption_reason, answer=answer, decision=decision.title)  # fmt: skip


def notify_need_responded(*, comment) -> None:
    need = comment.need
    if comment.author.is_staff_member:
        _tell(kinds.NEED_RESPONDED, subject=comment, recipients=[need.author], actor=comment.author, need=need.title)


def notify_session_saved(*, session, actor, created: bool, moved: bool) -> None:
    if not (created or moved):
        return  # notes and agenda edits tell nobody
    kind = kinds.SESSION_PLANNED if created else kinds.SESSION_CHANGED
    session.refresh_from_db(fields=["held_on"])  # callers may pass the date as text
    day = f"{session.held_on:%A} {session.held_on.day} {session.held_on:%B}"
    notify(
        kind=kind.key,
        subject=session,
        recipients=[member for member in _members(session.project) if member.pk != actor.pk],
        # Each move is its own notification: the moment of the change is part of the exactly-once key.
        period="" if created else f"{timezone.now():%Y%m%d%H%M%S%f}"[:20],
        title=kind.title_for(project=session.project.title, day=day, place=session.place),
        url=kind.link(session),
    )


def notify_picture_approved(*, picture, actor) -> None:
    _tell(kinds.PICTURE_APPROVED, subject=picture, recipients=[picture.uploaded_by], actor=actor,
          on=str(picture.parent))  # fmt: skip


def notify_picture_removed(*, picture, actor) -> None:
    # Neutral words, no reason: the picture is gone, and the uploader can ask a teacher why.
    # The subject is the idea or need (the picture's row is deleted); the key keeps each removal apart.
    _tell(kinds.PICTURE_REMOVED, subject=picture.parent, recipients=[picture.uploaded_by], actor=actor,
          key=f"projects.picture:{picture.pk}", on=str(picture.parent))  # fmt: skip


def notify_session_cancelled(*, session, actor) -> None:
    day = f"{session.held_on:%A} {session.held_on.day} {session.held_on:%B}"
    _tell(kinds.SESSION_CANCELLED, subject=session, recipients=_members(session.project), actor=actor,
          key=f"projects.session.cancelled:{session.pk}", body=session.cancel_reason,
          project=session.project.title, day=day)  # fmt: skip
