"""An anonymous survey's answers wait in a holding area, then move into the results in shuffled batches.

Why (issue 18): a response written in the same transaction as the person's `SurveyCompletion`, or
right after it, or in the order people answered, can be lined up with that completion by anyone
reading the database (PostgreSQL's `xmin`, the storage order `ctid`, ids, dates), and results that
change by one answer at a time tell a colleague comparing two downloads what that one person said.
So `response_submit` writes the completion in one transaction and a `HeldResponse` in another, and
this job (beat every minute, the in-process scheduler of `make run`, and every close) moves them:

- in batches as `coproschool.batches` picks them: results change in steps of at least 5 answers, and
  the last step at close is never smaller than 5 either (unless fewer than 5 answered in all, when
  every figure reads "fewer than 5");
- each move rewrites every response and answer of the survey in a fresh random order with new
  random keys, in one transaction with the delete of what it moved: storage order, keys and `xmin`
  (every row carries the move's transaction id) say nothing about who answered when, and a response
  is dated by the day of the batch it arrived in, never finer;
- at close everything still held goes in one last shuffled batch.

A crash anywhere rolls the whole move back (tests/security/test_anonymity_holding.py kills one):
every answer is stored exactly once. Named surveys do not wait: their answers are linked to the
person anyway and go straight in.
"""

import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from coproschool.batches import batch_pick
from evaluation.models import Answer, HeldResponse, Response, Survey, SurveyStatus

VALUE_COLUMNS = ("number", "text", "picked")


def _after_insert() -> None:
    """A seam for the crash tests (they kill the process here); does nothing."""


def _answer_item(question_id: int, values: tuple) -> dict:
    """One answer as it is held: the question and the value columns that hold something."""
    item = {"question": question_id}
    item.update({c: v for c, v in zip(VALUE_COLUMNS, values, strict=True) if v is not None and v != ""})
    return item


def held_answers(rows: list[Answer]) -> list[dict]:
    """What a HeldResponse keeps of unsaved Answer rows."""
    return [_answer_item(row.question_id, tuple(getattr(row, c) for c in VALUE_COLUMNS)) for row in rows]


def held_response_add(*, survey: Survey, answers: list[dict]) -> None:
    """Hold one person's answers: every waiting row of the survey is rewritten with it, shuffled.

    Run it inside the transaction that holds the survey's row lock (`response_submit` does). The
    transaction comes right after the person's completion, so its id is next to the completion's;
    because every held row then carries it, and lies on disk in a fresh random order, neither `xmin`
    nor storage order says which of the waiting rows is that person's.
    """
    waiting = list(HeldResponse.objects.filter(survey=survey).values_list("answers", flat=True))
    waiting.append(answers)
    secrets.SystemRandom().shuffle(waiting)
    HeldResponse.objects.filter(survey=survey).delete()
    HeldResponse.objects.bulk_create([HeldResponse(survey=survey, answers=items) for items in waiting])


def _is_final(survey: Survey, now: datetime) -> bool:
    return survey.status == SurveyStatus.CLOSED or (survey.closes_at is not None and survey.closes_at <= now)


def held_responses_move(*, survey_id: int, final: bool | None = None, now: datetime | None = None) -> int:
    """Move one survey's waiting answers (see the module docstring); returns how many responses moved.

    Idempotent and safe from two processes: the survey's row lock serialises movers, and a second
    one finds only what is still held. `final` defaults to "the survey can no longer be answered".
    """
    now = now or timezone.now()
    rng = secrets.SystemRandom()
    with transaction.atomic():
        survey = Survey.objects.select_for_update().filter(pk=survey_id).first()
        if survey is None:
            return 0
        if final is None:
            final = _is_final(survey, now)
        held = batch_pick(list(HeldResponse.objects.filter(survey=survey).values_list("pk", "answers")), final=final)
        if not held:
            return 0
        # Every response already in, with its answers, then the batch: all rewritten in a random order.
        existing: dict = {}
        for response_id, submitted_on in Response.objects.filter(survey=survey).values_list("pk", "submitted_on"):
            existing[response_id] = (submitted_on, [])
        for response_id, question_id, *values in Answer.objects.filter(response__survey=survey).values_list(
            "response_id", "question_id", *VALUE_COLUMNS
        ):
            existing[response_id][1].append(_answer_item(question_id, tuple(values)))
        today = timezone.localdate(now)
        responses = list(existing.values()) + [(today, answers) for _pk, answers in held]
        rng.shuffle(responses)
        Answer.objects.filter(response__survey=survey).delete()
        Response.objects.filter(survey=survey).delete()
        new_responses, new_answers = [], []
        for submitted_on, answers in responses:
            response = Response(survey=survey, submitted_on=submitted_on)
            new_responses.append(response)
            new_answers += [
                Answer(
                    response=response, question_id=item["question"], **{c: item[c] for c in VALUE_COLUMNS if c in item}
                )
                for item in answers
            ]
        rng.shuffle(new_answers)
        Response.objects.bulk_create(new_responses, batch_size=1000)
        Answer.objects.bulk_create(new_answers, batch_size=2000)
        _after_insert()
        HeldResponse.objects.filter(pk__in=[pk for pk, _answers in held]).delete()
        Survey.objects.filter(pk=survey.pk).update(results_updated_at=now)
    return len(held)


def held_responses_move_all(*, now: datetime | None = None) -> int:
    """The beat job: every survey with answers waiting; returns how many responses moved."""
    survey_ids = HeldResponse.objects.values_list("survey_id", flat=True).distinct().order_by()
    return sum(held_responses_move(survey_id=pk, now=now) for pk in list(survey_ids))


def held_response_count(survey: Survey) -> int:
    return HeldResponse.objects.filter(survey=survey).count()
