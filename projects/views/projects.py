"""Projects: list, start from needs, the project page, editing, joining and members."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from rules import test_rule

from people.access import require_rule
from people.rules import is_staff_member
from projects.access import get_project_for
from projects.errors import ProjectError
from projects.forms import JoinRequestForm, ProjectEditForm, ProjectStartForm, StageBackForm
from projects.gates import gate_missing
from projects.models import JoinRequest, ProjectMembership, ProjectRole, Stage
from projects.rules import runs_project
from projects.selectors.charter import money_left
from projects.selectors.decisions import latest_decision, result_view
from projects.selectors.needs import needs_choosable
from projects.selectors.next_step import next_step
from projects.selectors.projects import project_page, projects_list, stage_timeline
from projects.services import projects as services
from projects.services.decision_times import project_decisions_close_due
from projects.views.common import form_page, paginate


@require_rule("projects.view_projects")
def project_list(request):
    stage = request.GET.get("stage", "")
    projects = projects_list(
        viewer=request.membership,
        search=request.GET.get("q", "")[:100],
        stage=stage if stage in Stage.values else "",
        looking_for_facilitator=request.GET.get("looking") == "1",
    )
    return render(request, "projects/project/list.html", {"page": paginate(request, projects), "stages": Stage})


@require_rule("projects.start_project")
def project_start(request):
    choosable = needs_choosable(school=request.school)
    initial = {"needs": choosable.filter(pk__in=[n for n in request.GET.getlist("need") if n.isdigit()])}
    form = ProjectStartForm(request.POST if request.method == "POST" else None, needs=choosable, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.project_start(
                starter=request.membership, needs=list(data["needs"]), title=data["title"], summary=data["summary"]
            )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            if request.membership.is_pupil:
                messages.success(request, "Project proposed. You are its pupil lead; it now looks for a facilitator.")
            else:
                messages.success(request, "Project opened. You facilitate it; it now looks for a pupil lead.")
            return redirect("projects:project_detail", project.pk)
    return form_page(
        request,
        form=form,
        title="Start a project",
        submit="Start the project",
        cancel_url=reverse("projects:project_list"),
        intro="A project answers one or more needs. A pupil who proposes it becomes its first lead; "
        "a member of staff then takes it on as facilitator.",
    )


@require_rule("projects.view_projects")
def project_detail(request, pk: int):
    project = get_project_for(request, pk)
    viewer = request.membership
    page = project_page(viewer=viewer, project=project)
    runs = runs_project(viewer, project)
    # Before the gate is checked: a vote past its time counts as closed without a scheduler.
    project_decisions_close_due(project=project)
    missing = gate_missing(project) if runs and project.stage != Stage.COMPLETED else []
    decision = latest_decision(project)
    context = {
        "project": project,
        **page,
        "timeline": stage_timeline(project=project, transitions=page["transitions"], deadlines=page["deadlines"]),
        "runs_project": runs,
        "can_manage_members": runs or is_staff_member(viewer),
        "viewer_role": project.role_of(viewer),
        "gate_missing": missing,
        "next_action": next_step(viewer=viewer, project=project, proposal=page["proposal"]),
        "back_form": StageBackForm(project=project) if runs and project.stage != Stage.CO_IDENTIFY else None,
        "leads": project.people_with_role(ProjectRole.LEAD),
        "facilitators": project.people_with_role(ProjectRole.FACILITATOR),
        "decision": decision,
        "result": result_view(decision) if decision else None,
        "can_view_sessions": test_rule("projects.view_sessions", viewer, project),
    }
    if page["charter"]:
        context["money"] = money_left(school=project.school_id, charter=page["charter"], project=project)
    return render(request, "projects/project/detail.html", context)


@require_rule("projects.view_projects")
def project_edit(request, pk: int):
    project = get_project_for(request, pk, "projects.edit_project")
    deadlines = {d.stage: d.due_on for d in project.deadlines.all()}
    form = ProjectEditForm(
        request.POST if request.method == "POST" else None,
        instance=project,
        needs=needs_choosable(school=request.school) | project.needs.all(),
        deadlines=deadlines,
        initial={"needs": project.needs.all()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.project_update(
                project=project,
                title=data["title"],
                summary=data["summary"],
                what_you_get_back=data["what_you_get_back"],
                visibility=data["visibility"],
                needs=list(data["needs"]),
                deadlines=form.deadlines(),
            )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Project saved.")
            return redirect("projects:project_detail", pk)
    return form_page(
        request,
        form=form,
        title=f"Edit “{project.title}”",
        submit="Save",
        cancel_url=reverse("projects:project_detail", args=[pk]),
    )


@require_POST
@require_rule("projects.view_projects")
def project_take_on(request, pk: int):
    project = get_project_for(request, pk, "projects.take_on_project")
    try:
        services.project_take_on(project=project, staff=request.membership)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "You now facilitate this project.")
    return redirect("projects:project_detail", pk)


@require_rule("projects.view_projects")
def project_join(request, pk: int):
    project = get_project_for(request, pk, "projects.ask_to_join")
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(
                project=project, membership=request.membership, message=form.cleaned_data["message"]
            )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Request sent. A lead or facilitator will answer.")
            return redirect("projects:project_detail", pk)
    return form_page(
        request,
        form=form,
        title=f"Ask to join “{project.title}”",
        submit="Ask to join",
        cancel_url=reverse("projects:project_detail", args=[pk]),
    )


@require_POST
@require_rule("projects.view_projects")
def join_request_decide(request, pk: int, request_pk: int):
    project = get_project_for(request, pk, "projects.manage_members")
    join_request = get_object_or_404(JoinRequest, project=project, pk=request_pk)
    accept = request.POST.get("decision") == "accept"
    try:
        services.join_request_decide(join_request=join_request, actor=request.membership, accept=accept)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        who = join_request.membership.user.display_name
        messages.success(request, f"{who} {'joined the project' if accept else 'was not accepted'}.")
    return redirect("projects:project_detail", pk)


@require_POST
@require_rule("projects.view_projects")
def member_set_role(request, pk: int, member_pk: int):
    project = get_project_for(request, pk, "projects.edit_project")
    project_membership = get_object_or_404(ProjectMembership, project=project, pk=member_pk)
    role = request.POST.get("role", "")
    if role not in (ProjectRole.LEAD, ProjectRole.MEMBER):
        messages.error(request, "Choose lead or member.")
        return redirect("projects:project_detail", pk)
    try:
        services.project_member_set_role(project_membership=project_membership, role=role, actor=request.membership)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Role changed.")
    return redirect("projects:project_detail", pk)
