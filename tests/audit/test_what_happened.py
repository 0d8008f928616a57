"""The "What happened" page: leaders (and the safeguarding lead) read the school's audit log as sentences,
filtered by project, person, kind and date; safeguarding entries only for the lead; nobody else's school."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import LogEntry
from audit.services import log_action
from evaluation.models import ReflectionKind, ReportKind
from evaluation.reports.exports import report_export_request
from evaluation.reports.reflections import reflection_add, reflection_hide
from people.privacy.services import person_erase, person_export
from projects.models import Stage
from projects.services.projects import (
    join_request_create,
    join_request_decide,
    project_member_set_role,
    project_take_on,
)
from tests.factories import (
    LeaderFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SchoolFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("what_happened")


def _move(actor, project, to=Stage.CO_DELIVER):
    return log_action(actor=actor.user, verb="stage.move", target=project, data={"from": "co_decide", "to": to})


def _safeguarding(actor, school):
    return log_action(actor=actor.user, verb="safeguarding.outcome", target=school, data={"safeguarding": True})


def test_a_leader_reads_entries_as_sentences_newest_first(client_for, school, leader):
    rivera = StaffFactory(school=school, user__first_name="Ms", user__last_name="Rivera")
    _move(rivera, ProjectFactory(school=school, title="Quiet corner"))
    log_action(actor=leader.user, verb="charter.save", target=school, data={"created": True})
    page = client_for(leader).get(URL).content.decode()
    assert "Ms Rivera moved “Quiet corner” to Co-deliver." in page
    assert page.index("edited the power-sharing charter") < page.index("Ms Rivera moved")


def test_filters_by_project_person_kind_and_date(client_for, school, leader):
    rivera = StaffFactory(school=school, user__first_name="Ms", user__last_name="Rivera")
    quiet, garden = ProjectFactory(school=school, title="Quiet corner"), ProjectFactory(school=school, title="Garden")
    _move(rivera, quiet)
    _move(leader, garden)
    log_action(actor=leader.user, verb="charter.save", target=school)
    client = client_for(leader)

    def shown(**filters) -> list[str]:
        return re.findall(r"</time>([^<]*)</li>", client.get(URL, filters).content.decode())

    assert shown(project=quiet.pk) == ["Ms Rivera moved “Quiet corner” to Co-deliver."]
    assert shown(person="riv") == ["Ms Rivera moved “Quiet corner” to Co-deliver."]
    assert shown(kind="charter") == [f"{leader.user.display_name} edited the power-sharing charter."]
    assert len(shown()) == 3
    assert shown(start="2000-01-01", end="2000-01-02") == []


def test_a_bad_filter_says_so_and_never_fails(client_for, leader):
    response = client_for(leader).get(URL, {"start": "2027-02-01", "end": "2027-01-01", "project": "x"})
    assert response.status_code == 200 and "The end date is before the start date." in response.content.decode()


def test_a_person_filter_matches_whom_the_entry_is_about(client_for, school, leader):
    pupil = PupilFactory(school=school, user__first_name="Zara", user__last_name="Quill")
    project = ProjectFactory(school=school, title="Quiet corner")
    project_member_set_role(
        project_membership=ProjectMembershipFactory(project=project, membership=pupil), role="lead", actor=leader
    )
    page = client_for(leader).get(URL, {"person": "quill"}).content.decode()
    assert "made Zara Quill pupil lead of “Quiet corner”" in page


def test_only_the_safeguarding_lead_sees_safeguarding_entries(client_for, school, leader):
    lead = StaffFactory(school=school, is_safeguarding_lead=True)
    _safeguarding(lead, school)
    _move(leader, ProjectFactory(school=school))
    for_leader = client_for(leader).get(URL).content.decode()
    assert "safeguarding outcome" not in for_leader and "1 entry" in for_leader
    for_lead = client_for(lead).get(URL).content.decode()
    assert "A safeguarding outcome was recorded." in for_lead and "2 entries" in for_lead


def test_staff_and_pupils_may_not_open_it(client_for, staff, pupil):
    assert client_for(staff).get(URL).status_code == 403
    assert client_for(pupil).get(URL).status_code == 403


def test_another_schools_entries_never_show(client_for, leader):
    other = SchoolFactory()
    _move(LeaderFactory(school=other), ProjectFactory(school=other, title="Elsewhere"))
    page = client_for(leader).get(URL).content.decode()
    assert "Elsewhere" not in page and "Nothing has been recorded yet" in page


def test_fifty_entries_a_page(client_for, school, leader):
    project = ProjectFactory(school=school)
    for _ in range(51):
        _move(leader, project)
    client = client_for(leader)
    assert client.get(URL).content.decode().count('<li class="list-group-item">') == 50
    assert client.get(URL, {"page": 2}).content.decode().count('<li class="list-group-item">') == 1


def _entries(school, count):
    for _ in range(count):
        staff = StaffFactory(school=school)
        _move(staff, ProjectFactory(school=school))
        project_take_on(project=ProjectFactory(school=school), staff=staff)


def test_the_page_runs_the_same_queries_for_5_and_50_entries(client_for, school, leader):
    client = client_for(leader)
    _entries(school, 5)
    client.get(URL)  # the session and the navigation warm up

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    few = queries()
    _entries(school, 45)
    assert queries() == few


# Each new verb is written once, by the service that does the action, with ids and choices only.


def _only(verb: str) -> LogEntry:
    (entry,) = LogEntry.objects.filter(verb=verb)
    return entry


def test_a_project_role_given_or_changed_is_logged_with_the_person(school, leader, staff):
    project = ProjectFactory(school=school)
    project_take_on(project=project, staff=staff)
    given = _only("role.project")
    assert (given.actor, given.person, given.project_id, given.school_id) == (
        staff.user,
        staff.user,
        project.pk,
        school.pk,
    )
    assert given.data == {"from": "", "to": "facilitator"}
    member = ProjectMembershipFactory(project=project)
    project_member_set_role(project_membership=member, role="lead", actor=leader)
    changed = LogEntry.objects.filter(verb="role.project", person=member.membership.user).get()
    assert changed.actor == leader.user and changed.data == {"from": "member", "to": "lead"}


def test_joining_a_project_through_an_accepted_request_is_logged(school, staff):
    project, pupil = ProjectFactory(school=school), PupilFactory(school=school)
    request = join_request_create(project=project, membership=pupil)
    join_request_decide(join_request=request, actor=staff, accept=True)
    entry = _only("role.project")
    assert (entry.actor, entry.person, entry.data) == (staff.user, pupil.user, {"from": "", "to": "member"})


def test_an_erasure_is_logged_in_the_persons_school(school, leader):
    pupil = PupilFactory(school=school)
    person_erase(user=pupil.user, actor=leader)
    entry = _only("person.erase")
    assert (entry.actor, entry.person_id, entry.school_id) == (leader.user, pupil.user_id, school.pk)
    assert entry.data == {"retention": False}


def test_a_personal_data_export_is_logged(school, staff):
    pupil = PupilFactory(school=school)
    person_export(user=pupil.user, actor=staff)
    entry = _only("export.person")
    assert (entry.actor, entry.person, entry.school_id) == (staff.user, pupil.user, school.pk)


def test_a_report_export_is_logged_once_when_it_is_queued(school, leader):
    project = ProjectFactory(school=school)
    report_export_request(school=school, kind=ReportKind.PROJECT, requested_by=leader, project=project)
    entry = _only("export.report")
    assert (entry.actor, entry.school_id, entry.project_id) == (leader.user, school.pk, project.pk)
    assert entry.data == {"kind": "project"}


def test_the_new_verbs_read_as_sentences(client_for, school, leader):
    pupil = PupilFactory(school=school, user__first_name="Zara", user__last_name="Quill")
    person_export(user=pupil.user, actor=leader)
    person_erase(user=PupilFactory(school=school).user, actor=leader)
    page = client_for(leader).get(URL).content.decode()
    assert "downloaded the personal data of Zara Quill." in page and "erased an account." in page


def test_the_link_is_in_the_navigation_of_leaders_and_the_safeguarding_lead_only(client_for, school, leader, staff):
    lead = StaffFactory(school=school, is_safeguarding_lead=True)
    link = f'href="{URL}"'
    assert link in client_for(leader).get(reverse("home")).content.decode()
    assert link in client_for(lead).get(reverse("home")).content.decode()
    assert link not in client_for(staff).get(reverse("home")).content.decode()


def test_a_reflection_hide_belongs_to_the_school_and_the_project(project, lead, move_to):
    move_to(project, Stage.CO_EVALUATE)
    reflection = reflection_add(project=project, author=lead, kind=ReflectionKind.WORKED, text="Unkind words")
    reflection_hide(reflection=reflection, staff=StaffFactory(school=project.school), reason="Please rephrase")
    entry = LogEntry.objects.get(verb="reflection.hide")
    assert (entry.school_id, entry.project_id) == (project.school_id, project.pk)


def test_a_member_of_staff_taking_a_project_on_reads_as_becoming_its_facilitator():
    from audit.sentences import sentence_for

    values = {"actor": "Sam Rivera", "person": "Sam Rivera", "to_role": "facilitator", "project": "Quiet room"}
    assert sentence_for("role.project", values) == "Sam Rivera became facilitator of “Quiet room”."
    values["person"] = "Robin Lee"
    assert sentence_for("role.project", values) == "Sam Rivera made Robin Lee facilitator of “Quiet room”."
