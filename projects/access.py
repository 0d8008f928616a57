"""Load an object for a request: scoped to the request's school first (else 404), then the rule (else 403)."""

from django.http import Http404

from people.access import check_rule
from projects.models import Decision, Idea, Need, Project, Report
from projects.selectors.decisions import decision_get
from projects.selectors.ideas import idea_get
from projects.selectors.moderation import concern_get, report_get
from projects.selectors.needs import need_get
from projects.selectors.projects import project_get
from projects.services.decision_times import decision_close_if_due


def get_project_for(request, pk: int, rule: str = "projects.view_project") -> Project:
    try:
        project = project_get(viewer=request.membership, pk=pk)
    except Project.DoesNotExist:
        raise Http404("No such project in your school.") from None
    return check_project_for(request, project, rule)


def check_project_for(request, project: Project, rule: str = "projects.view_project") -> Project:
    """`get_project_for`'s checks on a project already loaded (by another view of the same request)."""
    if project.school_id != request.school.pk:
        raise Http404("No such project in your school.")
    if rule != "projects.view_project":
        check_rule("projects.view_project", request.membership, project)
    check_rule(rule, request.membership, project)
    return project


def get_need_for(request, pk: int) -> Need:
    try:
        return need_get(viewer=request.membership, pk=pk)
    except Need.DoesNotExist:
        raise Http404("No such need in your school.") from None


def get_idea_for(request, pk: int, rule: str | None = None) -> Idea:
    try:
        idea = idea_get(viewer=request.membership, pk=pk)
    except Idea.DoesNotExist:
        raise Http404("No such idea in your school.") from None
    check_rule("projects.view_project", request.membership, idea.project)
    if rule:
        check_rule(rule, request.membership, idea)
    return idea


def get_concern_for(request, pk: int) -> Report:
    try:
        return concern_get(viewer=request.membership, pk=pk)
    except Report.DoesNotExist:
        raise Http404("No such concern.") from None


def get_report_for(request, pk: int) -> Report:
    try:
        return report_get(viewer=request.membership, pk=pk)
    except Report.DoesNotExist:
        raise Http404("No such report.") from None


def get_decision_for(request, pk: int, rule: str | None = None) -> Decision:
    """A decision of the request's school (else 404) that the viewer may see (else 403), and `rule`.

    A vote past its closing time is closed first, so the page shows its result with no scheduler.
    """
    try:
        decision = decision_get(viewer=request.membership, pk=pk)
        if decision_close_if_due(decision=decision):
            decision = decision_get(viewer=request.membership, pk=pk)
    except Decision.DoesNotExist:
        raise Http404("No such decision in your school.") from None
    check_rule("projects.view_decision", request.membership, decision)
    if rule:
        check_rule(rule, request.membership, decision)
    return decision
