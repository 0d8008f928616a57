"""A named survey's written answer that matches the safeguarding word list is held: it is not in the
results, the CSV, the answers-by-person page or a report's PDF for anyone, and the leads read it in
the concern; once a lead releases it, it counts and shows again."""

import pytest
from django.urls import reverse

from evaluation.models import Answer
from evaluation.reports.project import project_report
from projects.models import Report
from tests.factories import PupilFactory, StaffFactory
from tests.holding import held_flush

pytestmark = pytest.mark.django_db

DISCLOSURE = "My uncle says they'll hurt me if I tell anyone"
SAFE = ["More clubs", "A quiet room", "Longer lunch", "Better food"]


@pytest.fixture
def named(survey):
    survey.anonymous = False
    survey.save(update_fields=["anonymous"])
    return survey


@pytest.fixture
def answered(named, school, submit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for text in SAFE:
            submit(named, PupilFactory(school=school), {1: 4, 2: text})
        submit(named, PupilFactory(school=school), {1: 2, 2: DISCLOSURE})
    return named


@pytest.fixture
def dsl(school):
    return StaffFactory(school=school, is_safeguarding_lead=True)


def _pages(survey, client):
    return {
        "results": client.get(reverse("evaluation:results", args=[survey.pk])).text,
        "csv": client.get(reverse("evaluation:results_csv", args=[survey.pk])).content.decode(),
        "by person": client.get(reverse("evaluation:named_responses", args=[survey.pk])).text,
    }


def test_a_held_answer_is_nowhere_in_results_csv_or_by_person(dsl, answered, staff, client_for):
    held = Answer.objects.get(text=DISCLOSURE)
    assert held.held and held.held_message is not None
    assert not Answer.objects.filter(held=True).exclude(pk=held.pk).exists()  # the other answers of theirs stay
    for viewer in (staff, dsl):
        pages = _pages(answered, client_for(viewer))
        for name, text in pages.items():
            assert "hurt me" not in text, (viewer.role, name)
        assert "Held for a check" in pages["by person"]
        # Four written answers are shown: fewer than five, so none is listed (the held one does not count).
        assert "More clubs" not in pages["results"]
    concern = Report.objects.get(message=held.held_message)
    page = client_for(dsl).get(reverse("projects:safeguarding_concern", args=[concern.pk])).text
    assert DISCLOSURE.replace("'", "&#x27;") in page


def test_a_lead_releasing_the_concern_releases_the_answer(dsl, answered, staff, client_for):
    held = Answer.objects.get(text=DISCLOSURE)
    concern = Report.objects.get(message=held.held_message)
    client_for(dsl).post(
        reverse("projects:safeguarding_concern", args=[concern.pk]),
        {"outcome": "Spoke to the pupil: a quote from a book they read.", "restore_content": "on"},
    )
    held.refresh_from_db()
    assert not held.held
    results = client_for(staff).get(reverse("evaluation:results", args=[answered.pk])).text
    assert "More clubs" in results and "hurt me" in results


def test_an_outcome_without_release_keeps_it_held(dsl, answered, client_for, staff):
    held = Answer.objects.get(text=DISCLOSURE)
    concern = Report.objects.get(message=held.held_message)
    client_for(dsl).post(reverse("projects:safeguarding_concern", args=[concern.pk]), {"outcome": "Referred."})
    held.refresh_from_db()
    assert held.held
    assert "hurt me" not in client_for(staff).get(reverse("evaluation:results", args=[answered.pk])).text


def test_an_anonymous_surveys_free_text_in_a_report_leaves_held_answers_out(project, survey, school, submit):
    # Anonymous answers are never screened (nobody to alert about), but a held row never reaches a report.
    survey.project = project
    survey.save(update_fields=["project"])
    for text in [*SAFE, "Fine"]:
        submit(survey, PupilFactory(school=school), {1: 3, 2: text})
    held_flush()
    Answer.objects.filter(text="Fine").update(held=True)
    (entry,) = project_report(project=project)["free_text"]
    assert "Fine" not in entry["answers"]
    assert entry["suppressed"]  # four left: fewer than five are never listed
