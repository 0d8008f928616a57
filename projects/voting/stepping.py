"""Easy read's ballot, one idea per screen (issue 21): a method's own ballot form, split into screens.

Screen n shows idea n and only the input holding its choice (the method's `idea_input`); the choices
made on the other screens travel with the page as hidden fields. So nothing of a ballot is stored
before it is cast: a session would keep a pupil's choices on the server, tied to them. The last
screen lists every choice and casts them through the ordinary vote (`decision_vote`, `ballot_cast`).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django import forms

from coproschool.steps import Step, step_at
from projects.voting.registry import BallotForm, IdeaInput


@dataclass(frozen=True)
class ChoiceRow:
    """One line of the check screen: the idea, the question asked on its screen and the answer given."""

    number: int
    idea: object
    question: str
    answer: str
    chosen: bool


def screen_at(raw: str | None, ideas: Sequence) -> Step:
    """Screens 1..n are the ideas; screen n + 1 is "Check and cast"."""
    return step_at(raw, len(ideas) + 1)


def _owns(spot: IdeaInput, name: str, value: str) -> bool:
    return name == spot.name and (spot.value is None or value == spot.value)


def idea_form(ballot: BallotForm, idea_pk: int) -> forms.Form:
    """A form of one field, this idea's input, showing the choice already made for it."""
    spot = ballot.idea_input(idea_pk)
    chosen = [value for value in ballot.data.getlist(spot.name) if _owns(spot, spot.name, value)]
    form = forms.Form(initial={spot.name: chosen if spot.value is not None else (chosen or [""])[0]})
    form.fields = {spot.name: spot.field}
    return form


def carried(ballot: BallotForm, idea_pk: int | None = None) -> list[tuple[str, str]]:
    """The choices to keep as hidden fields: all of them, less the ones idea `idea_pk`'s screen shows."""
    spot = ballot.idea_input(idea_pk) if idea_pk is not None else None
    return [
        (name, value)
        for name in ballot.fields
        for value in ballot.data.getlist(name)
        if value and not (spot and _owns(spot, name, value))
    ]


def choice_rows(ballot: BallotForm, ideas: Sequence) -> list[ChoiceRow]:
    rows = []
    for number, idea in enumerate(ideas, start=1):
        spot = ballot.idea_input(idea.pk)
        labels = {str(key): label for key, label in spot.field.choices if str(key)}
        picked = [labels[v] for v in ballot.data.getlist(spot.name) if v in labels and _owns(spot, spot.name, v)]
        rows.append(
            ChoiceRow(number, idea, str(spot.field.label), picked[0] if picked else spot.unchosen, bool(picked))
        )
    return rows


def cost_so_far(rows: Sequence[ChoiceRow]) -> Decimal:
    """What the ideas chosen so far cost together (participatory budgeting's running total, said by the server)."""
    return sum((row.idea.cost_money or Decimal(0) for row in rows if row.chosen), Decimal(0))


def ballot_problems(ballot: BallotForm) -> list[str]:
    """What stops the ballot being cast, in the form's own words (checked on the check screen, before casting)."""
    if ballot.is_valid():
        return []
    return [str(message) for messages in ballot.errors.values() for message in messages]
