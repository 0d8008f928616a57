"""Reads for the safeguarding leads' alert."""

from people.models import Membership
from projects.models import Report, ReportStatus


def safeguarding_waiting_count(*, lead: Membership) -> int:
    """Open concerns of the lead's school; 0 for everyone who is not a lead (they never see them)."""
    if not lead.is_safeguarding_lead:
        return 0
    return Report.objects.filter(school_id=lead.school_id, is_safeguarding=True, status=ReportStatus.OPEN).count()
