"""What evaluation adds to the project lifecycle, registered in the stage service's tables at start-up
(imported by `EvaluationConfig.ready`):

- entering co-design opens the project's "before" surveys, entering co-evaluate its "after" ones,
  and tells each survey's audience; entering co-evaluate tells the leaders the report waits for them;
- the co-evaluate → completed gate passes only once a leader has signed off the project's report.
"""

from evaluation import notifications
from evaluation.models import Pairing, ReportSignOff
from evaluation.services import project_surveys_open
from projects.models import Project, Stage
from projects.services.stages import on_stage_entry, register_gate

SIGN_OFF_NEEDED = "A leader must sign off the evaluation report before the project completes."


@on_stage_entry(Stage.CO_DESIGN)
def open_before_surveys(project: Project) -> None:
    # Opening a survey tells its audience (evaluation.notifications).
    project_surveys_open(project=project, pairing=Pairing.BEFORE)


@on_stage_entry(Stage.CO_EVALUATE)
def open_after_surveys(project: Project) -> None:
    project_surveys_open(project=project, pairing=Pairing.AFTER)
    notifications.notify_report_awaiting(project=project)


@register_gate(Stage.CO_EVALUATE)
def gate_leave_co_evaluate(project: Project) -> list[str]:
    if ReportSignOff.objects.filter(project=project).exists():
        return []
    return [SIGN_OFF_NEEDED]
