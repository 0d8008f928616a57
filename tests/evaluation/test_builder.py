"""The survey builder: staff only, own school only, validation that says what to fix."""

import pytest
from django.urls import reverse

from evaluation import services
from evaluation.models import Audience, Question, Survey, SurveyStatus
from evaluation.survey_templates import TEMPLATES
from tests.factories import PupilFactory, QuestionFactory, StaffFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def builder_urls(survey: Survey) -> list[tuple[str, str]]:
    question = survey.questions.first()
    return [
        ("get", reverse("evaluation:list")),
        ("get", reverse("evaluation:new")),
        ("get", reverse("evaluation:from_template")),
        ("get", reverse("evaluation:builder", args=[survey.pk])),
        ("get", reverse("evaluation:edit", args=[survey.pk])),
        ("get", reverse("evaluation:preview", args=[survey.pk])),
        ("get", reverse("evaluation:results", args=[survey.pk])),
        ("get", reverse("evaluation:results_csv", args=[survey.pk])),
        ("post", reverse("evaluation:status", args=[survey.pk])),
        ("post", reverse("evaluation:twin", args=[survey.pk])),
        ("post", reverse("evaluation:copy", args=[survey.pk])),
        ("get", reverse("evaluation:question_new", args=[survey.pk])),
        ("get", reverse("evaluation:question_edit", args=[survey.pk, question.pk])),
        ("get", reverse("evaluation:question_delete", args=[survey.pk, question.pk])),
        ("post", reverse("evaluation:question_move", args=[survey.pk, question.pk])),
    ]


SURVEY_SPECIFIC = 3  # the first three builder URLs do not name a survey


@pytest.mark.parametrize("role", ["pupil", "parent"])
def test_pupils_and_parents_get_403_on_every_builder_page(request, client_for, survey, role):
    client = client_for(request.getfixturevalue(role))
    for method, url in builder_urls(survey):
        assert getattr(client, method)(url).status_code == 403, url


def test_staff_gets_404_for_another_schools_survey(client_for, staff):
    other = SurveyFactory()
    QuestionFactory(survey=other)
    client = client_for(staff)
    for method, url in builder_urls(other)[SURVEY_SPECIFIC:]:
        assert getattr(client, method)(url).status_code == 404, url


def test_builder_needs_sign_in(client, survey):
    response = client.get(reverse("evaluation:list"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_staff_and_leaders_reach_every_builder_page(client_for, survey, staff, leader):
    for member in (staff, leader):
        client = client_for(member)
        for method, url in builder_urls(survey):
            if method == "get":
                assert client.get(url).status_code == 200, url


def test_survey_list_is_paginated_and_counts_in_constant_queries(client_for, staff, django_assert_num_queries):
    client = client_for(staff)
    SurveyFactory.create_batch(5, school=staff.school)
    client.get(reverse("evaluation:list"))  # warm the session and membership
    with django_assert_num_queries(6) as five:
        client.get(reverse("evaluation:list"))
    SurveyFactory.create_batch(495, school=staff.school)
    with django_assert_num_queries(len(five.captured_queries)):
        page = client.get(reverse("evaluation:list"))
    assert "Page 1 of 20" in page.text


def test_survey_list_has_an_empty_state(client_for, staff):
    assert "No surveys yet" in client_for(staff).get(reverse("evaluation:list")).text


def test_staff_creates_a_survey_for_chosen_year_groups(client_for, staff):
    response = client_for(staff).post(
        reverse("evaluation:new"),
        {
            "title": "Year 7 and 8 check-in",
            "audience": Audience.YEAR_GROUPS,
            "year_groups": ["7", "8"],
            "anonymous": "on",
        },
    )
    survey = Survey.objects.get(title="Year 7 and 8 check-in")
    assert response.status_code == 302
    assert survey.school == staff.school and survey.created_by == staff
    assert survey.year_groups == [7, 8] and survey.anonymous and survey.status == SurveyStatus.DRAFT


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"audience": Audience.YEAR_GROUPS}, "year_groups", "Choose at least one year group"),
        (
            {"opens_at": "2027-03-02T09:00", "closes_at": "2027-03-01T09:00"},
            "closes_at",
            "The closing time must be after the opening time.",
        ),
        ({"audience": Audience.PROJECT}, "project", "Choose the project whose members answer this survey."),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_survey_form_explains_what_to_fix(client_for, staff, data, field, message):
    post = {"title": "A survey", "audience": Audience.PUPILS, **data}
    response = client_for(staff).post(reverse("evaluation:new"), post)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Survey.objects.exists()


