"""Answering needs: "not now", the needs waiting for an answer, who answers (leaders), holidays,
"You said, we did", and a project's "what changed" line."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from people.access import require_rule
from people.models import Membership, Role
from projects.access import get_need_for, get_project_for
from projects.errors import ProjectError
from projects.forms import HolidayForm, NeedAnsweringForm, NotNowForm, WhatChangedForm
from projects.models import SchoolHoliday, YearAnswerer
from projects.selectors.answering import needs_overdue_for, needs_waiting
from projects.selectors.you_said import you_said_we_did
from projects.services import answering as services
from projects.services.projects import project_what_changed_set
from projects.views.common import form_page


@require_rule("projects.triage_needs")
def need_not_now(request, pk: int):
    need = get_need_for(request, pk)
    form = NotNowForm(request.POST if request.method == "POST" else None, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_not_now(
                need=need,
                actor=request.membership,
                reason=form.cleaned_data["reason"],
                look_again_on=form.cleaned_data["look_again_on"],
            )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Answered “not now”. It comes back to its answerer on the date you chose.")
            return redirect("projects:need_detail", pk)
    return form_page(
        request,
        form=form,
        title=f"Not now: “{need.title}”",
        submit="Answer “not now”",
        cancel_url=reverse("projects:need_detail", args=[pk]),
        intro="Say why not now and when you will look at it again. On that date it comes back to whoever answers it.",
    )


@require_rule("projects.triage_needs")
def needs_to_answer(request):
    mine_only = request.GET.get("mine") == "1"
    today = timezone.localdate()
    needs = needs_waiting(school=request.school, answerer=request.membership if mine_only else None)
    overdue = {need.pk for need in needs_overdue_for(member=request.membership, today=today)}
    return render(
        request,
        "projects/needs/to_answer.html",
        {"needs": needs, "overdue": overdue, "mine_only": mine_only, "today": today},
    )


def _year_groups(school) -> list[int]:
    years = set(
        Membership.objects.filter(school=school, role=Role.PUPIL, is_active=True)
        .values_list("year_group", flat=True)
        .distinct()
    )
    years |= set(YearAnswerer.objects.filter(school=school).values_list("year_group", flat=True))
    return sorted(year for year in years if year)


@require_rule("projects.set_need_answering")
def needs_answering(request):
    school = request.school
    setting = services.answering_of(school)
    years = _year_groups(school)
    heads = dict(YearAnswerer.objects.filter(school=school).values_list("year_group", "member_id"))
    initial = {"answerer": setting.answerer_id, "answer_days": setting.answer_days}
    initial |= {f"year_{year}": heads.get(year) for year in years}
    form = NeedAnsweringForm(
        request.POST if request.method == "POST" else None, initial=initial, school=school, year_groups=years
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.need_answering_set(
                school=school,
                actor=request.membership,
                answerer=form.cleaned_data["answerer"],
                answer_days=form.cleaned_data["answer_days"],
                heads_of_year=form.heads_of_year(),
            )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved. Needs raised from now on are answered this way.")
            return redirect("projects:needs_answering")
    return render(
        request,
        "projects/needs/answering.html",
        {
            "form": form,
            "holiday_form": HolidayForm(),
            "holidays": SchoolHoliday.objects.filter(school=school),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@require_rule("projects.set_need_answering")
def holiday_add(request):
    form = HolidayForm(request.POST)
    if form.is_valid():
        try:
            services.school_holiday_add(school=request.school, actor=request.membership, **form.cleaned_data)
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Holiday added: its days no longer count as school days.")
            return redirect("projects:needs_answering")
    setting = services.answering_of(request.school)
    years = _year_groups(request.school)
    answering_form = NeedAnsweringForm(
        initial={"answerer": setting.answerer_id, "answer_days": setting.answer_days},
        school=request.school,
        year_groups=years,
    )
    return render(
        request,
        "projects/needs/answering.html",
        {
            "form": answering_form,
            "holiday_form": form,
            "holidays": SchoolHoliday.objects.filter(school=request.school),
        },
        status=400,
    )


@require_POST
@require_rule("projects.set_need_answering")
def holiday_remove(request, pk: int):
    holiday = get_object_or_404(SchoolHoliday, pk=pk, school=request.school)
    try:
        services.school_holiday_remove(holiday=holiday, actor=request.membership)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Holiday removed.")
    return redirect("projects:needs_answering")


@require_rule("projects.view_you_said")
def you_said(request):
    return render(
        request,
        "projects/you_said.html",
        {"entries": you_said_we_did(school=request.school), "today": timezone.localdate()},
    )


@require_rule("projects.view_projects")
def project_what_changed(request, pk: int):
    project = get_project_for(request, pk, "projects.edit_project")
    form = WhatChangedForm(
        request.POST if request.method == "POST" else None, initial={"what_changed": project.what_changed}
    )
    if request.method == "POST" and form.is_valid():
        try:
            project_what_changed_set(project=project, actor=request.membership, text=form.cleaned_data["what_changed"])
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved: it shows on “You said, we did”.")
            return redirect("projects:project_detail", pk)
    return form_page(
        request,
        form=form,
        title=f"What changed after “{project.title}”",
        submit="Save",
        cancel_url=reverse("projects:project_detail", args=[pk]),
        intro="Say what is different in school now, for the pupils who raised the need.",
    )
