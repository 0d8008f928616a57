"""What evaluation adds to the project lifecycle, registered in the stage service's tables at start-up
(imported by `EvaluationConfig.ready`):

- entering co-design opens the project's "before" surveys, entering co-evaluate its "after" ones,
  and tells each survey's audience (inbox now, emails queued by `notify` after the commit);
- the co-evaluate → completed gate passes only once a leader has signed off the project's report.
"""

from django.urls import reverse

from evaluation.models import Pairing, ReportSignOff
from evaluation.selectors import members_yet_to_answer
from evaluation.services import project_surveys_open
from people.models import NotificationKind
from people.notifications.services import notify
from projects.models import Project, Stage
from projects.services.stages import on_stage_entry, register_gate

SIGN_OFF_NEEDED = "A leader must sign off the evaluation report before the project completes."


def _open_and_announce(project: Project, pairing: str) -> None:
    for survey in project_surveys_open(project=project, pairing=pairing):
        notify(
            kind=NotificationKind.ANNOUNCEMENT,
            subject=survey,
            recipients=members_yet_to_answer(survey),
            title=f"New survey: {survey.title}",
            body=f"“{project.title}” has moved on, and the group would like to hear from you.",
            url=reverse("evaluation:start", args=[survey.pk]),
        )


@on_stage_entry(Stage.CO_DESIGN)
def open_before_surveys(project: Project) -> None:
    _open_and_announce(project, Pairing.BEFORE)


@on_stage_entry(Stage.CO_EVALUATE)
def open_after_surveys(project: Project) -> None:
    _open_and_announce(project, Pairing.AFTER)


@register_gate(Stage.CO_EVALUATE)
def gate_leave_co_evaluate(project: Project) -> list[str]:
    if ReportSignOff.objects.filter(project=project).exists():
        return []
    return [SIGN_OFF_NEEDED]
