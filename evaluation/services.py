"""Writes for surveys: building them, opening and closing them, and answering them."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from evaluation import notifications, selectors
from evaluation.answers import AnswerError, answer_row, clean_answer
from evaluation.holding import held_answers, held_response_add, held_responses_move
from evaluation.models import (
    Answer,
    Audience,
    DraftAnswer,
    NamedResponse,
    Pairing,
    Question,
    Response,
    Survey,
    SurveyCompletion,
    SurveyStatus,
)
from evaluation.survey_templates import TEMPLATES_BY_KEY
from people.models import Membership, School
from people.safeguarding.words import text_screen
from people.taking_part import took_part
from projects.models import Project
from projects.services.moderation import CONCERN_RELEASE_HOOKS
from projects.services.safeguarding import text_concern_raise

LOCKED_MESSAGE = (
    "People have already answered this survey, so its questions cannot change any more (the answers "
    "would no longer match). Use “Make a copy” on the survey's page to change them."
)


class SurveyError(Exception):
    """A survey rule was broken; the message is shown to the person as it is."""


class SurveyLocked(SurveyError):
    def __init__(self, message: str = LOCKED_MESSAGE):
        super().__init__(message)


class SurveyNotOpen(SurveyError):
    pass


ALREADY_SENT = "Already sent — thank you. Your answers went in the first time."


class AlreadyAnswered(SurveyError):
    def __init__(self):
        super().__init__(ALREADY_SENT)


class AnswersInvalid(SurveyError):
    """Some answers are missing or no longer valid: `problems` maps each question to its message."""

    def __init__(self, problems: dict[Question, str]):
        self.problems = problems
        super().__init__("Some answers need another look before you can send them.")


def _lock(survey: Survey) -> Survey:
    """Serialise edits to one survey (question order, status) by locking its row."""
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _check_settings(
    *,
    school: School,
    audience: str,
    year_groups: Iterable[int],
    project: Project | None,
    opens_at: datetime | None,
    closes_at: datetime | None,
) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise SurveyError("The closing time must be after the opening time.")
    if audience == Audience.YEAR_GROUPS and not year_groups:
        raise SurveyError("Choose at least one year group.")
    if audience == Audience.PROJECT and project is None:
        raise SurveyError("Choose the project whose members answer this survey.")
    if project is not None and project.school_id != school.pk:
        raise SurveyError("That project is not in your school.")


@transaction.atomic
def survey_create(
    *,
    school: School,
    actor: Membership,
    title: str,
    intro: str = "",
    audience: str = Audience.PUPILS,
    year_groups: Iterable[int] = (),
    anonymous: bool = True,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    pairing: str = Pairing.NONE,
    project: Project | None = None,
    template_key: str = "",
) -> Survey:
    _check_settings(
        school=school,
        audience=audience,
        year_groups=year_groups,
        project=project,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    return Survey.objects.create(
        school=school,
        created_by=actor,
        title=title,
        intro=intro,
        audience=audience,
        year_group_bits=Survey.bits_for(year_groups) if audience == Audience.YEAR_GROUPS else 0,
        anonymous=anonymous,
        opens_at=opens_at,
        closes_at=closes_at,
        pairing=pairing,
        project=project,
        template_key=template_key,
    )


@transaction.atomic
def survey_update(
    *,
    survey: Survey,
    title: str,
    intro: str,
    audience: str,
    year_groups: Iterable[int],
    anonymous: bool,
    opens_at: datetime | None,
    closes_at: datetime | None,
    pairing: str,
    project: Project | None = None,
) -> Survey:
    survey = _lock(survey)
    _check_settings(
        school=survey.school,
        audience=audience,
        year_groups=year_groups,
        project=project,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    if anonymous != survey.anonymous and selectors.survey_has_answers(survey):
        raise SurveyLocked(
            "People have already answered, so the survey cannot switch between anonymous and named: "
            "they answered on the promise it made."
        )
    if survey.twin_id and pairing != survey.pairing:
        raise SurveyError("This survey is paired with another one; its before/after role cannot change.")
    survey.title, survey.intro, survey.anonymous, survey.pairing = title, intro, anonymous, pairing
    survey.audience, survey.project = audience, project
    survey.year_group_bits = Survey.bits_for(year_groups) if audience == Audience.YEAR_GROUPS else 0
    survey.opens_at, survey.closes_at = opens_at, closes_at
    survey.save()
    return survey


def _add_questions(survey: Survey, questions: Iterable[dict]) -> None:
    Question.objects.bulk_create(
        Question(survey=survey, order=order, **question) for order, question in enumerate(questions, start=1)
    )


@transaction.atomic
def survey_from_template(
    *, school: School, actor: Membership | None, template_key: str, pairing: str = Pairing.NONE
) -> Survey:
    """The school's own, editable copy of a shipped template, as a draft."""
    template = TEMPLATES_BY_KEY.get(template_key)
    if template is None:
        raise SurveyError("There is no such template. Choose one from the list.")
    survey = survey_create(
        school=school,
        actor=actor,
        title=template.title,
        intro=template.intro,
        audience=template.audience,
        anonymous=template.anonymous,
        pairing=pairing,
        template_key=template.key,
    )
    _add_questions(
        survey,
        (
            {"type": q.type, "text": q.text, "help": q.help, "required": q.required, "choices": list(q.choices)}
            for q in template.questions
        ),
    )
    return survey


