"""A leader's sign-off of a project's evaluation report: the condition for completing the project.

The sign-off row is the audit record of the act (who, when, their comment, and the report exactly as
it stood), in the way a `StageTransition` records a stage move; it is never edited or deleted.
"""

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from evaluation import notifications
from evaluation.models import ReportSignOff
from evaluation.reports.project import project_report, report_figures
from people.models import Membership
from projects.models import Project, Stage

BODY_TEMPLATE = "evaluation/reports/_project_report_body.html"


class SignOffError(Exception):
    """The sign-off is not allowed now; the message is shown to the leader as it is."""


class AlreadySignedOff(SignOffError):
    def __init__(self):
        super().__init__("This report has already been signed off; the signed version is kept as it was.")


@transaction.atomic
def report_sign_off(*, project: Project, leader: Membership, comment: str) -> ReportSignOff:
    """Sign off the report as it is now: its body and figures are stored and never change after."""
    # Locking the project serialises sign-offs and stage moves of this project.
    project = Project.objects.select_for_update().select_related("school").get(pk=project.pk)
    if not leader.is_leader or leader.school_id != project.school_id or not leader.is_active:
        raise SignOffError("Only a leader of the project's school signs off its evaluation report.")
    if project.stage != Stage.CO_EVALUATE:
        raise SignOffError("The report is signed off while the project is in co-evaluate.")
    comment = comment.strip()
    if not comment:
        raise SignOffError("Write a comment: what you make of the project and its evaluation.")
    if ReportSignOff.objects.filter(project=project).exists():
        raise AlreadySignedOff
    report = project_report(project=project)
    try:
        with transaction.atomic():
            sign_off = ReportSignOff.objects.create(
                project=project,
                signed_by=leader,
                comment=comment,
                figures=report_figures(report),
                signed_html=render_to_string(BODY_TEMPLATE, {"report": report}),
            )
    except IntegrityError:
        # The one-to-one column: someone signed in between (only possible without the lock above).
        raise AlreadySignedOff from None
    notifications.notify_report_signed(sign_off=sign_off)
    return sign_off
