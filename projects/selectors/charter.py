"""Reads for the charter and its versions."""

from projects.models import Charter
from projects.selectors.history import versions_with_changes


def charter_for(*, school) -> Charter | None:
    return Charter.objects.filter(school=school).select_related("updated_by__user").first()


def charter_versions(*, charter: Charter) -> list[dict]:
    """Every version, newest first: who, when, and which fields changed."""
    return versions_with_changes(
        charter.history.select_related("updated_by__user").order_by("-history_date", "-history_id")
    )