def _copy(survey: Survey, *, actor: Membership, title: str, pairing: str) -> Survey:
    """A new draft with the same settings (window aside) and the same questions."""
    copy = survey_create(
        school=survey.school,
        actor=actor,
        title=title[: Survey._meta.get_field("title").max_length],
        intro=survey.intro,
        audience=survey.audience,
        year_groups=survey.year_groups,
        anonymous=survey.anonymous,
        pairing=pairing,
        project=survey.project,
        template_key=survey.template_key,
    )
    _add_questions(
        copy,
        (
            {"type": q.type, "text": q.text, "help": q.help, "required": q.required, "choices": q.choices}
            for q in survey.questions.order_by("order")
        ),
    )
    return copy


@transaction.atomic
def survey_copy(*, survey: Survey, actor: Membership) -> Survey:
    """An editable draft copy, e.g. to change the questions of a survey people have answered.
    The copy is not paired with anything: pair it by marking it "before" and making its twin."""
    return _copy(survey, actor=actor, title=f"{survey.title} (copy)", pairing=Pairing.NONE)


@transaction.atomic
def survey_create_twin(*, survey: Survey, actor: Membership) -> Survey:
    """The "after" survey of a "before" one: same questions, so reports can compare them."""
    survey = _lock(survey)
    if survey.twin_id:
        raise SurveyError("This survey already has its after survey.")
    if survey.pairing != Pairing.BEFORE:
        raise SurveyError("Only a survey marked as the “before” survey can get an “after” twin.")
    after = _copy(survey, actor=actor, title=f"{survey.title} (after)", pairing=Pairing.AFTER)
    after.twin = survey
    after.save(update_fields=["twin"])
    survey.twin = after
    survey.save(update_fields=["twin", "updated_at"])
    return after


@transaction.atomic
def drafts_purge_closed() -> int:
    """Delete unsent answers of surveys that can no longer be answered (closed, or past their
    closing time): they are the only answers still linked to a person. Safe to run repeatedly."""
    now = timezone.now()
    stale = DraftAnswer.objects.filter(Q(survey__status=SurveyStatus.CLOSED) | Q(survey__closes_at__lte=now))
    deleted, _ = stale.delete()
    return deleted


@transaction.atomic
def survey_open(*, survey: Survey) -> Survey:
    survey = _lock(survey)
    if survey.status == SurveyStatus.OPEN:
        return survey
    if not survey.questions.exists():
        raise SurveyError("Add at least one question before opening the survey.")
    if survey.closes_at and survey.closes_at <= timezone.now():
        raise SurveyError("The closing time has passed. Change it (or clear it) before opening the survey again.")
    survey.status = SurveyStatus.OPEN
    survey.save(update_fields=["status", "updated_at"])
    notifications.notify_survey_opened(survey=survey)
    return survey


@transaction.atomic
def survey_close(*, survey: Survey) -> Survey:
    survey = _lock(survey)
    if survey.status != SurveyStatus.OPEN:
        raise SurveyError("Only an open survey can be closed.")
    survey.status = SurveyStatus.CLOSED
    survey.save(update_fields=["status", "updated_at"])
    # Unsent answers are still linked to their authors; once nobody can send them, they go.
    DraftAnswer.objects.filter(survey=survey).delete()
    held_responses_move(survey_id=survey.pk, final=True)  # the last step: whatever is still held
    return survey


