"""Stage gates as objects: each gate says what is still missing before its stage can end.

A gate is keyed by the stage being left and returns a list of `Missing` items (empty when it passes).
Each item carries the words to show, the page where it is done and who can do it, so the next step
(`projects.selectors.next_step`) links to that page or says whom the group waits for. Later apps
replace a stage's gate with `register_gate` (evaluation's sign-off gate); until then the gate fails
with a "not available yet" item and never passes silently.

`register_member_step` is the other hook: what a member can do in a stage besides meeting its gate
(add an idea, do their tasks, answer the survey), offered when the gate asks nothing of them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from people.models import Membership
from projects.models import Project, ProjectRole, Stage

RUNNERS = (ProjectRole.LEAD, ProjectRole.FACILITATOR)


class Who(models.TextChoices):
    """Who can do a missing item, in the words a waiting text uses."""

    LEAD = "lead", "a pupil lead"
    FACILITATOR = "facilitator", "the facilitator"
    RUNNER = "runner", "a pupil lead or the facilitator"
    MEMBER = "member", "any member"
    STAFF = "staff", "a member of staff"
    LEADER = "leader", "a leader"
    # Nobody acts: the item is met when something happens (a vote closes at its time).
    NOBODY = "nobody", "it happens on its own"

    def admits(self, viewer: Membership, role: str | None) -> bool:
        """Whether this viewer, with this role in the project (None: not a member), can do it."""
        return {
            Who.LEAD: role == ProjectRole.LEAD,
            Who.FACILITATOR: role == ProjectRole.FACILITATOR,
            Who.RUNNER: role in RUNNERS,
            Who.MEMBER: role is not None,
            # Taking a project on: staff who do not facilitate it yet (projects.take_on_project).
            Who.STAFF: viewer.is_staff_member and role != ProjectRole.FACILITATOR,
            Who.LEADER: viewer.is_leader,
            Who.NOBODY: False,
        }[self]


@dataclass(frozen=True)
class Missing:
    """One unmet condition: `text` in plain words, `url` of the page where it is done, `who` does it.

    `action` is the button's words for whoever does it, when `text` describes rather than asks
    ("A leader must sign off…" / "Sign off the report"); `waiting` is what the others read while
    they wait, when the usual "Waiting for <who>" would not fit (a vote that closes on its own)."""

    text: str
    url: str
    who: Who
    action: str = ""
    waiting: str = ""


Gate = Callable[[Project], list[Missing]]
MemberStep = Callable[[Project, Membership], Missing | None]


def _not_available_yet(text: str) -> Gate:
    def gate(project: Project) -> list[Missing]:
        return [Missing(text=text, url=project.get_absolute_url(), who=Who.NOBODY)]

    gate.not_available_yet = True  # a test checks that no placeholder is left once the apps are loaded
    return gate


GATES: dict[Stage, Gate] = {
    # Replaced at start-up by evaluation.stage_hooks (a leader signed off the report); fails closed until then.
    Stage.CO_EVALUATE: _not_available_yet(
        "The leader sign-off gate belongs to the evaluation app, which is not loaded: the project cannot complete."
    ),
}
MEMBER_STEPS: dict[Stage, list[MemberStep]] = {}


def register_gate(stage: Stage) -> Callable[[Gate], Gate]:
    """Decorator: `@register_gate(Stage.CO_DECIDE)` makes the function that stage's one gate."""

    def decorator(gate: Gate) -> Gate:
        GATES[stage] = gate
        return gate

    return decorator


def register_member_step(stage: Stage) -> Callable[[MemberStep], MemberStep]:
    """Decorator: what a member can do in `stage` (None when nothing is waiting for them)."""

    def decorator(step: MemberStep) -> MemberStep:
        steps = MEMBER_STEPS.setdefault(stage, [])
        if step not in steps:
            steps.append(step)
        return step

    return decorator


def gate_missing(project: Project) -> list[Missing]:
    """What still stops the project from moving to its next stage (empty: nothing)."""
    gate = GATES.get(Stage(project.stage))
    if gate is None:
        return [Missing(text="The project is completed.", url=project.get_absolute_url(), who=Who.NOBODY)]
    return gate(project)


def gate_problems(project: Project) -> list[str]:
    """The same, as the words alone (a refused move lists them)."""
    return [missing.text for missing in gate_missing(project)]
