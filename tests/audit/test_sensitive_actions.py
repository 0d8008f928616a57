"""Each sensitive action writes exactly one entry into the one audit log, naming who did what to which
object, and never the words people wrote (reasons, outcomes, reflections)."""

from decimal import Decimal

import pytest

from audit.models import LogEntry
from evaluation.models import ReflectionKind
from evaluation.reports.reflections import reflection_add, reflection_hide
from projects.models import Stage
from projects.services.charter import charter_save
from projects.services.moderation import content_restore, report_create, report_hide, safeguarding_record
from tests.factories import NeedFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _only(verb: str) -> LogEntry:
    (entry,) = LogEntry.objects.filter(verb=verb)
    return entry


def test_hiding_and_restoring_content_are_logged_without_the_reason(school, pupil, staff):
    need = NeedFactory(school=school)
    report = report_create(reporter=pupil, target=need, reason="Names a pupil")
    report_hide(report=report, actor=staff, reason="It names someone")
    hidden = _only("content.hide")
    assert hidden.actor == staff.user and hidden.data["target_id"] == need.pk and not hidden.data["safeguarding"]
    assert "names" not in str(hidden.data).lower()
    content_restore(report=report, actor=staff)
    assert _only("content.restore").data["report"] == report.pk


def test_a_safeguarding_outcome_is_logged_and_marked_for_the_leads_only(school, pupil):
    lead = StaffFactory(school=school, is_safeguarding_lead=True)
    report = report_create(reporter=pupil, target=NeedFactory(school=school), reason="Worried", is_safeguarding=True)
    safeguarding_record(report=report, lead=lead, outcome="Spoke to the family")
    entry = _only("safeguarding.outcome")
    assert entry.actor == lead.user and entry.data["safeguarding"] is True and entry.data["restored"] is False
    assert "family" not in str(entry.data)


def test_a_charter_edit_is_logged_each_time(leader):
    charter_save(leader=leader, term="Spring 2027", may_decide="Lunch", budget_money=Decimal(100))
    charter_save(leader=leader, term="Spring 2027", may_decide="Lunch and break", budget_money=Decimal(150))
    entries = LogEntry.objects.filter(verb="charter.save").order_by("pk")
    assert [entry.data["created"] for entry in entries] == [True, False]
    assert all(entry.actor == leader.user for entry in entries)


def test_hiding_a_reflection_is_logged_without_its_text(project, lead, move_to):
    move_to(project, Stage.CO_EVALUATE)
    reflection = reflection_add(project=project, author=lead, kind=ReflectionKind.WORKED, text="Unkind words")
    staff = StaffFactory(school=project.school)
    reflection_hide(reflection=reflection, staff=staff, reason="Please rephrase")
    entry = _only("reflection.hide")
    assert entry.actor == staff.user and entry.target_id == reflection.pk
    assert "Unkind" not in str(entry.data) and "rephrase" not in str(entry.data)
