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
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import sqrt
from statistics import fmean, variance

SUPPRESS_BELOW = 5
SUPPRESSED_TEXT = "fewer than 5"
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

    @property
    def suppressed(self) -> bool:
        return is_suppressed(self.n)


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
        "mean_before": shown(change.mean_before, change.n_before),
        "mean_after": shown(change.mean_after, change.n_after),
        "mean_change": SUPPRESSED_TEXT if change.suppressed else _signed(change.mean_change),
        "effect_size": shown(change.effect_size, change.n),
        "paired": "paired" if change.paired else "not paired",
    }


def _signed(value: float | None) -> str:
    return NO_FIGURE if value is None else f"{value:+.2f}"
