"""Co-deliver: tasks and their checklists, sessions with attendance, peer roles and personal goals."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class TaskStatus(models.TextChoices):
    TODO = "todo", "To do"
    DOING = "doing", "Doing"
    DONE = "done", "Done"
    DEFERRED = "deferred", "Deferred"


OPEN_TASK_STATUSES = [TaskStatus.TODO, TaskStatus.DOING]


class Session(models.Model):
    """A meeting of the project group: when, where, what for, who came, what was said."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField("date")
    place = models.CharField(max_length=150)
    # Off-site sessions need the "off-site" consent scope: pupils without it show as "no consent".
    is_off_site = models.BooleanField("held away from the school site", default=False)
    agenda = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey("people.Membership", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # A cancelled session stays (its page says so and why); it gets no "tomorrow" reminder.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField("why it is cancelled", blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Session on {self.held_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("projects:session_detail", args=[self.pk])


class Task(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=200)
    owners = models.ManyToManyField("people.Membership", related_name="tasks_owned", blank=True)
    due_on = models.DateField("due date", null=True, blank=True)
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.TODO)
    deferred_reason = models.TextField("why it is deferred", blank=True)
    done_on = models.DateField(null=True, blank=True)
    # Set when the task is an action agreed at a session.
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    created_by = models.ForeignKey("people.Membership", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["project", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=TaskStatus.DEFERRED) | ~Q(deferred_reason=""), name="task_deferred_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(status=TaskStatus.DONE, done_on__isnull=False)
                | (~Q(status=TaskStatus.DONE) & Q(done_on=None)),
                name="task_done_is_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.due_on is not None and self.status != TaskStatus.DONE and self.due_on < timezone.localdate()


class ChecklistItem(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="checklist")
    text = models.CharField(max_length=200)
    is_done = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    ABSENT = "absent", "Absent"
    EXCUSED = "excused", "Excused"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["session", "membership"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_status_display()}"


class PeerRoleKind(models.TextChoices):
    BUDDY = "buddy", "Buddy"
    MENTOR = "mentor", "Mentor"
    MENTEE = "mentee", "Mentee"
    AMBASSADOR = "ambassador", "Ambassador"


class PeerRole(models.Model):
    """`holder` is a buddy/mentor/mentee/ambassador in the project, supporting `supports` (if anyone)."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="peer_roles")
    kind = models.CharField(max_length=12, choices=PeerRoleKind.choices)
    holder = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="peer_roles")
    supports = models.ForeignKey(
        "people.Membership", null=True, blank=True, on_delete=models.CASCADE, related_name="peer_supporters"
    )
    since = models.DateField()

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(holder=models.F("supports")), name="peer_role_not_self"),
            models.UniqueConstraint(fields=["project", "kind", "holder", "supports"], name="peer_role_once"),
            models.UniqueConstraint(
                fields=["project", "kind", "holder"], condition=Q(supports=None), name="peer_role_once_unpaired"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder} ({self.get_kind_display()})"


class GoalStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting to be agreed"
    CHANGE_ASKED = "change_asked", "A change was asked"
    AGREED = "agreed", "Agreed"


class Goal(models.Model):
    """A personal goal agreed one-to-one between a pupil and a member of staff.

    Staff set one already agreed; a pupil proposes one of their own in a project (what, why, by
    when, who helps) and a facilitator of that project agrees it or asks for a change with a reason.
    Seen by the pupil, that staff member and the pupil's linked parents only (projects.rules); while
    it waits to be agreed, the project's facilitators see it too, so one of them can agree it.
    """

    pupil = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="goals")
    staff = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="goals_supported")
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    goal = models.CharField(max_length=300)
    why = models.TextField("why it matters", blank=True, max_length=2000)
    due_on = models.DateField("by when", null=True, blank=True)
    # Members of the goal's project who help; named on the goal, which they do not see.
    helpers = models.ManyToManyField("people.Membership", blank=True, related_name="goals_helped")
    steps = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=GoalStatus.choices, default=GoalStatus.AGREED)
    proposed_by_pupil = models.BooleanField(default=False)
    change_reason = models.TextField("the change asked for", blank=True, max_length=2000)
    agreed_at = models.DateTimeField(null=True, blank=True)
    met_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["met_on", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(pupil=models.F("staff")), name="goal_two_people"),
            models.CheckConstraint(
                condition=~Q(status=GoalStatus.CHANGE_ASKED) | ~Q(change_reason=""), name="goal_change_has_reason"
            ),
            models.CheckConstraint(condition=Q(met_on=None) | Q(status=GoalStatus.AGREED), name="goal_met_once_agreed"),
        ]

    def __str__(self) -> str:
        return self.goal

    def get_absolute_url(self) -> str:
        return reverse("projects:goal_detail", args=[self.pk])

    @property
    def is_agreed(self) -> bool:
        return self.status == GoalStatus.AGREED


class GoalNote(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField()
    body = models.TextField(max_length=2000)
    author = models.ForeignKey("people.Membership", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["written_on", "pk"]

    def __str__(self) -> str:
        return f"{self.written_on}: {self.body[:40]}"
