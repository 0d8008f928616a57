"""Counting checked against elections worked out by hand (the working is in each docstring)."""

import random
import time
from decimal import Decimal

import pytest

from projects.voting.methods.approval import count_approval
from projects.voting.methods.budget import count_budget
from projects.voting.methods.ranked import count_irv

A, B, C, D = 1, 2, 3, 4


def _tallies(round_: dict) -> dict[int, int]:
    return {row["idea"]: row["votes"] for row in round_["tallies"]}


def test_approval_counts_every_approved_idea_and_ignores_repeats_and_strangers():
    result = count_approval([[A, B], [B, B, 99], [B, C], []], [A, B, C])
    assert result["ballots"] == 4
    assert result["rows"] == [{"idea": B, "votes": 3}, {"idea": A, "votes": 1}, {"idea": C, "votes": 1}]
    assert result["winners"] == [B]


def test_approval_tie_names_every_tied_idea_in_creation_order():
    """A 2, B 2, C 2: a three-way tie is reported as such, not broken silently."""
    result = count_approval([[A, B], [B, C], [A], [C]], [A, B, C])
    assert result["winners"] == [A, B, C]


def test_approval_without_votes_has_no_winner():
    assert count_approval([], [A, B])["winners"] == []


def test_irv_transfers_the_eliminated_ideas_votes():
    """10 ballots: 4 A>B, 3 B>C, 2 C>B, 1 C.
    Round 1: A 4, B 3, C 3; no idea has more than 5. B and C tie on 3 with no earlier round, so the
    earliest-created, B, goes. Round 2: B's three ballots move to C: C 6 of 10 wins."""
    ballots = [[A, B]] * 4 + [[B, C]] * 3 + [[C, B]] * 2 + [[C]]
    result = count_irv(ballots, [A, B, C])
    first, second = result["rounds"]
    assert _tallies(first) == {A: 4, B: 3, C: 3} and first["eliminated"] == B
    assert _tallies(second) == {A: 4, C: 6} and second["eliminated"] is None
    assert result["winner"] == C


def test_irv_breaks_a_tie_by_the_earlier_round_before_creation_order():
    """13 ballots: 5 A, 4 B>A, 3 C>B, 1 D>C>B.
    Round 1: A 5, B 4, C 3, D 1: D goes. Round 2: A 5, B 4, C 4: B and C tie; in round 1 C had
    fewer (3 < 4), so C goes although B was created first. Round 3: A 5, B 8 of 13 wins."""
    ballots = [[A]] * 5 + [[B, A]] * 4 + [[C, B]] * 3 + [[D, C, B]]
    result = count_irv(ballots, [A, B, C, D])
    assert [r["eliminated"] for r in result["rounds"]] == [D, C, None]
    assert _tallies(result["rounds"][1]) == {A: 5, B: 4, C: 4}
    assert _tallies(result["rounds"][2]) == {A: 5, B: 8}
    assert result["winner"] == B


def test_irv_counts_exhausted_ballots_and_wins_on_a_majority_of_continuing_ones():
    """8 ballots: 3 A, 2 B, 2 C>B, 1 C.
    Round 1: A 3, B 2, C 3: B goes; its two ballots rank nothing else: exhausted.
    Round 2: A 3, C 3 of 6 continuing (2 exhausted): tie in both rounds, earliest-created A goes.
    Round 3: A's ballots exhaust too (5 exhausted): C has 3 of 3 continuing and wins."""
    ballots = [[A]] * 3 + [[B]] * 2 + [[C, B]] * 2 + [[C]]
    result = count_irv(ballots, [A, B, C])
    assert [r["exhausted"] for r in result["rounds"]] == [0, 2, 5]
    assert [r["continuing"] for r in result["rounds"]] == [8, 6, 3]
    assert [r["eliminated"] for r in result["rounds"]] == [B, A, None]
    assert result["winner"] == C


def test_irv_without_ballots_has_no_winner():
    result = count_irv([], [A, B])
    assert result["winner"] is None


def test_budget_funds_greedily_and_skips_an_idea_that_no_longer_fits():
    """Budget £100. Support A 5 (£60), B 4 (£50), C 4 (£30), D 1 (£10).
    Order: A; B and C tie on 4, the cheaper C first; then B; then D.
    A fits (60), C fits (90), B does not (140 > 100) and is skipped, D still fits (100)."""
    ballots = [[A, B, C]] * 4 + [[A, D]]
    costs = {A: Decimal("60"), B: Decimal("50"), C: Decimal("30"), D: Decimal("10")}
    result = count_budget(ballots, [A, B, C, D], costs, Decimal("100"))
    assert [(r["idea"], r["votes"], r["funded"], r["running_total"]) for r in result["rows"]] == [
        (A, 5, True, "60"),
        (C, 4, True, "90"),
        (B, 4, False, "90"),
        (D, 1, True, "100"),
    ]
    assert result["spent"] == "100"


def test_budget_never_funds_an_idea_nobody_approved():
    result = count_budget([[A]], [A, B], {A: Decimal("5"), B: Decimal("1")}, Decimal("100"))
    assert [(r["idea"], r["funded"]) for r in result["rows"]] == [(A, True), (B, False)]


@pytest.mark.timing
@pytest.mark.slow
def test_irv_counts_5000_ballots_for_10_ideas_in_under_a_second():
    rng = random.Random(4)
    options = list(range(1, 11))
    ballots = [rng.sample(options, rng.randint(1, 10)) for _ in range(5000)]
    started = time.perf_counter()
    result = count_irv(ballots, options)
    elapsed = time.perf_counter() - started
    assert result["winner"] in options
    assert sum(row["votes"] for row in result["rounds"][0]["tallies"]) == 5000
    assert elapsed < 1.0
