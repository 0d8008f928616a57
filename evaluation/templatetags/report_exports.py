"""`{% export_panel kind="school" start=start end=end %}` or `{% export_panel kind="project" project=project %}`:
the "Make PDF" panel of a report page, with its exports (evaluation.views.report_exports)."""

from django import template

from evaluation.views.report_exports import PANEL, panel_context

register = template.Library()


@register.inclusion_tag(PANEL, takes_context=True)
def export_panel(context, *, kind, project=None, start=None, end=None):
    request = context["request"]
    return {
        "panel": panel_context(request, kind=kind, project=project, start=start, end=end),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
