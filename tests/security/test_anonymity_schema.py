"""Anonymity by construction: the tables of anonymous answers and secret ballots cannot say who or when.

The checks read the models themselves (`_meta.get_fields()`), so a field added later that could
name a person, a browser or a moment finer than the day fails here, whatever it is called in a page.
"""

import logging

import pytest
from django.db import connection, models
from django.urls import reverse

from evaluation.models import Answer, HeldResponse, Response, SurveyCompletion
from evaluation.services import response_submit
from people.models import Membership, User
from projects.models import Ballot, Decision, VoterRecord
from tests.factories import DecisionFactory, IdeaFactory, ProjectMembershipFactory, QuestionFactory, SurveyFactory
from tests.holding import held_flush

# The submission tables and the models they may point at (their parents, never a person).
# An answer may point at the safeguarding message that holds it: only a named survey's answers are ever
# screened and held (evaluation.services.response_submit), so no anonymous answer gains a link to a person.
SUBMISSION_MODELS = {
    Response: {"evaluation.Survey"},
    Answer: {"evaluation.Response", "evaluation.Question", "projects.SafeguardingMessage"},
}
SUBMISSION_MODELS[Ballot] = {"projects.Decision"}
# Words that, in a column name, mean a person, a browser session or a network address.
IDENTIFYING_WORDS = {"user", "member", "membership", "person", "voter", "author", "session", "ip", "agent", "address"}
IDENTIFYING_TYPES = (models.GenericIPAddressField, models.DateTimeField, models.TimeField, models.DurationField)
# "Has answered / has voted" tables: they name the person, so they must not point at the submission.
PARTICIPATION_MODELS = {SurveyCompletion: (Response, Answer), VoterRecord: (Ballot,)}


def _label(model) -> str:
    return model._meta.label


@pytest.mark.parametrize("model", list(SUBMISSION_MODELS), ids=_label)
def test_submissions_link_only_to_their_parents_never_to_a_person(model):
    for field in model._meta.get_fields():
        if field.is_relation and field.concrete:
            assert field.related_model._meta.label in SUBMISSION_MODELS[model], field.name
            assert field.related_model not in (User, Membership), field.name
    # No generic relation or reverse link from a person either.
    assert not any(
        f.is_relation and f.related_model in (User, Membership, SurveyCompletion, VoterRecord)
        for f in model._meta.get_fields()
    )


@pytest.mark.parametrize("model", list(SUBMISSION_MODELS), ids=_label)
def test_submissions_hold_no_session_ip_agent_or_time_of_day(model):
    for field in model._meta.concrete_fields:
        words = set(field.name.lower().split("_")) | set(field.column.lower().split("_"))
        assert not words & IDENTIFYING_WORDS, f"{model.__name__}.{field.name} could identify a person"
        assert "hash" not in field.name.lower(), f"{model.__name__}.{field.name} looks like an IP or session hash"
        assert not isinstance(field, IDENTIFYING_TYPES), f"{model.__name__}.{field.name} is finer than a day"


@pytest.mark.parametrize("model", list(SUBMISSION_MODELS), ids=_label)
def test_submissions_have_random_keys_not_sequential_ids(model):
    assert isinstance(model._meta.pk, models.UUIDField)
    assert not any(isinstance(f, models.AutoField | models.BigAutoField) for f in model._meta.concrete_fields)
    assert model._meta.pk.default is not models.NOT_PROVIDED


@pytest.mark.parametrize("model", list(SUBMISSION_MODELS), ids=_label)
def test_submissions_date_at_most_to_the_day(model):
    dates = [f for f in model._meta.concrete_fields if isinstance(f, models.DateField)]
    assert all(type(f) is models.DateField for f in dates)
    for f in dates:
        assert not (f.auto_now or f.auto_now_add), f"{f.name}: set by the service to the local day, not a clock"


@pytest.mark.parametrize(("model", "submissions"), list(PARTICIPATION_MODELS.items()), ids=lambda v: str(v))
def test_participation_tables_do_not_point_at_submissions(model, submissions):
    related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
    assert not related & set(submissions)
    for submission in submissions:
        assert not any(f.is_relation and f.related_model is model for f in submission._meta.get_fields())
    day_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.DateField)]
    assert day_fields and all(type(f) is models.DateField for f in day_fields)


