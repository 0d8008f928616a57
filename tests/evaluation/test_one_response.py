"""One response per person, enforced by the database, even when two submissions race."""

import pytest

from evaluation import services
from evaluation.models import Answer, Response, SurveyCompletion
from tests.concurrency import run_together
from tests.holding import held_flush

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
    held_flush()
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


def _tab(membership):
    from django.test import Client

    client = Client()
    client.force_login(membership.user)
    return client


@pytest.mark.django_db
def test_a_send_that_finds_the_drafts_gone_is_told_already_sent_not_not_answered(survey, pupil, submit):
    """The losing send of a race can read the drafts after the winner removed them: it was sent, so it
    is refused as already answered, not as "Not answered"."""
    submit(survey, pupil, {1: 4})
    with pytest.raises(services.AlreadyAnswered, match="Already sent — thank you"):
        submit(survey, pupil, {})


@pytest.mark.django_db
def test_sending_again_from_a_second_tab_says_already_sent(survey, pupil, submit):
    from django.urls import reverse

    first, second = _tab(pupil), _tab(pupil)
    first.post(reverse("evaluation:answer", args=[survey.pk]) + "?q=1", {"answer": "4"})
    review = reverse("evaluation:review", args=[survey.pk])
    assert second.get(review).status_code == 200  # the second tab shows the answers, ready to send
    assert first.post(review).status_code == 302
    page = second.post(review, follow=True)
    assert page.status_code == 200 and "Already sent — thank you" in page.text
    held_flush()
    assert "Not answered" not in page.text and Response.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_tabs_sending_at_the_same_moment_both_land_on_thank_you(survey, pupil):
    from django.urls import reverse

    tabs = [_tab(pupil), _tab(pupil)]
    tabs[0].post(reverse("evaluation:answer", args=[survey.pk]) + "?q=1", {"answer": "4"})
    review = reverse("evaluation:review", args=[survey.pk])
    results = run_together([lambda tab=tab: tab.post(review) for tab in tabs])
    assert [result.status_code for result in results] == [302, 302]
    pages = [tab.get(reverse("evaluation:thanks", args=[survey.pk])).text for tab in tabs]
    assert sum("Already sent — thank you" in page for page in pages) == 1
    held_flush()
    assert Response.objects.filter(survey=survey).count() == 1
