"""A new school: the operator creates it and invites its first leader, who makes an account and
follows a checklist that shows, from the school's own records, what is done."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from audit.models import LogEntry
from people.consent.services import school_set_consent_scopes
from people.models import Membership, Role, School, StaffInvitation
from people.services import roster_import_cards_viewed, roster_import_confirm, roster_import_preview
from people.setup.selectors import school_setup_checklist
from people.setup.services import SetupError, school_create, staff_invitation_send
from projects.services.answering import school_holiday_add
from projects.services.charter import charter_save
from tests.factories import SchoolFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-leader-passphrase-7"


def _sign_up_and_accept(client, invitation, *, first="Ada", last="Rivera"):
    url = reverse("people:staff_invitation", args=[invitation.token])
    assert "Make my account" in client.get(url).text
    signed_up = client.post(
        reverse("account_signup"),
        {
            "first_name": first,
            "last_name": last,
            "email": invitation.email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert signed_up["Location"] == url
    return client.post(url)


def test_the_operator_command_creates_the_school_and_emails_its_first_leader(
    mailoutbox, django_capture_on_commit_callbacks
):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "school_create", "--name", "Hillside Academy", "--leader-email", "head@hillside.sch.uk", stdout=out
        )
    school = School.objects.get(name="Hillside Academy")
    invitation = StaffInvitation.objects.get(school=school)
    assert (invitation.role, invitation.email, invitation.invited_by) == (Role.LEADER, "head@hillside.sch.uk", None)
    [email] = mailoutbox
    assert email.to == ["head@hillside.sch.uk"] and f"/join/{invitation.token}/" in email.body
    assert "first leader of Hillside Academy" in email.body
    assert f"/join/{invitation.token}/" in out.getvalue()
    assert LogEntry.objects.filter(verb="setup.school_create", school_id=school.pk).exists()


def test_a_second_school_of_the_same_name_is_refused_and_nothing_is_made(mailoutbox):
    SchoolFactory(name="Hillside Academy")
    with pytest.raises(CommandError, match="already exists"):
        call_command("school_create", "--name", "hillside academy", "--leader-email", "head@hillside.sch.uk")
    assert School.objects.count() == 1 and not StaffInvitation.objects.exists() and not mailoutbox


def test_the_first_leader_makes_an_account_and_lands_on_the_checklist(client):
    school, invitation = school_create(
        name="Hillside Academy",
        leader_email="head@hillside.sch.uk",
        leader_first_name="Ada",
        leader_last_name="Rivera",
        site_url="http://testserver",
    )
    accepted = _sign_up_and_accept(client, invitation)
    assert accepted["Location"] == reverse("people:setup")
    leader = Membership.objects.get(school=school, role=Role.LEADER)
    assert leader.user.email == "head@hillside.sch.uk" and leader.user.get_full_name() == "Ada Rivera"
    checklist = client.get(accepted["Location"])
    assert "0 of 7 done" in checklist.text
    assert "Name the safeguarding leads" in checklist.text
    home = client.get(reverse("home"))
    assert "Setting up your school: 7 of 7 steps left" in home.text
    assert "Next: <strong>Name the safeguarding leads</strong>" in home.text
    # The link is used up.
    assert client.get(reverse("people:staff_invitation", args=[invitation.token])).status_code == 410


def test_an_invitation_accepted_with_another_address_is_refused(client):
    school, invitation = school_create(
        name="Hillside", leader_email="head@hillside.sch.uk", leader_first_name="A", leader_last_name="B",
        site_url="http://testserver",
    )  # fmt: skip
    other = UserFactory(email="someone@else.org")
    client.force_login(other)
    response = client.post(reverse("people:staff_invitation", args=[invitation.token]), follow=True)
    assert "This invitation was sent to head@hillside.sch.uk" in response.text
    assert not Membership.objects.filter(school=school).exists()


def test_every_step_shows_done_only_when_the_school_has_done_it(leader):
    school = leader.school
    assert [item.done for item in school_setup_checklist(school=school)] == [False] * 7
    StaffFactory(school=school, is_safeguarding_lead=True)
    charter_save(leader=leader, term="Autumn", may_decide="The library.", budget_money=100)
    preview = roster_import_preview(
        school=school, uploaded_by=leader, data=b"First name,Last name,Year group,Form\nAmara,Adeyemi,7,7A\n",
        file_name="pupils.csv",
    )  # fmt: skip
    confirmed = roster_import_confirm(roster_import=preview, actor=leader)
    done = {item.title: item.done for item in school_setup_checklist(school=school)}
    assert done == {
        "Name the safeguarding leads": True,
        "Write the charter": True,
        "Import the roster": True,
        "Choose how pupils sign in: single sign-on or login cards": False,  # no cards printed, no SSO
        "Invite staff": True,
        "Choose what needs a parent's consent": False,
        "Set the terms": False,
    }
    roster_import_cards_viewed(roster_import=confirmed)
    school_set_consent_scopes(school=school, actor=leader, scopes=list(school.consent_scopes))
    school_holiday_add(
        school=school, actor=leader, name="Half term", first_day=date(2027, 2, 15), last_day=date(2027, 2, 19)
    )
    assert all(item.done for item in school_setup_checklist(school=school))


def test_the_leader_names_the_safeguarding_leads_as_a_state(client_for, leader):
    first, second = StaffFactory(school=leader.school), StaffFactory(school=leader.school, is_safeguarding_lead=True)
    url = reverse("people:setup_safeguarding_leads")
    response = client_for(leader).post(url, {"leads": [str(first.pk)], "deputies": [str(second.pk)]})
    assert response["Location"] == reverse("people:setup")
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.is_safeguarding_lead, second.is_safeguarding_lead, second.is_deputy_safeguarding_lead) == (
        True,
        False,
        True,
    )
    # Posting the same again changes nothing: it sets, it does not toggle.
    client_for(leader).post(url, {"leads": [str(first.pk)], "deputies": [str(second.pk)]})
    first.refresh_from_db()
    assert first.is_safeguarding_lead
    assert LogEntry.objects.filter(verb="setup.safeguarding_leads").count() == 2


def test_no_lead_at_all_is_refused_with_a_reason_and_changes_nothing(client_for, leader):
    lead = StaffFactory(school=leader.school, is_safeguarding_lead=True)
    response = client_for(leader).post(reverse("people:setup_safeguarding_leads"), {"leads": [], "deputies": []})
    assert response.status_code == 422
    assert "Name at least one designated safeguarding lead" in response.text
    lead.refresh_from_db()
    assert lead.is_safeguarding_lead


def test_another_schools_member_cannot_be_named(client_for, leader):
    outsider = StaffFactory()
    response = client_for(leader).post(reverse("people:setup_safeguarding_leads"), {"leads": [str(outsider.pk)]})
    assert response.status_code == 422
    outsider.refresh_from_db()
    assert not outsider.is_safeguarding_lead


def test_a_leader_invites_staff_who_join_and_a_cancelled_link_stops_working(
    client, client_for, leader, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(leader).post(
            reverse("people:setup_staff"),
            {"first_name": "Sam", "last_name": "Okafor", "email": "sam@school.org", "role": "staff"},
        )
    assert response["Location"] == reverse("people:setup_staff")
    [email] = mailoutbox
    invitation = StaffInvitation.objects.get(email="sam@school.org")
    assert invitation.token in email.body and invitation.invited_by == leader
    page = client_for(leader).get(reverse("people:setup_staff"))
    assert "Sam Okafor · sam@school.org · Staff" in page.text

    client.logout()
    accepted = _sign_up_and_accept(client, invitation, first="Sam", last="Okafor")
    assert accepted["Location"] == reverse("home")
    assert Membership.objects.get(user__email="sam@school.org").role == Role.STAFF

    second = staff_invitation_send(
        school=leader.school, email="kim@school.org", first_name="Kim", last_name="Lee", role="staff",
        invited_by=leader, site_url="http://testserver",
    )  # fmt: skip
    client.force_login(leader.user)
    client.post(reverse("people:setup_staff_cancel", args=[second.pk]))
    assert client.get(reverse("people:staff_invitation", args=[second.token])).status_code == 404


def test_inviting_someone_already_on_the_staff_is_refused(client_for, leader):
    member = StaffFactory(school=leader.school, user__email="sam@school.org")
    response = client_for(leader).post(
        reverse("people:setup_staff"),
        {"first_name": "Sam", "last_name": "Okafor", "email": member.user.email, "role": "staff"},
    )
    assert response.status_code == 422
    assert "already a member of staff" in response.text
    assert not StaffInvitation.objects.exists()


def test_only_a_leader_of_the_school_may_invite(leader):
    with pytest.raises(SetupError):
        staff_invitation_send(
            school=leader.school, email="x@y.org", first_name="X", last_name="Y", role="staff",
            invited_by=StaffFactory(school=leader.school), site_url="http://testserver",
        )  # fmt: skip
    with pytest.raises(SetupError):
        staff_invitation_send(
            school=SchoolFactory(), email="x@y.org", first_name="X", last_name="Y", role="staff",
            invited_by=leader, site_url="http://testserver",
        )  # fmt: skip


def test_the_operator_page_creates_schools_and_is_closed_to_school_leaders(client, leader):
    operator = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(operator)
    response = client.post(
        reverse("people:operator_schools"),
        {"name": "Riverside", "leader_first_name": "Jo", "leader_last_name": "Ng", "leader_email": "jo@riverside.org"},
    )
    assert response["Location"] == reverse("people:operator_schools")
    assert StaffInvitation.objects.get(school__name="Riverside").role == Role.LEADER
    client.force_login(leader.user)
    assert client.get(reverse("people:operator_schools")).status_code == 403


def test_the_setup_box_leaves_the_leaders_home_once_every_step_is_done(client_for, leader):
    school = leader.school
    assert "Setting up your school" in client_for(leader).get(reverse("home")).text
    StaffFactory(school=school, is_safeguarding_lead=True)
    charter_save(leader=leader, term="Autumn", may_decide="The library.", budget_money=100)
    preview = roster_import_preview(
        school=school, uploaded_by=leader, data=b"First name,Last name,Year group,Form\nAmara,Adeyemi,7,7A\n",
        file_name="pupils.csv",
    )  # fmt: skip
    roster_import_cards_viewed(roster_import=roster_import_confirm(roster_import=preview, actor=leader))
    school_set_consent_scopes(school=school, actor=leader, scopes=list(school.consent_scopes))
    assert "Setting up your school" in client_for(leader).get(reverse("home")).text  # the terms are not set
    school_holiday_add(
        school=school, actor=leader, name="Half term", first_day=date(2027, 2, 15), last_day=date(2027, 2, 19)
    )
    assert "Setting up your school" not in client_for(leader).get(reverse("home")).text


def test_a_joined_member_of_staffs_invitation_is_in_their_data_and_goes_at_erasure(client, leader):
    from people.privacy.services import person_erase, person_export

    invitation = staff_invitation_send(
        school=leader.school, email="sam@school.org", first_name="Sam", last_name="Okafor", role="staff",
        invited_by=leader, site_url="http://testserver",
    )  # fmt: skip
    _sign_up_and_accept(client, invitation, first="Sam", last="Okafor")
    user = Membership.objects.get(user__email="sam@school.org").user
    assert "sam@school.org" in str(person_export(user=user))
    person_erase(user=user, actor=leader)
    assert not StaffInvitation.objects.filter(email__iexact="sam@school.org").exists()