def test_staff_copies_every_template_into_an_editable_draft(client_for, staff):
    client = client_for(staff)
    for template in TEMPLATES:
        response = client.post(reverse("evaluation:from_template"), {"template": template.key})
        survey = Survey.objects.get(school=staff.school, template_key=template.key)
        assert response.status_code == 302
        assert survey.questions.count() == len(template.questions) >= 6
        assert survey.status == SurveyStatus.DRAFT and survey.audience == template.audience
    # The copy is the school's own: changing it leaves the shipped template alone.
    copy = Survey.objects.get(template_key="pupil_confidence")
    services.question_update(question=copy.questions.first(), type="yes_no", text="Changed", help="", required=True)
    assert TEMPLATES[1].questions[0].text != "Changed"


def test_unknown_template_is_refused(client_for, staff):
    response = client_for(staff).post(reverse("evaluation:from_template"), {"template": "nope"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


@pytest.mark.parametrize("type_", ["likert5", "scale0_10", "yes_no", "short_text", "long_text"])
def test_staff_adds_a_question_of_each_plain_type(client_for, staff, type_):
    survey = SurveyFactory(school=staff.school, status="draft")
    response = client_for(staff).post(
        reverse("evaluation:question_new", args=[survey.pk]), {"type": type_, "text": "How was it?"}
    )
    assert response.status_code == 302
    question = survey.questions.get()
    assert (question.type, question.required, question.order, question.choices) == (type_, False, 1, [])


@pytest.mark.parametrize("type_", ["single", "multiple"])
def test_choice_question_keeps_its_options(client_for, staff, type_):
    survey = SurveyFactory(school=staff.school, status="draft")
    client_for(staff).post(
        reverse("evaluation:question_new", args=[survey.pk]),
        {"type": type_, "text": "Which?", "required": "on", "choices": "Lunch\n\n  Break \nAfter school"},
    )
    assert survey.questions.get().choices == ["Lunch", "Break", "After school"]


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ("Only one", "needs at least 2 options"),
        ("", "needs at least 2 options"),
        ("Same\nsame", "Two options are the same"),
        ("\n".join(f"Option {n}" for n in range(21)), "Give at most 20 options."),
    ],
)
def test_choice_question_needs_two_different_options(client_for, staff, choices, message):
    survey = SurveyFactory(school=staff.school, status="draft")
    response = client_for(staff).post(
        reverse("evaluation:question_new", args=[survey.pk]), {"type": "single", "text": "Which?", "choices": choices}
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors["choices"][0]
    assert not survey.questions.exists()


def test_questions_cannot_change_once_someone_has_answered(client_for, staff, survey, pupil, submit):
    submit(survey, pupil, {1: 3})
    question = survey.questions.first()
    client = client_for(staff)
    edit = client.post(
        reverse("evaluation:question_edit", args=[survey.pk, question.pk]), {"type": "likert5", "text": "New"}
    )
    assert "People have already answered this survey, so its questions cannot change" in edit.text
    add = client.post(reverse("evaluation:question_new", args=[survey.pk]), {"type": "likert5", "text": "More"})
    assert "cannot change" in add.text
    client.post(reverse("evaluation:question_delete", args=[survey.pk, question.pk]))
    client.post(reverse("evaluation:question_move", args=[survey.pk, question.pk]), {"direction": "down"})
    assert list(survey.questions.values_list("text", "order")) == [("I like school.", 1), ("Anything else?", 2)]
    builder = client.get(reverse("evaluation:builder", args=[survey.pk]))
    assert "cannot change any more" in builder.text and "Delete" not in builder.text


def test_anonymity_cannot_be_switched_after_answers(staff, survey, pupil, submit):
    submit(survey, pupil, {1: 3})
    with pytest.raises(services.SurveyLocked, match="cannot switch between anonymous and named"):
        services.survey_update(
            survey=survey,
            title=survey.title,
            intro="",
            audience=survey.audience,
            year_groups=[],
            anonymous=False,
            opens_at=None,
            closes_at=None,
            pairing="",
        )


def test_delete_asks_for_confirmation_then_renumbers(client_for, staff, survey):
    extra = QuestionFactory(survey=survey, text="Third")
    first = survey.questions.get(order=1)
    client = client_for(staff)
    confirm = client.get(reverse("evaluation:question_delete", args=[survey.pk, first.pk]))
    assert "Delete this question?" in confirm.text and survey.questions.count() == 3
    client.post(reverse("evaluation:question_delete", args=[survey.pk, first.pk]))
    assert list(survey.questions.values_list("text", "order")) == [("Anything else?", 1), (extra.text, 2)]


def test_reorder_without_javascript_redirects_back(client_for, staff, survey):
    second = survey.questions.get(order=2)
    response = client_for(staff).post(
        reverse("evaluation:question_move", args=[survey.pk, second.pk]), {"direction": "up"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#question-{second.pk}")
    assert list(survey.questions.values_list("text", flat=True)) == ["Anything else?", "I like school."]


def test_reorder_with_htmx_returns_only_the_list(client_for, staff, survey):
    first = survey.questions.get(order=1)
    response = client_for(staff).post(
        reverse("evaluation:question_move", args=[survey.pk, first.pk]), {"direction": "down"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<ol class="list-group')
    assert "<html" not in response.text
    assert response.text.index("Anything else?") < response.text.index("I like school.")
    assert "Moved “I like school.” to position 2." in response.text and 'hx-swap-oob="true"' in response.text
    assert f'id="question-{first.pk}" tabindex="-1" autofocus' in response.text


def test_moving_past_either_end_changes_nothing(staff, survey):
    first, last = survey.questions.get(order=1), survey.questions.get(order=2)
    services.question_move(question=first, up=True)
    services.question_move(question=last, up=False)
    assert list(survey.questions.values_list("pk", flat=True)) == [first.pk, last.pk]


def test_open_needs_a_question_and_close_needs_open(client_for, staff):
    survey = SurveyFactory(school=staff.school, status="draft")
    client = client_for(staff)
    response = client.post(reverse("evaluation:status", args=[survey.pk]), {"action": "open"}, follow=True)
    assert "Add at least one question before opening the survey." in response.text
    QuestionFactory(survey=survey)
    client.post(reverse("evaluation:status", args=[survey.pk]), {"action": "open"})
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    client.post(reverse("evaluation:status", args=[survey.pk]), {"action": "close"})
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
    again = client.post(reverse("evaluation:status", args=[survey.pk]), {"action": "close"}, follow=True)
    assert "Only an open survey can be closed." in again.text


def test_preview_shows_the_question_as_a_pupil_sees_it_and_saves_nothing(client_for, staff, survey):
    page = client_for(staff).get(reverse("evaluation:preview", args=[survey.pk]), {"q": 1})
    assert "Question 1 of 2" in page.text and "Strongly agree" in page.text and "Preview" in page.text
    assert "Save and next" not in page.text
    bad_step = client_for(staff).get(reverse("evaluation:preview", args=[survey.pk]), {"q": "lots"})
    assert bad_step.status_code == 200


def test_before_survey_gets_an_after_twin_with_the_same_questions(client_for, staff, survey):
    survey.pairing = "before"
    survey.save()
    client_for(staff).post(reverse("evaluation:twin", args=[survey.pk]))
    survey.refresh_from_db()
    after = survey.twin
    assert after.pairing == "after" and after.twin == survey and after.status == SurveyStatus.DRAFT
    assert list(after.questions.values_list("type", "text")) == list(survey.questions.values_list("type", "text"))
    with pytest.raises(services.SurveyError, match="already has its after survey"):
        services.survey_create_twin(survey=survey, actor=staff)


def test_only_a_before_survey_can_get_a_twin(staff, survey):
    with pytest.raises(services.SurveyError, match="Only a survey marked as the “before” survey"):
        services.survey_create_twin(survey=survey, actor=staff)


def test_other_schools_project_cannot_be_chosen(staff):
    from tests.factories import ProjectFactory

    with pytest.raises(services.SurveyError, match="not in your school"):
        services.survey_create(
            school=staff.school, actor=staff, title="x", audience=Audience.PROJECT, project=ProjectFactory()
        )


def test_other_staff_member_of_the_school_can_edit(client_for, survey):
    colleague = StaffFactory(school=survey.school)
    response = client_for(colleague).post(
        reverse("evaluation:edit", args=[survey.pk]), {"title": "Renamed", "audience": Audience.STAFF}
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.audience, survey.anonymous) == ("Renamed", Audience.STAFF, False)


def test_question_edit_drops_drafts_that_may_no_longer_fit(survey, pupil):
    question = survey.questions.get(order=1)
    services.draft_save(survey=survey, membership=pupil, question=question, value=5)
    services.question_update(question=question, type="yes_no", text="Yes?", help="", required=True)
    assert not question.draft_answers.exists()
    assert Question.objects.get(pk=question.pk).type == "yes_no"


def test_pupil_in_builder_list_sees_no_link(client_for):
    pupil = PupilFactory()
    assert "Build and manage surveys" not in client_for(pupil).get(reverse("evaluation:mine")).text


def test_closing_discards_unsent_drafts(staff, survey, pupil):
    services.draft_save(survey=survey, membership=pupil, question=survey.questions.first(), value=3)
    services.survey_close(survey=survey)
    assert not survey.draft_answers.exists()


def test_project_before_surveys_open_when_asked_and_bad_ones_stay_draft(staff):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ProjectFactory

    project = ProjectFactory(school=staff.school)
    ready = SurveyFactory(school=staff.school, project=project, pairing="before", status="draft")
    QuestionFactory(survey=ready)
    SurveyFactory(school=staff.school, project=project, pairing="before", status="draft")  # no questions
    expired = SurveyFactory(
        school=staff.school,
        project=project,
        pairing="before",
        status="draft",
        closes_at=timezone.now() - timedelta(days=1),
    )
    QuestionFactory(survey=expired)
    after = SurveyFactory(school=staff.school, project=project, pairing="after", status="draft")
    QuestionFactory(survey=after)
    opened = services.project_surveys_open(project=project, pairing="before")
    assert [s.pk for s in opened] == [ready.pk]
    assert Survey.objects.get(pk=after.pk).status == SurveyStatus.DRAFT


def test_a_copy_of_an_answered_survey_is_an_editable_draft(client_for, staff, survey, pupil, submit):
    submit(survey, pupil, {1: 3})
    response = client_for(staff).post(reverse("evaluation:copy", args=[survey.pk]))
    copy = Survey.objects.exclude(pk=survey.pk).get()
    assert response["Location"] == reverse("evaluation:builder", args=[copy.pk])
    assert (copy.title, copy.status, copy.anonymous) == ("How school feels (copy)", SurveyStatus.DRAFT, True)
    assert list(copy.questions.values_list("order", "type", "text", "required")) == list(
        survey.questions.values_list("order", "type", "text", "required")
    )
    services.question_add(survey=copy, type="yes_no", text="New question?")
    assert copy.questions.count() == 3 and survey.questions.count() == 2


def test_purge_removes_drafts_of_surveys_past_their_closing_time_only(school, pupil):
    from datetime import timedelta

    from django.utils import timezone

    from evaluation.models import DraftAnswer
    from evaluation.tasks import purge_closed_drafts

    running, expired = SurveyFactory(school=school), SurveyFactory(school=school)
    for survey in (running, expired):
        services.draft_save(survey=survey, membership=pupil, question=QuestionFactory(survey=survey), value=3)
    Survey.objects.filter(pk=expired.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    assert purge_closed_drafts.delay().get() == 1
    assert list(DraftAnswer.objects.values_list("survey", flat=True)) == [running.pk]


def _past_closing_time(survey: Survey) -> None:
    from datetime import timedelta

    from django.utils import timezone

    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))


def test_a_survey_past_its_time_shows_closed_with_no_scheduler_and_drops_unsent_answers(client_for, staff, pupil):
    survey = SurveyFactory(school=staff.school)
    services.draft_save(survey=survey, membership=pupil, question=QuestionFactory(survey=survey), value=3)
    _past_closing_time(survey)
    client_for(staff).get(reverse("evaluation:list"))
    assert Survey.objects.get(pk=survey.pk).status == SurveyStatus.CLOSED
    assert not survey.draft_answers.exists()


def test_opening_a_survey_page_past_its_time_closes_it_once(client_for, pupil):
    survey = SurveyFactory(school=pupil.school)
    QuestionFactory(survey=survey)
    _past_closing_time(survey)
    client_for(pupil).get(reverse("evaluation:start", args=[survey.pk]))
    assert Survey.objects.get(pk=survey.pk).status == SurveyStatus.CLOSED
    assert services.survey_close_if_due(survey=survey) is False  # a second reader does nothing


def test_the_beat_task_closes_due_surveys_only(school):
    from evaluation.tasks import close_due_surveys

    running, due = SurveyFactory(school=school), SurveyFactory(school=school)
    _past_closing_time(due)
    assert close_due_surveys.delay().get() == 1
    assert close_due_surveys.delay().get() == 0
    assert Survey.objects.get(pk=running.pk).status == SurveyStatus.OPEN
    assert Survey.objects.get(pk=due.pk).status == SurveyStatus.CLOSED
