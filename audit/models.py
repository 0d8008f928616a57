from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AppendOnlyError(Exception):
    """The audit log is a record of what happened: rows are never changed or removed."""


class LogEntry(models.Model):
    """One sensitive action, as pretix's log_action() records it. Data never holds pupil free text."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    verb = models.CharField(max_length=64, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    target_id = models.PositiveBigIntegerField()
    data = models.JSONField(default=dict, blank=True)
    # Where the entry belongs, so the "What happened" page scopes and filters without reading data.
    # Plain ids: audit sits below people and projects and names neither.
    school_id = models.PositiveBigIntegerField(null=True, blank=True)
    project_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )  # the person the action was about (a role changed, an account erased), besides the actor

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["school_id", "-created_at"], name="audit_entry_school_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_type_id}:{self.target_id}"

    def save(self, *args, **kwargs):
        # The database trigger refuses UPDATE on PostgreSQL; this guard says so on every backend.
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("audit log entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit log entries cannot be deleted")
