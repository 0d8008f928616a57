"""Parent invitations: staff invite by email, the parent signs up or signs in, is linked, consents."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import LogEntry
from people.adapters import INVITATION_SESSION_KEY
from people.models import ConsentStatus, GuardianLink, Membership, ParentInvitation, Role, User
from people.services import InvitationError, parent_invitation_accept, parent_invitation_send
from tests.factories import GuardianLinkFactory, ParentFactory, PupilFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-parent-passphrase-9"


def _invite(staff, pupil, email="carer@example.org") -> ParentInvitation:
    return parent_invitation_send(pupil=pupil, email=email, invited_by=staff, site_url="http://testserver")


def _url(invitation) -> str:
    return reverse("people:invitation", args=[invitation.token])


def test_staff_invites_a_parent_and_the_email_leaves_after_commit(
    client_for, staff, mailoutbox, django_capture_on_commit_callbacks
):
    pupil = PupilFactory(school=staff.school, user__first_name="Amara", user__last_name="Adeyemi")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(staff).post(
            reverse("people:invite_parent", args=[pupil.pk]), {"email": "carer@example.org"}
        )
    assert response["Location"] == reverse("people:detail", args=[pupil.pk])
    assert len(callbacks) == 1
    invitation = ParentInvitation.objects.get()
    assert (invitation.pupil, invitation.invited_by, invitation.email) == (pupil, staff, "carer@example.org")
    [email] = mailoutbox
    assert email.to == ["carer@example.org"]
    assert f"http://testserver{_url(invitation)}" in email.body
    assert "Amara Adeyemi" in email.body


def test_inviting_again_renews_the_open_invitation(staff, pupil):
    staff = StaffFactory(school=pupil.school)
    first = _invite(staff, pupil)
    second = _invite(staff, pupil, email="CARER@example.org")
    assert second.pk == first.pk
    assert second.token != first.token
    assert ParentInvitation.objects.count() == 1


def test_invite_form_rejects_a_bad_email(client_for, staff):
    pupil = PupilFactory(school=staff.school)
    response = client_for(staff).post(reverse("people:invite_parent", args=[pupil.pk]), {"email": "not-an-email"})
    assert response.status_code == 200
    assert "Enter a valid email address" in response.text
    assert not ParentInvitation.objects.exists()


def test_inviting_an_already_linked_parent_is_refused(client_for, staff):
    link = GuardianLinkFactory(pupil=PupilFactory(school=staff.school))
    response = client_for(staff).post(
        reverse("people:invite_parent", args=[link.pupil.pk]), {"email": link.parent.user.email}
    )
    assert "is already linked" in response.text


def test_inviting_for_another_schools_pupil_is_not_found(client_for, staff):
    other = PupilFactory()
    response = client_for(staff).post(reverse("people:invite_parent", args=[other.pk]), {"email": "a@example.org"})
    assert response.status_code == 404


def test_pupil_cannot_invite(client_for, pupil):
    response = client_for(pupil).post(reverse("people:invite_parent", args=[pupil.pk]), {"email": "a@example.org"})
    assert response.status_code == 403


def test_new_parent_signs_up_through_the_invitation_and_records_consent(client, staff):
    pupil = PupilFactory(school=staff.school, user__first_name="Amara")
    invitation = _invite(staff, pupil)

    landing = client.get(_url(invitation))
    assert "Create my account" in landing.text
    signup_page = client.get(reverse("account_signup"))
    assert 'value="carer@example.org"' in signup_page.text
    assert "readonly" in signup_page.text

    signed_up = client.post(
        reverse("account_signup"),
        {
            "first_name": "Grace",
            "last_name": "Okafor",
            "email": "carer@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert signed_up["Location"] == _url(invitation)

    accepted = client.post(_url(invitation))
    link = GuardianLink.objects.get(pupil=pupil)
    assert accepted["Location"] == reverse("people:consent", args=[link.pk])
    assert link.parent.role == Role.PARENT and link.parent.school == staff.school
    assert link.parent.user.email == "carer@example.org"
    assert link.parent.user.get_full_name() == "Grace Okafor"
    assert link.consent_status == ConsentStatus.PENDING
    invitation.refresh_from_db()
    assert invitation.accepted_by == link.parent.user and invitation.accepted_at
    assert INVITATION_SESSION_KEY not in client.session

    consent_page = client.get(accepted["Location"])
    assert "Yes, I give my consent" in consent_page.text
    before = timezone.now()
    assert client.post(accepted["Location"], {"status": "given"})["Location"] == reverse("home")
    link.refresh_from_db()
    assert link.consent_status == ConsentStatus.GIVEN
    assert before <= link.consent_changed_at <= timezone.now()
    (logged,) = LogEntry.objects.filter(verb="consent.change")
    assert logged.target_id == link.pk and logged.data == {"pupil": link.pupil_id, "status": "given"}
    home = client.get(reverse("home"))
    assert "Given" in home.text and "Withdraw consent" in home.text


def test_signup_without_a_name_says_so_and_creates_no_account(client, staff, pupil):
    invitation = _invite(staff, pupil)
    client.get(_url(invitation))
    response = client.post(
        reverse("account_signup"), {"email": "carer@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert "This field is required" in response.text
    assert not User.objects.filter(email="carer@example.org").exists()


def test_signup_with_another_email_than_the_invited_one_is_refused(client, staff, pupil):
    invitation = _invite(StaffFactory(school=pupil.school), pupil)
    client.get(_url(invitation))
    response = client.post(
        reverse("account_signup"), {"email": "someone@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert "Use the address the invitation was sent to" in response.text
    assert not Membership.objects.filter(role=Role.PARENT).exists()


def test_existing_user_signs_in_and_accepts(client, staff):
    pupil = PupilFactory(school=staff.school)
    user = UserFactory(email="carer@example.org")
    invitation = _invite(staff, pupil)
    landing = client.get(_url(invitation))
    assert "Sign in to accept" in landing.text
    signed_in = client.post(
        f"{reverse('account_login')}?next={_url(invitation)}",
        {"login": "carer@example.org", "password": "correct horse battery"},
    )
    assert signed_in["Location"] == _url(invitation)
    client.post(_url(invitation))
    assert GuardianLink.objects.get(pupil=pupil).parent.user == user


def test_signed_in_user_with_another_email_cannot_accept(client_for, staff):
    invitation = _invite(staff, PupilFactory(school=staff.school))
    client = client_for(StaffFactory(school=staff.school))
    response = client.post(_url(invitation), follow=True)
    assert "This invitation was sent to carer@example.org" in response.text
    assert not GuardianLink.objects.exists()


def test_expired_invitation_gives_a_clear_message(client, staff, pupil):
    invitation = _invite(StaffFactory(school=pupil.school), pupil)
    ParentInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(_url(invitation))
    assert response.status_code == 410
    assert "This invitation has expired" in response.text
    assert "closed" in client.get(reverse("account_signup")).text.lower()


def test_used_invitation_gives_a_clear_message(client, pupil):
    invitation = _invite(StaffFactory(school=pupil.school), pupil)
    parent_invitation_accept(invitation=invitation, user=UserFactory(email="carer@example.org"))
    response = client.get(_url(invitation))
    assert response.status_code == 410
    assert "already been used" in response.text


def test_unknown_token_gives_a_clear_message(client):
    response = client.get(reverse("people:invitation", args=["no-such-token"]))
    assert response.status_code == 404
    assert "not valid" in response.text


def test_a_parent_of_another_school_cannot_accept(pupil):
    invitation = _invite(StaffFactory(school=pupil.school), pupil)
    elsewhere = ParentFactory(user__email="carer@example.org")
    with pytest.raises(InvitationError, match="another school"):
        parent_invitation_accept(invitation=invitation, user=elsewhere.user)
    assert not GuardianLink.objects.exists()


def test_parent_withdraws_and_gives_consent_again_from_home(client_for):
    link = GuardianLinkFactory(consent_status=ConsentStatus.GIVEN, consent_changed_at=timezone.now())
    client = client_for(link.parent)
    consent_url = reverse("people:consent", args=[link.pk])
    assert consent_url in client.get(reverse("home")).text
    client.post(consent_url, {"status": "withdrawn"})
    link.refresh_from_db()
    assert link.consent_status == ConsentStatus.WITHDRAWN
    client.post(consent_url, {"status": "given"})
    link.refresh_from_db()
    assert link.consent_status == ConsentStatus.GIVEN


def test_consent_rejects_a_change_that_does_not_apply(client_for):
    link = GuardianLinkFactory(consent_status=ConsentStatus.GIVEN, consent_changed_at=timezone.now())
    response = client_for(link.parent).post(reverse("people:consent", args=[link.pk]), {"status": "refused"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    link.refresh_from_db()
    assert link.consent_status == ConsentStatus.GIVEN


def test_another_parents_consent_is_not_found(client_for):
    link = GuardianLinkFactory()
    other_parent = ParentFactory(school=link.school)
    assert client_for(other_parent).get(reverse("people:consent", args=[link.pk])).status_code == 404


def test_staff_cannot_record_consent(client_for):
    link = GuardianLinkFactory()
    staff = StaffFactory(school=link.school)
    assert client_for(staff).get(reverse("people:consent", args=[link.pk])).status_code == 403


def test_pupil_page_shows_parents_consent_and_open_invitations(client_for, staff):
    link = GuardianLinkFactory(
        pupil=PupilFactory(school=staff.school), consent_status=ConsentStatus.REFUSED, consent_changed_at=timezone.now()
    )
    _invite(staff, link.pupil, email="second.carer@example.org")
    page = client_for(staff).get(reverse("people:detail", args=[link.pupil.pk])).text
    assert link.parent.user.display_name in page
    assert "Consent: <strong>Refused</strong>" in page
    assert "second.carer@example.org" in page
    assert reverse("people:invite_parent", args=[link.pupil.pk]) in page
