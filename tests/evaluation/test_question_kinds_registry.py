"""A question kind is one module: a kind registered here, in the test, goes from the builder to the CSV.

Nothing outside this file knows the kind "traffic light": the builder's choice of kind, the answer
step, the check of the answer, the count, the results page and the CSV all come from the registry.
"""

import pytest
from django.template import Template
from django.urls import reverse

from evaluation.models import Answer, Survey
from evaluation.questions import registry
from tests.factories import PupilFactory
from tests.holding import held_flush

pytestmark = pytest.mark.django_db


class TrafficLight(registry.OptionKind):
    key = "traffic"
    label = "Traffic light (red, amber or green)"
    missing = "Please choose a colour: this question needs an answer."
    out_of_range = "Choose red, amber or green."
    result_template = Template(
        "{% for option in result.options %}<p>Light {{ option.label }}: {{ option.count }}</p>{% endfor %}"
    )

    def options(self, question):
        return [(0, "Red"), (1, "Amber"), (2, "Green")]

    def csv_rows(self, result):
        return [[f"light {option.label}", option.count, option.percent, ""] for option in result.options]


@pytest.fixture
def traffic_light(monkeypatch):
    """Registers TrafficLight for this test only: the registry goes back to the real kinds afterwards."""
    monkeypatch.setattr(registry, "_kinds", dict(registry._kinds))
    return registry.register(TrafficLight())


def test_a_kind_registered_in_a_test_goes_from_the_builder_to_the_results_and_csv(
    client_for, school, staff, traffic_light
):
    client = client_for(staff)
    client.post(reverse("evaluation:new"), {"title": "How are lunches?", "audience": "pupils", "anonymous": "on"})
    survey = Survey.objects.get(title="How are lunches?")
    builder = client.get(reverse("evaluation:builder", args=[survey.pk])).text
    assert "Traffic light (red, amber or green)" in builder
    added = client.post(
        reverse("evaluation:question_new", args=[survey.pk]),
        {"type": "traffic", "text": "How calm is the dining hall?", "required": "on"},
    )
    assert added.status_code == 302
    assert survey.questions.get().type == "traffic"
    client.post(reverse("evaluation:status", args=[survey.pk]), {"action": "open"})

    step = reverse("evaluation:answer", args=[survey.pk]) + "?q=1"
    pupils = PupilFactory.create_batch(9, school=school)
    for pupil, colour in zip(pupils, ["2", "2", "2", "2", "2", "2", "0", "0", "1"], strict=True):
        client = client_for(pupil)
        page = client.get(step).text
        assert 'type="radio"' in page and ">Amber<" in page
        assert "Choose red, amber or green." in client.post(step, {"answer": "7"}).text
        assert client.post(step, {"answer": colour}).status_code == 302
        assert {"2": "Green", "1": "Amber", "0": "Red"}[colour] in client.get(
            reverse("evaluation:review", args=[survey.pk])
        ).text
        client.post(reverse("evaluation:review", args=[survey.pk]))
    held_flush()
    assert sorted(Answer.objects.values_list("number", flat=True)) == [0, 0, 1, 2, 2, 2, 2, 2, 2]

    client = client_for(staff)
    results = client.get(reverse("evaluation:results", args=[survey.pk])).text
    # Small-number suppression holds around the kind's tally: two red lights and one amber are "fewer than 5".
    assert "Light Green: 6" in results and "Light Red: fewer than 5" in results
    csv = client.get(reverse("evaluation:results_csv", args=[survey.pk])).content.decode()
    assert "How calm is the dining hall?,9,light Green,6,67%," in csv


def test_a_wrong_answer_gets_the_kinds_own_message(client_for, school, staff, traffic_light):
    survey = Survey.objects.create(school=school, title="Lights", status="open")
    survey.questions.create(order=1, type="traffic", text="How calm?")
    pupil = PupilFactory(school=school)
    page = client_for(pupil).post(reverse("evaluation:answer", args=[survey.pk]) + "?q=1", {"answer": "7"})
    assert "Choose red, amber or green." in page.text


def test_a_kind_is_registered_once_and_its_key_fits_the_column(traffic_light):
    with pytest.raises(ValueError, match="registered already"):
        registry.register(TrafficLight())
    too_long = type("TooLong", (TrafficLight,), {"key": "x" * (registry.KEY_MAX_LENGTH + 1)})
    with pytest.raises(ValueError, match="at most"):
        registry.register(too_long())
