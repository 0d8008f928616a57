"""Surveys, their questions, and the answers people give.

Anonymity is a property of the schema, not of the pages: `Response` and `Answer` have no column
that points at a person (no user or membership, session key, IP address, user agent, or time finer
than the day) and their keys are random UUIDs, so not even the order of completion can be read off
them. Who has answered is recorded in `SurveyCompletion`, which has no link to any response; it is
what enforces one response per person and what reminders read. A named survey adds the person in
`NamedResponse`, a separate table that an anonymous survey never writes to.
"""

import uuid

from django.db import models
from django.db.models import F, Q

from evaluation.questions import kinds  # noqa: F401  (registers the kinds Question.type offers)
from evaluation.questions.registry import KEY_MAX_LENGTH, QuestionKind, get_kind, kind_choices
from people.models import YEAR_GROUPS, Role


class Audience(models.TextChoices):
    PUPILS = "pupils", "All pupils"
    YEAR_GROUPS = "years", "Pupils in chosen year groups"
    PARENTS = "parents", "Parents and carers"
    STAFF = "staff", "Staff"
    PROJECT = "project", "Members of the project"


# Which roles each audience reaches. Leaders are staff for surveys too.
AUDIENCE_ROLES = {
    Audience.PUPILS: {Role.PUPIL},
    Audience.YEAR_GROUPS: {Role.PUPIL},
    Audience.PARENTS: {Role.PARENT},
    Audience.STAFF: {Role.STAFF, Role.LEADER},
    Audience.PROJECT: set(Role),  # narrowed to the project's members by the selector
}


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Pairing(models.TextChoices):
    NONE = "", "Not paired"
    BEFORE = "before", "Before (baseline)"
    AFTER = "after", "After (follow-up)"


