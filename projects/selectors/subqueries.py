"""Query pieces shared by the selectors."""

from django.db.models import OuterRef, Subquery

from projects.models import StageProposal


def open_proposal(field: str, *, project: str = "pk") -> Subquery:
    """`field` of the open stage proposal (at most one) of the project the outer row's `project` names."""
    proposals = StageProposal.objects.filter(project=OuterRef(project), status=StageProposal.Status.OPEN)
    return Subquery(proposals.values(field)[:1])
