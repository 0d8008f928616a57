"""Stage moves from the project page: propose, confirm, withdraw, go back, override."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from people.access import require_rule
from projects.access import get_project_for
from projects.errors import GateNotMet, ProjectError
from projects.forms import ReasonForm, StageBackForm
from projects.models import Stage, StageProposal
from projects.services import stages as services
from projects.views.common import form_page


def report_stage_error(request, error: ProjectError) -> None:
    """A refused move as a message; a gate lists what is still missing."""
    if isinstance(error, GateNotMet):
        messages.error(request, "Not yet: " + " ".join(error.problems))
    else:
        messages.error(request, str(error))


@require_POST
@require_rule("projects.view_projects")
def stage_propose(request, pk: int):
    project = get_project_for(request, pk, "projects.move_stage")
    form = ReasonForm(request.POST, required=False)  # cleaned like every form: no NUL bytes, a length limit
    if not form.is_valid():
        messages.error(request, "The reason must be plain text of up to 2,000 characters.")
        return redirect("projects:project_detail", pk)
    try:
        proposal = services.stage_propose(project=project, actor=request.membership, reason=form.cleaned_data["reason"])
    except ProjectError as error:
        report_stage_error(request, error)
    else:
        messages.success(request, f"Move to {proposal.get_to_stage_display()} proposed: it waits for confirmation.")
    return redirect("projects:project_detail", pk)


@require_POST
@require_rule("projects.view_projects")
def stage_confirm(request, pk: int, proposal_pk: int):
    project = get_project_for(request, pk, "projects.move_stage")
    proposal = get_object_or_404(StageProposal.objects.select_related("project"), project=project, pk=proposal_pk)
    try:
        if request.POST.get("decision") == "decline":
            services.stage_withdraw(proposal=proposal, actor=request.membership)
            messages.success(request, "Proposal closed. The project stays where it is.")
        else:
            transition = services.stage_confirm(proposal=proposal, actor=request.membership)
            messages.success(request, f"The project moved to {transition.get_to_stage_display()}.")
    except ProjectError as error:
        report_stage_error(request, error)
    return redirect("projects:project_detail", pk)


@require_POST
@require_rule("projects.view_projects")
def stage_back(request, pk: int):
    project = get_project_for(request, pk, "projects.move_stage")
    form = StageBackForm(request.POST, project=project)
    if not form.is_valid():
        messages.error(request, "Choose an earlier stage and say why the project goes back.")
        return redirect("projects:project_detail", pk)
    try:
        services.project_move_stage(
            project=project,
            actor=request.membership,
            to_stage=form.cleaned_data["to_stage"],
            reason=form.cleaned_data["reason"],
        )
    except ProjectError as error:
        report_stage_error(request, error)
    else:
        messages.success(request, "The project went back a stage; the reason is on the timeline.")
    return redirect("projects:project_detail", pk)


@require_rule("projects.view_projects")
def stage_override(request, pk: int):
    project = get_project_for(request, pk, "projects.override_stage")
    next_stage = Stage(project.stage).next
    if next_stage is None:
        messages.error(request, "The project is completed.")
        return redirect("projects:project_detail", pk)
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        label="Why move on without the pupil lead or the gate? Shown on the timeline.",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.project_move_stage(
                project=project,
                actor=request.membership,
                to_stage=next_stage,
                reason=form.cleaned_data["reason"],
                override=True,
            )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Override recorded: the project moved to {next_stage.label}.")
            return redirect("projects:project_detail", pk)
    problems = services.gate_problems(project)
    return form_page(
        request,
        form=form,
        title=f"Override: move “{project.title}” to {next_stage.label}",
        submit="Override and move on",
        cancel_url=reverse("projects:project_detail", args=[pk]),
        intro=("What is not met: " + " ".join(problems)) if problems else "The gate is met.",
        danger=True,
    )
