"""The co-design gate: enough shortlisted ideas for a decision; and every member may add ideas."""

from django.urls import reverse

from people.models import Membership
from projects.gates.registry import Missing, Who, register_gate, register_member_step
from projects.models import Project, Stage

MIN_SHORTLISTED_IDEAS = 2


@register_gate(Stage.CO_DESIGN)
def gate_leave_co_design(project: Project) -> list[Missing]:
    shortlisted = project.ideas.filter(is_shortlisted=True, hidden_at__isnull=True).count()
    if shortlisted >= MIN_SHORTLISTED_IDEAS:
        return []
    return [
        Missing(
            text=f"Shortlist at least {MIN_SHORTLISTED_IDEAS} ideas for the decision (now {shortlisted}).",
            url=reverse("projects:idea_list", args=[project.pk]),
            who=Who.RUNNER,
        )
    ]


@register_member_step(Stage.CO_DESIGN)
def add_an_idea(project: Project, viewer: Membership) -> Missing:
    return Missing(text="Add your idea.", url=reverse("projects:idea_create", args=[project.pk]), who=Who.MEMBER)
