"""Anonymous answers cannot be joined back to a person: not in the schema, not in a page, not in the admin."""

import pytest
from django.contrib import admin
from django.db import connection, models
from django.urls import reverse

from evaluation.models import Answer, DraftAnswer, NamedResponse, Response, SurveyCompletion
from people.models import Membership, User
from tests.factories import PupilFactory
from tests.holding import held_flush

pytestmark = pytest.mark.django_db

PERSONAL_WORDS = ("user", "member", "session", "ip", "agent", "person", "author", "created", "updated", "time")


def _db_columns(model) -> dict[str, str]:
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return {column.name: connection.introspection.get_field_type(column.type_code, column) for column in description}


def _db_references(model) -> set[str]:
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, model._meta.db_table)
    return {table for _column, table in relations.values()}


@pytest.mark.parametrize("model", [Response, Answer])
def test_response_tables_have_no_link_to_a_person(model):
    references = _db_references(model)
    assert User._meta.db_table not in references
    assert Membership._meta.db_table not in references
    for field in model._meta.concrete_fields:
        assert field.related_model not in (User, Membership), field.name


@pytest.mark.parametrize("model", [Response, Answer])
def test_response_tables_have_no_session_ip_agent_or_clock_columns(model):
    columns = _db_columns(model)
    for name in columns:
        assert not any(word in name.lower().split("_") or name.lower().startswith(word) for word in PERSONAL_WORDS), (
            name
        )
    assert "DateTimeField" not in columns.values()
    assert not any(isinstance(field, models.DateTimeField) for field in model._meta.concrete_fields)


@pytest.mark.parametrize("model", [Response, Answer])
def test_response_keys_are_random_not_sequential(model):
    assert isinstance(model._meta.pk, models.UUIDField)


def test_completion_table_has_no_link_to_any_response():
    references = _db_references(SurveyCompletion)
    assert Response._meta.db_table not in references
    assert Answer._meta.db_table not in references
    assert {field.related_model for field in SurveyCompletion._meta.concrete_fields if field.is_relation} <= {
        SurveyCompletion.survey.field.related_model,
        Membership,
    }
    assert isinstance(SurveyCompletion._meta.get_field("completed_on"), models.DateField)
    assert not isinstance(SurveyCompletion._meta.get_field("completed_on"), models.DateTimeField)


def test_anonymous_submission_leaves_nothing_that_names_the_pupil(survey, pupil, submit):
    other = PupilFactory(school=survey.school)
    submit(survey, pupil, {1: 4, 2: "I like the library"})
    submit(survey, other, {1: 2})
    held_flush()
    assert Response.objects.filter(survey=survey).count() == 2
    assert not NamedResponse.objects.filter(survey=survey).exists()
    assert not DraftAnswer.objects.filter(survey=survey).exists()
    # Completion says who took part, but nothing in it points at which response is theirs.
    assert set(SurveyCompletion.objects.filter(survey=survey).values_list("membership", flat=True)) == {
        pupil.pk,
        other.pk,
    }


def test_named_submission_records_who_answered(survey, pupil, submit):
    survey.anonymous = False
    survey.save()
    response = submit(survey, pupil, {1: 4})
    assert NamedResponse.objects.get(response=response).membership == pupil


def test_drafts_of_an_anonymous_survey_are_deleted_on_submit(client_for, survey, pupil):
    client = client_for(pupil)
    client.post(reverse("evaluation:answer", args=[survey.pk]) + "?q=1", {"answer": "3"})
    assert DraftAnswer.objects.filter(membership=pupil).count() == 1
    client.post(reverse("evaluation:review", args=[survey.pk]))
    assert not DraftAnswer.objects.filter(membership=pupil).exists()
    held_flush()
    assert Response.objects.filter(survey=survey).count() == 1


def test_admin_does_not_offer_responses_or_answers():
    registered = admin.site._registry
    for model in (Response, Answer, NamedResponse, SurveyCompletion, DraftAnswer):
        assert model not in registered


def test_survey_pages_and_admin_do_not_show_who_answered(client, survey, pupil, staff, submit):
    pupil.user.first_name, pupil.user.last_name = "Zebedee", "Quartermaine"
    pupil.user.save()
    submit(survey, pupil, {1: 5, 2: "secret thoughts"})
    superuser = User.objects.create_superuser("root", "root@example.org", "pw")
    Membership.objects.create(user=superuser, school=survey.school, role="leader")
    client.force_login(superuser)
    pages = [
        reverse("evaluation:list"),
        reverse("evaluation:builder", args=[survey.pk]),
        reverse("evaluation:results", args=[survey.pk]),
        reverse("evaluation:results_csv", args=[survey.pk]),
        reverse("admin:evaluation_survey_change", args=[survey.pk]),
        reverse("admin:evaluation_survey_changelist"),
        reverse("admin:evaluation_question_changelist"),
    ]
    for url in pages:
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Zebedee" not in page.text and "Quartermaine" not in page.text, url


def test_admin_cannot_change_questions_or_anonymity_once_answered(client, survey, pupil, submit):
    superuser = User.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(superuser)
    submit(survey, pupil, {1: 5})
    page = client.get(reverse("admin:evaluation_survey_change", args=[survey.pk]))
    assert 'name="anonymous"' not in page.text and 'name="questions-0-text"' not in page.text
    question = survey.questions.first()
    response = client.post(
        reverse("admin:evaluation_question_change", args=[question.pk]),
        {"survey": survey.pk, "order": 1, "type": "likert5", "text": "Changed", "required": "on", "choices": "[]"},
    )
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.text == "I like school."
