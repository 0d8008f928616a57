"""Reporting content, the staff moderation queue, and the safeguarding leads' queue."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from people.access import require_rule
from projects.access import get_concern_for, get_report_for
from projects.errors import ProjectError
from projects.forms import ReasonForm, ReportForm, SafeguardingOutcomeForm
from projects.selectors.moderation import moderation_queue, reportable_get, safeguarding_queue
from projects.services import moderation as services
from projects.services.safeguarding import safeguarding_mark_opened
from projects.views.common import form_page, paginate


@require_rule("projects.report_content")
def report_content(request, kind: str, pk: int):
    viewer = request.membership
    try:
        target = reportable_get(viewer=viewer, kind=kind, pk=pk)
    except ObjectDoesNotExist:
        raise Http404("Nothing to report here.") from None
    form = ReportForm(request.POST if request.method == "POST" else None, is_staff=viewer.is_staff_member)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("hide_now") or (viewer.is_staff_member and data["is_safeguarding"]):
                services.content_flag(
                    staff=viewer, target=target, reason=data["reason"], is_safeguarding=data["is_safeguarding"]
                )
            else:
                services.report_create(
                    reporter=viewer, target=target, reason=data["reason"], is_safeguarding=data["is_safeguarding"]
                )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            if data["is_safeguarding"]:
                messages.success(
                    request, "Thank you. It is hidden and only the safeguarding lead can see your concern."
                )
            else:
                messages.success(request, "Thank you. Staff will look at it.")
            return redirect(target.get_absolute_url() if not target.is_hidden else "home")
    return form_page(
        request,
        form=form,
        title="Report this",
        submit="Send the report",
        cancel_url=target.get_absolute_url(),
        intro=f"You are reporting: “{target}”.",
    )


@require_rule("projects.moderate")
def moderation_list(request):
    reports = moderation_queue(staff=request.membership)
    return render(request, "projects/moderation/queue.html", {"page": paginate(request, reports)})


@require_POST
@require_rule("projects.moderate")
def report_act(request, pk: int, action: str):
    report = get_report_for(request, pk)
    try:
        if action == "hide":
            form = ReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.report_hide(report=report, actor=request.membership, reason=reason)
            messages.success(request, "Hidden. The author sees the reason; the content is kept.")
        elif action == "dismiss":
            services.report_dismiss(report=report, actor=request.membership)
            messages.success(request, "Report dismissed; the content stays.")
        elif action == "restore":
            services.content_restore(report=report, actor=request.membership)
            messages.success(request, "Content restored.")
        else:
            raise Http404("No such action.")
    except ProjectError as error:
        messages.error(request, str(error))
    return redirect("projects:safeguarding" if report.is_safeguarding else "projects:moderation")


@require_rule("projects.handle_safeguarding", pupil_data=True)
def safeguarding_list(request):
    page = paginate(request, safeguarding_queue(lead=request.membership))
    # The lead has now seen these: they stop counting towards escalation to the deputies and the head.
    safeguarding_mark_opened(lead=request.membership, reports=page.object_list)
    return render(request, "projects/moderation/safeguarding.html", {"page": page})


@require_POST
@require_rule("projects.handle_safeguarding", pupil_data=True)
def safeguarding_record(request, pk: int):
    report = get_report_for(request, pk)
    form = SafeguardingOutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Record what was done.")
        return redirect("projects:safeguarding")
    try:
        services.safeguarding_record(
            report=report,
            lead=request.membership,
            outcome=form.cleaned_data["outcome"],
            restore_content=form.cleaned_data["restore_content"],
        )
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Outcome recorded.")
    return redirect("projects:safeguarding")


@require_rule("projects.open_concern", pupil_data=True)
def safeguarding_concern(request, pk: int):
    """One concern: what was reported, where, and the outcome form. Leads, and deputies once it escalated."""
    report = get_concern_for(request, pk)
    safeguarding_mark_opened(lead=request.membership, reports=[report])
    form = SafeguardingOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.safeguarding_record(
                report=report,
                lead=request.membership,
                outcome=form.cleaned_data["outcome"],
                restore_content=form.cleaned_data["restore_content"],
            )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Outcome recorded.")
            return redirect("projects:safeguarding_concern", pk)
    return render(request, "projects/moderation/concern.html", {"report": report, "form": form})
