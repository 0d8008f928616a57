"""Counts the pages show, stored on the rows they describe: backers and visible comments per need,
visible comments per idea, members, facilitators and needs per project, voters per decision.

Pages read them as columns, so a list costs the same whatever the number of backings or ballots and
no page needs a cache (issue 16). The services change them in the transaction that writes the rows
they count: `count_add` with an `F()` expression for the busy writes (a backing, a ballot, a comment),
so two at once both count; `counters_recount` recomputes them from the rows for what is rare or bulk
(a project's needs edited, a seeder's COPY, the data migration). tests/projects/test_counters.py
recomputes every one from scratch after a mix of service calls and compares.
"""

from django.apps import apps
from django.db.models import Count, F, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_add(model: type[Model], pk: int, **deltas: int) -> None:
    """Add each delta (negative to take away) to the row's counter of that name, in the database."""
    model.objects.filter(pk=pk).update(**{field: F(field) + delta for field, delta in deltas.items()})


def _count(rows: QuerySet, of: str) -> Coalesce:
    counted = rows.filter(**{of: OuterRef("pk")}).order_by().values(of).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted), 0)


def _counts(models) -> dict[type[Model], dict[str, Coalesce]]:
    """Each counter as a count over the rows it stands for. `models` is the app registry's (or a
    migration's historical) `get_model`, so the data migration recomputes them the same way."""
    backing, need_comment, idea_comment = (
        models(f"projects.{name}") for name in ("Backing", "NeedComment", "IdeaComment")
    )
    member, voter, needs = (
        models(f"projects.{name}") for name in ("ProjectMembership", "VoterRecord", "Project_needs")
    )
    return {
        models("projects.Need"): {
            "backer_count": _count(backing.objects.all(), "need"),
            "comment_count": _count(need_comment.objects.filter(hidden_at__isnull=True), "need"),
        },
        models("projects.Idea"): {"comment_count": _count(idea_comment.objects.filter(hidden_at__isnull=True), "idea")},
        models("projects.Project"): {
            "member_count": _count(member.objects.all(), "project"),
            "facilitator_count": _count(member.objects.filter(role="facilitator"), "project"),
            "need_count": _count(needs.objects.all(), "project"),
        },
        models("projects.Decision"): {"voter_count": _count(voter.objects.all(), "decision")},
    }


# The path from each counted row to its school, to recount some schools' rows only.
SCHOOL_OF = {"Need": "school", "Idea": "project__school", "Project": "school", "Decision": "project__school"}


def counters_recount(*, school_ids: list[int] | None = None, models=apps.get_model) -> None:
    """Recompute the counters from the rows, for the given schools (all when None): after bulk
    inserts (seeders) and in the data migration. The services use `count_add`."""
    for model, counts in _counts(models).items():
        rows = model.objects.all()
        if school_ids is not None:
            rows = rows.filter(**{f"{SCHOOL_OF[model._meta.object_name]}__in": school_ids})
        rows.update(**counts)
