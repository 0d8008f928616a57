"""Approval voting: each voter ticks any number of ideas; the idea with the most ticks wins."""

from collections.abc import Iterable, Sequence

from django import forms

from projects.voting import registry
from projects.voting.tally import support, valid_choices


def count_approval(ballots: Iterable[Sequence[int]], options: Sequence[int]) -> dict:
    """Each ballot approves any number of ideas; most approvals wins.

    Returns {"method", "ballots", "rows": [{"idea", "votes"}] by votes (then creation order),
    "winners": every idea with the most votes (more than one on a tie; none without votes)}.
    """
    cleaned = valid_choices(ballots, options)
    votes = support(cleaned, options)
    rows = sorted(({"idea": idea, "votes": n} for idea, n in votes.items()), key=lambda r: -r["votes"])
    top = rows[0]["votes"] if rows else 0
    winners = [row["idea"] for row in rows if top and row["votes"] == top]
    return {"method": Approval.key, "ballots": len(cleaned), "rows": rows, "winners": winners}


class TickBallot(registry.BallotForm):
    """Tick any ideas (approval, and participatory budgeting with each idea's cost in its label)."""

    def __init__(self, *args, ideas, current, **kwargs):
        super().__init__(*args, ideas=ideas, current=current, **kwargs)
        self.fields["choices"] = forms.TypedMultipleChoiceField(
            label="Ideas you support",
            coerce=int,
            choices=[(idea.pk, self.idea_label(idea)) for idea in ideas],
            widget=forms.CheckboxSelectMultiple,
            initial=current,
            error_messages={"required": "Tick at least one idea."},
        )

    def idea_label(self, idea) -> str:
        return idea.title

    def choices(self) -> list[int]:
        return self.cleaned_data["choices"]

    def idea_input(self, idea_pk: int) -> registry.IdeaInput:
        field = forms.TypedMultipleChoiceField(
            label="Do you support this idea?",
            coerce=int,
            choices=[(idea_pk, "Yes, I support it")],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text="Tick the box if you do. Leave it empty if you do not.",
        )
        return registry.IdeaInput(name="choices", field=field, value=str(idea_pk))


class Approval(registry.VotingMethod):
    key = "approval"
    label = "Approval voting (vote for any number of ideas)"
    explanation = (
        "Approval voting: you tick every idea you would be happy with. Each tick is one vote for that "
        "idea. The idea with the most votes wins; if ideas have the same number of votes, it is a tie."
    )
    ballot_form_class = TickBallot
    result_template = "projects/decisions/results/approval.html"

    def count(self, *, ballots, options, decision) -> dict:
        return count_approval(ballots, [pk for pk, _ in options])

    def present(self, result, ideas) -> dict:
        return {
            "rows": [{**row, "idea": ideas.get(row["idea"])} for row in result["rows"]],
            "winners": [ideas.get(pk) for pk in result["winners"]],
            "tie": len(result["winners"]) > 1,
        }


registry.register(Approval())
