"""The co-decide gate: a decision of the project has closed.

Casting a ballot is not an item here: the next step offers the ballot first to whoever may still
vote (`projects.selectors.next_step`), and a vote closes at its time, so while one is open nobody
is asked to do anything more.
"""

from django.urls import reverse
from django.utils import formats, timezone

from projects.gates.registry import Missing, Who, register_gate
from projects.models import Decision, DecisionStatus, Project, Stage

TEXT = "Close a decision: the group's vote must have closed before delivery starts."


@register_gate(Stage.CO_DECIDE)
def gate_leave_co_decide(project: Project) -> list[Missing]:
    decisions = Decision.objects.filter(project=project)
    if decisions.filter(status=DecisionStatus.CLOSED).exists():
        return []
    still_open = decisions.filter(status=DecisionStatus.OPEN).order_by("closes_at").only("title", "closes_at").first()
    if still_open is None:
        return [Missing(text=TEXT, url=reverse("projects:decision_create", args=[project.pk]), who=Who.RUNNER)]
    closes = formats.date_format(timezone.localtime(still_open.closes_at), "D j M, H:i")
    return [
        Missing(
            text=TEXT,
            url=reverse("projects:decision_detail", args=[still_open.pk]),
            who=Who.NOBODY,
            waiting=f"Waiting for the vote “{still_open.title}” to close ({closes}).",
        )
    ]
