"""Roster sync pages: upload the MIS export, read the preview (every problem by file and row, or
what would change), apply it in one go."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from people.access import require_rule
from people.models import RosterSync
from people.roster_sync.forms import RosterSyncUploadForm
from people.roster_sync.services import RosterSyncError, RosterSyncInvalid, roster_sync_apply, roster_sync_preview

PROBLEMS_SHOWN = 100


def _recent(school):
    return RosterSync.objects.filter(school=school).select_related("uploaded_by__user").defer("data")[:10]


@require_rule("people.import_roster")
def roster_sync_upload(request):
    form = RosterSyncUploadForm(request.POST if request.method == "POST" else None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            sync = roster_sync_preview(
                school=request.school,
                uploaded_by=request.membership,
                source_format=form.cleaned_data["source_format"],
                data=upload.read(),
                file_name=upload.name,
            )
        except RosterSyncInvalid as invalid:
            problems = invalid.problems
        else:
            return redirect("people:roster_sync", sync.pk)
    context = {
        "form": form,
        "problems": problems[:PROBLEMS_SHOWN],
        "problem_count": len(problems),
        "recent": _recent(request.school),
    }
    status = 422 if problems or form.errors else 200
    return render(request, "people/roster_sync/upload.html", context, status=status)


@require_rule("people.import_roster", pupil_data=True)
def roster_sync_detail(request, pk: int):
    sync = RosterSync.objects.filter(school=request.school, pk=pk).defer("data").first()
    if sync is None:
        raise Http404("No such roster sync in your school.")
    problems = []
    if request.method == "POST":
        try:
            sync = roster_sync_apply(sync=sync, actor=request.membership)
        except RosterSyncInvalid as invalid:
            problems = invalid.problems
        except RosterSyncError as error:
            messages.error(request, str(error))
            return redirect("people:roster_sync", sync.pk)
        else:
            counts = sync.counts
            messages.success(
                request,
                f"The roster is applied: {counts.get('new', 0)} joined, {counts.get('changed', 0)} changed, "
                f"{counts.get('leaving', 0)} left.",
            )
            return redirect("people:roster_sync", sync.pk)
    context = {"sync": sync, "problems": problems[:PROBLEMS_SHOWN], "problem_count": len(problems)}
    return render(request, "people/roster_sync/detail.html", context, status=422 if problems else 200)
