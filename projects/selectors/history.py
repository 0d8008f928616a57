"""Versions kept by simple_history, each with the names of the fields it changed."""

from django.db.models import QuerySet


def versions_with_changes(history: QuerySet) -> list[dict]:
    """`history` ordered newest first; the oldest version is the creation and changes nothing."""
    versions = list(history)
    result = []
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        changed = set() if older is None else {change.field for change in newer.diff_against(older).changes}
        # In the order of the form, not the order simple_history happens to report.
        names = [str(field.verbose_name) for field in newer.instance_type._meta.fields if field.name in changed]
        result.append({"version": newer, "changed": names})
    return result
