"""Demo surveys for Demo Academy, made from the shipped templates through the same services.

- "How school feels for you": open for all pupils, with a dozen answers already in;
- "Your confidence and skills": a closed before/after pair, both answered, so the pre/post
  figures have something real to show;
- "Staff view of co-production": a draft, ready to edit.
Safe to run again: each survey is made once and answered once per pupil.
"""

from django.db import transaction

from evaluation import services
from evaluation.holding import held_responses_move
from evaluation.models import Pairing, Survey, SurveyStatus
from people.models import Membership, Role, School

# One Likert point per demo pupil, by position; the "after" survey is a point higher where it can be.
DEMO_LIKERT = [4, 5, 3, 4, 2, 5, 4, 3, 4, 5, 3, 4]
DEMO_ANSWER_COUNT = len(DEMO_LIKERT)


@transaction.atomic
def seed_evaluation(school: School) -> None:
    staff = Membership.objects.filter(school=school, role__in=[Role.STAFF, Role.LEADER]).order_by("pk").first()
    pupils = list(Membership.objects.filter(school=school, role=Role.PUPIL, is_active=True).order_by("pk"))
    engagement = _from_template(school, staff, "pupil_engagement")
    _answer(engagement, pupils, shift=0, close=False)
    _from_template(school, staff, "staff_view")
    before = _from_template(school, staff, "pupil_confidence", pairing=Pairing.BEFORE)
    after = before.twin or services.survey_create_twin(survey=before, actor=staff)
    _answer(before, pupils, shift=-1, close=True)
    _answer(after, pupils, shift=0, close=True)


def _from_template(school: School, staff: Membership | None, key: str, pairing: str = Pairing.NONE) -> Survey:
    existing = Survey.objects.filter(school=school, template_key=key, pairing=pairing).order_by("pk").first()
    return existing or services.survey_from_template(school=school, actor=staff, template_key=key, pairing=pairing)


def _answer(survey: Survey, pupils: list[Membership], *, shift: int, close: bool) -> None:
    """Open the survey, let the first demo pupils answer it, and close it again if asked."""
    if survey.status == SurveyStatus.CLOSED:
        return
    survey = services.survey_open(survey=survey)
    answered = set(survey.completions.values_list("membership_id", flat=True))
    questions = list(survey.questions.order_by("order"))
    for position, pupil in enumerate(pupils[:DEMO_ANSWER_COUNT]):
        if pupil.pk in answered:
            continue
        likert = min(max(DEMO_LIKERT[position] + shift, 1), 5)
        answers = {}
        for question in questions:
            if question.type == "likert5":
                answers[question.pk] = likert
            elif question.type == "scale0_10":
                answers[question.pk] = likert * 2
            elif question.type == "multiple":
                answers[question.pk] = [position % len(question.choices)]
        services.response_submit(survey=survey, membership=pupil, answers=answers)
    held_responses_move(survey_id=survey.pk, final=True)  # the demo's answers arrive as one batch
    if close:
        services.survey_close(survey=survey)
