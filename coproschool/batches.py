"""Shuffled batches for what is held apart from the people who sent it (issue 18): anonymous survey
answers (evaluation.holding) and ballots (projects.services.holding) follow the same rule.

While voting or answering is open a batch moves only when at least `2 * BATCH_MIN` wait, and then all
but `BATCH_MIN` of them, picked at random: every step adds at least 5, and at least 5 stay held for
the last step, so the close never adds fewer than 5 either (unless fewer than 5 took part in all).
"""

import secrets

BATCH_MIN = 5


def batch_pick(held: list, *, final: bool) -> list:
    """The rows of `held` to move now (all of them on the last step); shuffles `held` in place."""
    if final:
        return held
    if len(held) < 2 * BATCH_MIN:
        return []
    secrets.SystemRandom().shuffle(held)
    return held[BATCH_MIN:]
