"""Answering a survey one question per screen, with answers saved as the person goes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation import selectors
from evaluation.models import Answer, Audience, DraftAnswer, Response, Survey, SurveyCompletion
from tests.factories import (
    ParentFactory,
    ProjectMembershipFactory,
    PupilFactory,
    QuestionFactory,
    StaffFactory,
    SurveyFactory,
)
from tests.holding import held_flush

pytestmark = pytest.mark.django_db


def step(survey, number: int) -> str:
    return reverse("evaluation:answer", args=[survey.pk]) + f"?q={number}"


def test_pupil_answers_step_by_step_and_resumes_where_they_left_off(client_for, survey, pupil):
    client = client_for(pupil)
    start = client.get(reverse("evaluation:start", args=[survey.pk]))
    assert "2 questions" in start.text and "Anonymous" in start.text and ">Start<" in start.text

    first = client.get(step(survey, 1))
    assert "Question 1 of 2" in first.text and 'aria-valuenow="0"' in first.text
    saved = client.post(step(survey, 1), {"answer": "4", "go": "next"})
    assert saved.status_code == 302 and saved["Location"].endswith("?q=2")
    assert DraftAnswer.objects.get(membership=pupil).value == 4

    # The pupil leaves and comes back later: the start page offers to carry on, the answer is kept.
    assert ">Carry on<" in client.get(reverse("evaluation:start", args=[survey.pk])).text
    again = client.get(step(survey, 1))
    assert 'id="answer-4" value="4" checked' in again.text

    last = client.post(step(survey, 2), {"answer": "More plants please", "go": "next"})
    assert last["Location"] == reverse("evaluation:review", args=[survey.pk])
    review = client.get(last["Location"])
    assert "Agree" in review.text and "More plants please" in review.text

    sent = client.post(reverse("evaluation:review", args=[survey.pk]))
    assert sent["Location"] == reverse("evaluation:thanks", args=[survey.pk])
    assert not Response.objects.filter(survey=survey).exists()  # held for the next batch (issue 18)
    held_flush()
    response = Response.objects.get(survey=survey)
    assert response.submitted_on == timezone.localdate()
    assert sorted(str(a.value) for a in Answer.objects.filter(response=response)) == ["4", "More plants please"]
    assert SurveyCompletion.objects.filter(survey=survey, membership=pupil).exists()
    assert not DraftAnswer.objects.filter(membership=pupil).exists()
    # Coming back after sending goes to the thank-you page, never to a second response.
    assert client.get(step(survey, 1))["Location"] == reverse("evaluation:thanks", args=[survey.pk])
    assert client.post(reverse("evaluation:review", args=[survey.pk])).status_code == 302
    held_flush()
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_bad_answer_shows_the_message_tied_to_the_field(client_for, survey, pupil):
    page = client_for(pupil).post(step(survey, 1), {"answer": "9", "go": "next"})
    assert page.status_code == 422
    assert 'id="answer-error"' in page.text and 'aria-describedby="answer-error"' in page.text
    assert "Choose one of the five answers" in page.text
    assert "<fieldset" in page.text and "<legend" in page.text
    assert not DraftAnswer.objects.exists()


def test_missing_required_answer_is_explained(client_for, survey, pupil):
    page = client_for(pupil).post(step(survey, 1), {"go": "next"})
    assert "Please choose how much you agree: this question needs an answer." in page.text


def test_text_answer_too_long_is_explained_and_kept_for_editing(client_for, survey, pupil):
    page = client_for(pupil).post(step(survey, 2), {"answer": "x" * 250, "go": "next"})
    assert "Your answer is 250 characters long; the most this question takes is 200." in page.text
    assert 'aria-invalid="true"' in page.text and 'value="' + "x" * 250 in page.text


def test_going_back_keeps_a_good_answer_and_never_blocks(client_for, survey, pupil):
    client = client_for(pupil)
    back = client.post(step(survey, 2), {"answer": "x" * 500, "go": "back"})
    assert back["Location"].endswith("?q=1") and not DraftAnswer.objects.exists()
    client.post(step(survey, 2), {"answer": "fine", "go": "back"})
    assert DraftAnswer.objects.get().value == "fine"


def test_sending_with_a_required_answer_missing_points_to_it(client_for, survey, pupil):
    client = client_for(pupil)
    client.post(step(survey, 2), {"answer": "only the optional one"})
    page = client.post(reverse("evaluation:review", args=[survey.pk]))
    assert page.status_code == 422
    assert "Please choose how much you agree" in page.text and f"{step(survey, 1)}" in page.text
    assert not Response.objects.exists() and not SurveyCompletion.objects.exists()


@pytest.mark.parametrize(
    ("type_", "choices", "posted", "label"),
    [
        ("scale0_10", [], ["7"], "7"),
        ("single", ["Lunch", "Break"], ["1"], "Break"),
        ("multiple", ["Lunch", "Break", "Clubs"], ["0", "2"], "Lunch, Clubs"),
        ("yes_no", [], ["1"], "Yes"),
        ("long_text", [], ["A\nlong answer"], "A<br>long answer"),
    ],
)
def test_every_type_can_be_answered_over_http(client_for, school, pupil, type_, choices, posted, label):
    survey = SurveyFactory(school=school)
    QuestionFactory(survey=survey, type=type_, choices=choices)
    client = client_for(pupil)
    page = client.get(step(survey, 1))
    assert page.status_code == 200
    assert client.post(step(survey, 1), {"answer": posted}).status_code == 302
    assert label in client.get(reverse("evaluation:review", args=[survey.pk])).text
    client.post(reverse("evaluation:review", args=[survey.pk]))
    held_flush()
    assert Answer.objects.filter(response__survey=survey).count() == 1


def test_unknown_choice_posted_by_hand_is_refused(client_for, school, pupil):
    survey = SurveyFactory(school=school)
    QuestionFactory(survey=survey, type="multiple", choices=["A", "B"])
    page = client_for(pupil).post(step(survey, 1), {"answer": ["0", "5"]})
    assert "That is not one of the options." in page.text


def test_only_the_audience_may_answer(client_for, survey, staff, parent):
    for outsider in (staff, parent):
        client = client_for(outsider)
        for url in (reverse("evaluation:start", args=[survey.pk]), step(survey, 1)):
            assert client.get(url).status_code == 403
        assert client.post(reverse("evaluation:review", args=[survey.pk])).status_code == 403
    assert not Response.objects.exists()


def test_another_schools_survey_is_not_found(client_for, pupil):
    other = SurveyFactory()
    QuestionFactory(survey=other)
    client = client_for(pupil)
    for name in ("start", "answer", "review", "thanks"):
        assert client.get(reverse(f"evaluation:{name}", args=[other.pk])).status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        {"status": "draft"},
        {"status": "closed"},
        {"closes_at": timezone.now() - timedelta(minutes=1)},
        {"opens_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_a_survey_that_is_not_open_takes_no_answers(client_for, survey, pupil, change):
    Survey.objects.filter(pk=survey.pk).update(**change)
    client = client_for(pupil)
    page = client.get(step(survey, 1))
    assert "not taking answers at the moment" in page.text
    client.post(step(survey, 1), {"answer": "3"})
    assert not DraftAnswer.objects.exists()
    assert survey.pk not in [s.pk for s in selectors.surveys_open_for(pupil)]


def test_surveys_open_for_matches_role_year_group_and_project(school):
    year7, year9 = PupilFactory(school=school, year_group=7), PupilFactory(school=school, year_group=9)
    staff, parent = StaffFactory(school=school), ParentFactory(school=school)
    everyone = SurveyFactory(school=school, audience=Audience.PUPILS)
    years = SurveyFactory(school=school, audience=Audience.YEAR_GROUPS, year_group_bits=Survey.bits_for([7, 8]))
    staff_only = SurveyFactory(school=school, audience=Audience.STAFF)
    parents_only = SurveyFactory(school=school, audience=Audience.PARENTS)
    member = ProjectMembershipFactory(project__school=school, membership=year9)
    project_survey = SurveyFactory(school=school, audience=Audience.PROJECT, project=member.project)
    SurveyFactory(school=school, audience=Audience.PUPILS, status="draft")
    SurveyFactory(audience=Audience.PUPILS)  # another school

    def titles(membership):
        return {s.pk for s in selectors.surveys_open_for(membership)}

    assert titles(year7) == {everyone.pk, years.pk}
    assert titles(year9) == {everyone.pk, project_survey.pk}
    assert titles(staff) == {staff_only.pk}
    assert titles(parent) == {parents_only.pk}


def test_surveys_for_me_page_marks_what_is_done(client_for, survey, pupil, submit):
    todo = SurveyFactory(school=survey.school, title="Still to do")
    QuestionFactory(survey=todo)
    submit(survey, pupil, {1: 2})
    page = client_for(pupil).get(reverse("evaluation:mine"))
    assert "Done, thank you" in page.text and "Answer Still to do" in page.text
    listed = list(page.context["surveys"])
    assert [s.answered for s in listed] == [False, True]


def test_surveys_for_me_has_an_empty_state(client_for, pupil):
    assert "no surveys for you to answer right now" in client_for(pupil).get(reverse("evaluation:mine")).text


def test_nav_shows_surveys_to_every_member(client_for, pupil):
    assert reverse("evaluation:mine") in client_for(pupil).get(reverse("home")).text


def test_reminders_go_only_to_the_audience_that_has_not_answered(school, submit):
    survey = SurveyFactory(school=school, audience=Audience.YEAR_GROUPS, year_group_bits=Survey.bits_for([7]))
    QuestionFactory(survey=survey)
    done, waiting = PupilFactory(school=school, year_group=7), PupilFactory(school=school, year_group=7)
    PupilFactory(school=school, year_group=8)
    PupilFactory(school=school, year_group=7, is_active=False)
    submit(survey, done, {1: 3})
    assert set(selectors.audience_members(survey)) == {done, waiting}
    assert list(selectors.members_yet_to_answer(survey)) == [waiting]


def test_audience_members_of_a_project_survey(school):
    member = ProjectMembershipFactory(project__school=school)
    PupilFactory(school=school)
    survey = SurveyFactory(school=school, audience=Audience.PROJECT, project=member.project)
    assert list(selectors.audience_members(survey)) == [member.membership]


def test_builder_shows_how_many_of_the_audience_answered(client_for, staff, survey, pupil, submit):
    PupilFactory(school=survey.school)
    submit(survey, pupil, {1: 3})
    assert "1 of 2 have answered" in client_for(staff).get(reverse("evaluation:builder", args=[survey.pk])).text


def test_an_open_survey_whose_questions_were_all_removed_takes_no_answers(client_for, school, pupil):
    survey = SurveyFactory(school=school)
    assert "not taking answers" in client_for(pupil).get(step(survey, 1)).text


def test_a_written_answer_with_nul_and_control_characters_is_kept_without_them(client_for, survey, pupil):
    client = client_for(pupil)
    client.post(step(survey, 1), {"answer": "4", "go": "next"})
    saved = client.post(step(survey, 2), {"answer": "Mo\x00re\x1b plants", "go": "next"})
    assert saved.status_code == 302
    assert DraftAnswer.objects.get(membership=pupil, question__order=2).value == "More plants"
    assert client.post(reverse("evaluation:review", args=[survey.pk])).status_code == 302
    held_flush()
    assert Answer.objects.filter(text="More plants").exists()
