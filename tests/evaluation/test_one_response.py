"""One response per person, enforced by the database, even when two submissions race."""

import pytest

from evaluation import services
from evaluation.models import Answer, Response, SurveyCompletion
from tests.concurrency import run_together

ATTEMPTS = 2


@pytest.mark.django_db(transaction=True)
def test_second_submission_by_the_same_person_is_refused_and_rolled_back(survey, pupil, submit):
    """On PostgreSQL two threads with their own connections submit at the same moment; on SQLite
    (one writer at a time) the same two submissions run one after the other. Either way exactly
    one response is stored and the loser's response and answers are rolled back."""

    def attempt():
        submit(survey, pupil, {1: 4, 2: "hello"})
        return "stored"

    results = run_together([attempt] * ATTEMPTS)
    outcomes = ["refused" if isinstance(result, services.AlreadyAnswered) else result for result in results]

    assert sorted(outcomes) == ["refused", "stored"]
    assert SurveyCompletion.objects.filter(survey=survey, membership=pupil).count() == 1
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.filter(response__survey=survey).count() == 2


@pytest.mark.django_db
def test_completion_constraint_holds_without_the_service(survey, pupil):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    SurveyCompletion.objects.create(survey=survey, membership=pupil, completed_on=timezone.localdate())
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyCompletion.objects.create(survey=survey, membership=pupil, completed_on=timezone.localdate())


@pytest.mark.django_db
def test_service_refuses_someone_outside_the_audience(survey, staff, submit):
    with pytest.raises(services.SurveyError, match="not for you"):
        submit(survey, staff, {1: 4})
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_service_reads_the_current_status_not_a_stale_copy(survey, pupil, submit):
    services.survey_close(survey=survey.__class__.objects.get(pk=survey.pk))
    with pytest.raises(services.SurveyNotOpen):
        submit(survey, pupil, {1: 4})  # `survey` still says "open" in memory
