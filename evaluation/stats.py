"""Pre/post arithmetic and small-number suppression for the evaluation reports. Pure functions.

Per question, a `Change` holds how many answered before and after, the two means, the mean change
(after minus before) and an effect size. The effect size is Cohen's d with the pooled standard
deviation:

    s1², s2²  = sample variances (divided by n - 1) of the before and after answers
    s_pooled  = sqrt(((n1 - 1)·s1² + (n2 - 1)·s2²) / (n1 + n2 - 2))
    d         = (mean_after - mean_before) / s_pooled

It is computed the same way for paired answers (a named survey, where the same person answered
before and after): then n1 = n2 = the number of pairs and both means are over those pairs only, so
the figures stay comparable with unpaired (anonymous) surveys. d is undefined (None) with fewer
than two answers on either side or when every answer is the same (s_pooled = 0).
Rough reading (Cohen): about 0.2 small, 0.5 medium, 0.8 large.

Suppression: any figure describing fewer than `SUPPRESS_BELOW` (5) respondents is shown as
"fewer than 5", so that nobody's answer can be picked out of a small group.

Disclosure control (`cells_shown`, issue 18): a count of 1 to 4 is "fewer than 5" (primary
suppression), and it must stay hidden to someone who knows the other counts, the number who
answered and this very rule. Counts of one question add up to the number who answered, so one
hidden count alone would be a subtraction away; hidden counts that are all 1 or all 4 would be
pinned by their total. So the hidden counts are kept only when there are at least two and their
total T lies strictly between their number k and 4k: then every split of T into k counts of 1 to 4
is consistent with what is shown, and each hidden count has at least two possible values (the
solver test enumerates them). Otherwise every count of the question is hidden (complementary
suppression of the whole row). A mean, or a change of means, is shown only when every count
behind it is shown: a mean and the shown counts would otherwise give the hidden ones back.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import sqrt
from statistics import fmean, variance

SUPPRESS_BELOW = 5
SUPPRESSED_TEXT = "fewer than 5"
HIDDEN_TEXT = "hidden"  # a count hidden only so that a "fewer than 5" next to it cannot be worked out
DISCLOSURE_RULE = (
    "Counts of 1 to 4 read “fewer than 5”; when the other figures would let someone work such a count out, "
    "the question's other counts are hidden too, and a mean is shown only when every count behind it is."
)
NO_FIGURE = "none"  # e.g. nobody answered before, or d undefined


@dataclass(frozen=True)
class Change:
    n_before: int
    n_after: int
    paired: bool
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    effect_size: float | None

    @property
    def n(self) -> int:
        """The smaller group: what suppression looks at."""
        return min(self.n_before, self.n_after)

    # Whether every count behind each mean may be shown (`cells_shown`): else the means are hidden.
    before_complete: bool = True
    after_complete: bool = True

    @property
    def suppressed(self) -> bool:
        return is_suppressed(self.n) or not (self.before_complete and self.after_complete)


def cells_shown(counts: Sequence[int], answered: int, *, adds_up: bool = True) -> tuple[list[str], bool]:
    """The counts of one question's options as they may be published, and whether all are shown.

    `adds_up`: each person gives one answer, so the counts add up to `answered`. For pick-any
    questions (`adds_up=False`) a count is only bounded: at least `answered` minus the others.
    """
    counts = list(counts)
    if answered == 0:
        return ["0"] * len(counts), True
    if is_suppressed(answered):
        return [SUPPRESSED_TEXT] * len(counts), False
    primary = [i for i, count in enumerate(counts) if 1 <= count < SUPPRESS_BELOW]
    if not primary:
        return [str(count) for count in counts], True
    top = SUPPRESS_BELOW - 1
    if adds_up:
        k, total = len(primary), sum(counts[i] for i in primary)
        safe = k >= 2 and k < total < top * k
    else:
        # A hidden count c is at least answered - (every other count, hidden ones taken at their most).
        others_max = [count if i not in primary else top for i, count in enumerate(counts)]
        safe = all(answered - (sum(others_max) - others_max[i]) <= top - 1 for i in primary)
    if safe:
        return [SUPPRESSED_TEXT if i in primary else str(count) for i, count in enumerate(counts)], False
    return [HIDDEN_TEXT] * len(counts), False


def _complete(values: list[float]) -> bool:
    return cells_shown(list(Counter(values).values()), len(values))[1]


def is_suppressed(n: int) -> bool:
    return n < SUPPRESS_BELOW


def shown(value, n: int, *, places: int = 2) -> str:
    """A figure as it may be shown: "fewer than 5" when it describes fewer than 5 respondents."""
    if is_suppressed(n):
        return SUPPRESSED_TEXT
    if value is None:
        return NO_FIGURE
    if isinstance(value, float):
        return f"{value:.{places}f}"
    return str(value)


def cohens_d(before: Sequence[float], after: Sequence[float]) -> float | None:
    n1, n2 = len(before), len(after)
    if n1 < 2 or n2 < 2:
        return None
    pooled_variance = ((n1 - 1) * variance(before) + (n2 - 1) * variance(after)) / (n1 + n2 - 2)
    if pooled_variance == 0:
        return None
    return (fmean(after) - fmean(before)) / sqrt(pooled_variance)


def compare_unpaired(before: Iterable[float], after: Iterable[float]) -> Change:
    """Before and after answers that cannot be matched person to person (e.g. anonymous surveys)."""
    before, after = list(before), list(after)
    mean_before = fmean(before) if before else None
    mean_after = fmean(after) if after else None
    return Change(
        n_before=len(before),
        n_after=len(after),
        paired=False,
        mean_before=mean_before,
        mean_after=mean_after,
        mean_change=None if mean_before is None or mean_after is None else mean_after - mean_before,
        effect_size=cohens_d(before, after),
        before_complete=_complete(before),
        after_complete=_complete(after),
    )


def compare_paired(pairs: Iterable[tuple[float, float]]) -> Change:
    """(before, after) answers of the same people; only complete pairs count."""
    pairs = list(pairs)
    change = compare_unpaired([before for before, _ in pairs], [after for _, after in pairs])
    return Change(**{**change.__dict__, "paired": True})


def change_shown(change: Change) -> dict[str, str]:
    """Every figure of a Change as text. Each side is suppressed on its own count; the change and
    the effect size, which use both sides, when either side has fewer than 5."""
    return {
        "n_before": shown(change.n_before, change.n_before),
        "n_after": shown(change.n_after, change.n_after),
        "mean_before": mean_shown(change.mean_before, change.n_before, complete=change.before_complete),
        "mean_after": mean_shown(change.mean_after, change.n_after, complete=change.after_complete),
        "mean_change": _hidden(change) or _signed(change.mean_change),
        "effect_size": _hidden(change) or shown(change.effect_size, change.n),
        "paired": "paired" if change.paired else "not paired",
    }


def mean_shown(mean: float | None, n: int, *, complete: bool) -> str:
    """A mean as it may be published: only when every count behind it is shown (`cells_shown`)."""
    return shown(mean, n) if complete or is_suppressed(n) else HIDDEN_TEXT


def _hidden(change: Change) -> str:
    if is_suppressed(change.n):
        return SUPPRESSED_TEXT
    return HIDDEN_TEXT if change.suppressed else ""


def _signed(value: float | None) -> str:
    return NO_FIGURE if value is None else f"{value:+.2f}"
