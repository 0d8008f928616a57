"""Reads for the charter and its versions."""

from dataclasses import dataclass
from decimal import Decimal

from projects.models import Adoption, Charter, Decision, DecisionStatus
from projects.selectors.history import versions_with_changes


def charter_for(*, school) -> Charter | None:
    return Charter.objects.filter(school=school).select_related("updated_by__user").first()


def charter_versions(*, charter: Charter) -> list[dict]:
    """Every version, newest first: who, when, and which fields changed."""
    return versions_with_changes(
        charter.history.select_related("updated_by__user").order_by("-history_date", "-history_id")
    )


@dataclass(frozen=True)
class Commitment:
    """One adopted budget decision and the money its funded ideas cost."""

    decision_id: int
    title: str
    project_id: int
    project_title: str
    spent: Decimal


@dataclass(frozen=True)
class MoneyLeft:
    """The charter's money, what adopted decisions have committed of it, and what is left.

    "Committed" is what the model records: the total cost of the ideas funded by each closed
    participatory-budgeting decision that leadership adopted (its published result's "spent").
    Votes still open, results not yet adopted and results not adopted commit nothing.
    """

    on_table: Decimal
    committed: Decimal
    commitments: list[Commitment]
    project_id: int | None = None

    @property
    def left(self) -> Decimal:
        return self.on_table - self.committed

    @property
    def is_over(self) -> bool:
        return self.left < 0

    @property
    def over_by(self) -> Decimal:
        return max(Decimal(0), -self.left)

    @property
    def project_committed(self) -> Decimal:
        return sum((c.spent for c in self.commitments if c.project_id == self.project_id), Decimal(0))


def money_left(*, school, charter: Charter | None, project=None) -> MoneyLeft:
    """One query: the school's adopted budget decisions. `project` marks which commitments are its own."""
    rows = (
        Decision.objects.filter(
            project__school=school, method="budget", status=DecisionStatus.CLOSED, adoption=Adoption.ADOPTED
        )
        .order_by("adoption_at", "pk")
        .values_list("pk", "title", "project_id", "project__title", "result")
    )
    commitments = []
    for pk, title, project_id, project_title, result in rows:
        try:
            spent = Decimal(str((result or {}).get("spent", "0")))
        except (ArithmeticError, ValueError):
            spent = Decimal(0)
        commitments.append(Commitment(pk, title, project_id, project_title, spent))
    return MoneyLeft(
        on_table=charter.budget_money if charter else Decimal(0),
        committed=sum((c.spent for c in commitments), Decimal(0)),
        commitments=commitments,
        project_id=project.pk if project is not None else None,
    )