def survey_close_if_due(*, survey: Survey, now: datetime | None = None) -> bool:
    """Close an open survey whose closing time has passed; True if this call closed it.

    Called by the pages that load a survey and by beat (`evaluation.close_due_surveys`), so a
    survey closes at its time with or without a scheduler. A survey that is not due costs no query;
    for one that is, the conditional UPDATE is the claim: of two callers, one closes it.
    """
    now = now or timezone.now()
    if survey.status != SurveyStatus.OPEN or survey.closes_at is None or survey.closes_at > now:
        return False
    return _survey_close_due(survey, now)


@transaction.atomic
def _survey_close_due(survey: Survey, now: datetime) -> bool:
    claimed = Survey.objects.filter(pk=survey.pk, status=SurveyStatus.OPEN, closes_at__lte=now).update(
        status=SurveyStatus.CLOSED, updated_at=now
    )
    if claimed != 1:
        return False
    DraftAnswer.objects.filter(survey_id=survey.pk).delete()  # as survey_close: nobody can send them now
    held_responses_move(survey_id=survey.pk, final=True, now=now)
    return True


def surveys_close_due(*, now: datetime | None = None) -> int:
    """Close every open survey past its closing time; returns how many this call closed."""
    now = now or timezone.now()
    due = Survey.objects.filter(status=SurveyStatus.OPEN, closes_at__lte=now)
    return sum(survey_close_if_due(survey=survey, now=now) for survey in due.only("status", "closes_at"))


@transaction.atomic
def project_surveys_open(*, project: Project, pairing: str) -> list[Survey]:
    """Open a project's draft "before" or "after" surveys: for the stage service to call when the
    project enters co-design (before) or co-evaluate (after). Surveys without questions stay closed."""
    opened = []
    for survey in project.surveys.filter(pairing=pairing, status=SurveyStatus.DRAFT).exclude(questions=None):
        try:
            opened.append(survey_open(survey=survey))
        except SurveyError:
            # A survey whose closing time has passed stays a draft; it must not block the stage move.
            continue
    return opened


@transaction.atomic
def question_add(
    *, survey: Survey, type: str, text: str, help: str = "", required: bool = True, choices: list[str] | None = None
) -> Question:
    survey = _lock(survey)
    if selectors.survey_has_answers(survey):
        raise SurveyLocked
    last = survey.questions.order_by("-order").values_list("order", flat=True).first() or 0
    return Question.objects.create(
        survey=survey, order=last + 1, type=type, text=text, help=help, required=required, choices=choices or []
    )


def _answers_hold(*, rows: list[Answer], message, school) -> None:
    """Hold the written answers that matched (all of them when only their sum did) until a lead releases them."""
    written = [row for row in rows if row.text]
    matched = [row for row in written if text_screen(school=school, text=row.text)] or written
    Answer.objects.filter(pk__in=[row.pk for row in matched]).update(held=True, held_message=message)


def answers_release(*, message) -> int:
    """A safeguarding lead released what a named survey's answers held back: they count and show again."""
    return Answer.objects.filter(held_message=message, held=True).update(held=False)


CONCERN_RELEASE_HOOKS.append(answers_release)


@transaction.atomic
def question_update(
    *, question: Question, type: str, text: str, help: str, required: bool, choices: list[str] | None = None
) -> Question:
    _lock(question.survey)
    if selectors.survey_has_answers(question.survey):
        raise SurveyLocked
    question.type, question.text, question.help, question.required = type, text, help, required
    question.choices = choices or []
    question.save()
    # A draft saved against the old wording or options may no longer fit: the person answers again.
    DraftAnswer.objects.filter(question=question).delete()
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    survey = _lock(question.survey)
    if selectors.survey_has_answers(survey):
        raise SurveyLocked
    question.delete()
    # Close the gap one row at a time, lowest first, so (survey, order) stays unique throughout.
    for later in survey.questions.filter(order__gt=question.order).order_by("order"):
        later.order -= 1
        later.save(update_fields=["order"])


