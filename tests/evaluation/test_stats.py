"""Pre/post arithmetic and suppression, checked against examples worked by hand (shown in comments)."""

import pytest

from evaluation.stats import (
    HIDDEN_TEXT,
    NO_FIGURE,
    SUPPRESSED_TEXT,
    change_shown,
    cohens_d,
    compare_paired,
    compare_unpaired,
    is_suppressed,
    shown,
)

# Worked example 1 (equal groups)
#   before 2 3 3 4 3: mean 15/5 = 3.0; squared deviations 1 0 0 1 0 = 2; variance 2/4 = 0.5
#   after  4 4 3 5 4: mean 20/5 = 4.0; squared deviations 0 0 1 1 0 = 2; variance 2/4 = 0.5
#   pooled variance (4·0.5 + 4·0.5) / 8 = 0.5; pooled SD √0.5 = 0.70711
#   mean change 1.0; d = 1.0 / 0.70711 = 1.41421
BEFORE_1 = [2, 3, 3, 4, 3]
AFTER_1 = [4, 4, 3, 5, 4]

# Worked example 2 (unequal groups)
#   before 1 2 3 4 5 6: mean 21/6 = 3.5; squared deviations 6.25 2.25 0.25 0.25 2.25 6.25 = 17.5; variance 17.5/5 = 3.5
#   after  3 4 5 6 7:   mean 25/5 = 5.0; squared deviations 4 1 0 1 4 = 10; variance 10/4 = 2.5
#   pooled variance (5·3.5 + 4·2.5) / 9 = 27.5/9 = 3.05556; pooled SD 1.74801
#   mean change 1.5; d = 1.5 / 1.74801 = 0.85812
BEFORE_2 = [1, 2, 3, 4, 5, 6]
AFTER_2 = [3, 4, 5, 6, 7]


def test_unpaired_change_matches_worked_example_1():
    change = compare_unpaired(BEFORE_1, AFTER_1)
    assert (change.n_before, change.n_after, change.paired) == (5, 5, False)
    assert change.mean_before == pytest.approx(3.0)
    assert change.mean_after == pytest.approx(4.0)
    assert change.mean_change == pytest.approx(1.0)
    assert change.effect_size == pytest.approx(1.41421, abs=1e-5)


def test_unpaired_change_matches_worked_example_2():
    change = compare_unpaired(BEFORE_2, AFTER_2)
    assert (change.n_before, change.n_after) == (6, 5)
    assert change.mean_before == pytest.approx(3.5)
    assert change.mean_after == pytest.approx(5.0)
    assert change.mean_change == pytest.approx(1.5)
    assert change.effect_size == pytest.approx(0.85812, abs=1e-5)


def test_a_fall_gives_a_negative_change_and_effect():
    change = compare_unpaired(AFTER_1, BEFORE_1)
    assert change.mean_change == pytest.approx(-1.0)
    assert change.effect_size == pytest.approx(-1.41421, abs=1e-5)


def test_paired_change_uses_complete_pairs_only():
    change = compare_paired(zip(BEFORE_1, AFTER_1, strict=True))
    assert (change.n_before, change.n_after, change.paired) == (5, 5, True)
    assert change.mean_change == pytest.approx(1.0)
    assert change.effect_size == pytest.approx(1.41421, abs=1e-5)


@pytest.mark.parametrize(
    ("before", "after"),
    [([3], [4, 5]), ([], [4, 5]), ([3, 3, 3], [3, 3])],
)
def test_effect_size_is_undefined_without_spread_or_with_one_answer(before, after):
    assert cohens_d(before, after) is None


def test_nobody_answered_before():
    change = compare_unpaired([], [4, 5])
    assert change.mean_before is None and change.mean_change is None and change.effect_size is None


@pytest.mark.parametrize(("n", "hidden"), [(0, True), (1, True), (4, True), (5, False), (120, False)])
def test_figures_about_fewer_than_five_are_suppressed(n, hidden):
    assert is_suppressed(n) is hidden
    assert (shown(3.14159, n) == SUPPRESSED_TEXT) is hidden


def test_shown_formats_figures_that_may_be_shown():
    assert shown(3.14159, 5) == "3.14"
    assert shown(12, 12) == "12"
    assert shown(None, 7) == NO_FIGURE


def test_change_shown_suppresses_each_side_and_the_change_when_one_side_is_small():
    small_before = compare_unpaired(BEFORE_1[:4], AFTER_2)  # 4 before, 5 after
    figures = change_shown(small_before)
    assert figures["n_before"] == figures["mean_before"] == SUPPRESSED_TEXT
    assert figures["n_after"] == "5" and figures["mean_after"] == HIDDEN_TEXT  # five different answers: counts of 1
    assert figures["mean_change"] == figures["effect_size"] == SUPPRESSED_TEXT


def test_change_shown_gives_every_figure_when_every_count_behind_the_means_is_five_or_more():
    assert change_shown(compare_unpaired([2, 3, 4] * 5, [3, 4, 5] * 5)) == {
        "n_before": "15",
        "n_after": "15",
        "mean_before": "3.00",
        "mean_after": "4.00",
        "mean_change": "+1.00",
        "effect_size": "1.18",
        "paired": "not paired",
    }


def test_change_shown_hides_means_whose_counts_include_one_to_four():
    figures = change_shown(compare_unpaired(BEFORE_1, AFTER_1))  # five answers each, spread over small counts
    assert figures["n_before"] == "5" and figures["n_after"] == "5"
    assert figures["mean_before"] == figures["mean_after"] == HIDDEN_TEXT
    assert figures["mean_change"] == figures["effect_size"] == HIDDEN_TEXT
