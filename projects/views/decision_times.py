"""Facilitators end a vote now or give it more time: each a confirmation page, then one service call."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from people.access import require_rule
from projects.access import get_decision_for
from projects.errors import ProjectError
from projects.forms import ConfirmForm, DecisionExtendForm
from projects.services.decision_times import decision_close_now as close_now
from projects.services.decision_times import decision_extend as extend
from projects.views.common import form_page


def _already_closed(request, pk: int):
    messages.info(request, "This vote has already closed.")
    return redirect("projects:decision_detail", pk)


@require_rule()
def decision_close_now(request, pk: int):
    decision = get_decision_for(request, pk, "projects.close_decision_now")
    if decision.is_closed:
        return _already_closed(request, pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST":
        try:
            close_now(decision=decision, actor=request.membership)
        except ProjectError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Voting is closed and the result is published.")
        return redirect("projects:decision_detail", pk)
    return form_page(
        request,
        form=form,
        title=f"Close “{decision.title}” now?",
        submit="Close the vote now",
        cancel_url=reverse("projects:decision_detail", args=[pk]),
        intro="Nobody can vote after this, and the result is counted and published to everyone who could vote. "
        "This cannot be undone.",
        danger=True,
    )


@require_rule()
def decision_extend(request, pk: int):
    decision = get_decision_for(request, pk, "projects.extend_decision")
    if decision.is_closed:
        return _already_closed(request, pk)
    form = DecisionExtendForm(request.POST or None, decision=decision)
    if request.method == "POST" and form.is_valid():
        try:
            extend(decision=decision, actor=request.membership, closes_at=form.cleaned_data["closes_at"])
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Voting closes later now. Everyone who can vote has been told.")
            return redirect("projects:decision_detail", pk)
    return form_page(
        request,
        form=form,
        title=f"More time for “{decision.title}”",
        submit="Extend the vote",
        cancel_url=reverse("projects:decision_detail", args=[pk]),
        intro="Ballots already cast stay as they are. Everyone who can vote is told the new closing time.",
    )
