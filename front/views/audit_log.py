"""The "What happened" page: the school's audit log for leaders and safeguarding leads."""

from django.shortcuts import render

from front.forms import AuditLogFilterForm
from front.selectors import audit_log as selectors
from people.access import require_rule


@require_rule("people.view_audit_log")
def what_happened(request):
    form = AuditLogFilterForm(request.GET or None, school=request.school)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries(
        viewer=request.membership,
        project=filters.get("project"),
        person=filters.get("person") or "",
        kind=filters.get("kind") or "",
        start=filters.get("start"),
        end=filters.get("end"),
    )
    page, happenings = selectors.audit_page(entries=entries, number=request.GET.get("page"))
    return render(request, "front/what_happened.html", {"form": form, "page": page, "happenings": happenings})
