"""Co-identify: needs raised by the school community, backed and discussed."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from projects.models.moderation import Authored, Moderatable


class NeedCategory(models.TextChoices):
    LEARNING = "learning", "Learning"
    WELLBEING = "wellbeing", "Wellbeing"
    ENVIRONMENT = "environment", "Environment"
    FACILITIES = "facilities", "Facilities"
    COMMUNITY = "community", "Community"


class NeedStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROJECT = "in_project", "In a project"
    MERGED = "merged", "Merged into another need"
    DECLINED = "declined", "Declined"
    # Answered "not now, because ..., we will look again on <date>"; back with its answerer on that date.
    NOT_NOW = "not_now", "Not now"


class Need(Authored, Moderatable):
    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="needs")
    title = models.CharField(max_length=150)
    problem = models.TextField("what is wrong")
    affects = models.CharField("who it affects", max_length=300)
    category = models.CharField(max_length=20, choices=NeedCategory.choices)
    status = models.CharField(max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_needs"
    )
    decline_reason = models.TextField(blank=True, help_text="Everyone can read it.")
    # Who answers it and by when (projects.services.answering): set when it is raised, from the
    # school's NeedAnswering. `answer_due_on` is the current wait's deadline (the look-again date of a
    # "not now"), null once answered; the first deadline and answer stay for the report's figures.
    answerer = models.ForeignKey(
        "people.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="needs_to_answer"
    )
    answer_due_on = models.DateField(null=True, blank=True)
    first_answer_due_on = models.DateField(null=True, blank=True, editable=False)
    first_answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    not_now_reason = models.TextField(blank=True, help_text="Everyone can read it.")
    look_again_on = models.DateField(null=True, blank=True)
    # Counts the pages show, kept by the services in the same transaction (projects.counters).
    backer_count = models.PositiveIntegerField(default=0, editable=False)
    comment_count = models.PositiveIntegerField(default=0, editable=False, help_text="Comments not hidden.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=NeedStatus.DECLINED) | ~Q(decline_reason=""),
                name="need_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=NeedStatus.MERGED, merged_into__isnull=False)
                | (~Q(status=NeedStatus.MERGED) & Q(merged_into__isnull=True)),
                name="need_merged_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(status=NeedStatus.NOT_NOW) | (~Q(not_now_reason="") & Q(look_again_on__isnull=False)),
                name="need_not_now_has_reason_and_date",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "status", "category"]),
            models.Index(fields=["answer_due_on"], condition=Q(answer_due_on__isnull=False), name="need_waiting"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:need_detail", args=[self.pk])


class Backing(models.Model):
    """One person backing one need ("this matters to me too")."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="backings")
    membership = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="backings")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "membership"], name="backing_one_per_person")]

    def __str__(self) -> str:
        return f"{self.membership} backs {self.need}"


class NeedComment(Authored, Moderatable):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField("comment", max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:50]

    def get_absolute_url(self) -> str:
        return f"{reverse('projects:need_detail', args=[self.need_id])}#comment-{self.pk}"
