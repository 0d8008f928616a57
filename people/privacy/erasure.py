"""What each app erases of a person. `person_erase` (people.privacy.services) clears people's own
records, then calls every function registered here with the erased person's membership ids, inside
its transaction. The apps above people (projects, evaluation) register theirs from AppConfig.ready,
so people never imports them (the layers contract in pyproject.toml)."""

from collections.abc import Callable

Eraser = Callable[[list[int]], None]
ERASERS: list[Eraser] = []


def eraser(erase: Eraser) -> Eraser:
    """Register `erase(membership_ids)`: remove or anonymise what the app keeps of those members."""
    if erase not in ERASERS:
        ERASERS.append(erase)
    return erase
