"""Answering a survey: one question per screen, answers saved as drafts, then sent at once."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from evaluation import selectors, services
from evaluation.answers import AnswerError, answer_label, clean_answer
from evaluation.models import Question, Survey
from evaluation.views.common import step_context, step_number, survey_in_school
from people.access import check_rule, require_rule


@require_rule("evaluation.list_my_surveys")
def my_surveys(request):
    return render(request, "evaluation/my_surveys.html", {"surveys": selectors.surveys_open_for(request.membership)})


def _answerable(request, pk: int):
    """The survey, if this person may answer it now; otherwise the page that explains why not."""
    survey = survey_in_school(request, pk)
    check_rule("evaluation.answer_survey", request.membership, survey)
    if selectors.has_completed(survey=survey, membership=request.membership):
        if request.method == "POST":  # a second tab or a double click: the answers are in already
            messages.info(request, services.ALREADY_SENT)
        return survey, redirect("evaluation:thanks", survey.pk)
    if not survey.accepts_answers_at(timezone.now()) or not survey.questions.exists():
        return survey, render(request, "evaluation/survey_closed.html", {"survey": survey}, status=200)
    return survey, None


@require_rule("evaluation.list_my_surveys")
def survey_start(request, pk: int):
    survey, stop = _answerable(request, pk)
    if stop:
        return stop
    questions = selectors.survey_questions(survey)
    drafts = selectors.drafts_for(survey=survey, membership=request.membership)
    return render(
        request,
        "evaluation/survey_start.html",
        {"survey": survey, "question_count": len(questions), "started": bool(drafts)},
    )


def _selected(value) -> list[str]:
    if value is None:
        return []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


@require_rule("evaluation.list_my_surveys")
def survey_answer(request, pk: int):
    survey, stop = _answerable(request, pk)
    if stop:
        return stop
    questions = selectors.survey_questions(survey)
    number = step_number(request, len(questions))
    question = questions[number - 1]
    error = None
    if request.method == "POST":
        raw = request.POST.getlist("answer")
        going_back = request.POST.get("go") == "back"
        try:
            value = clean_answer(question, raw)
        except AnswerError as problem:
            value, error = None, str(problem)
        if error is None:
            services.draft_save(survey=survey, membership=request.membership, question=question, value=value)
        if going_back:
            # Going back never blocks on a half-finished answer; it is simply not kept.
            return redirect(reverse("evaluation:answer", args=[survey.pk]) + f"?q={max(number - 1, 1)}")
        if error is None:
            if number == len(questions):
                return redirect("evaluation:review", survey.pk)
            return redirect(reverse("evaluation:answer", args=[survey.pk]) + f"?q={number + 1}")
        selected = raw
    else:
        drafts = selectors.drafts_for(survey=survey, membership=request.membership)
        selected = _selected(drafts.get(question.pk))
    return render(
        request,
        "evaluation/answer_step.html",
        step_context(survey, questions, number, selected=selected, error=error),
        status=422 if error else 200,
    )


def _review_rows(survey: Survey, questions: list[Question], drafts: dict, problems: dict) -> list[dict]:
    return [
        {
            "number": number,
            "question": question,
            "answer": answer_label(question, drafts.get(question.pk)),
            "problem": problems.get(question),
        }
        for number, question in enumerate(questions, start=1)
    ]


@require_rule("evaluation.list_my_surveys")
def survey_review(request, pk: int):
    survey, stop = _answerable(request, pk)
    if stop:
        return stop
    questions = selectors.survey_questions(survey)
    drafts = selectors.drafts_for(survey=survey, membership=request.membership)
    problems = {}
    if request.method == "POST":
        try:
            services.response_submit(survey=survey, membership=request.membership, answers=drafts)
        except services.AnswersInvalid as error:
            problems = error.problems
            messages.error(request, str(error))
        except services.AlreadyAnswered as error:
            messages.info(request, str(error))
            return redirect("evaluation:thanks", survey.pk)
        except services.SurveyError as error:
            messages.error(request, str(error))
            return redirect("evaluation:mine")
        else:
            return redirect("evaluation:thanks", survey.pk)
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "evaluation/survey_review.html",
        {"survey": survey, "rows": _review_rows(survey, questions, drafts, problems)},
        status=422 if problems else 200,
    )


@require_rule("evaluation.list_my_surveys")
def survey_thanks(request, pk: int):
    survey = survey_in_school(request, pk)
    check_rule("evaluation.answer_survey", request.membership, survey)
    if not selectors.has_completed(survey=survey, membership=request.membership):
        return redirect("evaluation:start", survey.pk)
    return render(request, "evaluation/survey_thanks.html", {"survey": survey})
