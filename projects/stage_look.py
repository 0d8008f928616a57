"""How each stage looks and what happens in it, in words a pupil reads at a glance (docs/design.md).

The colours are CSS tokens (`--cs-stage-<value>-*` in static/css/tokens.css, the class `stage-<value>`); the
icon is a bootstrap-icons name. A stage is never shown by its colour alone: its name is always beside it.
"""

from dataclasses import dataclass

from projects.models import Stage


@dataclass(frozen=True)
class StageLook:
    icon: str
    # What the group does in this stage: the "what happens now" line on a project card.
    doing: str


STAGE_LOOK: dict[str, StageLook] = {
    Stage.CO_IDENTIFY: StageLook("binoculars", "Finding out what needs to change"),
    Stage.CO_DESIGN: StageLook("lightbulb", "Dreaming up ideas together"),
    Stage.CO_DECIDE: StageLook("check2-square", "Choosing the best idea"),
    Stage.CO_DELIVER: StageLook("hammer", "Making it happen"),
    Stage.CO_EVALUATE: StageLook("clipboard-check", "Checking how it went"),
    Stage.COMPLETED: StageLook("trophy", "Done: see what changed"),
}


def stage_look(stage: str) -> StageLook:
    return STAGE_LOOK.get(stage, StageLook("circle", ""))
