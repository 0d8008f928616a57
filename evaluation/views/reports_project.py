"""The project report page, its sign-off, and the group's reflections.

Projects are looked up within the request's school (another school's project is a 404) and the
evaluation rules decide the rest (403), through projects.access.get_project_for.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from rules import test_rule

from evaluation.forms import ReflectionForm, SignOffForm
from evaluation.models import Reflection, ReflectionKind, ReportSignOff
from evaluation.reports.project import project_report as report_of
from evaluation.reports.reflections import ReflectionError, reflection_add
from evaluation.reports.reflections import reflection_hide as hide_reflection
from evaluation.reports.signoff import SignOffError, report_sign_off
from people.access import check_rule, require_rule
from projects.access import get_project_for
from projects.forms import ReasonForm
from projects.models import ProjectRole, Stage
from projects.selectors.next_step import next_step


@require_rule()
def project_report(request, pk: int):
    """The signed version once a leader has signed off (`?live=1` for the report as it is now)."""
    project = get_project_for(request, pk, rule="evaluation.view_project_report")
    sign_off = ReportSignOff.objects.filter(project=project).select_related("signed_by__user").first()
    showing_live = sign_off is None or request.GET.get("live") == "1"
    viewer = request.membership
    context = {
        "project": project,
        "sign_off": sign_off,
        "showing_live": showing_live,
        "report": report_of(project=project) if showing_live else None,
        # Rendered and stored by the sign-off service from our own template (autoescaped then).
        "signed_body": None if showing_live else mark_safe(sign_off.signed_html),  # noqa: S308
        "can_sign_off": sign_off is None
        and project.stage == Stage.CO_EVALUATE
        and test_rule("evaluation.sign_off_report", viewer, project),
        "can_reflect": project.stage == Stage.CO_EVALUATE and test_rule("evaluation.write_reflection", viewer, project),
        "completion": _completion(project, viewer) if sign_off and project.stage == Stage.CO_EVALUATE else None,
    }
    return render(request, "evaluation/reports/project_report.html", context)


def _completion(project, viewer) -> dict:
    """Once signed off, who completes the project and what this viewer does about it.

    The sign-off does not complete the project by itself: completing is a forward stage move, and
    every forward move is the pupil lead's and the facilitator's together (one proposes, the other
    confirms, projects.services.stages). The group says when it is done (reflections may still be
    coming); leadership's part was reading the report. So the page names both sides and offers
    the viewer their own step (propose, confirm, or wait).
    """
    step = next_step(viewer=viewer, project=project)
    names = {
        role: " and ".join(m.user.display_name for m in project.people_with_role(role)) or "nobody yet"
        for role in (ProjectRole.LEAD, ProjectRole.FACILITATOR)
    }
    return {"step": step, "leads": names[ProjectRole.LEAD], "facilitators": names[ProjectRole.FACILITATOR]}


@require_rule("evaluation.sign_off_report")
def project_report_sign_off(request, pk: int):
    """A confirmation page with the comment; POST signs off."""
    project = get_project_for(request, pk, rule="evaluation.sign_off_report")
    if request.method == "GET" and ReportSignOff.objects.filter(project=project).exists():
        messages.info(request, "This report has already been signed off.")
        return redirect("evaluation:project_report", project.pk)
    form = SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_sign_off(project=project, leader=request.membership, comment=form.cleaned_data["comment"])
        except SignOffError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "Report signed off. The project completes when its pupil lead and its facilitator agree: "
                "one proposes the move to Completed, the other confirms it.",
            )
            return redirect("evaluation:project_report", project.pk)
    status = 422 if form.errors else 200
    return render(request, "evaluation/reports/sign_off.html", {"project": project, "form": form}, status=status)


@require_rule()
def project_reflections(request, pk: int):
    project = get_project_for(request, pk, rule="evaluation.view_reflections")
    viewer = request.membership
    can_write = project.stage == Stage.CO_EVALUATE and test_rule("evaluation.write_reflection", viewer, project)
    form = ReflectionForm(request.POST or None) if can_write else None
    if request.method == "POST":
        check_rule("evaluation.write_reflection", viewer, project)
        if form is not None and form.is_valid():
            try:
                reflection_add(project=project, author=viewer, **form.cleaned_data)
            except ReflectionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Thank you: your reflection is added to the report.")
                return redirect("evaluation:project_reflections", project.pk)
        elif form is None:
            messages.error(request, "Reflections are written while the project is in co-evaluate.")
            return redirect("evaluation:project_reflections", project.pk)
    # The group sees what is in the report; authors also see their own hidden ones, with the reason.
    reflections = Reflection.objects.filter(project=project).order_by("created_at", "pk")
    if not viewer.is_staff_member:
        reflections = reflections.filter(hidden_at__isnull=True) | reflections.filter(author=viewer)
    elif not viewer.is_safeguarding_lead:  # a reflection held for safeguarding is for the leads only
        reflections = reflections.filter(hidden_for_safeguarding=False)
    reflections = list(reflections)
    sections = [
        {"kind": kind.value, "label": kind.label, "reflections": [r for r in reflections if r.kind == kind]}
        for kind in ReflectionKind
    ]
    context = {
        "project": project,
        "form": form,
        "sections": sections,
        "can_hide": test_rule("evaluation.hide_reflection", viewer, project),
    }
    status = 422 if form is not None and form.errors else 200
    return render(request, "evaluation/reports/reflections.html", context, status=status)


@require_POST
@require_rule("evaluation.hide_reflection")
def reflection_hide(request, pk: int):
    try:
        reflection = Reflection.objects.select_related("project").get(pk=pk, project__school=request.school)
    except Reflection.DoesNotExist:
        raise Http404("No such reflection in your school.") from None
    form = ReasonForm(request.POST)  # cleaned like every form: no NUL bytes, a length limit
    try:
        if not form.is_valid():
            raise ReflectionError("Give a reason in plain text: the author will read it.")
        hide_reflection(reflection=reflection, staff=request.membership, reason=form.cleaned_data["reason"])
    except ReflectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The reflection is hidden from the group and the report.")
    return redirect("evaluation:project_reflections", reflection.project_id)
