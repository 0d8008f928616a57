"""One thing per screen: where a stepped page (a survey's questions, an easy-read ballot's ideas) is.

Both pages count their screens from 1, read the screen asked for from the request, and show the same
progress ("Question 2 of 5", "Idea 2 of 5": templates/partials/step_progress.html). Going back and on
are buttons or links that name the screen to go to, so the pages work without JavaScript.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    number: int  # 1..count
    count: int

    @property
    def percent(self) -> int:
        """How far along, for the progress bar: the screens already behind this one."""
        return round(100 * (self.number - 1) / self.count) if self.count else 0

    @property
    def is_first(self) -> bool:
        return self.number == 1

    @property
    def is_last(self) -> bool:
        return self.number == self.count

    @property
    def previous(self) -> int:
        return max(self.number - 1, 1)

    @property
    def next(self) -> int:
        return min(self.number + 1, self.count)


def step_at(raw: str | None, count: int) -> Step:
    """The screen asked for (a number from the URL or a button), kept within 1..count; nonsense means the first."""
    try:
        number = int(raw or 1)
    except ValueError:
        number = 1
    return Step(number=min(max(number, 1), max(count, 1)), count=count)
