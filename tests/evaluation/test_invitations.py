"""Reaching the unheard: staff invite pupils not yet heard in one action; pupils answer on their home;
the school report counts, term by term, who is not yet heard and how many invited pupils took part."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import LogEntry
from evaluation.figures import this_term
from evaluation.invitations.selectors import invitation_uptake
from evaluation.invitations.services import InvitationError, invitations_send
from evaluation.models import Invitation, InvitationAnswer
from evaluation.reports.reach import reach_figures
from people.models import Notification, SenStatus
from projects.models import JoinRequest
from projects.services.needs import need_back
from tests.factories import (
    NeedFactory,
    ProjectFactory,
    PupilFactory,
    SchoolFactory,
    StaffFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db

INVITE_URL = reverse("evaluation:invite_pupils")


def _pupils(school, n, **kwargs):
    return PupilFactory.create_batch(n, school=school, **kwargs)


def _send(staff, target, pupils, message=""):
    return invitations_send(inviter=staff, target=target, pupil_ids=[p.pk for p in pupils], message=message)


def test_it_invites_200_pupils_in_as_many_queries_as_20(school, staff, django_assert_num_queries):
    few, many = _pupils(school, 20), _pupils(school, 200)
    need_a, need_b = NeedFactory(school=school), NeedFactory(school=school)
    _send(staff, NeedFactory(school=school), few[:1])  # warms the content-type cache the audit entry reads
    with CaptureQueriesContext(connection) as for_20:
        _send(staff, need_a, few)
    with django_assert_num_queries(len(for_20.captured_queries)):
        result = _send(staff, need_b, many, message="We'd love your ideas.")
    assert result.invited == 200
    assert Invitation.objects.filter(need=need_b).count() == 200
    # One notification each, with the inviter's name and their personal line.
    notes = Notification.objects.filter(kind="invited", recipient__in=many)
    assert notes.count() == 200
    assert all(staff.user.display_name in note.title and note.body == "We'd love your ideas." for note in notes)
    assert LogEntry.objects.filter(verb="invitation.send", data__invited=200).exists()


def test_the_same_pupil_is_never_invited_twice_to_the_same_thing(school, staff):
    pupils = _pupils(school, 6)
    project = ProjectFactory(school=school)
    assert _send(staff, project, pupils[:4]).invited == 4
    again = _send(staff, project, pupils)
    assert (again.invited, again.skipped) == (2, 4)
    assert Invitation.objects.filter(project=project).count() == 6
    assert Notification.objects.filter(kind="invited").count() == 6


def test_one_action_from_the_page_invites_every_pupil_shown_without_javascript(client_for, school, staff):
    pupils = _pupils(school, 200, year_group=9, form="9B")
    _pupils(school, 3, year_group=7, form="7A")
    survey = SurveyFactory(school=school, status="open", title="Lunch survey")
    client = client_for(staff)
    page = client.get(INVITE_URL, {"year_group": 9})
    assert "200 pupils not yet heard." in page.content.decode()
    response = client.post(
        INVITE_URL, {"year_group": 9, "all_shown": "on", "target": f"survey:{survey.pk}", "message": "Go on!"}
    )
    assert response.status_code == 302
    assert set(Invitation.objects.values_list("pupil_id", flat=True)) == {p.pk for p in pupils}
    again = client.post(INVITE_URL, {"year_group": 9, "all_shown": "on", "target": f"survey:{survey.pk}"}, follow=True)
    text = again.content.decode()
    assert "0 pupils invited to the survey “Lunch survey”." in text
    assert "200 were already invited to it and were skipped." in text


def test_the_page_explains_what_is_missing_instead_of_sending(client_for, school, staff):
    pupil = PupilFactory(school=school)
    NeedFactory(school=school)
    client = client_for(staff)
    response = client.post(INVITE_URL, {"target": ""})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Choose at least one pupil" in text and "This field is required." in text
    response = client.post(INVITE_URL, {"pupils": [pupil.pk], "target": "need:99999"})
    assert "no longer open to pupils" in response.content.decode()
    assert not Invitation.objects.exists()


def test_another_schools_pupils_and_targets_cannot_be_used(client_for, school, staff):
    other = SchoolFactory()
    their_pupil, their_need = PupilFactory(school=other), NeedFactory(school=other)
    mine = PupilFactory(school=school)
    client = client_for(staff)
    client.post(INVITE_URL, {"pupils": [mine.pk], "target": f"need:{their_need.pk}"})
    client.post(INVITE_URL, {"pupils": [their_pupil.pk], "target": f"need:{NeedFactory(school=school).pk}"})
    assert not Invitation.objects.exists()
    with pytest.raises(InvitationError):
        _send(staff, their_need, [mine])


def test_pupils_and_parents_may_not_invite(client_for, pupil, parent):
    assert client_for(pupil).get(INVITE_URL).status_code == 403
    assert client_for(parent).post(INVITE_URL, {}).status_code == 403


def test_pupils_who_took_part_are_not_listed(client_for, school, staff):
    quiet, busy = PupilFactory(school=school), PupilFactory(school=school)
    NeedFactory(school=school, author=busy)
    text = client_for(staff).get(INVITE_URL).content.decode()
    assert quiet.user.display_name in text
    assert busy.user.display_name not in text


def test_special_category_filters_only_where_the_school_switched_them_on(client_for, school, staff):
    sen = PupilFactory(school=school, sen_status=SenStatus.EHCP)
    other = PupilFactory(school=school)
    client = client_for(staff)
    page = client.get(INVITE_URL, {"sen_status": "any"}).content.decode()
    assert 'name="sen_status"' not in page
    assert other.user.display_name in page  # the filter is ignored: the school records no basis
    school.special_category_enabled = True
    school.special_category_basis = "Art. 9(2)(g): equal opportunity monitoring."
    school.special_category_enabled_at = timezone.now()
    school.save()
    page = client.get(INVITE_URL, {"sen_status": "any"}).content.decode()
    assert 'name="sen_status"' in page
    assert sen.user.display_name in page and other.user.display_name not in page


def test_the_pupil_sees_who_invited_them_and_joins_in_one_tap(client_for, school, staff):
    pupil = PupilFactory(school=school)
    project = ProjectFactory(school=school, title="Better lunches")
    _send(staff, project, [pupil], message="You'd be great at this.")
    client = client_for(pupil)
    home = client.get(reverse("home")).content.decode()
    assert "You are invited" in home and staff.user.display_name in home
    assert "Better lunches" in home and "You&#x27;d be great at this." in home
    invitation = Invitation.objects.get()
    response = client.post(reverse("evaluation:invitation_respond", args=[invitation.pk]), {"answer": "yes"})
    assert response.url == project.get_absolute_url()
    assert JoinRequest.objects.filter(project=project, membership=pupil).exists()
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.YES
    assert "You are invited" not in client.get(reverse("home")).content.decode()


def test_not_now_is_recorded_and_a_survey_invitation_opens_the_survey(client_for, school, staff):
    pupil = PupilFactory(school=school)
    survey = SurveyFactory(school=school, status="open")
    need = NeedFactory(school=school)
    _send(staff, survey, [pupil])
    _send(staff, need, [pupil])
    client = client_for(pupil)
    to_survey = Invitation.objects.get(survey=survey)
    response = client.post(reverse("evaluation:invitation_respond", args=[to_survey.pk]), {"answer": "yes"})
    assert response.url == reverse("evaluation:start", args=[survey.pk])
    to_need = Invitation.objects.get(need=need)
    response = client.post(reverse("evaluation:invitation_respond", args=[to_need.pk]), {"answer": "no"})
    assert response.url == reverse("home")
    to_need.refresh_from_db()
    assert to_need.answer == InvitationAnswer.NO and to_need.answered_at


def test_nobody_else_answers_a_pupils_invitation(client_for, school, staff, parent):
    pupil, classmate = PupilFactory(school=school), PupilFactory(school=school)
    _send(staff, NeedFactory(school=school), [pupil])
    url = reverse("evaluation:invitation_respond", args=[Invitation.objects.get().pk])
    assert client_for(classmate).post(url, {"answer": "yes"}).status_code == 404
    assert client_for(parent).post(url, {"answer": "yes"}).status_code == 403
    outsider = PupilFactory(school=SchoolFactory())
    assert client_for(outsider).post(url, {"answer": "yes"}).status_code == 404
    assert Invitation.objects.get().answer == InvitationAnswer.NONE


def test_the_report_counts_invited_pupils_who_then_took_part(client_for, school, staff):
    pupils = _pupils(school, 200)
    need = NeedFactory(school=school)
    _send(staff, NeedFactory(school=school), pupils)
    for pupil in pupils[:10]:
        need_back(need=need, membership=pupil)  # the service stamps the invitation (people.taking_part)
    period = this_term(timezone.localdate())
    assert invitation_uptake(school=school, period=period) == {"invited": 200, "took_part": 10}
    reach = reach_figures(school=school, end=period.end)
    assert reach["uptake"][-1]["invited"] == "200"
    assert str(reach["uptake"][-1]["took_part"]) == "5% (10)"
    page = client_for(staff).get(reverse("evaluation:school_report")).content.decode()
    assert "Reaching the unheard, term by term" in page
    assert "5% (10)" in page


def test_the_report_suppresses_small_groups_term_by_term(school, staff):
    _pupils(school, 12, year_group=7, form="7A")
    _pupils(school, 3, year_group=8, form="8A")
    reach = reach_figures(school=school, end=this_term(timezone.localdate()).end)
    assert len(reach["terms"]) == 3
    _caption, _label, by_year = reach["tables"][1]
    cells = {row["label"]: [str(cell) for cell in row["cells"]] for row in by_year}
    assert cells["Year 7"][-1] == "100% (12)"
    assert cells["Year 8"][-1] == "fewer than 5"


def test_a_pupil_already_in_the_project_is_left_out_not_invited(school, staff):
    from tests.factories import ProjectMembershipFactory

    pupil, member = PupilFactory(school=school), PupilFactory(school=school)
    project = ProjectFactory(school=school)
    ProjectMembershipFactory(project=project, membership=member)
    result = _send(staff, project, [pupil, member])
    assert (result.invited, result.left_out) == (1, 1)


def test_staff_are_not_invited(school):
    staff = StaffFactory(school=school)
    colleague = StaffFactory(school=school)
    result = _send(staff, NeedFactory(school=school), [colleague])
    assert result.invited == 0 and result.left_out == 1
