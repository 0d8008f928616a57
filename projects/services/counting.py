"""Pure counting functions: ballots (lists of idea ids) in, a result (plain data, JSON-ready) out.

No database access here, so results are reproducible from the ballots alone and the functions are
tested against hand-worked elections (tests/projects/test_counting.py). Options are given in the
order ideas were created (ascending id); that order is the last tie-break everywhere.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal


def _valid(ballots: Iterable[Sequence[int]], options: Sequence[int]) -> list[tuple[int, ...]]:
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


def _support(ballots: list[tuple[int, ...]], options: Sequence[int]) -> dict[int, int]:
    counts = Counter(choice for ballot in ballots for choice in ballot)
    return {option: counts.get(option, 0) for option in options}


def count_approval(ballots: Iterable[Sequence[int]], options: Sequence[int]) -> dict:
    """Approval voting: each ballot approves any number of ideas; most approvals wins.

    Returns {"method", "ballots", "rows": [{"idea", "votes"}] by votes (then creation order),
    "winners": every idea with the most votes (more than one on a tie; none without votes)}.
    """
    cleaned = _valid(ballots, options)
    support = _support(cleaned, options)
    rows = sorted(({"idea": idea, "votes": votes} for idea, votes in support.items()), key=lambda r: -r["votes"])
    top = rows[0]["votes"] if rows else 0
    winners = [row["idea"] for row in rows if top and row["votes"] == top]
    return {"method": "approval", "ballots": len(cleaned), "rows": rows, "winners": winners}


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
    weighted = Counter(_valid(ballots, options))
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
    return {"method": "ranked", "ballots": total, "rounds": rounds, "winner": winner}


def count_budget(
    ballots: Iterable[Sequence[int]], options: Sequence[int], costs: Mapping[int, Decimal], budget: Decimal
) -> dict:
    """Participatory budgeting: voters approve ideas; fund them greedily by support within `budget`.

    Ideas are taken in order of support (most first; ties: the cheaper first, then creation order).
    An idea is funded if its cost fits in what is left; otherwise it is skipped and the next ones
    are still tried. An idea nobody approved is never funded. Returns {"method", "ballots", "budget",
    "spent", "rows": [{"idea", "votes", "cost", "funded", "running_total"}]} with money as strings
    (exact decimals, JSON-ready).
    """
    cleaned = _valid(ballots, options)
    support = _support(cleaned, options)
    order = sorted(options, key=lambda idea: (-support[idea], costs[idea]))
    spent = Decimal(0)
    rows = []
    for idea in order:
        cost = Decimal(costs[idea])
        funded = support[idea] > 0 and spent + cost <= budget
        if funded:
            spent += cost
        rows.append(
            {"idea": idea, "votes": support[idea], "cost": str(cost), "funded": funded, "running_total": str(spent)}
        )
    return {"method": "budget", "ballots": len(cleaned), "budget": str(budget), "spent": str(spent), "rows": rows}
