"""Co-design: ideas for a project, written by several pupils, refined and shortlisted."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from projects.models.moderation import Authored, Moderatable


class Idea(Moderatable):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(max_length=150)
    description = models.TextField()
    cost_money = models.DecimalField("estimated cost (£)", max_digits=9, decimal_places=2, null=True, blank=True)
    cost_time = models.CharField("estimated time", max_length=120, blank=True, help_text="e.g. three lunchtimes")
    who_it_helps = models.CharField("who it helps", max_length=300)
    authors = models.ManyToManyField("people.Membership", related_name="ideas_authored")
    builds_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="built_upon_by"
    )
    created_by = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="+")
    is_shortlisted = models.BooleanField(default=False)
    shortlisted_by = models.ForeignKey(
        "people.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Comments not hidden, kept by the services in the same transaction (projects.counters).
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "comment_count"])

    class Meta:
        ordering = ["-is_shortlisted", "created_at"]
        indexes = [models.Index(fields=["project", "is_shortlisted"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:idea_detail", args=[self.pk])


class IdeaComment(Authored, Moderatable):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField("comment", max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:50]

    def get_absolute_url(self) -> str:
        return f"{reverse('projects:idea_detail', args=[self.idea_id])}#comment-{self.pk}"

    def project_of_content(self):
        return self.idea.project
