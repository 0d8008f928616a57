"""The group's reflections: members write them in co-evaluate; staff may hide one from the report."""

import pytest
from django.urls import reverse

from evaluation.models import Reflection, ReflectionKind
from evaluation.reports.project import project_report
from evaluation.reports.reflections import ReflectionError, reflection_add, reflection_hide
from projects.models import Stage
from tests.factories import PupilFactory, SchoolFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_member_writes_a_reflection_in_co_evaluate(project, lead, move_to):
    move_to(project, Stage.CO_EVALUATE)
    reflection = reflection_add(project=project, author=lead, kind=ReflectionKind.DID_NOT_WORK, text=" Late posters ")
    assert reflection.text == "Late posters"
    texts = {s["kind"]: s["texts"] for s in project_report(project=project)["reflections"]}
    assert texts["did_not_work"] == ["Late posters"]


def test_reflections_only_in_co_evaluate_and_only_by_members(project, lead, move_to):
    with pytest.raises(ReflectionError, match="in co-evaluate"):
        reflection_add(project=project, author=lead, kind=ReflectionKind.WORKED, text="Too early")
    move_to(project, Stage.CO_EVALUATE)
    with pytest.raises(ReflectionError, match="members"):
        reflection_add(
            project=project, author=PupilFactory(school=project.school), kind=ReflectionKind.WORKED, text="Not mine"
        )
    assert not Reflection.objects.exists()


def test_staff_hide_a_reflection_with_a_reason(project, lead, move_to):
    move_to(project, Stage.CO_EVALUATE)
    reflection = reflection_add(project=project, author=lead, kind=ReflectionKind.WORKED, text="Unkind words")
    with pytest.raises(ReflectionError, match="reason"):
        reflection_hide(reflection=reflection, staff=StaffFactory(school=project.school), reason=" ")
    with pytest.raises(ReflectionError, match="Only staff"):
        reflection_hide(reflection=reflection, staff=StaffFactory(school=SchoolFactory()), reason="No")
    reflection_hide(reflection=reflection, staff=StaffFactory(school=project.school), reason="Please rephrase")
    assert reflection.is_hidden and reflection.hidden_reason == "Please rephrase"
    assert all(not s["texts"] for s in project_report(project=project)["reflections"])


def test_reflection_page_form_and_hidden_reason_for_the_author(client_for, project, lead, move_to):
    move_to(project, Stage.CO_EVALUATE)
    url = reverse("evaluation:project_reflections", args=[project.pk])
    client = client_for(lead)
    bad = client.post(url, {"kind": "worked", "text": ""})
    assert bad.status_code == 422 and b"Write your reflection." in bad.content
    assert client.post(url, {"kind": "did_not_work", "text": "The form was too long"}).status_code == 302
    reflection = Reflection.objects.get()
    staff = StaffFactory(school=project.school)
    hide = reverse("evaluation:reflection_hide", args=[reflection.pk])
    assert client_for(staff).post(hide, {"reason": "Names a pupil"}).status_code == 302
    page = client_for(lead).get(url).content.decode()
    assert "Names a pupil" in page and "You wrote this." in page
    other = client_for(PupilFactory(school=project.school))
    assert other.get(url).status_code == 403


def test_hide_is_staff_only_and_school_scoped(client_for, project, lead, move_to):
    move_to(project, Stage.CO_EVALUATE)
    reflection = reflection_add(project=project, author=lead, kind=ReflectionKind.WORKED, text="Fine")
    hide = reverse("evaluation:reflection_hide", args=[reflection.pk])
    assert client_for(lead).post(hide, {"reason": "x"}).status_code == 403
    assert client_for(StaffFactory(school=SchoolFactory())).post(hide, {"reason": "x"}).status_code == 404
    reflection.refresh_from_db()
    assert not reflection.is_hidden


def test_a_reason_too_long_to_keep_is_refused_not_a_server_error(client_for, project, lead, move_to):
    move_to(project, Stage.CO_EVALUATE)
    reflection = reflection_add(project=project, author=lead, kind=ReflectionKind.WORKED, text="Fine")
    hide = reverse("evaluation:reflection_hide", args=[reflection.pk])
    response = client_for(StaffFactory(school=project.school)).post(hide, {"reason": "x" * 501}, follow=True)
    assert response.status_code == 200 and "Keep the reason under 500 characters" in response.content.decode()
    reflection.refresh_from_db()
    assert not reflection.is_hidden
