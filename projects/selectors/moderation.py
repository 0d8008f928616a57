"""Reads for moderation. Safeguarding concerns are seen by the designated safeguarding leads only."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet

from people.models import Membership
from projects.models import Idea, IdeaComment, Moderatable, Need, NeedComment, Report, ReportStatus
from projects.rules import can_view_project
from projects.selectors.needs import visible_content_q
from projects.selectors.projects import visible_idea_q

TARGET_RELATED = (
    "need__author__user",
    "need_comment__author__user",
    "idea__created_by__user",
    "idea__project",
    "idea_comment__author__user",
    "idea_comment__idea__project",
    "message__author__user",
)


def _reports(school) -> QuerySet[Report]:
    return Report.objects.filter(school=school).select_related("reporter__user", "handled_by__user", *TARGET_RELATED)


def moderation_queue(*, staff: Membership) -> QuerySet[Report]:
    """Open reports and currently hidden content for staff; never a safeguarding concern."""
    return _reports(staff.school).filter(is_safeguarding=False, status__in=[ReportStatus.OPEN, ReportStatus.HIDDEN])


def safeguarding_queue(*, lead: Membership) -> QuerySet[Report]:
    if not lead.is_safeguarding_lead:
        return Report.objects.none()
    return _reports(lead.school).filter(is_safeguarding=True).order_by("status", "-created_at")


def concern_get(*, viewer: Membership, pk: int) -> Report:
    """A safeguarding concern the viewer may open: any of their school's for a lead; for a deputy lead,
    only one that went unopened and was escalated to them. Raises Report.DoesNotExist otherwise."""
    concerns = _reports(viewer.school).filter(is_safeguarding=True)
    if not viewer.is_safeguarding_lead:
        if not viewer.is_deputy_safeguarding_lead:
            raise Report.DoesNotExist
        concerns = concerns.filter(escalated_at__isnull=False)
    return concerns.get(pk=pk)


def report_get(*, viewer: Membership, pk: int) -> Report:
    """A report the viewer may handle; a safeguarding concern exists only for the leads. Raises DoesNotExist."""
    reports = _reports(viewer.school)
    if not viewer.is_safeguarding_lead:
        reports = reports.filter(is_safeguarding=False)
    return reports.get(pk=pk)


def reportable_get(*, viewer: Membership, kind: str, pk: int) -> Moderatable:
    """Content the viewer can see, and so report. Raises ObjectDoesNotExist otherwise."""
    querysets = {
        "need": Need.objects.filter(school=viewer.school),
        "need_comment": NeedComment.objects.filter(need__school=viewer.school),
        "idea": Idea.objects.filter(project__school=viewer.school).select_related("project"),
        "idea_comment": IdeaComment.objects.filter(idea__project__school=viewer.school).select_related("idea__project"),
    }
    if kind not in querysets:
        raise ObjectDoesNotExist(kind)
    visible = visible_idea_q(viewer) if kind == "idea" else visible_content_q(viewer)
    target = querysets[kind].filter(visible).get(pk=pk)
    project = {"idea": lambda: target.project, "idea_comment": lambda: target.idea.project}.get(kind)
    if project and not can_view_project(viewer, project()):
        raise ObjectDoesNotExist(kind)
    return target
