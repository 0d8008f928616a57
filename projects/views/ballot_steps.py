"""Easy read's ballot: one idea per screen, then "Check and cast" (projects/voting/stepping.py).

Every screen is a form posting the choices so far; Back, Next and Change name the screen to show,
so it works without JavaScript. Casting posts the same choices to the ordinary vote
(`decisions.decision_vote`), which casts them through `ballot_cast` and shows the receipt.
"""

from django.http import QueryDict
from django.shortcuts import redirect, render

from people.access import require_rule
from projects.access import get_decision_for
from projects.models import Decision
from projects.selectors.decisions import voted
from projects.services import voting
from projects.voting import registry, stepping
from projects.voting.registry import BallotForm

STEP_TEMPLATE = "projects/decisions/ballot_step.html"


def step_page(request, decision: Decision, ballot: BallotForm, screen_raw: str | None, *, problems=None, status=200):
    """Screen `screen_raw` of the stepped ballot for `ballot`'s data; on the last, the check list and any problems."""
    ideas = list(decision.options.all())
    step = stepping.screen_at(screen_raw, ideas)
    checking = step.is_last
    idea = None if checking else ideas[step.number - 1]
    if checking and problems is None:
        problems = stepping.ballot_problems(ballot)
    rows = stepping.choice_rows(ballot, ideas)
    context = {
        "decision": decision,
        "project": decision.project,
        "method": registry.get(decision.method),
        "step": step,
        "heading": "Check and cast" if checking else f"Idea {step.number} of {len(ideas)}",
        "idea": idea,
        "idea_count": len(ideas),
        "idea_form": None if checking else stepping.idea_form(ballot, idea.pk),
        "carried": stepping.carried(ballot, None if checking else idea.pk),
        "rows": rows if checking else [],
        # With a budget, every screen says what the choices so far cost (no JavaScript needed).
        "spent": stepping.cost_so_far(rows) if decision.budget is not None else None,
        "problems": problems or [],
    }
    return render(request, STEP_TEMPLATE, context, status=status)


@require_rule()
def decision_ballot_step(request, pk: int):
    decision = get_decision_for(request, pk, "projects.vote")
    if not voting.decision_is_open(decision) or voted(decision, request.membership):
        return redirect("projects:decision_detail", pk)  # the decision's page says why there is no ballot
    # The form reads only its own fields from the post: the CSRF token and the buttons are left aside.
    data, screen = (
        (request.POST, request.POST.get("to")) if request.method == "POST" else (QueryDict(), request.GET.get("n"))
    )
    return step_page(request, decision, registry.get(decision.method).ballot_form(data, decision=decision), screen)
