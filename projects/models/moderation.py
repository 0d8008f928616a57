"""Moderation and safeguarding: reports on needs, ideas and comments.

Hidden content is kept (never deleted); every hide, restore and safeguarding outcome is recorded on
a `Report`, so the report table is the audit of moderation. A report marked as a safeguarding
concern hides its content at once and is seen only by the school's designated safeguarding leads.
"""

from django.db import models
from django.db.models import Q

from people.consent.scopes import NAME_BEYOND_PROJECT, TAKING_PART


class Moderatable(models.Model):
    """Fields shared by everything people write that can be reported and hidden."""

    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=500, blank=True, help_text="Shown to the author.")
    # Content hidden for safeguarding is invisible to everyone but the safeguarding leads,
    # including other staff in the moderation queue.
    hidden_for_safeguarding = models.BooleanField(default=False)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


HIDDEN_NAME = "A pupil (name hidden)"


def name_consented_for(person, viewer, project) -> bool:
    """Whether the parents' consent lets `viewer` see `person`'s name on what they wrote in `project`
    (None: what the whole school reads). Staff and the person themself always do."""
    if viewer is not None and (viewer.is_staff_member or viewer.pk == person.pk):
        return True
    withheld = person.consent_withheld or []
    if TAKING_PART in withheld:
        return False
    if NAME_BEYOND_PROJECT in withheld:
        return project is not None and project.role_of(viewer) is not None
    return True


class Authored(models.Model):
    """Something a member wrote. A pupil author may hide their name from other pupils, never from staff.

    Their parents' consent hides it too: from everyone but staff without consent to take part, and
    from people outside the project without consent to show it beyond (`project_of_content`).
    """

    author = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="+")
    hide_author = models.BooleanField(
        "hide my name from other pupils",
        default=False,
        help_text="Staff always see who wrote it (to keep everyone safe).",
    )

    class Meta:
        abstract = True

    def author_visible_to(self, viewer) -> bool:
        """Whether `viewer` (a Membership) may see who wrote this. The one anonymity rule."""
        if viewer is not None and (viewer.is_staff_member or viewer.pk == self.author_id):
            return True
        return not self.hide_author and name_consented_for(self.author, viewer, self.project_of_content())

    def author_label_for(self, viewer) -> str:
        if self.author_visible_to(viewer):
            return self.author.user.display_name
        return HIDDEN_NAME

    def project_of_content(self):
        """The project this was written in, or None for what the whole school reads (needs)."""
        return None


class ReportStatus(models.TextChoices):
    OPEN = "open", "Waiting for review"
    HIDDEN = "hidden", "Content hidden"
    DISMISSED = "dismissed", "Dismissed, content stays"
    RESTORED = "restored", "Content restored"
    RESOLVED = "resolved", "Safeguarding lead recorded the outcome"


REPORT_TARGETS = ("need", "need_comment", "idea", "idea_comment", "message")


class SafeguardingMessage(models.Model):
    """Text for the safeguarding leads only: what a pupil wrote through "Tell a trusted adult privately",
    or a reflection or survey answer the word list held (evaluation), with where it was written."""

    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="+")
    body = models.TextField("what you want to tell")
    where = models.CharField(max_length=300, blank=True, help_text="The page it was written on; blank: told privately.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Private message {self.pk}"


def _one_target(name: str) -> Q:
    return Q(**{f"{other}__isnull": other != name for other in REPORT_TARGETS})


class Report(models.Model):
    """Someone reported a piece of content (or staff flagged it). Kept as the moderation record."""

    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="reports_made")
    need = models.ForeignKey("projects.Need", null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    need_comment = models.ForeignKey(
        "projects.NeedComment", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    idea = models.ForeignKey("projects.Idea", null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    idea_comment = models.ForeignKey(
        "projects.IdeaComment", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.TextField("what is wrong")
    is_safeguarding = models.BooleanField(
        "this is a safeguarding concern",
        default=False,
        help_text="Someone may be at risk. Goes privately to the designated safeguarding lead only.",
    )
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    handled_by = models.ForeignKey(
        "people.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports_handled"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    message = models.ForeignKey(
        SafeguardingMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    outcome = models.TextField("what was done", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Raised by the word-list screen (people.safeguarding.words), not by a person.
    held_by_screen = models.BooleanField(default=False)
    # A concern no lead has opened within the school's time goes to the deputies and the head, once.
    opened_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=_one_target("need")
                | _one_target("need_comment")
                | _one_target("idea")
                | _one_target("idea_comment")
                | _one_target("message"),
                name="report_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.OPEN) | Q(handled_at__isnull=False),
                name="report_handled_is_dated",
            ),
        ]
        indexes = [models.Index(fields=["school", "is_safeguarding", "status"])]

    def __str__(self) -> str:
        return f"Report {self.pk} ({self.get_status_display()})"

    @property
    def target(self):
        for name in REPORT_TARGETS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None
