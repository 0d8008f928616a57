"""What evaluation puts in a person's calendar feed (people.calendar): when the surveys for them close."""

from datetime import date

from django.urls import reverse

from evaluation.models import SurveyStatus
from evaluation.selectors import surveys_for_audience
from people.calendar.ical import Event
from people.calendar.sources import calendar_source, window_moments


@calendar_source("surveys")
def survey_events(membership, window: tuple[date, date]):
    start, end = window_moments(window)
    surveys = surveys_for_audience(membership).filter(status=SurveyStatus.OPEN, closes_at__range=(start, end))
    for survey in surveys.only("title", "closes_at"):
        yield Event(
            uid=f"survey-{survey.pk}",
            summary=f"Survey closes: {survey.title}",
            start=survey.closes_at,
            url=reverse("evaluation:start", args=[survey.pk]),
        )
