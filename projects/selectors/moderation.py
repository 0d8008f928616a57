"""Reads for moderation. Safeguarding concerns are seen by the designated safeguarding leads only."""

from django.db.models import QuerySet

from people.models import Membership
from projects.models import Report, ReportStatus

TARGET_RELATED = ("need", "need_comment__need", "idea__project", "idea_comment__idea__project")


def _reports(school) -> QuerySet[Report]:
    return Report.objects.filter(school=school).select_related("reporter__user", "handled_by__user", *TARGET_RELATED)


def moderation_queue(*, staff: Membership) -> QuerySet[Report]:
    """Open reports and currently hidden content for staff; never a safeguarding concern."""
    return _reports(staff.school).filter(is_safeguarding=False, status__in=[ReportStatus.OPEN, ReportStatus.HIDDEN])


def safeguarding_queue(*, lead: Membership) -> QuerySet[Report]:
    if not lead.is_safeguarding_lead:
        return Report.objects.none()
    return _reports(lead.school).filter(is_safeguarding=True).order_by("status", "-created_at")


def report_get(*, viewer: Membership, pk: int) -> Report:
    """A report the viewer may handle; a safeguarding concern exists only for the leads. Raises DoesNotExist."""
    reports = _reports(viewer.school)
    if not viewer.is_safeguarding_lead:
        reports = reports.filter(is_safeguarding=False)
    return reports.get(pk=pk)
