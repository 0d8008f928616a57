"""Co-decide: a decision on a project's shortlisted ideas, its secret ballots and who voted.

Secrecy design (the one place it is written down; tests in tests/projects/test_voting_secrecy.py
check it):

- `Ballot` holds only the decision and the choices. It has no link to a person: no user or
  membership key, no session, IP or user agent, no date at all, and a random UUID primary key so
  neither ids nor sort order tell who voted when.
- `VoterRecord` says *that* someone voted (turnout, reminders): decision, membership and the day.
  It has no link to a ballot, and its primary key is a random UUID too.
- So a voter can change their ballot while the decision is open, the ballot carries a `receipt`:
  HMAC-SHA256 keyed with SECRET_KEY over (decision id, the decision's random `ballot_salt`,
  membership id). Only the running application, holding both the key and the salt, can recompute a
  voter's receipt (to replace their own ballot and pre-fill their own form). Nothing shows, exports
  or administers receipts. When the decision closes, the salt is erased and every receipt set to
  NULL in the same transaction, so from then on nobody, even with the key and a database copy, can
  link a ballot to a voter. Closing also rewrites the ballots in a random order with new ids, so
  the order rows were stored in cannot be lined up with the voter records either. The residual
  risk while a vote is open (someone holding both SECRET_KEY and the database) is accepted and
  documented here.
- The database makes "one ballot per voter" true: `VoterRecord` is unique per (decision, member)
  and `Ballot` unique per (decision, receipt).
"""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse

from people.models import Role
from projects.voting.registry import KEY_MAX_LENGTH, method_choices


class DecisionStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Adoption(models.TextChoices):
    PENDING = "pending", "Leadership has not answered yet"
    ADOPTED = "adopted", "Adopted by leadership"
    NOT_ADOPTED = "not_adopted", "Not adopted by leadership"


# Whole-school groups an electorate may include (staff covers leaders too).
ELECTORATE_ROLES = [(Role.PUPIL.value, "All pupils"), (Role.PARENT.value, "Parents"), (Role.STAFF.value, "Staff")]


class Decision(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField(max_length=150)
    # The registry's methods (projects/voting/methods/): a callable, so a new method needs no migration.
    method = models.CharField(max_length=KEY_MAX_LENGTH, choices=method_choices)
    options = models.ManyToManyField("projects.Idea", related_name="decisions")
    # The electorate: any combination of the project's members, year groups and whole-school roles.
    electorate_project_members = models.BooleanField("the project's members", default=True)
    electorate_year_groups = models.JSONField("year groups", default=list, blank=True)
    electorate_roles = models.JSONField("whole-school groups", default=list, blank=True)
    budget = models.DecimalField(
        "budget (£)", max_digits=9, decimal_places=2, null=True, blank=True, help_text="Participatory budgeting only."
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Erased at close (see the module docstring); never shown or exported.
    ballot_salt = models.CharField(max_length=64, blank=True, editable=False)
    # The published count, written once at close: {"method", "ballots", ...} (the method's `count`).
    result = models.JSONField(null=True, blank=True, editable=False)
    adoption = models.CharField(max_length=12, choices=Adoption.choices, default=Adoption.PENDING)
    adoption_reason = models.TextField(blank=True)
    adoption_by = models.ForeignKey(
        "people.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adoption_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey("people.Membership", null=True, on_delete=models.SET_NULL, related_name="+")
    # How many have voted, kept by ballot_cast in the same transaction (projects.counters).
    voter_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["status", "closes_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="decision_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.OPEN, closed_at__isnull=True, result__isnull=True)
                | Q(status=DecisionStatus.CLOSED, closed_at__isnull=False, result__isnull=False, ballot_salt=""),
                name="decision_closed_has_result_and_no_salt",
            ),
            models.CheckConstraint(
                condition=~Q(adoption=Adoption.NOT_ADOPTED) | ~Q(adoption_reason=""),
                name="decision_not_adopted_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(adoption=Adoption.PENDING) | Q(status=DecisionStatus.CLOSED),
                name="decision_adoption_after_close",
            ),
            models.CheckConstraint(
                # The database's backstop for the budget method's own check (projects.voting.methods.budget).
                condition=~Q(method="budget") | Q(budget__isnull=False, budget__gte=0),
                name="decision_budget_method_has_budget",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:decision_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == DecisionStatus.CLOSED

    def electorate_q(self, prefix: str = "") -> Q:
        """A Q over people.Membership (or a relation to it, via `prefix`) selecting the electorate."""
        q = Q(pk__in=[])
        if self.electorate_project_members:
            q |= Q(**{f"{prefix}project_memberships__project": self.project_id})
        if self.electorate_year_groups:
            q |= Q(**{f"{prefix}role": Role.PUPIL, f"{prefix}year_group__in": self.electorate_year_groups})
        roles = self._roles_admitted()
        if roles:
            q |= Q(**{f"{prefix}role__in": sorted(roles)})
        return q & Q(**{f"{prefix}school": self.project.school_id, f"{prefix}is_active": True})

    def admits(self, membership, *, in_project: bool | None = None) -> bool:
        """Whether `membership` may vote here: the one check for one person (rules, services, pages).

        `electorate_q` is the same rule for a whole electorate in SQL (turnout, notifications);
        tests/projects/test_voting.py checks the two agree. `in_project` (whether they are one of
        the project's members) is read from the project's memberships (prefetched by
        `decision_get`) unless the caller knows it, as a list of decisions does.
        """
        if in_project is None:
            in_project = self.project.role_of(membership) is not None
        return (
            membership.school_id == self.project.school_id
            and membership.is_active
            and (
                (self.electorate_project_members and in_project)
                or (membership.role == Role.PUPIL and membership.year_group in self.electorate_year_groups)
                or membership.role in self._roles_admitted()
            )
        )

    def _roles_admitted(self) -> set[str]:
        roles = set(self.electorate_roles)
        if Role.STAFF in roles:  # staff covers leaders too
            roles.add(Role.LEADER)
        return roles

    def electorate_label(self) -> str:
        parts = []
        if self.electorate_project_members:
            parts.append("the project's members")
        if self.electorate_year_groups:
            parts.append("Year " + ", ".join(str(y) for y in sorted(self.electorate_year_groups)))
        parts += [label.lower() for value, label in ELECTORATE_ROLES if value in self.electorate_roles]
        return ", ".join(parts) or "nobody"


class Ballot(models.Model):
    """One secret ballot. `choices` is a list of idea ids: the approved ideas, or a ranking (first first)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="ballots")
    choices = models.JSONField(default=list)
    # SHA-256 of the random receipt the voter was shown once (nothing about who voted); NULL on old rows.
    receipt = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "receipt"], condition=Q(receipt__isnull=False), name="ballot_one_per_receipt"
            )
        ]

    def __str__(self) -> str:
        return f"A ballot in {self.decision}"


class HeldBallot(models.Model):
    """A ballot waiting for the next step (projects.services.holding): written in a transaction of its
    own, after (never with) the `VoterRecord`; moved into `Ballot` in shuffled batches of at least 5
    and deleted in the same transaction. `receipt` is the SHA-256 of the random receipt shown once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="held_ballots")
    choices = models.JSONField(default=list)
    receipt = models.CharField(max_length=64, editable=False)

    def __str__(self) -> str:
        return f"A ballot in {self.decision} waiting for the next step"


class VoterRecord(models.Model):
    """That a member voted, and on which day. Never linked to their ballot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="voter_records")
    membership = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="voter_records")
    voted_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "membership"], name="voter_record_once")]

    def __str__(self) -> str:
        return f"{self.membership} voted in {self.decision}"
