"""A reflection matching the safeguarding word list is held: the author is told, only the leads read it."""

import pytest
from django.urls import reverse

from evaluation.models import ReflectionKind
from evaluation.reports.project import project_report
from evaluation.reports.reflections import reflection_add
from people.models import Notification
from projects.models import Report, Stage
from projects.services.safeguarding import HELD_NOTICE
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_disclosure_in_a_reflection_is_held_for_the_leads(project, lead, facilitator, move_to, client_for):
    dsl = StaffFactory(school=project.school, is_safeguarding_lead=True)
    move_to(project, Stage.CO_EVALUATE)

    reflection = reflection_add(
        project=project, author=lead, kind=ReflectionKind.WORKED, text="They hit me at home and I can't say"
    )

    assert reflection.hidden_for_safeguarding and reflection.hidden_reason == HELD_NOTICE
    assert all(section["texts"] == [] for section in project_report(project=project)["reflections"])
    url = reverse("evaluation:project_reflections", args=[project.pk])
    assert "hit me" not in client_for(facilitator).get(url).text
    assert HELD_NOTICE in client_for(lead).get(url).text
    report = Report.objects.get()
    assert report.message.where == url and report.held_by_screen
    assert list(Notification.objects.filter(kind="safeguarding_concern").values_list("recipient", flat=True)) == [
        dsl.pk
    ]
    assert "hit me at home" in client_for(dsl).get(reverse("projects:safeguarding")).text
