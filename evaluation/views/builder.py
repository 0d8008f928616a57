"""The survey builder (staff): create, edit, questions, reorder, preview, open and close."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from evaluation import selectors, services
from evaluation.forms import QuestionForm, SurveyForm, TemplateChoiceForm
from evaluation.models import Question, Survey, SurveyStatus
from evaluation.survey_templates import TEMPLATES
from evaluation.views.common import BUILD, question_in_survey, step_context, step_number, survey_in_school
from people.access import require_rule

SURVEYS_PER_PAGE = 25


@require_rule(BUILD)
def survey_list(request):
    page = Paginator(selectors.survey_list(school=request.school), SURVEYS_PER_PAGE).get_page(request.GET.get("page"))
    for survey in page:  # shown closed at their time, beat or not; no query for those not due
        if services.survey_close_if_due(survey=survey):
            survey.status = SurveyStatus.CLOSED
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
    survey = survey_in_school(request, pk)
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
    survey = survey_in_school(request, pk)
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
    survey = survey_in_school(request, pk)
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
def survey_copy(request, pk: int):
    survey = survey_in_school(request, pk)
    copy = services.survey_copy(survey=survey, actor=request.membership)
    messages.success(request, "This is your copy, as a draft: change it as you like.")
    return redirect("evaluation:builder", copy.pk)


@require_rule(BUILD)
@require_POST
def survey_twin(request, pk: int):
    survey = survey_in_school(request, pk)
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
    survey = survey_in_school(request, pk)
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
    survey = survey_in_school(request, pk)
    question = question_in_survey(survey, question_pk)
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
    survey = survey_in_school(request, pk)
    question = question_in_survey(survey, question_pk)
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
    survey = survey_in_school(request, pk)
    question = question_in_survey(survey, question_pk)
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
    survey = survey_in_school(request, pk)
    questions = selectors.survey_questions(survey)
    if not questions:
        messages.info(request, "Add a question to preview the survey.")
        return redirect("evaluation:builder", survey.pk)
    number = step_number(request, len(questions))
    return render(request, "evaluation/answer_step.html", step_context(survey, questions, number, preview=True))