@transaction.atomic
def question_move(*, question: Question, up: bool) -> None:
    """Swap a question with its neighbour above or below; at either end nothing happens."""
    survey = _lock(question.survey)
    if selectors.survey_has_answers(survey):
        raise SurveyLocked
    question.refresh_from_db(fields=["order"])
    neighbours = (
        survey.questions.filter(order__lt=question.order) if up else survey.questions.filter(order__gt=question.order)
    )
    neighbour = neighbours.order_by("-order" if up else "order").first()
    if neighbour is None:
        return
    # Park one of the pair past the end while they swap, so the unique order is never broken.
    spare = survey.questions.order_by("-order").values_list("order", flat=True).first() + 1
    old = question.order
    Question.objects.filter(pk=question.pk).update(order=spare)
    Question.objects.filter(pk=neighbour.pk).update(order=old)
    Question.objects.filter(pk=question.pk).update(order=neighbour.order)


def draft_save(*, survey: Survey, membership: Membership, question: Question, value: Any) -> None:
    """Keep an answer as the person goes; a single upsert, so it needs no transaction of its own."""
    DraftAnswer.objects.update_or_create(
        membership=membership, question=question, defaults={"survey": survey, "value": value}
    )


def _as_raw(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def _check_and_clean(survey: Survey, membership: Membership, answers: dict[int, Any], now) -> dict:
    if not survey.accepts_answers_at(now):
        raise SurveyNotOpen("This survey is not taking answers at the moment.")
    if not selectors.is_in_audience(membership=membership, survey=survey):
        raise SurveyError("This survey is not for you, so it cannot take your answers.")
    if SurveyCompletion.objects.filter(survey=survey, membership=membership).exists():
        # A send that lost a race finds the drafts already gone: it was sent, so say so, not "Not answered".
        raise AlreadyAnswered
    values, problems = {}, {}
    for question in survey.questions.all():
        try:
            values[question] = clean_answer(question, _as_raw(answers.get(question.pk)))
        except AnswerError as error:
            problems[question] = str(error)
    if problems:
        raise AnswersInvalid(problems)
    return values


def response_submit(*, survey: Survey, membership: Membership, answers: dict[int, Any]) -> Response | None:
    """Send the answers. Returns the Response of a named survey; None for an anonymous one.

    Named survey: the completion, the response (with `NamedResponse`) and its answers are written
    together or not at all. Anonymous survey: two transactions, never one (issue 18). The first
    writes the completion (its unique constraint stops a second submission by the same person: a
    double click, a second tab); the second puts the answers in the holding area and deletes the
    drafts, and nothing in it names the person. `evaluation.holding` moves held answers into the
    results in shuffled batches of at least 5. Call it outside any transaction (as the view does):
    inside one, the two would share it.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        survey = Survey.objects.get(pk=survey.pk)  # the status as it is now, not as the page loaded it
        values = _check_and_clean(survey, membership, answers, now)
        try:
            with transaction.atomic():
                SurveyCompletion.objects.create(survey=survey, membership=membership, completed_on=today)
        except IntegrityError:
            raise AlreadyAnswered from None
        took_part(membership_ids=[membership.pk], at=now)  # with the completion: it names them already
        rows = [answer_row(question, value) for question, value in values.items() if value not in (None, "", [])]
        if not survey.anonymous:
            response = Response.objects.create(survey=survey, submitted_on=today)
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
            NamedResponse.objects.create(response=response, survey=survey, membership=membership)
            where = reverse("evaluation:start", args=[survey.pk])
            concern = text_concern_raise(
                author=membership, text="\n".join(row.text for row in rows if row.text), where=where
            )
            if concern:
                _answers_hold(rows=rows, message=concern.message, school=survey.school)
            DraftAnswer.objects.filter(survey=survey, membership=membership).delete()
            return response
    try:
        with transaction.atomic():
            Survey.objects.select_for_update().filter(pk=survey.pk).first()  # one writer of held rows at a time
            held_response_add(survey=survey, answers=held_answers(rows))
            DraftAnswer.objects.filter(survey=survey, membership=membership).delete()
    except Exception:
        # Nothing was held: take the completion back so the person can send again (drafts are still there).
        SurveyCompletion.objects.filter(survey=survey, membership=membership).delete()
        raise
    return None