@pytest.mark.django_db
def test_the_database_has_no_foreign_key_from_a_submission_to_a_person():
    people = {User._meta.db_table, Membership._meta.db_table}
    with connection.cursor() as cursor:
        for model in SUBMISSION_MODELS:
            relations = connection.introspection.get_relations(cursor, model._meta.db_table)
            assert not {table for _column, table in relations.values()} & people, model.__name__


# --- logs ------------------------------------------------------------------------------------


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def captured_logs():
    """Every log record from every logger, SQL included (force_debug_cursor makes django.db log queries)."""
    handler, root = _Capture(), logging.getLogger()
    old_level, old_debug_cursor = root.level, connection.force_debug_cursor
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    db_logger = logging.getLogger("django.db.backends")
    old_db_level = db_logger.level
    db_logger.setLevel(logging.DEBUG)
    connection.force_debug_cursor = True
    yield handler.records
    connection.force_debug_cursor = old_debug_cursor
    db_logger.setLevel(old_db_level)
    root.setLevel(old_level)
    root.removeHandler(handler)


def _texts(record: logging.LogRecord) -> tuple[str, set[str]]:
    """The record's message and the exact values it carries (SQL parameters, args)."""
    values = {str(v) for v in (getattr(record, "params", None) or ())}
    values |= {str(v) for v in (record.args if isinstance(record.args, tuple) else ())}
    return record.getMessage(), values


def _names_person(record, membership: Membership) -> bool:
    message, values = _texts(record)
    user = membership.user
    words = [w for w in (user.username, user.email, user.get_full_name()) if w]
    if any(w in message for w in words):
        return True
    # An id alone is just a number; it names a person in a statement about a person column.
    about_a_person = any(column in message for column in ('"membership_id"', '"user_id"', '"voter_id"'))
    return about_a_person and bool({str(membership.pk), str(user.pk)} & values)


def _names_submission(record, submission_id) -> bool:
    message, values = _texts(record)
    forms = {str(submission_id), submission_id.hex}
    return any(f in message for f in forms) or bool(forms & values)


@pytest.mark.django_db
def test_no_log_line_joins_a_voter_to_their_ballot(client, captured_logs):
    voter = ProjectMembershipFactory(membership__user__email="voter@example.org").membership
    project = voter.project_memberships.get().project
    ideas = [IdeaFactory(project=project, is_shortlisted=True) for _ in range(2)]
    decision = DecisionFactory(project=project, options=ideas)
    client.force_login(voter.user)

    response = client.post(reverse("projects:decision_vote", args=[decision.pk]), {"choices": [ideas[0].pk]})

    assert response.status_code == 200  # the page with the receipt, shown once
    held = Decision.objects.get(pk=decision.pk).held_ballots.get()
    assert not any(_names_person(r, voter) and _names_submission(r, held.pk) for r in captured_logs)
    held_flush()
    ballot = Decision.objects.get(pk=decision.pk).ballots.get()
    assert captured_logs, "the capture must see the SQL of the vote"
    joined = [r for r in captured_logs if _names_person(r, voter) and _names_submission(r, ballot.pk)]
    assert joined == []


@pytest.mark.django_db
def test_no_log_line_joins_a_pupil_to_their_anonymous_answers(captured_logs, pupil):
    survey = SurveyFactory(school=pupil.school)
    question = QuestionFactory(survey=survey, type="short_text", required=True)

    response_submit(survey=survey, membership=pupil, answers={question.pk: "more benches"})
    held = HeldResponse.objects.get(survey=survey)
    assert not any(_names_person(r, pupil) and _names_submission(r, held.pk) for r in captured_logs)
    held_flush()

    submitted = Response.objects.get(survey=survey)
    answer = Answer.objects.get(response=submitted)
    assert any(_names_submission(r, submitted.pk) for r in captured_logs), "the response insert is logged"
    for record in captured_logs:
        assert not (_names_person(record, pupil) and _names_submission(record, submitted.pk)), record.getMessage()
        assert not (_names_person(record, pupil) and _names_submission(record, answer.pk)), record.getMessage()
