"""A survey's results: figures with small-number suppression in the page and the CSV alike."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation import results, services
from evaluation.models import Survey
from evaluation.stats import HIDDEN_TEXT, SUPPRESSED_TEXT
from tests.factories import PupilFactory, QuestionFactory, SurveyFactory
from tests.holding import held_flush

pytestmark = pytest.mark.django_db


def answer_all(survey, values_by_order: list[dict]):
    questions = {q.order: q.pk for q in survey.questions.all()}
    for values in values_by_order:
        pupil = PupilFactory(school=survey.school)
        services.response_submit(survey=survey, membership=pupil, answers={questions[o]: v for o, v in values.items()})
    held_flush()


@pytest.fixture
def mixed(school):
    survey = SurveyFactory(school=school, title="Mixed")
    QuestionFactory(survey=survey, type="likert5", text="I like school.")
    QuestionFactory(survey=survey, type="multiple", text="=HYPERLINK(evil)", choices=["Clubs", "Trips"])
    QuestionFactory(survey=survey, type="long_text", text="Anything else?", required=False)
    return survey


def test_counts_shares_and_means_with_small_groups_suppressed(mixed):
    # Six pupils: five "Agree" (4) and one "Disagree" (2); all pick Clubs, two pick Trips too.
    answer_all(mixed, [{1: 4, 2: [0]}] * 3 + [{1: 4, 2: [0, 1]}] * 2 + [{1: 2, 2: [0], 3: "More trips"}])
    likert, multiple, text = results.survey_results(mixed)
    # One count of 1 to 4 alone would be 6 minus the others, and the mean would give it too (issue 18):
    # the question's counts are all hidden, and so is the mean.
    assert likert.answered == 6 and likert.mean == HIDDEN_TEXT
    by_label = {option.label: (option.count, option.percent) for option in likert.options}
    assert set(by_label.values()) == {(HIDDEN_TEXT, HIDDEN_TEXT)}
    picks = {option.label: option.count for option in multiple.options}
    assert picks == {"Clubs": "6", "Trips": SUPPRESSED_TEXT}
    assert text.answered == 1 and text.texts == [] and text.answered_shown == SUPPRESSED_TEXT


def test_written_answers_are_listed_once_five_people_wrote_one(mixed):
    answer_all(mixed, [{1: 3, 2: [1], 3: f"Idea {n}"} for n in range(5)])
    text = results.survey_results(mixed)[2]
    assert sorted(text.texts) == [f"Idea {n}" for n in range(5)]


def test_a_mean_of_fewer_than_five_is_not_shown(mixed):
    answer_all(mixed, [{1: 5, 2: [0]}] * 4)
    likert = results.survey_results(mixed)[0]
    assert likert.mean == SUPPRESSED_TEXT and likert.answered_shown == SUPPRESSED_TEXT


def test_results_page_and_csv_show_the_same_suppressed_figures(client_for, staff, mixed):
    answer_all(mixed, [{1: 4, 2: [0]}] * 5 + [{1: 1, 2: [1], 3: "Only me"}])
    client = client_for(staff)
    page = client.get(reverse("evaluation:results", args=[mixed.pk]))
    assert page.status_code == 200
    assert "6 of 6 have answered" in page.text
    assert "Only me" not in page.text and SUPPRESSED_TEXT in page.text
    exported = client.get(reverse("evaluation:results_csv", args=[mixed.pk]))
    assert exported["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[0] == ["question number", "question", "answered", "option", "people", "share", "mean"]
    # One "fewer than 5" alone would be 6 minus the others: every count of the question is hidden.
    assert ["1", "I like school.", "6", "Agree", HIDDEN_TEXT, HIDDEN_TEXT, ""] in rows
    assert ["1", "I like school.", "6", "Strongly disagree", HIDDEN_TEXT, HIDDEN_TEXT, ""] in rows
    assert ["2", "'=HYPERLINK(evil)", "6", "Trips", SUPPRESSED_TEXT, SUPPRESSED_TEXT, ""] in rows
    assert "Only me" not in exported.content.decode()
    # A question written like a spreadsheet formula stays text.
    assert any(row[1] == "'=HYPERLINK(evil)" for row in rows[1:] if len(row) > 1)


def test_results_page_compares_before_and_after(client_for, staff, school):
    before = SurveyFactory(school=school, pairing="before", title="Confidence")
    QuestionFactory(survey=before, type="likert5", text="I can speak up.")
    after = services.survey_create_twin(survey=before, actor=staff)
    Survey.objects.filter(pk=after.pk).update(status="open")
    after.refresh_from_db()
    # Every count behind each mean is 5 or more, so the means may be shown (issue 18).
    answer_all(before, [{1: v} for v in [2, 3, 4] * 5])
    answer_all(after, [{1: v} for v in [3, 4, 5] * 5])
    page = client_for(staff).get(reverse("evaluation:results", args=[after.pk]))
    assert "<svg" in page.text and "I can speak up.: before 3.00, after 4.00" in page.text
    assert "+1.00" in page.text and "1.18" in page.text
    exported = client_for(staff).get(reverse("evaluation:results_csv", args=[before.pk])).content.decode()
    assert "I can speak up.,15,15,3.00,4.00,+1.00,1.18,not paired" in exported


def test_results_take_the_same_number_of_queries_for_5_and_50_responses(
    client_for, staff, mixed, django_assert_num_queries
):
    client = client_for(staff)
    answer_all(mixed, [{1: 4, 2: [0], 3: "x"}] * 5)
    client.get(reverse("evaluation:results", args=[mixed.pk]))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("evaluation:results", args=[mixed.pk]))
    answer_all(mixed, [{1: 3, 2: [1], 3: "y"}] * 45)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("evaluation:results", args=[mixed.pk]))
    assert "50 of 50 have answered" in page.text


def test_named_survey_lists_answers_by_person_in_constant_queries(client_for, staff, mixed, django_assert_num_queries):
    Survey.objects.filter(pk=mixed.pk).update(anonymous=False)
    mixed.refresh_from_db()
    pupil = PupilFactory(school=mixed.school, user__first_name="Named", user__last_name="Person")
    services.response_submit(
        survey=mixed,
        membership=pupil,
        answers={q.pk: v for q, v in zip(mixed.questions.all(), [5, [1], "Hi"], strict=True)},
    )
    client = client_for(staff)
    url = reverse("evaluation:named_responses", args=[mixed.pk])
    page = client.get(url)
    assert "Named Person" in page.text and "Strongly agree" in page.text and "Trips" in page.text
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    answer_all(mixed, [{1: 3, 2: [0]}] * 20)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_anonymous_survey_has_no_answers_by_person_page(client_for, staff, mixed):
    page = client_for(staff).get(reverse("evaluation:named_responses", args=[mixed.pk]))
    assert page.status_code == 404


def test_pupils_cannot_see_answers_by_person(client_for, pupil, mixed):
    Survey.objects.filter(pk=mixed.pk).update(anonymous=False)
    assert client_for(pupil).get(reverse("evaluation:named_responses", args=[mixed.pk])).status_code == 403


def test_answers_by_person_of_another_school_is_not_found(client_for, staff):
    other = SurveyFactory(anonymous=False)
    assert client_for(staff).get(reverse("evaluation:named_responses", args=[other.pk])).status_code == 404
