"""What every count starts from: the ballots' valid choices, and how many ballots support each idea."""

from collections import Counter
from collections.abc import Iterable, Sequence


def valid_choices(ballots: Iterable[Sequence[int]], options: Sequence[int]) -> list[tuple[int, ...]]:
    """Drop choices that are not options and repeated choices (keeping the first); keep empty ballots."""
    allowed = set(options)
    cleaned = []
    for ballot in ballots:
        seen: dict[int, None] = {}
        for choice in ballot:
            if choice in allowed:
                seen.setdefault(choice, None)
        cleaned.append(tuple(seen))
    return cleaned


def support(ballots: list[tuple[int, ...]], options: Sequence[int]) -> dict[int, int]:
    counts = Counter(choice for ballot in ballots for choice in ballot)
    return {option: counts.get(option, 0) for option in options}
