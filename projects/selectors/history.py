"""Versions kept by simple_history, each with the names of the fields it changed."""

from django.db.models import QuerySet


def versions_with_changes(history: QuerySet) -> list[dict]:
    """`history` ordered newest first; the oldest version is the creation and changes nothing."""
    versions = list(history)
    result = []
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        changes = [] if older is None else newer.diff_against(older).changes
        fields = newer.instance_type._meta
        result.append({"version": newer, "changed": [str(fields.get_field(c.field).verbose_name) for c in changes]})
    return result
