"""Participatory budgeting: voters tick ideas; the most supported are funded, in turn, while the money lasts."""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django import forms

from projects.errors import NotAllowed
from projects.models import Charter
from projects.money import pounds
from projects.voting import registry
from projects.voting.methods.approval import TickBallot
from projects.voting.tally import support, valid_choices


def count_budget(
    ballots: Iterable[Sequence[int]], options: Sequence[int], costs: Mapping[int, Decimal], budget: Decimal
) -> dict:
    """Voters approve ideas; fund them greedily by support within `budget`.

    Ideas are taken in order of support (most first; ties: the cheaper first, then creation order).
    An idea is funded if its cost fits in what is left; otherwise it is skipped and the next ones
    are still tried. An idea nobody approved is never funded. Returns {"method", "ballots", "budget",
    "spent", "rows": [{"idea", "votes", "cost", "funded", "running_total"}]} with money as strings
    (exact decimals, JSON-ready).
    """
    cleaned = valid_choices(ballots, options)
    votes = support(cleaned, options)
    order = sorted(options, key=lambda idea: (-votes[idea], costs[idea]))
    spent = Decimal(0)
    rows = []
    for idea in order:
        cost = Decimal(costs[idea])
        funded = votes[idea] > 0 and spent + cost <= budget
        if funded:
            spent += cost
        rows.append(
            {"idea": idea, "votes": votes[idea], "cost": str(cost), "funded": funded, "running_total": str(spent)}
        )
    return {"method": Budget.key, "ballots": len(cleaned), "budget": str(budget), "spent": str(spent), "rows": rows}


def over_budget_error(*, total: Decimal, budget: Decimal) -> str | None:
    """What a voter reads when their ticks cost more than the budget; None when they fit."""
    if total <= budget:
        return None
    return (
        f"Your choices cost {pounds(total)}: that is {pounds(total - budget)} over the "
        f"{pounds(budget)} budget. Untick something."
    )


class CostedCheckboxes(forms.CheckboxSelectMultiple):
    """Each box carries its idea's cost, for the running total (static/js/budget_ballot.js)."""

    def __init__(self, *args, costs: Mapping[int, Decimal], **kwargs):
        super().__init__(*args, **kwargs)
        self.costs = costs

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"]["data-cost"] = str(self.costs[int(str(value))])
        return option


class CostedTickBallot(TickBallot):
    def __init__(self, *args, ideas, current, budget: Decimal, **kwargs):
        super().__init__(*args, ideas=ideas, current=current, **kwargs)
        field = self.fields["choices"]
        field.widget = CostedCheckboxes(choices=field.choices, costs={idea.pk: _cost(idea) for idea in ideas})
        # Said without JavaScript too: the server counts the ticks' cost when the ballot is cast.
        field.help_text = (
            f"The budget is {pounds(budget)}. Each idea's cost is next to it: "
            f"the ideas you tick may cost {pounds(budget)} at most in total."
        )

    def idea_label(self, idea) -> str:
        return f"{idea.title} ({pounds(_cost(idea))})"


def _cost(idea) -> Decimal:
    # Set-up needs every cost, but an idea's cost may be cleared afterwards: the count then takes it as £0.
    return idea.cost_money or Decimal(0)


class Budget(registry.VotingMethod):
    key = "budget"
    label = "Participatory budgeting (the most supported ideas are funded while the money lasts)"
    # `count_budget` in pupils' words: they should be able to check the result by hand.
    explanation = (
        "Participatory budgeting: you tick every idea you support, and each tick is one vote. Then we "
        "spend the money starting with the idea that has the most votes. If it costs no more than the "
        "money left, it is funded. If it costs more, it is skipped and we try the next idea, because a "
        "cheaper one may still fit. When two ideas have the same number of votes, the cheaper one goes "
        "first; if they cost the same too, the idea put forward first goes first. An idea with no votes is "
        "never funded."
    )
    ballot_form_class = CostedTickBallot
    ballot_template = "projects/decisions/ballots/budget.html"
    result_template = "projects/decisions/results/budget.html"

    def check_setup(self, *, project, rules) -> Decimal:
        missing = [idea.title for idea in rules.options if idea.cost_money is None]
        if missing:
            raise NotAllowed(f"Participatory budgeting needs a cost for every idea; missing: {', '.join(missing)}.")
        budget = rules.budget
        if budget is None:
            charter = Charter.objects.filter(school=project.school_id).first()
            budget = charter.budget_money if charter else None
        if budget is None or budget <= 0:
            raise NotAllowed("Participatory budgeting needs a budget: set one here or in the school's charter.")
        return budget

    def ballot_form(self, data=None, *, decision, current=None) -> CostedTickBallot:
        ideas = list(decision.options.all())
        return CostedTickBallot(data, ideas=ideas, current=current or [], budget=decision.budget)

    def check_ballot(self, *, choices, options, decision) -> None:
        costs = dict(options)
        total = sum((costs[pk] or Decimal(0) for pk in choices), Decimal(0))
        error = over_budget_error(total=total, budget=decision.budget)
        if error:
            raise NotAllowed(error)

    def count(self, *, ballots, options, decision) -> dict:
        costs = {pk: cost or Decimal(0) for pk, cost in options}
        return count_budget(ballots, [pk for pk, _ in options], costs, decision.budget)

    def present(self, result, ideas) -> dict:
        rows = [
            {
                **row,
                "idea": ideas.get(row["idea"]),
                "cost": Decimal(row["cost"]),
                "running_total": Decimal(row["running_total"]),
            }
            for row in result["rows"]
        ]
        return {
            "rows": rows,
            "budget": Decimal(result["budget"]),
            "spent": Decimal(result["spent"]),
            "winners": [row["idea"] for row in rows if row["funded"]],
        }


registry.register(Budget())
