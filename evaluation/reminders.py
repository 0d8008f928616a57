"""The evaluation app's reminders (people.notifications.reminders), registered from EvaluationConfig.ready."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.urls import reverse

from evaluation.models import Survey, SurveyStatus
from evaluation.selectors import members_yet_to_answer
from people.models import NotificationKind
from people.notifications.reminders import Reminder, local_day_range, reminder


@reminder("survey_closing", kind=NotificationKind.SURVEY_CLOSING)
def surveys_closing_tomorrow(today: date) -> Iterable[Reminder]:
    """A survey closes tomorrow: tell its audience who have not answered (read from completions, so
    anonymous surveys work the same)."""

    tomorrow = today + timedelta(days=1)
    start, end = local_day_range(tomorrow)
    for survey in Survey.objects.filter(status=SurveyStatus.OPEN, closes_at__gte=start, closes_at__lt=end):
        yield Reminder(
            subject=survey,
            recipients=members_yet_to_answer(survey),
            period=tomorrow.isoformat(),
            title=f"Survey closing tomorrow: {survey.title}",
            body="Your answers help decide what happens next. It takes a few minutes.",
            url=reverse("evaluation:start", args=[survey.pk]),
        )
