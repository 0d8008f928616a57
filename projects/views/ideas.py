"""Ideas (co-design): list, add, edit (history kept), comment, shortlist."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from people.access import require_rule
from people.ratelimit import rate_limit
from projects.access import get_idea_for, get_project_for
from projects.errors import ProjectError
from projects.forms import CommentForm, IdeaForm
from projects.models import Idea
from projects.rules import runs_project
from projects.selectors.ideas import idea_history, ideas_list
from projects.services import ideas as services
from projects.views.common import comment_post, form_page, paginate, redirect_back
from projects.views.pictures import pictures_context


def _idea_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "who_it_helps": data["who_it_helps"],
        "authors": list(data["authors"]),
        "cost_money": data["cost_money"],
        "cost_time": data["cost_time"],
        "builds_on": data["builds_on"],
    }


@require_rule("projects.view_projects")
def idea_list(request, pk: int):
    project = get_project_for(request, pk)
    ideas = ideas_list(viewer=request.membership, project=project)
    context = {
        "project": project,
        "page": paginate(request, ideas),
        "can_shortlist": runs_project(request.membership, project),
    }
    return render(request, "projects/ideas/list.html", context)


@require_rule("projects.view_projects")
@rate_limit("post")
def idea_create(request, pk: int):
    project = get_project_for(request, pk, "projects.add_idea")
    form = IdeaForm(
        request.POST if request.method == "POST" else None,
        project=project,
        instance=Idea(project=project),
        initial={"authors": [request.membership]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_create(project=project, created_by=request.membership, **_idea_fields(form))
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Idea added. You can add up to 4 pictures: a drawing or a photo of a model.")
            return redirect("projects:idea_detail", idea.pk)
    return form_page(
        request,
        form=form,
        title=f"Add an idea to “{project.title}”",
        submit="Add the idea",
        cancel_url=reverse("projects:idea_list", args=[pk]),
    )


@require_rule("projects.view_projects")
def idea_detail(request, pk: int):
    idea = get_idea_for(request, pk)
    context = {
        "idea": idea,
        "project": idea.project,
        "comment_form": CommentForm(can_hide_author=request.membership.is_pupil),
        "history": idea_history(idea=idea),
        **pictures_context(request, idea),
    }
    return render(request, "projects/ideas/detail.html", context)


@require_rule("projects.view_projects")
def idea_edit(request, pk: int):
    idea = get_idea_for(request, pk, "projects.edit_idea")
    form = IdeaForm(request.POST if request.method == "POST" else None, project=idea.project, instance=idea)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_update(idea=idea, actor=request.membership, **_idea_fields(form))
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Idea saved. The earlier version is kept in its history.")
            return redirect("projects:idea_detail", pk)
    return form_page(
        request,
        form=form,
        title=f"Edit “{idea.title}”",
        submit="Save",
        cancel_url=reverse("projects:idea_detail", args=[pk]),
    )


@require_POST
@require_rule("projects.view_projects")
def idea_shortlist(request, pk: int):
    idea = get_idea_for(request, pk, "projects.shortlist_idea")
    try:
        services.idea_set_shortlisted(
            idea=idea, actor=request.membership, shortlisted=request.POST.get("shortlisted") == "1"
        )
    except ProjectError as error:
        messages.error(request, str(error))
    if request.htmx:
        return render(request, "projects/ideas/list.html#shortlist-button", {"idea": idea, "can_shortlist": True})
    return redirect_back(request, reverse("projects:idea_list", args=[idea.project_id]))


@require_POST
@require_rule("projects.view_projects")
@rate_limit("comment")
def idea_comment(request, pk: int):
    idea = get_idea_for(request, pk, "projects.comment_idea")
    return comment_post(
        request,
        add=partial(services.idea_comment_add, idea=idea),
        success_url=reverse("projects:idea_detail", args=[pk]),
        template="projects/ideas/detail.html",
        context={
            "idea": idea,
            "project": idea.project,
            "history": idea_history(idea=idea),
            **pictures_context(request, idea),
        },
    )
