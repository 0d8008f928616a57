"""The voting methods a decision can use. Each lives in one module of projects/voting/methods/ and registers here.

A method holds everything that differs between ways of deciding: its ballot form, its checks on a
decision's set-up, the ballots it refuses, its count, the partial that shows the count and the
explanation pupils read on the ballot and the result. Everything else in co-decide (the electorate,
secret ballots, opening and closing) is the same for every method and asks the registry; nothing else names a method.
`Decision.method` takes its choices from here, so adding a method is one module and one template.

This module imports no model: `projects.models` reads the choices from it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django import forms
from django.template import Template

if TYPE_CHECKING:
    from projects.models import Decision, Idea, Project
    from projects.services.voting import DecisionRules

# Decision.method is a CharField of this length (a longer key would not fit in the database).
KEY_MAX_LENGTH = 10

# (idea id, cost or None), in creation order: what a count gets instead of Idea rows, so counting stays pure.
Option = tuple[int, Decimal | None]


@dataclass(frozen=True)
class IdeaInput:
    """Where one idea's choice lives in a ballot's data, for easy read's one idea per screen
    (projects/voting/stepping.py): the field `name`, the `field` shown on the idea's own screen, and the
    `value` that means this idea when ideas share the field (None when the field is the idea's own)."""

    name: str
    field: forms.Field
    value: str | None = None
    unchosen: str = "No"  # the check screen's words when nothing is chosen for this idea


class BallotForm(forms.Form):
    """A method's ballot: a form whose `choices()` gives the idea ids to store (a ranking is first first)."""

    def __init__(self, *args, ideas: Sequence["Idea"], current: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.idea_ids = [idea.pk for idea in ideas]

    def choices(self) -> list[int]:
        raise NotImplementedError

    def idea_input(self, idea_pk: int) -> IdeaInput:
        raise NotImplementedError


class VotingMethod:
    key: ClassVar[str]  # stored on Decision.method
    label: ClassVar[str]  # shown where the method is chosen and named
    explanation: ClassVar[str]  # how ballots become a result, in pupils' words (ballot and result page)
    ballot_help: ClassVar[str] = ""  # how to fill in the ballot, shown above it
    ballot_form_class: ClassVar[type[BallotForm]]
    # A partial shown under the ballot's fields (e.g. a running total), or "" for none. Expects `decision`.
    ballot_template: ClassVar[str] = ""
    # The partial showing `result` (what `present` returns): a template name, or a Template.
    result_template: ClassVar[str | Template]

    def check_setup(self, *, project: "Project", rules: "DecisionRules") -> Decimal | None:
        """Refuse (projects.errors.NotAllowed) a set-up this method cannot count; return the budget to store."""
        return None

    def ballot_form(self, data=None, *, decision: "Decision", current: list[int] | None = None) -> BallotForm:
        return self.ballot_form_class(data, ideas=list(decision.options.all()), current=current or [])

    def check_ballot(self, *, choices: list[int], options: Sequence[Option], decision: "Decision") -> None:
        """Refuse (projects.errors.NotAllowed) a ballot this method does not accept; `choices` are options."""

    def count(self, *, ballots: Sequence[Sequence[int]], options: Sequence[Option], decision: "Decision") -> dict:
        """The result to publish, plain JSON-ready data; `ballots` are stored choices, not yet checked."""
        raise NotImplementedError

    def present(self, result: dict, ideas: dict[int, "Idea"]) -> dict:
        """`result` with Idea rows in place of ids for the partial, and `winners` (a list of ideas)."""
        raise NotImplementedError


_methods: dict[str, VotingMethod] = {}


def register(method: VotingMethod) -> VotingMethod:
    if len(method.key) > KEY_MAX_LENGTH:
        raise ValueError(f"A voting method's key has at most {KEY_MAX_LENGTH} characters: {method.key!r}.")
    if method.key in _methods:
        raise ValueError(f"The voting method {method.key!r} is registered already.")
    _methods[method.key] = method
    return method


def get(key: str) -> VotingMethod | None:
    return _methods.get(key)


def method_choices() -> list[tuple[str, str]]:
    """Decision.method's choices, in the order methods were registered."""
    return [(method.key, method.label) for method in _methods.values()]