class Survey(models.Model):
    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(max_length=150)
    intro = models.TextField(
        "introduction", blank=True, help_text="Shown before the first question: why you ask and what happens next."
    )
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PUPILS)
    # Year groups as a bit set (bit n = Year n): one integer column that both SQLite and
    # PostgreSQL can filter with a bitwise AND, which a JSON list cannot do on SQLite.
    year_group_bits = models.PositiveIntegerField(default=0)
    anonymous = models.BooleanField(
        default=True, help_text="Answers are stored with no link to the person. This cannot change once people answer."
    )
    opens_at = models.DateTimeField("opens", null=True, blank=True, help_text="Leave empty to open when you open it.")
    closes_at = models.DateTimeField(
        "closes",
        null=True,
        blank=True,
        help_text="Leave empty to keep it open until you close it.",
    )
    status = models.CharField(max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    pairing = models.CharField(max_length=10, choices=Pairing.choices, default=Pairing.NONE, blank=True)
    # Symmetric: the "before" survey's twin is the "after" survey and vice versa (set by one service).
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        # A project with evaluation data is kept, never deleted with its answers.
        on_delete=models.PROTECT,
        related_name="surveys",
        help_text="The project this survey evaluates (needed for “Members of the project”).",
    )
    twin = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    template_key = models.CharField(max_length=40, blank=True, help_text="The shipped template it was copied from.")
    created_by = models.ForeignKey("people.Membership", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When held answers last moved into the results (evaluation.holding): what the results page shows.
    results_updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=F("opens_at")),
                name="survey_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=~Q(audience="years") | Q(year_group_bits__gt=0),
                name="survey_year_groups_chosen",
            ),
            models.CheckConstraint(
                condition=~Q(audience="project") | Q(project__isnull=False),
                name="survey_project_audience_has_project",
            ),
            models.CheckConstraint(
                condition=Q(twin__isnull=True) | (~Q(pairing="") & ~Q(twin=F("pk"))),
                name="survey_twin_needs_pairing",
            ),
        ]
        indexes = [models.Index(fields=["school", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def year_groups(self) -> list[int]:
        return [year for year in YEAR_GROUPS if self.year_group_bits & (1 << year)]

    @staticmethod
    def bits_for(year_groups) -> int:
        return sum(1 << int(year) for year in set(year_groups))

    def accepts_answers_at(self, now) -> bool:
        return (
            self.status == SurveyStatus.OPEN
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or now < self.closes_at)
        )

    @property
    def audience_label(self) -> str:
        if self.audience == Audience.YEAR_GROUPS:
            return "Pupils in " + ", ".join(f"Year {year}" for year in self.year_groups)
        if self.audience == Audience.PROJECT and self.project_id:
            return f"Members of “{self.project}”"
        return self.get_audience_display()


# The most options a pick-one or pick-any question has (answers store the index in Answer.number).
MAX_CHOICES = 20


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    # The registry's kinds (evaluation/questions/kinds/): a callable, so a new kind needs no migration.
    type = models.CharField(max_length=KEY_MAX_LENGTH, choices=kind_choices)
    text = models.CharField("question", max_length=300)
    help = models.CharField("hint", max_length=300, blank=True, help_text="Shown under the question.")
    required = models.BooleanField(default=True)
    # The options of a pick-one or pick-any question, in order; answers store their index.
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["survey", "order"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "order"], name="question_order_unique"),
            models.CheckConstraint(condition=Q(order__gte=1), name="question_order_from_one"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def kind(self) -> QuestionKind:
        return get_kind(self.type)

    def options(self) -> list[tuple[int, str]]:
        """(stored value, label) for every answer a pupil can pick; empty for text questions."""
        return self.kind.options(self)


class Response(models.Model):
    """One person's submitted answers. Deliberately nothing here says who, or when beyond the day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField()

    class Meta:
        # Never by id or insertion: nothing may suggest the order in which people answered.
        ordering = ["submitted_on"]

    def __str__(self) -> str:
        return f"Response to {self.survey} on {self.submitted_on}"


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    picked = models.JSONField(null=True, blank=True, help_text="Indexes of the options picked (pick-any).")
    # A named survey's written answer that matched the safeguarding word list: left out of results,
    # exports and the responses page until a safeguarding lead releases it (the concern's outcome).
    held = models.BooleanField(default=False)
    held_message = models.ForeignKey(
        "projects.SafeguardingMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=0, number__lte=max(10, MAX_CHOICES)),
                name="answer_number_in_range",
            ),
            # An unanswered optional question has no Answer row; a row always carries a value.
            models.CheckConstraint(
                condition=Q(number__isnull=False) | ~Q(text="") | Q(picked__isnull=False),
                name="answer_has_a_value",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question}"

    @property
    def value(self):
        if self.picked is not None:
            return self.picked
        if self.number is not None:
            return self.number
        return self.text


class HeldResponse(models.Model):
    """An anonymous survey's sent answers waiting for the next step (evaluation.holding).

    Written in a transaction of its own, after (never with) the person's `SurveyCompletion`; moved
    into `Response`/`Answer` in shuffled batches of at least 5 by a scheduled job and deleted in the
    same transaction. No person, no time, a random key: `answers` is a list of
    {"question": id, "number"|"text"|"picked": value}.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="held_responses")
    answers = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"Answers to {self.survey} waiting for the next step"


class NamedResponse(models.Model):
    """Who gave a response to a *named* survey. Never written for an anonymous one."""

    response = models.OneToOneField(Response, primary_key=True, on_delete=models.CASCADE, related_name="named")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="named_responses")
    membership = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="named_responses")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "membership"], name="named_response_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.membership} answered {self.survey}"


class SurveyCompletion(models.Model):
    """That a person has answered (for reminders and one-response-per-person), never what or which."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="completions")
    membership = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="survey_completions")
    completed_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "membership"], name="survey_completion_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.membership} completed {self.survey} on {self.completed_on}"


class DraftAnswer(models.Model):
    """An answer saved as the person goes, before they submit. Deleted when they submit."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="draft_answers")
    membership = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="draft_answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="draft_answers")
    value = models.JSONField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "question"], name="draft_answer_one_per_question"),
        ]

    def __str__(self) -> str:
        return f"Draft answer to {self.question}"


class ReportSignOff(models.Model):
    """A leader's sign-off of a project's evaluation report: what lets the project complete.

    The report is kept exactly as it was signed (`signed_html` and `figures`), so later edits,
    moderation or new answers never change what the leader put their name to.
    """

    project = models.OneToOneField("projects.Project", on_delete=models.PROTECT, related_name="report_sign_off")
    signed_by = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField()
    figures = models.JSONField(default=dict)
    signed_html = models.TextField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(comment=""), name="report_sign_off_has_comment"),
        ]

    def __str__(self):
        return f"Sign-off of {self.project_id} by {self.signed_by_id}"


class ReportKind(models.TextChoices):
    SCHOOL = "school", "School report"
    PROJECT = "project", "Project report"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


