"""The notification kinds of evaluation (surveys, report sign-off), registered from EvaluationConfig.ready."""

from django.urls import reverse

from people.notifications.kinds import Kind, register_kind

SURVEY_OPENED = register_kind(
    Kind(
        key="survey_opened",
        label="A survey for you",
        event="a survey you are asked to answer opens",
        recipients="the survey's audience who have not answered",
        title="New survey: {survey}",
        link=lambda survey: reverse("evaluation:start", args=[survey.pk]),
        app="evaluation",
    )
)
REPORT_AWAITING = register_kind(
    Kind(
        key="report_awaiting",
        label="A report waits for your sign-off",
        event="a project enters co-evaluate, so its report waits for a leader's sign-off",
        recipients="the school's leaders",
        title="{project}: its evaluation report waits for your sign-off",
        link=lambda project: reverse("evaluation:project_report", args=[project.pk]),
        app="evaluation",
    )
)
REPORT_SIGNED = register_kind(
    Kind(
        key="report_signed",
        label="Your project's report was signed off",
        event="a leader signs off the report of a project you are in",
        recipients="the project's members",
        title="{project}: the report was signed off by {leader}",
        link=lambda sign_off: reverse("evaluation:project_report", args=[sign_off.project_id]),
        app="evaluation",
    )
)
INVITED = register_kind(
    Kind(
        key="invited",
        label="You are invited",
        event="a member of staff invites you to a project, a need or a survey",
        recipients="the pupils invited",
        title="{inviter} invites you: {what}",
        link=lambda target: reverse("home") + "#invitations",
        app="evaluation",
    )
)
