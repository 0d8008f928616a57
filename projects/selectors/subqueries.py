"""Query pieces shared by the selectors."""

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from projects.models import StageProposal


def count_per_row(rows: QuerySet, *, of: str) -> Coalesce:
    """How many of `rows` point at each outer row (through the field `of`), as a correlated COUNT.

    One index lookup per listed row, where joining the rows and grouping multiplied them and scanned
    the whole trust's table (bench, issue 9).
    """
    counted = rows.filter(**{of: OuterRef("pk")}).order_by().values(of).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def open_proposal(field: str, *, project: str = "pk") -> Subquery:
    """`field` of the open stage proposal (at most one) of the project the outer row's `project` names."""
    proposals = StageProposal.objects.filter(project=OuterRef(project), status=StageProposal.Status.OPEN)
    return Subquery(proposals.values(field)[:1])
