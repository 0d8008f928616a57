"""Ranked choice by instant run-off: voters rank ideas; the weakest is eliminated round by round."""

import copy
from collections import Counter
from collections.abc import Iterable, Sequence

from django import forms

from projects.voting import registry
from projects.voting.tally import valid_choices


def count_irv(ballots: Iterable[Sequence[int]], options: Sequence[int]) -> dict:
    """Instant run-off: every round counts each ballot for its highest-ranked continuing idea.

    An idea with more than half of the round's non-exhausted ballots wins. Otherwise the idea with
    the fewest votes this round is eliminated. Tie-break for elimination, deterministic and in this
    order: fewest votes this round; then fewest votes in the previous round, then the round before
    that, back to the first round; then the earliest-created idea (the lowest id) is eliminated.
    When one idea is left it wins. A ballot whose ranked ideas have all been eliminated is
    exhausted and counted as such in every later round.

    Returns {"method", "ballots", "rounds": [{"tallies": [{"idea", "votes"}] most first, "exhausted", "continuing",
    "eliminated": idea or None}], "winner": idea or None (no valid ballots)}.
    """
    # Identical ballots are counted once with a weight: thousands of ballots over a few ideas repeat a lot.
    weighted = Counter(valid_choices(ballots, options))
    total = sum(weighted.values())
    continuing = list(options)
    rounds: list[dict] = []
    history: list[dict[int, int]] = []
    winner = None
    while continuing:
        alive = set(continuing)
        tallies = dict.fromkeys(continuing, 0)
        exhausted = 0
        for ballot, weight in weighted.items():
            for choice in ballot:
                if choice in alive:
                    tallies[choice] += weight
                    break
            else:
                exhausted += weight
        active = total - exhausted
        ranked = sorted(continuing, key=lambda idea: -tallies[idea])
        round_ = {
            "tallies": [{"idea": idea, "votes": tallies[idea]} for idea in ranked],
            "exhausted": exhausted,
            "continuing": active,
            "eliminated": None,
        }
        rounds.append(round_)
        history.append(tallies)
        leader = max(continuing, key=lambda idea: tallies[idea])
        if active and tallies[leader] * 2 > active:
            winner = leader
            break
        if len(continuing) == 1:
            winner = continuing[0] if active else None
            break
        loser = min(
            continuing,
            key=lambda idea: (*(past[idea] for past in reversed(history)), idea),
        )
        round_["eliminated"] = loser
        continuing.remove(loser)
    return {"method": Ranked.key, "ballots": total, "rounds": rounds, "winner": winner}


class RankBallot(registry.BallotForm):
    """Give ideas a rank (1 = first choice): one select per idea, so no JavaScript is needed."""

    def __init__(self, *args, ideas, current, **kwargs):
        super().__init__(*args, ideas=ideas, current=current, **kwargs)
        ranks = [("", "Not ranked")] + [(n, f"{n}") for n in range(1, len(ideas) + 1)]
        for idea in ideas:
            self.fields[f"rank_{idea.pk}"] = forms.TypedChoiceField(
                label=idea.title,
                choices=ranks,
                coerce=int,
                empty_value=None,
                required=False,
                initial=current.index(idea.pk) + 1 if idea.pk in current else "",
            )

    def clean(self):
        data = super().clean()
        ranks = {pk: data.get(f"rank_{pk}") for pk in self.idea_ids if data.get(f"rank_{pk}")}
        if not ranks:
            raise forms.ValidationError("Give a rank to at least one idea (1 is your first choice).")
        if len(set(ranks.values())) != len(ranks):
            raise forms.ValidationError("Give each idea a different rank.")
        data["ranking"] = sorted(ranks, key=ranks.get)
        return data

    def choices(self) -> list[int]:
        return self.cleaned_data["ranking"]

    def idea_input(self, idea_pk: int) -> registry.IdeaInput:
        field = copy.deepcopy(self.fields[f"rank_{idea_pk}"])
        field.label = "Your rank for this idea"
        field.help_text = "1 is your first choice. You do not have to rank every idea."
        return registry.IdeaInput(name=f"rank_{idea_pk}", field=field, unchosen="Not ranked")


class Ranked(registry.VotingMethod):
    key = "ranked"
    label = "Ranked choice (instant run-off)"
    explanation = (
        "Ranked choice: each round counts every ballot for its highest-ranked idea still in the race. "
        "An idea with more than half of the round's ballots wins; otherwise the idea with the fewest votes "
        "is eliminated (ties: fewer votes in the earlier rounds, then the earliest-created idea)."
    )
    ballot_help = "Give 1 to your first choice, 2 to your second, and so on. You do not have to rank every idea."
    ballot_form_class = RankBallot
    ballot_template = "projects/decisions/ballots/ranked.html"
    result_template = "projects/decisions/results/ranked.html"

    def count(self, *, ballots, options, decision) -> dict:
        return count_irv(ballots, [pk for pk, _ in options])

    def present(self, result, ideas) -> dict:
        def rows(items):
            return [{**row, "idea": ideas.get(row["idea"])} for row in items]

        return {
            "rounds": [
                {**r, "tallies": rows(r["tallies"]), "eliminated": ideas.get(r["eliminated"])} for r in result["rounds"]
            ],
            "winners": [ideas[result["winner"]]] if result["winner"] else [],
        }


registry.register(Ranked())
