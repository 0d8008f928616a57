"""The project, its members and its five-stage lifecycle.

Public shape other apps build on: `Project.school`, `Project.stage` (a `Stage`), `Project.members`
(people.Membership through `ProjectMembership`, whose `role` is a `ProjectRole`). Only
`projects.services.stages.project_move_stage` writes `Project.stage`; every move is a
`StageTransition` row.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse


class Stage(models.TextChoices):
    CO_IDENTIFY = "co_identify", "Co-identify"
    CO_DESIGN = "co_design", "Co-design"
    CO_DECIDE = "co_decide", "Co-decide"
    CO_DELIVER = "co_deliver", "Co-deliver"
    CO_EVALUATE = "co_evaluate", "Co-evaluate"
    COMPLETED = "completed", "Completed"

    @property
    def position(self) -> int:
        return list(Stage).index(self)

    @property
    def next(self) -> "Stage | None":
        stages = list(Stage)
        return stages[self.position + 1] if self.position + 1 < len(stages) else None

    @property
    def previous(self) -> "Stage | None":
        return list(Stage)[self.position - 1] if self.position > 0 else None


class Visibility(models.TextChoices):
    MEMBERS = "members", "Project members only"
    SCHOOL = "school", "The whole school"


class ProjectRole(models.TextChoices):
    LEAD = "lead", "Pupil lead"
    MEMBER = "member", "Member"
    FACILITATOR = "facilitator", "Facilitator"


class Project(models.Model):
    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(max_length=150)
    summary = models.TextField()
    needs = models.ManyToManyField("projects.Need", related_name="projects", blank=True)
    what_you_get_back = models.TextField(
        "what you get back",
        blank=True,
        help_text="What participants gain: skills, credit, recognition. Needed before leaving co-identify.",
    )
    # The "what changed" line of "You said, we did": written by its leads or facilitators in
    # co-evaluate or once completed (projects.services.projects.project_what_changed_set).
    what_changed = models.TextField(
        "what changed", blank=True, help_text="One or two sentences everyone in the school can read."
    )
    what_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.SCHOOL)
    # Written only by projects.services.stages.project_move_stage (a test enforces it).
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.CO_IDENTIFY, editable=False)
    members = models.ManyToManyField("people.Membership", through="projects.ProjectMembership", related_name="projects")
    created_by = models.ForeignKey("people.Membership", null=True, on_delete=models.SET_NULL, related_name="+")
    # Counts the pages show, kept by the services in the same transaction (projects.counters).
    member_count = models.PositiveIntegerField(default=0, editable=False)
    facilitator_count = models.PositiveIntegerField(default=0, editable=False)
    need_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["school", "stage"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.pk])

    def role_of(self, membership) -> str | None:
        """The viewer's `ProjectRole` here, or None. Uses prefetched `memberships` when present."""
        if membership is None:
            return None
        for project_membership in self.memberships.all():
            if project_membership.membership_id == membership.pk:
                return project_membership.role
        return None

    def people_with_role(self, role: str) -> list:
        return [pm.membership for pm in self.memberships.all() if pm.role == role]


class ProjectMembership(models.Model):
    """A person in a project. Leads are pupils, facilitators are staff (checked by the services)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    membership = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="project_memberships")
    role = models.CharField(max_length=12, choices=ProjectRole.choices, default=ProjectRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "joined_at"]
        constraints = [models.UniqueConstraint(fields=["project", "membership"], name="project_member_once")]

    def __str__(self) -> str:
        return f"{self.membership} in {self.project} ({self.get_role_display()})"


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class JoinRequest(models.Model):
    """A pupil (or parent) asks to join; a lead or staff member accepts or declines."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="join_requests")
    membership = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="join_requests")
    message = models.CharField("why you want to join", max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING)
    decided_by = models.ForeignKey(
        "people.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "membership"],
                condition=Q(status=JoinRequestStatus.PENDING),
                name="join_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership} asks to join {self.project}"


class StageDeadline(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="deadlines")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    due_on = models.DateField()

    class Meta:
        ordering = ["due_on"]
        constraints = [models.UniqueConstraint(fields=["project", "stage"], name="stage_deadline_once")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} by {self.due_on}"


class StageTransition(models.Model):
    """A stage move: who, when, from, to, why, and whether a failing gate was overridden."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    actor = models.ForeignKey("people.Membership", null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_by = models.ForeignKey(
        "people.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who proposed the move that `actor` confirmed, if it was proposed.",
    )
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    reason = models.TextField(blank=True)
    is_override = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_stage=models.F("to_stage")), name="transition_changes_stage"),
            models.CheckConstraint(
                condition=Q(is_override=False) | ~Q(reason=""), name="transition_override_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_from_stage_display()} → {self.get_to_stage_display()}"


class StageProposal(models.Model):
    """A lead or facilitator proposes a move; the other side confirms it (or it is withdrawn)."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_proposals")
    proposed_by = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="+")
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    reason = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=Q(status="open"), name="stage_proposal_one_open_per_project"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project}: proposed move to {self.get_to_stage_display()}"
