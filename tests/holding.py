"""For tests: move every held answer and ballot into the results now, as the last step at close does.

Anonymous answers and ballots wait in a holding area until a scheduled job moves them in batches of
5 or more (evaluation/holding.py, projects/services/holding.py); a test that reads results right
after one send calls this first.
"""

from evaluation.holding import held_responses_move
from evaluation.models import HeldResponse
from projects.models import HeldBallot
from projects.services.holding import held_ballots_move


def held_flush() -> int:
    moved = 0
    for survey_id in set(HeldResponse.objects.values_list("survey_id", flat=True)):
        moved += held_responses_move(survey_id=survey_id, final=True)
    for decision_id in set(HeldBallot.objects.values_list("decision_id", flat=True)):
        moved += held_ballots_move(decision_id=decision_id, final=True)
    return moved
