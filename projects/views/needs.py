"""Needs (co-identify): list, raise, back, comment, export; staff triage."""

from functools import partial

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from coproschool.csv_export import csv_response
from people.access import require_rule
from people.ratelimit import rate_limit
from projects.access import get_need_for
from projects.errors import ProjectError
from projects.forms import CommentForm, MergeForm, NeedFilterForm, NeedForm, ReasonForm
from projects.selectors.needs import needs_choosable, needs_export_rows, needs_list
from projects.selectors.projects import projects_taking_up
from projects.services import needs as services
from projects.views.common import comment_post, form_page, paginate, redirect_back
from projects.views.pictures import pictures_context


def _filtered_needs(request):
    form = NeedFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    needs = needs_list(
        viewer=request.membership,
        search=filters.get("q") or "",
        category=filters.get("category") or "",
        status=filters.get("status") or "",
        sort=filters.get("sort") or "backed",
    )
    return form, needs


@require_rule("projects.view_needs")
def need_list(request):
    form, needs = _filtered_needs(request)
    return render(request, "projects/needs/list.html", {"form": form, "page": paginate(request, needs)})


@require_rule("projects.view_needs")
def need_export(request, fmt: str):
    """The filtered needs as CSV or JSON; hidden authors stay hidden from pupils here as everywhere."""
    _, needs = _filtered_needs(request)
    rows = needs_export_rows(needs=needs, viewer=request.membership)
    if fmt == "json":
        response = JsonResponse({"needs": rows})
        add_never_cache_headers(response)
        return response
    fields = list(rows[0]) if rows else ["id", "title"]
    return csv_response(filename="needs.csv", header=fields, rows=([row[f] for f in fields] for row in rows))


@require_rule("projects.raise_need")
@rate_limit("post")
def need_create(request):
    form = NeedForm(request.POST if request.method == "POST" else None, can_hide_author=request.membership.is_pupil)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        need = services.need_raise(
            author=request.membership,
            title=data["title"],
            problem=data["problem"],
            affects=data["affects"],
            category=data["category"],
            hide_author=data.get("hide_author", False),
        )
        messages.success(request, "Your need is raised. You back it already; others can now back it too.")
        return redirect("projects:need_detail", need.pk)
    return form_page(
        request,
        form=form,
        title="Raise a need",
        submit="Raise it",
        cancel_url=reverse("projects:need_list"),
        intro="Something in school that is not working for you or others? Say what is wrong and who it affects.",
    )


@require_rule("projects.view_needs")
def need_detail(request, pk: int):
    need = get_need_for(request, pk)
    comment_form = CommentForm(can_hide_author=request.membership.is_pupil)
    context = {
        "need": need,
        "comment_form": comment_form,
        "taken_up_by": projects_taking_up(need=need, viewer=request.membership) if need.status == "in_project" else [],
        **pictures_context(request, need),
    }
    return render(request, "projects/needs/detail.html", context)


def _backing_set(request, pk: int, *, backs: bool):
    """Back or withdraw, as the button said: the same click twice (two tabs) leaves the same state."""
    need = get_need_for(request, pk)
    error = ""
    try:
        if backs:
            services.need_back(need=need, membership=request.membership)
        else:
            services.need_unback(need=need, membership=request.membership)
    except ProjectError as problem:
        error = str(problem)
    if request.htmx:  # the error shows by the button it answers, not on a later page
        need = get_need_for(request, pk)
        return render(request, "projects/needs/list.html#back-button", {"need": need, "backing_error": error})
    if error:
        messages.error(request, error)
    return redirect_back(request, reverse("projects:need_detail", args=[pk]))


@require_POST
@require_rule("projects.view_needs")
def need_back(request, pk: int):
    return _backing_set(request, pk, backs=True)


@require_POST
@require_rule("projects.view_needs")
def need_withdraw_backing(request, pk: int):
    return _backing_set(request, pk, backs=False)


@require_POST
@require_rule("projects.view_needs")
@rate_limit("comment")
def need_comment(request, pk: int):
    need = get_need_for(request, pk)
    return comment_post(
        request,
        add=partial(services.need_comment_add, need=need),
        success_url=reverse("projects:need_detail", args=[pk]),
        template="projects/needs/detail.html",
        context={"need": need, **pictures_context(request, need)},
    )


@require_rule("projects.triage_needs")
def need_merge(request, pk: int):
    need = get_need_for(request, pk)
    targets = needs_choosable(school=request.school).exclude(pk=need.pk)
    form = MergeForm(request.POST if request.method == "POST" else None, needs=targets)
    if request.method == "POST" and form.is_valid():
        try:
            into = services.need_merge(duplicate=need, into=form.cleaned_data["into"], actor=request.membership)
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Merged into “{into.title}”. Its backers now back that need, once each.")
            return redirect("projects:need_detail", into.pk)
    return form_page(
        request,
        form=form,
        title=f"Merge “{need.title}” into another need",
        submit="Merge",
        cancel_url=reverse("projects:need_detail", args=[pk]),
        intro="Use this for duplicates. Backings carry over; someone who backed both counts once. "
        "This need closes and points to the other one.",
        danger=True,
    )


@require_rule("projects.triage_needs")
def need_decline(request, pk: int):
    need = get_need_for(request, pk)
    form = ReasonForm(
        request.POST if request.method == "POST" else None, label="Why is it declined? Everyone can read this."
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.need_decline(need=need, actor=request.membership, reason=form.cleaned_data["reason"])
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Need declined; the reason is shown on it.")
            return redirect("projects:need_detail", pk)
    return form_page(
        request,
        form=form,
        title=f"Decline “{need.title}”",
        submit="Decline",
        cancel_url=reverse("projects:need_detail", args=[pk]),
        danger=True,
    )


@require_POST
@require_rule("projects.triage_needs")
def need_reopen(request, pk: int):
    need = get_need_for(request, pk)
    try:
        services.need_reopen(need=need, actor=request.membership)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Need reopened.")
    return redirect("projects:need_detail", pk)
