"""The facilitator dashboard: projects by stage, what needs staff now, sessions, pupils not involved yet."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from evaluation.figures import this_term
from front.selectors import dashboard as selectors
from people.access import require_rule
from projects.access import get_project_for
from projects.errors import NotAllowed, ProjectError
from projects.forms import UninvolvedPupilsFilterForm
from projects.models import StageProposal
from projects.services import stages as services
from projects.views.stages import report_stage_error

PUPILS_PER_PAGE = 25
BOARD_PARTIAL = "front/dashboard.html#board"


def _board_context(request) -> dict:
    cards = selectors.board_cards(viewer=request.membership)
    return {
        "columns": selectors.board_columns(cards, request.membership),
        "completed_count": selectors.stage_counts(school=request.school)["completed"],
        "moved": None,  # set after a move; named here so no card looks up a missing variable
    }


@require_rule("projects.view_dashboard")
def dashboard(request):
    school = request.school
    form = UninvolvedPupilsFilterForm(request.GET or None, forms_by_year=selectors.pupil_forms(school=school))
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    period = this_term(today)
    pupils = selectors.uninvolved_pupils_page(
        school=school,
        period=period,
        year_group=filters.get("year_group"),
        form=filters.get("form") or "",
        number=request.GET.get("page"),
        per_page=PUPILS_PER_PAGE,
    )
    context = {
        **_board_context(request),
        **selectors.needs_you(viewer=request.membership),
        "sessions": selectors.upcoming_sessions(school=school, today=today)[: selectors.LIST_LIMIT],
        "filter_form": form,
        "page": pupils,
        "period": period,
    }
    return render(request, "front/dashboard.html", context)


@require_POST
@require_rule("projects.view_dashboard")
def dashboard_move(request, pk: int):
    """Propose the next stage, or confirm the other side's proposal, through the stage service.

    With htmx the board comes back in place (and the outcome in its live region); without
    JavaScript, back to the dashboard with a message.
    """
    project = get_project_for(request, pk, "projects.move_stage")
    try:
        if request.POST.get("action") == "confirm":
            proposal = project.stage_proposals.filter(status=StageProposal.Status.OPEN).first()
            if proposal is None:
                raise NotAllowed("There is no move waiting for confirmation any more.")
            transition = services.stage_confirm(proposal=proposal, actor=request.membership)
            messages.success(request, f"“{project.title}” moved to {transition.get_to_stage_display()}.")
        else:
            proposal = services.stage_propose(project=project, actor=request.membership)
            messages.success(
                request,
                f"Move of “{project.title}” to {proposal.get_to_stage_display()} proposed: it waits for confirmation.",
            )
    except ProjectError as error:
        report_stage_error(request, error)
    if request.htmx:
        # `moved` puts keyboard focus back on the card acted on: its button has gone with the swap.
        return render(request, BOARD_PARTIAL, {**_board_context(request), "moved": project.pk})
    return redirect("projects:dashboard")
