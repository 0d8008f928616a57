"""Survey pages: the staff builder, and answering one question per screen.

Views parse the request, call one service or selector, and render. Surveys are looked up within the
request's school (another school's survey is a 404); rules then decide (403).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from evaluation import selectors, services
from evaluation.answers import AnswerError, answer_label, clean_answer
from evaluation.forms import QuestionForm, SurveyForm, TemplateChoiceForm
from evaluation.models import Question, QuestionType, Survey, SurveyStatus
from evaluation.survey_templates import TEMPLATES
from people.access import check_rule, require_rule

SURVEYS_PER_PAGE = 25
BUILD = "evaluation.build_surveys"


def _survey(request, pk: int) -> Survey:
    try:
        return selectors.survey_get(school=request.school, pk=pk)
    except Survey.DoesNotExist:
        raise Http404("No such survey in your school.") from None


def _question(survey: Survey, pk: int) -> Question:
    try:
        return selectors.question_get(survey=survey, pk=pk)
    except Question.DoesNotExist:
        raise Http404("No such question in this survey.") from None


def _step(request, count: int) -> int:
    """The question number asked for (?q=N), kept within 1..count; nonsense means the first."""
    try:
        return min(max(int(request.GET.get("q", 1)), 1), max(count, 1))
    except ValueError:
        return 1


# --- Builder (staff) -------------------------------------------------------------------------


@require_rule(BUILD)
def survey_list(request):
    page = Paginator(selectors.survey_list(school=request.school), SURVEYS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "evaluation/survey_list.html", {"page": page})


def _survey_fields(form: SurveyForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "intro": data["intro"],
        "audience": data["audience"],
        "year_groups": data["year_groups"],
        "anonymous": data["anonymous"],
        "opens_at": data["opens_at"],
        "closes_at": data["closes_at"],
        "pairing": data["pairing"],
        "project": data["project"],
    }


@require_rule(BUILD)
def survey_new(request):
    form = SurveyForm(request.POST or None, projects=selectors.projects_for_surveys(school=request.school))
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(school=request.school, actor=request.membership, **_survey_fields(form))
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Survey created. Now add its questions.")
            return redirect("evaluation:builder", survey.pk)
    return render(request, "evaluation/survey_form.html", {"form": form})


@require_rule(BUILD)
def survey_from_template(request):
    form = TemplateChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = services.survey_from_template(
            school=request.school, actor=request.membership, template_key=form.cleaned_data["template"]
        )
        messages.success(request, "Your copy of the template is ready. It is yours to change.")
        return redirect("evaluation:builder", survey.pk)
    return render(request, "evaluation/survey_templates.html", {"form": form, "templates": TEMPLATES})


@require_rule(BUILD)
def survey_builder(request, pk: int):
    survey = _survey(request, pk)
    return render(
        request,
        "evaluation/survey_builder.html",
        {
            "survey": survey,
            "questions": selectors.survey_questions(survey),
            "locked": selectors.survey_has_answers(survey),
            "response_count": selectors.survey_response_count(survey),
            "audience_count": selectors.audience_members(survey).count(),
            "question_form": QuestionForm(),
        },
    )


@require_rule(BUILD)
def survey_edit(request, pk: int):
    survey = _survey(request, pk)
    form = SurveyForm.for_survey(
        survey, request.POST or None, projects=selectors.projects_for_surveys(school=request.school)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(survey=survey, **_survey_fields(form))
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Survey saved.")
            return redirect("evaluation:builder", survey.pk)
    return render(request, "evaluation/survey_form.html", {"form": form, "survey": survey})


@require_rule(BUILD)
@require_POST
def survey_status(request, pk: int):
    survey = _survey(request, pk)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.survey_open(survey=survey)
            messages.success(request, "The survey is open: its audience can answer it now.")
        elif action == "close":
            services.survey_close(survey=survey)
            messages.success(request, "The survey is closed: no more answers are taken.")
        else:
            messages.error(request, "Choose to open or to close the survey.")
    except services.SurveyError as error:
        messages.error(request, str(error))
    return redirect("evaluation:builder", survey.pk)


@require_rule(BUILD)
@require_POST
def survey_twin(request, pk: int):
    survey = _survey(request, pk)
    try:
        after = services.survey_create_twin(survey=survey, actor=request.membership)
    except services.SurveyError as error:
        messages.error(request, str(error))
        return redirect("evaluation:builder", survey.pk)
    messages.success(request, "The “after” survey is ready, with the same questions. Open it when the project ends.")
    return redirect("evaluation:builder", after.pk)


def _question_form_page(request, survey: Survey, form: QuestionForm, question: Question | None = None):
    return render(request, "evaluation/question_form.html", {"survey": survey, "form": form, "question": question})


@require_rule(BUILD)
def question_new(request, pk: int):
    survey = _survey(request, pk)
    form = QuestionForm(request.POST or None, initial={"type": request.GET.get("type")})
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(survey=survey, **form.cleaned_data)
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Question added.")
            return redirect("evaluation:builder", survey.pk)
    return _question_form_page(request, survey, form)


@require_rule(BUILD)
def question_edit(request, pk: int, question_pk: int):
    survey = _survey(request, pk)
    question = _question(survey, question_pk)
    form = QuestionForm.for_question(question, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, **form.cleaned_data)
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Question saved.")
            return redirect("evaluation:builder", survey.pk)
    return _question_form_page(request, survey, form, question)


@require_rule(BUILD)
def question_delete(request, pk: int, question_pk: int):
    survey = _survey(request, pk)
    question = _question(survey, question_pk)
    if request.method == "POST":
        try:
            services.question_delete(question=question)
        except services.SurveyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Question deleted.")
        return redirect("evaluation:builder", survey.pk)
    return render(request, "evaluation/question_confirm_delete.html", {"survey": survey, "question": question})


@require_rule(BUILD)
@require_POST
def question_move(request, pk: int, question_pk: int):
    survey = _survey(request, pk)
    question = _question(survey, question_pk)
    try:
        services.question_move(question=question, up=request.POST.get("direction") == "up")
    except services.SurveyError as error:
        messages.error(request, str(error))
    if request.htmx:
        questions = selectors.survey_questions(survey)
        position = next(number for number, q in enumerate(questions, start=1) if q.pk == question.pk)
        return render(
            request,
            "evaluation/survey_builder.html#question-list",
            {
                "survey": survey,
                "questions": questions,
                "locked": selectors.survey_has_answers(survey),
                "moved": {"pk": question.pk, "text": question.text, "position": position},
            },
        )
    return redirect(reverse("evaluation:builder", args=[survey.pk]) + f"#question-{question.pk}")


@require_rule(BUILD)
def survey_preview(request, pk: int):
    survey = _survey(request, pk)
    questions = selectors.survey_questions(survey)
    if not questions:
        messages.info(request, "Add a question to preview the survey.")
        return redirect("evaluation:builder", survey.pk)
    number = _step(request, len(questions))
    return render(request, "evaluation/answer_step.html", _step_context(survey, questions, number, preview=True))


# --- Answering -------------------------------------------------------------------------------


@require_rule("evaluation.list_my_surveys")
def my_surveys(request):
    return render(request, "evaluation/my_surveys.html", {"surveys": selectors.surveys_open_for(request.membership)})


def _answerable(request, pk: int):
    """The survey, if this person may answer it now; otherwise the page that explains why not."""
    survey = _survey(request, pk)
    check_rule("evaluation.answer_survey", request.membership, survey)
    if selectors.has_completed(survey=survey, membership=request.membership):
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


def _step_context(survey: Survey, questions: list[Question], number: int, *, error=None, **extra) -> dict:
    count = len(questions)
    question = questions[number - 1]
    hint = question.help or ("Pick as many as you like." if question.type == QuestionType.MULTIPLE else "")
    return {
        "survey": survey,
        "question": question,
        "hint": hint,
        "error": error,
        # Screen readers read the hint and the error with the field they belong to.
        "describedby": " ".join(name for name, shown in (("answer-hint", hint), ("answer-error", error)) if shown),
        "number": number,
        "count": count,
        "percent": round(100 * (number - 1) / count),
        **extra,
    }


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
    number = _step(request, len(questions))
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
        _step_context(survey, questions, number, selected=selected, error=error),
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
    survey = _survey(request, pk)
    check_rule("evaluation.answer_survey", request.membership, survey)
    if not selectors.has_completed(survey=survey, membership=request.membership):
        return redirect("evaluation:start", survey.pk)
    return render(request, "evaluation/survey_thanks.html", {"survey": survey, "open_status": SurveyStatus.OPEN})
