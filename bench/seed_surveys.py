"""The benchmark's surveys: one open per school, and the closed before/after pairs holding the answers."""

import uuid
from datetime import timedelta

from bench.rows import insert
from bench.sizes import QUESTIONS_PER_SURVEY, Ids, Sizes, count_add
from evaluation.models import Answer, Pairing, Question, Response, Survey, SurveyCompletion, SurveyStatus

QUESTION_TYPES = ["likert5"] * 6 + ["scale0_10"] * 2
QUESTION_TYPES += ["yes_no", "short_text"]


def seed_surveys(school_id, sizes: Sizes, ids: Ids, rng, now, people, counts, *, with_answers: bool) -> None:
    """One open survey for all pupils; in the answering school, closed before/after pairs holding
    `sizes.answers`, one a month over the last two years, so a report over the period reads them all."""
    pupils = people["pupils"]
    per_survey = len(pupils) * QUESTIONS_PER_SURVEY
    closed = -(-sizes.answers // per_survey) if with_answers else 0
    closed += closed % 2  # whole before/after pairs
    plan = [(ids(Survey), SurveyStatus.OPEN, Pairing.NONE, None, now - timedelta(days=2))]
    for number in range(0, closed, 2):
        before, after = ids(Survey), ids(Survey)
        opened = now - timedelta(days=30 * (closed - number) + 20)
        plan.append((before, SurveyStatus.CLOSED, Pairing.BEFORE, after, opened))
        plan.append((after, SurveyStatus.CLOSED, Pairing.AFTER, before, opened + timedelta(days=25)))
    surveys, questions, question_ids = [], [], {}
    for survey_id, status, pairing, twin, opens in plan:
        closes = opens + timedelta(days=32 if status == SurveyStatus.OPEN else 14)
        title = "How is school going?" if status == SurveyStatus.OPEN else f"Pupil voice {survey_id} ({pairing})"
        surveys.append((survey_id, school_id, title, status, pairing, twin, opens, closes, people["staff"][0], opens))
        question_ids[survey_id] = []
        for order, kind in enumerate(QUESTION_TYPES, start=1):
            question_id = ids(Question)
            question_ids[survey_id].append((question_id, kind))
            required = kind != "short_text"
            questions.append((question_id, survey_id, order, kind, f"Question {order}", required))
    survey_fields = ["id", "school_id", "title", "status", "pairing", "twin_id", "opens_at", "closes_at"]
    count_add(counts, "surveys", insert(Survey, [*survey_fields, "created_by_id", "created_at"], surveys))
    insert(Question, ["id", "survey_id", "order", "type", "text", "required"], questions)
    remaining = sizes.answers
    responses, answers, completions = [], [], []
    for survey_id, status, _pairing, _twin, opens in plan:
        if status == SurveyStatus.OPEN or remaining <= 0:
            continue
        for pupil in pupils[: -(-remaining // QUESTIONS_PER_SURVEY)]:
            response_id = uuid.uuid4()
            submitted = opens.date() + timedelta(days=rng.randint(0, 13))
            responses.append((response_id, survey_id, submitted))
            completions.append((survey_id, pupil, submitted))
            for question_id, kind in question_ids[survey_id]:
                answers.append((uuid.uuid4(), response_id, question_id, *_answer_value(kind, rng)))
        remaining -= per_survey
    insert(Response, ["id", "survey_id", "submitted_on"], responses)
    insert(SurveyCompletion, ["survey_id", "membership_id", "completed_on"], completions)
    count_add(counts, "answers", insert(Answer, ["id", "response_id", "question_id", "number", "text"], answers))


def _answer_value(kind: str, rng) -> tuple:
    if kind == "likert5":
        return rng.randint(1, 5), ""
    if kind == "scale0_10":
        return rng.randint(0, 10), ""
    if kind == "yes_no":
        return rng.randint(0, 1), ""
    return None, rng.choice(["More clubs please.", "It was good.", "I felt listened to."])
