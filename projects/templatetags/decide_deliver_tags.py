import rules
from django import template

from projects.models import OPEN_TASK_STATUSES
from projects.selectors.decisions import latest_decision, result_view

register = template.Library()


@register.inclusion_tag("projects/decisions/_project_panel.html")
def decide_deliver_panel(project, membership) -> dict:
    """`{% decide_deliver_panel project membership %}` on the project page: the latest decision, its result and
    leadership's answer next to it, and links to the task board, sessions and peer roles."""
    decision = latest_decision(project)
    return {
        "project": project,
        "can_view_sessions": rules.test_rule("projects.view_sessions", membership, project),
        "decision": decision,
        "result": result_view(decision) if decision else None,
        "open_tasks": project.tasks.filter(status__in=OPEN_TASK_STATUSES).count(),
    }
