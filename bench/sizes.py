"""What the benchmark seeds and how much of it, shared by the seeder's modules."""

from dataclasses import dataclass, field

from bench.rows import IdBlock
from projects.models import Stage

BENCH_PASSWORD = "bench-coproduce"
SLUG_PREFIX = "bench-"
QUESTIONS_PER_SURVEY = 10


@dataclass
class Sizes:
    """How much to make; `scale` shrinks everything for tests (at least one of each kind remains)."""

    schools: int = 20
    scale: float = 1.0
    pupils: int = field(init=False)
    staff: int = field(init=False)
    leaders: int = field(init=False)
    parents: int = field(init=False)
    projects: int = field(init=False)
    needs: int = field(init=False)
    need_comments: int = field(init=False)
    members_per_project: int = 6
    ideas_per_project: int = 2
    idea_comments_per_idea: int = 3
    backings_per_need: int = 3
    ballots: int = field(init=False)
    answers: int = field(init=False)

    def __post_init__(self):
        def sized(full: int, least: int) -> int:
            return max(least, round(full * self.scale))

        self.pupils = sized(1500, 12)
        self.staff = sized(60, 3)
        self.leaders = sized(3, 1)
        self.parents = sized(150, 2)
        self.projects = sized(200, len(Stage))
        # ~50,000 in the trust: 14,000 needs, 10,000 need comments, 6,700 ideas (two for each
        # project past co-identify) and 20,000 idea comments.
        self.needs = sized(700, 4)
        self.need_comments = sized(500, 4)
        self.ballots = sized(100_000 // 20, 10)
        self.answers = sized(300_000, QUESTIONS_PER_SURVEY * 2)


class Ids:
    """One id block per model, created lazily."""

    def __init__(self):
        self.blocks: dict = {}

    def __call__(self, model) -> int:
        if model not in self.blocks:
            self.blocks[model] = IdBlock(model)
        return self.blocks[model].take()


def count_add(counts: dict, name: str, number: int) -> None:
    counts[name] = counts.get(name, 0) + number
