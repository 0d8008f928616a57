"""Co-decide views: set up a decision, vote, read the published result and turnout, record adoption."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from rules import test_rule

from coproschool.csv_export import csv_response
from people.access import require_rule
from people.ratelimit import rate_limit
from projects.access import get_decision_for, get_project_for
from projects.errors import ProjectError
from projects.forms import AdoptionForm, DecisionForm
from projects.models import Decision
from projects.selectors.decisions import (
    decisions_for_project,
    has_voters,
    result_view,
    turnout,
    turnout_rows,
    voted,
    votes_waiting_for,
)
from projects.services import voting
from projects.services.decision_times import project_decisions_close_due
from projects.services.holding import held_ballot_count
from projects.views.ballot_steps import step_page
from projects.views.common import form_page
from projects.voting import registry, stepping
from projects.voting.registry import BallotForm

VOTE_PARTIAL = "projects/decisions/detail.html#vote"
VOTES_PER_PAGE = 20


@require_rule()
def decision_list(request, pk: int):
    project = get_project_for(request, pk)
    project_decisions_close_due(project=project)  # votes past their time show as closed (no scheduler needed)
    return render(
        request,
        "projects/decisions/list.html",
        {"project": project, "decisions": decisions_for_project(project)},
    )


@require_rule()
def votes_waiting(request):
    """Every open vote the viewer may cast and has not yet, closing soonest first (the home lists a few)."""
    page = Paginator(votes_waiting_for(request.membership), VOTES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "projects/decisions/waiting.html", {"page": page})


@require_rule()
def decision_create(request, pk: int):
    project = get_project_for(request, pk, "projects.set_up_decision")
    form = DecisionForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            decision = voting.decision_create(project=project, actor=request.membership, rules=form.rules())
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Decision set up. Its rules can change until the first vote is cast.")
            return redirect("projects:decision_detail", decision.pk)
    return form_page(
        request,
        form=form,
        title=f"Set up a decision · {project.title}",
        submit="Set up the decision",
        cancel_url=reverse("projects:decision_list", args=[pk]),
        intro="The group chooses among the shortlisted ideas by the rule you pick here. "
        "Ballots are secret: the platform records who voted, never how.",
    )


@require_rule()
def decision_edit(request, pk: int):
    decision = get_decision_for(request, pk, "projects.change_decision")
    form = DecisionForm(request.POST or None, project=decision.project, decision=decision)
    if request.method == "POST" and form.is_valid():
        try:
            voting.decision_update(decision=decision, actor=request.membership, rules=form.rules())
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Decision saved.")
            return redirect("projects:decision_detail", pk)
    return form_page(
        request,
        form=form,
        title=f"Change “{decision.title}”",
        submit="Save",
        cancel_url=reverse("projects:decision_detail", args=[pk]),
    )


RECEIPT_CHECK_WORDS = {
    "counted": "A ballot with this receipt is in the count.",
    "waiting": "A ballot with this receipt has arrived and waits for the next step into the count.",
    "unknown": "No ballot of this decision has this receipt. Check you typed it as it was shown.",
}


def _receipt_check(request, decision: Decision) -> str:
    receipt = request.GET.get("receipt", "").strip()[:40]
    if not receipt:
        return ""
    return RECEIPT_CHECK_WORDS[voting.ballot_receipt_check(decision=decision, receipt=receipt)]


def _detail_context(request, decision: Decision, ballot_form: BallotForm | None = None, receipt: str = "") -> dict:
    viewer = request.membership
    method = registry.get(decision.method)
    is_open = voting.decision_is_open(decision)
    eligible = decision.admits(viewer)
    has_voted = voted(decision, viewer)
    can_vote = is_open and eligible and not has_voted  # a ballot is final once cast
    if can_vote and ballot_form is None:
        ballot_form = method.ballot_form(decision=decision)
    can_see_turnout = test_rule("projects.view_turnout", viewer, decision)
    return {
        "decision": decision,
        "project": decision.project,
        "method": method,
        "is_open": is_open,
        "eligible": eligible,
        "has_voted": has_voted,
        "receipt": receipt,
        "receipt_check": _receipt_check(request, decision),
        "ballots_counted": decision.ballots.count(),
        "ballots_waiting": held_ballot_count(decision),
        "ballot_form": ballot_form if can_vote else None,
        # Easy read shows a ballot of several ideas one idea per screen (views.ballot_steps).
        "one_by_one": can_vote and request.user.easy_read and len(ballot_form.idea_ids) > 1,
        "result": result_view(decision),
        "turnout": turnout(decision) if can_see_turnout else None,
        "can_export_turnout": test_rule("projects.export_turnout", viewer, decision),
        "can_change": not decision.is_closed
        and test_rule("projects.change_decision", viewer, decision)
        and not has_voters(decision),
        # Both while voting is open: before it opens, the rules (times included) can still change.
        "can_close_now": is_open and test_rule("projects.close_decision_now", viewer, decision),
        "can_extend": is_open and test_rule("projects.extend_decision", viewer, decision),
        "can_adopt": decision.is_closed and test_rule("projects.record_adoption", viewer, decision),
    }


@require_rule()
def decision_detail(request, pk: int):
    decision = get_decision_for(request, pk)
    return render(request, "projects/decisions/detail.html", _detail_context(request, decision))


@require_POST
@require_rule()
@rate_limit("vote")
def decision_vote(request, pk: int):
    decision = get_decision_for(request, pk, "projects.vote")
    form = registry.get(decision.method).ballot_form(request.POST, decision=decision)
    if form.is_valid():
        try:
            receipt = voting.ballot_cast(decision=decision, voter=request.membership, choices=form.choices())
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            # The receipt is shown in this answer only (no redirect, no message stored in the session):
            # nowhere else holds it, so nobody can look it up later.
            context = _detail_context(request, decision, receipt=receipt)
            if request.htmx:
                return render(request, VOTE_PARTIAL, context)
            return render(request, "projects/decisions/detail.html", context)
    if request.POST.get("stepped"):  # cast from easy read's check screen: its problems are shown there
        last = str(len(form.idea_ids) + 1)
        return step_page(request, decision, form, last, problems=stepping.ballot_problems(form), status=400)
    if request.htmx:
        # htmx swaps only 2xx answers: the errors come back in place, tied to their fields.
        return render(request, VOTE_PARTIAL, _detail_context(request, decision, form))
    return render(request, "projects/decisions/detail.html", _detail_context(request, decision, form), status=400)


@require_rule()
def decision_adoption(request, pk: int):
    decision = get_decision_for(request, pk, "projects.record_adoption")
    form = AdoptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            voting.decision_record_adoption(
                decision=decision,
                actor=request.membership,
                adopted=form.cleaned_data["adopted"],
                reason=form.cleaned_data["reason"],
            )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Recorded. The answer is shown next to the result on the project page.")
            return redirect("projects:decision_detail", pk)
    return form_page(
        request,
        form=form,
        title=f"Leadership's answer to “{decision.title}”",
        submit="Record the answer",
        cancel_url=reverse("projects:decision_detail", args=[pk]),
        intro="If leadership does not adopt the group's result, say why: the reason is shown to everyone "
        "next to the result. There is no silent veto.",
    )


@require_rule()
def decision_turnout_csv(request, pk: int):
    """Who voted and on which day, for reminders. Never a choice: ballots are not linked to anyone."""
    decision = get_decision_for(request, pk, "projects.export_turnout")
    rows = (
        [
            person.user.display_name,
            person.get_role_display(),
            person.year_group or "",
            person.voted_on.isoformat() if person.voted_on else "not yet",
        ]
        for person in turnout_rows(decision)
    )
    return csv_response(
        filename=f"turnout-{decision.pk}.csv", header=["name", "role", "year group", "voted on"], rows=rows
    )
