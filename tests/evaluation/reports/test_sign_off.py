"""A leader's sign-off: who, when, once, kept as signed, and the gate it opens."""

import pytest
from django.urls import reverse

from evaluation.models import Reflection, ReflectionKind, ReportSignOff
from evaluation.reports.signoff import AlreadySignedOff, SignOffError, report_sign_off
from evaluation.stage_hooks import SIGN_OFF_NEEDED
from projects.errors import GateNotMet
from projects.models import Stage
from projects.services.stages import stage_confirm, stage_propose
from tests.factories import LeaderFactory, SchoolFactory, StaffFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluating(project, lead, move_to):
    TaskFactory(project=project, status="done", title="Write to the bus company")
    return move_to(project, Stage.CO_EVALUATE)


def test_leader_signs_off_and_the_report_is_kept_with_its_figures(evaluating, leader):
    sign_off = report_sign_off(project=evaluating, leader=leader, comment="  Well done.  ")
    assert sign_off.signed_by == leader and sign_off.comment == "Well done."
    assert "Write to the bus company" in sign_off.signed_html
    assert sign_off.figures["delivery"] == {"total": 1, "done": 1, "deferred": 0, "open": 0}


@pytest.mark.parametrize("role", ["staff", "pupil", "other_school_leader"])
def test_only_a_leader_of_the_school_signs_off(evaluating, lead, role):
    who = {
        "staff": StaffFactory(school=evaluating.school),
        "pupil": lead,
        "other_school_leader": LeaderFactory(school=SchoolFactory()),
    }[role]
    with pytest.raises(SignOffError, match="Only a leader"):
        report_sign_off(project=evaluating, leader=who, comment="Fine")
    assert not ReportSignOff.objects.exists()


def test_sign_off_only_in_co_evaluate(project, leader, move_to):
    move_to(project, Stage.CO_DELIVER)
    with pytest.raises(SignOffError, match="in co-evaluate"):
        report_sign_off(project=project, leader=leader, comment="Too early")


def test_a_comment_is_required(evaluating, leader):
    with pytest.raises(SignOffError, match="Write a comment"):
        report_sign_off(project=evaluating, leader=leader, comment="   ")


def test_signing_twice_is_a_clear_error(evaluating, leader):
    report_sign_off(project=evaluating, leader=leader, comment="First")
    with pytest.raises(AlreadySignedOff, match="already been signed off"):
        report_sign_off(project=evaluating, leader=LeaderFactory(school=evaluating.school), comment="Second")
    assert ReportSignOff.objects.get().comment == "First"


def test_signed_version_is_unchanged_by_later_edits(client_for, evaluating, leader, lead):
    sign_off = report_sign_off(project=evaluating, leader=leader, comment="Signed")
    signed = sign_off.signed_html
    Reflection.objects.create(project=evaluating, author=lead, kind=ReflectionKind.WORKED, text="Written later")
    TaskFactory(project=evaluating, status="deferred", deferred_reason="Spring", title="Added afterwards")
    sign_off.refresh_from_db()
    assert sign_off.signed_html == signed
    url = reverse("evaluation:project_report", args=[evaluating.pk])
    page = client_for(leader).get(url).content.decode()
    assert "Signed off by" in page and "Write to the bus company" in page
    assert "Written later" not in page and "Added afterwards" not in page
    assert f"{url}?live=1" in page
    live = client_for(leader).get(url + "?live=1").content.decode()
    assert "Written later" in live and "Added afterwards" in live


def test_sign_off_page_confirms_then_signs(client_for, evaluating, leader):
    url = reverse("evaluation:project_report_sign_off", args=[evaluating.pk])
    client = client_for(leader)
    confirm = client.get(url)
    assert confirm.status_code == 200 and b"cannot be undone" in confirm.content
    assert not ReportSignOff.objects.exists()
    empty = client.post(url, {"comment": ""})
    assert empty.status_code == 422 and b"Write a comment" in empty.content
    response = client.post(url, {"comment": "Proud of them"})
    assert response.status_code == 302 and ReportSignOff.objects.get().comment == "Proud of them"
    again = client.post(url, {"comment": "Again"})
    assert again.status_code == 422 and b"already been signed off" in again.content
    assert client.get(url)["Location"] == reverse("evaluation:project_report", args=[evaluating.pk])


def test_sign_off_page_is_for_leaders_only(client_for, evaluating, lead):
    url = reverse("evaluation:project_report_sign_off", args=[evaluating.pk])
    assert client_for(StaffFactory(school=evaluating.school)).post(url, {"comment": "x"}).status_code == 403
    assert client_for(lead).get(url).status_code == 403
    assert client_for(LeaderFactory(school=SchoolFactory())).get(url).status_code == 404
    assert not ReportSignOff.objects.exists()


def test_gate_blocks_completion_until_a_leader_signs_off(evaluating, lead, facilitator, leader):
    with pytest.raises(GateNotMet, match=SIGN_OFF_NEEDED):
        stage_propose(project=evaluating, actor=lead)
    report_sign_off(project=evaluating, leader=leader, comment="Signed")
    stage_confirm(proposal=stage_propose(project=evaluating, actor=lead), actor=facilitator)
    evaluating.refresh_from_db()
    assert evaluating.stage == Stage.COMPLETED


def test_admin_shows_a_sign_off_but_cannot_change_or_remove_it(client, evaluating, leader, django_user_model):
    sign_off = report_sign_off(project=evaluating, leader=leader, comment="Signed")
    operator = django_user_model.objects.create_superuser("operator", "op@example.org", "pw")
    client.force_login(operator)
    assert client.get(reverse("admin:evaluation_reportsignoff_change", args=[sign_off.pk])).status_code == 200
    assert client.get(reverse("admin:evaluation_reportsignoff_add")).status_code == 403
    assert client.post(reverse("admin:evaluation_reportsignoff_delete", args=[sign_off.pk])).status_code == 403
    assert ReportSignOff.objects.filter(pk=sign_off.pk).exists()