ACTIVE_EXPORT_STATUSES = [ExportStatus.QUEUED, ExportStatus.RUNNING]


class ReportExport(models.Model):
    """One PDF made from a report by a Celery task, kept for download.

    `report_key` names the report and its period ("school:2026-09-01:2026-12-31", "project:42") so
    the database allows one queued-or-running export per report: a second request while one runs
    finds it instead of starting another.
    """

    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="report_exports")
    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    report_key = models.CharField(max_length=80)
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="report_exports"
    )
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    # Empty for the termly report that beat makes for the school's leaders.
    requested_by = models.ForeignKey(
        "people.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    # Kept outside any public URL: only the download view, after its permission check, reads it.
    file = models.FileField(upload_to="report-exports/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "report_key"],
                condition=Q(status__in=ACTIVE_EXPORT_STATUSES),
                name="report_export_one_active_per_report",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_export_progress_percent"),
            models.CheckConstraint(
                condition=Q(kind=ReportKind.SCHOOL, project__isnull=True)
                | Q(kind=ReportKind.PROJECT, project__isnull=False),
                name="report_export_project_matches_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} export {self.pk} ({self.status})"


class ReflectionKind(models.TextChoices):
    WORKED = "worked", "What worked"
    DID_NOT_WORK = "did_not_work", "What did not work"
    NEXT_TIME = "next_time", "What we would do differently next time"


class Reflection(models.Model):
    """What a member of the group thinks about the project, written during co-evaluate.

    The report shows reflections as the group's voice, without names. Staff can hide one (kept,
    never deleted, like other moderated content); a hidden reflection leaves the report.
    """

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="reflections")
    kind = models.CharField(max_length=12, choices=ReflectionKind.choices)
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=500, blank=True, help_text="Shown to the author.")
    # Held by the safeguarding word list: only the safeguarding leads see it (projects.services.safeguarding).
    hidden_for_safeguarding = models.BooleanField(default=False)
    hidden_by = models.ForeignKey(
        "people.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="reflection_has_text"),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""), name="reflection_hidden_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


# --- Invitations: reaching pupils not yet heard (evaluation.invitations) -------------------------


class InvitationAnswer(models.TextChoices):
    NONE = "", "Not answered yet"
    YES = "yes", "Yes"
    NO = "no", "Not now"


class Invitation(models.Model):
    """A personal invitation from a member of staff to one pupil not yet heard: to join a project,
    to look at a need, or to answer a survey (exactly one of the three). It lives here, above
    projects, because a survey can be its target.

    `took_part_at` is the pupil's first contribution after it (any kind evaluation.figures counts),
    stamped by the contributing service through people.taking_part; the school report counts the
    stamps (`evaluation.invitations.selectors.invitation_uptake`).
    """

    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="invitations")
    inviter = models.ForeignKey(
        "people.Membership", null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    pupil = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="invitations")
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    need = models.ForeignKey(
        "projects.Need", null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    survey = models.ForeignKey(Survey, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations")
    message = models.CharField("a personal line", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.CharField(max_length=3, choices=InvitationAnswer.choices, blank=True, default=InvitationAnswer.NONE)
    answered_at = models.DateTimeField(null=True, blank=True)
    took_part_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, need__isnull=True, survey__isnull=True)
                | Q(project__isnull=True, need__isnull=False, survey__isnull=True)
                | Q(project__isnull=True, need__isnull=True, survey__isnull=False),
                name="invitation_one_target",
            ),
            # The same pupil is invited to the same thing once (invitations_send skips the others).
            models.UniqueConstraint(
                fields=["pupil", "project"], condition=Q(project__isnull=False), name="invitation_once_per_project"
            ),
            models.UniqueConstraint(
                fields=["pupil", "need"], condition=Q(need__isnull=False), name="invitation_once_per_need"
            ),
            models.UniqueConstraint(
                fields=["pupil", "survey"], condition=Q(survey__isnull=False), name="invitation_once_per_survey"
            ),
            models.CheckConstraint(
                condition=Q(answer="", answered_at__isnull=True) | (~Q(answer="") & Q(answered_at__isnull=False)),
                name="invitation_answer_dated",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "created_at"], name="invitation_school_created"),
            models.Index(fields=["pupil"], condition=Q(answer=""), name="invitation_unanswered"),
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.pupil_id} to {self.target}"

    @property
    def target(self):
        return self.project or self.need or self.survey
