"""What evaluation adds to the project lifecycle, registered in the stage service's tables at start-up
(imported by `EvaluationConfig.ready`):

- entering co-design opens the project's "before" surveys, entering co-evaluate its "after" ones,
  and tells each survey's audience; entering co-evaluate tells the leaders the report waits for them;
- the co-evaluate → completed gate passes only once a leader has signed off the project's report
  (the item links to the sign-off page, for a leader);
- a member's step in co-evaluate is the project's survey waiting for them.
"""

from django.urls import reverse

from evaluation import notifications
from evaluation.models import Pairing, ReportSignOff
from evaluation.selectors import surveys_to_answer
from evaluation.services import project_surveys_open
from people.models import Membership
from projects.gates import Missing, Who, register_gate, register_member_step
from projects.models import Project, Stage
from projects.services.stages import on_stage_entry

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
def gate_leave_co_evaluate(project: Project) -> list[Missing]:
    if ReportSignOff.objects.filter(project=project).exists():
        return []
    url = reverse("evaluation:project_report_sign_off", args=[project.pk])
    return [Missing(text=SIGN_OFF_NEEDED, url=url, who=Who.LEADER, action="Sign off the report")]


@register_member_step(Stage.CO_EVALUATE)
def answer_the_survey(project: Project, viewer: Membership) -> Missing | None:
    survey = surveys_to_answer(viewer).filter(project=project).first()
    if survey is None:
        return None
    return Missing(
        text="Answer the survey: did it work?", url=reverse("evaluation:start", args=[survey.pk]), who=Who.MEMBER
    )
