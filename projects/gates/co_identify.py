"""The co-identify gate: the project answers a need, has a pupil lead and a facilitator, and says
what participants get back."""

from django.urls import reverse

from people.models import Membership
from projects.gates.registry import Missing, Who, register_gate, register_member_step
from projects.models import Project, ProjectRole, Stage


@register_gate(Stage.CO_IDENTIFY)
def gate_leave_co_identify(project: Project) -> list[Missing]:
    page = project.get_absolute_url()
    edit = reverse("projects:project_edit", args=[project.pk])
    missing = []
    if not project.needs.exists():
        missing.append(Missing(text="Link at least one need that the project answers.", url=edit, who=Who.RUNNER))
    roles = set(project.memberships.values_list("role", flat=True))
    if ProjectRole.LEAD not in roles:
        # The facilitator makes a pupil member a lead, in the People list of the project page.
        missing.append(
            Missing(text="The project needs a pupil lead.", url=f"{page}#members-heading", who=Who.FACILITATOR)
        )
    if ProjectRole.FACILITATOR not in roles:
        missing.append(Missing(text="The project needs a staff facilitator.", url=page, who=Who.STAFF))
    if not project.what_you_get_back.strip():
        missing.append(
            Missing(text='Write the "what you get back" statement: what participants gain.', url=edit, who=Who.RUNNER)
        )
    return missing


@register_member_step(Stage.CO_IDENTIFY)
def back_the_need(project: Project, viewer: Membership) -> Missing:
    # Backing shows the school how many want the change; the needs list has each need's button.
    return Missing(
        text="Ask friends to back the need this project is about.", url=reverse("projects:need_list"), who=Who.MEMBER
    )
