"""The co-deliver gate: there are tasks, and every one is done or deferred with a reason; and each
member's own open tasks are theirs to do."""

from django.db.models import Count, Q
from django.urls import reverse

from people.models import Membership
from projects.gates.registry import Missing, Who, register_gate, register_member_step
from projects.models import OPEN_TASK_STATUSES, Project, Stage, Task


@register_gate(Stage.CO_DELIVER)
def gate_leave_co_deliver(project: Project) -> list[Missing]:
    counts = Task.objects.filter(project=project).aggregate(
        total=Count("pk"), still_open=Count("pk", filter=Q(status__in=OPEN_TASK_STATUSES))
    )
    board = reverse("projects:task_board", args=[project.pk])
    if not counts["total"]:
        text = "Add the delivery's tasks to the board: a project delivers at least one task."
        return [Missing(text=text, url=board, who=Who.MEMBER)]
    if still_open := counts["still_open"]:
        text = f"Finish or defer (with a reason) every task: {still_open} still to do or in progress."
        # Each task's owners move it, and the leads and facilitator may move any (projects.change_task).
        return [Missing(text=text, url=board, who=Who.RUNNER)]
    return []


@register_member_step(Stage.CO_DELIVER)
def do_my_tasks(project: Project, viewer: Membership) -> Missing | None:
    if not Task.objects.filter(project=project, owners=viewer, status__in=OPEN_TASK_STATUSES).exists():
        return None
    board = reverse("projects:task_board", args=[project.pk])
    return Missing(text="Do your tasks and tick them off.", url=board, who=Who.MEMBER)
