"""Demo surveys for Demo Academy: made from the shipped templates, through the same services. Safe to run again."""

from django.db import transaction

from evaluation import services
from evaluation.models import Survey
from people.models import Membership, Role, School

# How the demo pupils answered "How school feels for you": one Likert point per pupil, by position.
DEMO_LIKERT = [4, 5, 3, 4, 2, 5, 4, 3, 4, 5, 3, 4]
DEMO_ANSWER_COUNT = len(DEMO_LIKERT)


@transaction.atomic
def seed_evaluation(school: School) -> None:
    staff = Membership.objects.filter(school=school, role__in=[Role.STAFF, Role.LEADER]).order_by("pk").first()
    engagement = _from_template(school, staff, "pupil_engagement")
    _from_template(school, staff, "staff_view")
    if engagement.status != "open":
        engagement = services.survey_open(survey=engagement)
    pupils = Membership.objects.filter(school=school, role=Role.PUPIL, is_active=True).order_by("pk")
    pupils = pupils.exclude(survey_completions__survey=engagement)[: DEMO_ANSWER_COUNT - engagement.completions.count()]
    questions = list(engagement.questions.order_by("order"))
    for position, pupil in enumerate(pupils):
        likert = DEMO_LIKERT[position % DEMO_ANSWER_COUNT]
        answers = {}
        for question in questions:
            if question.type == "likert5":
                answers[question.pk] = likert
            elif question.type == "scale0_10":
                answers[question.pk] = likert * 2
            elif question.type == "multiple":
                answers[question.pk] = [position % len(question.choices)]
        services.response_submit(survey=engagement, membership=pupil, answers=answers)


def _from_template(school: School, staff: Membership | None, key: str) -> Survey:
    existing = Survey.objects.filter(school=school, template_key=key).order_by("pk").first()
    return existing or services.survey_from_template(school=school, actor=staff, template_key=key)
