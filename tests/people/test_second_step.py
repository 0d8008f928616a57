"""A second sign-in step (allauth.mfa) before an adult opens a pupil's personal data (people.second_step)."""

from urllib.parse import urlencode

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.urls import reverse

from audit.models import LogEntry
from tests.factories import (
    GuardianLinkFactory,
    LeaderFactory,
    PupilFactory,
    SchoolFactory,
    StaffFactory,
    totp_enrol,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return SchoolFactory(adults_need_second_step=True)


@pytest.fixture
def pupil(school):
    return PupilFactory(school=school, user__first_name="Robin")


def _second_step_url(going_to: str) -> str:
    return f"{reverse('people:second_step')}?{urlencode({'next': going_to})}"


def _current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_it_sends_staff_without_a_second_step_to_set_one_up(client_for, school, pupil):
    staff = StaffFactory(school=school)
    pupil_page = reverse("people:detail", args=[pupil.pk])

    response = client_for(staff).get(pupil_page)

    assert response.status_code == 302
    assert response["Location"] == _second_step_url(pupil_page)
    assert LogEntry.objects.filter(verb="second_step.refused", actor=staff.user, school_id=school.pk).exists()


def test_the_set_up_page_explains_why_and_links_to_both_ways(client_for, school, pupil):
    staff = StaffFactory(school=school)

    page = client_for(staff).get(_second_step_url(reverse("people:detail", args=[pupil.pk])))

    assert page.status_code == 200
    assert "a password alone cannot open" in page.text
    assert reverse("mfa_add_webauthn") in page.text
    assert reverse("mfa_activate_totp") in page.text


@pytest.mark.parametrize(
    "route",
    [
        "people:detail",
        "people:person_data",
        "people:reset_password",
        "people:leave",
        "projects:portfolio",
    ],
)
def test_every_page_of_a_pupils_data_asks_for_the_second_step(client_for, school, pupil, route):
    leader = LeaderFactory(school=school)

    response = client_for(leader).get(reverse(route, args=[pupil.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:second_step"))


def test_safeguarding_pages_ask_the_safeguarding_lead_too(client_for, school):
    lead = StaffFactory(school=school, is_safeguarding_lead=True)

    response = client_for(lead).get(reverse("projects:safeguarding"))

    assert response["Location"].startswith(reverse("people:second_step"))


def test_staff_with_an_authenticator_app_open_the_pupils_page(client_for, school, pupil):
    staff = StaffFactory(school=school, second_step=True)

    response = client_for(staff).get(reverse("people:detail", args=[pupil.pk]))

    assert response.status_code == 200
    assert "Robin" in response.text


def test_setting_up_an_authenticator_app_brings_staff_back_to_the_pupil(
    client, school, pupil, django_capture_on_commit_callbacks
):
    staff = StaffFactory(school=school)
    pupil_page = reverse("people:detail", args=[pupil.pk])
    client.post(reverse("account_login"), {"login": staff.user.email, "password": "correct horse battery"})
    client.get(_second_step_url(pupil_page))

    asked_again = client.get(reverse("mfa_activate_totp"))
    assert asked_again["Location"].startswith(reverse("account_reauthenticate"))  # a left-open session cannot add one
    client.post(asked_again["Location"], {"password": "correct horse battery"})
    form = client.get(reverse("mfa_activate_totp"))
    secret = form.context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):  # allauth tells of a new authenticator on commit
        activated = client.post(reverse("mfa_activate_totp"), {"code": _current_code(secret)})

    assert activated["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(activated["Location"])
    assert reverse("people:second_step_continue") in codes_page.text
    back = client.get(reverse("people:second_step_continue"))
    assert back["Location"] == pupil_page
    assert client.get(pupil_page).status_code == 200
    assert LogEntry.objects.filter(verb="second_step.add", actor=staff.user, data__kind="an authenticator app").exists()


def test_signing_in_with_an_authenticator_app_asks_for_its_code(client, school):
    staff = StaffFactory(school=school)
    secret = totp_enrol(staff.user)

    signed_in = client.post(reverse("account_login"), {"login": staff.user.email, "password": "correct horse battery"})
    assert signed_in["Location"] == reverse("mfa_authenticate")
    authenticated = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})

    assert authenticated["Location"] == reverse("home")


def test_the_set_up_page_never_sends_anyone_to_another_site(client_for, school):
    staff = StaffFactory(school=school, second_step=True)

    response = client_for(staff).get(_second_step_url("https://evil.example/steal"))

    assert response["Location"] == reverse("home")


def test_pupils_are_never_asked(client_for, school, pupil):
    response = client_for(pupil).get(reverse("projects:portfolio", args=[pupil.pk]))

    assert response.status_code == 200


def test_parents_are_never_asked(client_for, school, pupil):
    link = GuardianLinkFactory(pupil=pupil, consented=True)

    response = client_for(link.parent).get(reverse("projects:portfolio", args=[pupil.pk]))

    assert response.status_code == 200


def test_staff_are_not_asked_when_the_school_switched_it_off(client_for, pupil):
    school = pupil.school
    school.adults_need_second_step = False
    school.save()
    staff = StaffFactory(school=school)

    assert client_for(staff).get(reverse("people:detail", args=[pupil.pk])).status_code == 200


def test_a_leader_switches_it_off_with_a_confirmation_and_it_is_audited(client_for, school):
    leader = LeaderFactory(school=school, second_step=True)
    client = client_for(leader)
    url = reverse("people:school_second_step")

    unconfirmed = client.post(url, {"need": "off"})
    assert "Tick the box to confirm the change." in unconfirmed.text
    school.refresh_from_db()
    assert school.adults_need_second_step is True

    client.post(url, {"need": "off", "confirm": "on"})
    school.refresh_from_db()
    assert school.adults_need_second_step is False
    assert LogEntry.objects.filter(verb="second_step.school", school_id=school.pk, data__kind="off").exists()


def test_staff_cannot_change_the_school_setting(client_for, school):
    staff = StaffFactory(school=school, second_step=True)

    assert (
        client_for(staff).post(reverse("people:school_second_step"), {"need": "off", "confirm": "on"}).status_code
        == 403
    )


def test_removing_the_authenticator_app_is_audited(client, school, django_capture_on_commit_callbacks):
    staff = StaffFactory(school=school)
    secret = totp_enrol(staff.user)
    client.post(reverse("account_login"), {"login": staff.user.email, "password": "correct horse battery"})
    client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    client.post(reverse("account_reauthenticate"), {"password": "correct horse battery"})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_deactivate_totp"))

    assert not Authenticator.objects.filter(user=staff.user, type=Authenticator.Type.TOTP).exists()
    assert LogEntry.objects.filter(verb="second_step.remove", actor=staff.user).exists()


@pytest.mark.parametrize("route", ["mfa_edit_webauthn", "mfa_remove_webauthn"])
def test_nobody_renames_or_removes_someone_elses_passkey(client, school, route):
    someone_else = StaffFactory(school=school)
    passkey = Authenticator.objects.create(user=someone_else.user, type=Authenticator.Type.WEBAUTHN, data={})
    staff = StaffFactory(school=school)
    client.post(reverse("account_login"), {"login": staff.user.email, "password": "correct horse battery"})
    client.post(reverse("account_reauthenticate"), {"password": "correct horse battery"})

    assert client.get(reverse(route, args=[passkey.pk])).status_code == 404
    assert client.post(reverse(route, args=[passkey.pk])).status_code == 404
    assert Authenticator.objects.filter(pk=passkey.pk).exists()


def test_an_htmx_request_sends_the_whole_page_to_set_up(client_for, school, pupil):
    staff = StaffFactory(school=school)
    pupil_page = reverse("people:detail", args=[pupil.pk])

    response = client_for(staff).get(
        pupil_page, headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{pupil_page}"}
    )

    assert response["HX-Redirect"] == _second_step_url(pupil_page)


def test_a_form_posted_without_a_second_step_comes_back_to_the_page_it_was_on(client_for, school, pupil):
    lead = StaffFactory(school=school, is_safeguarding_lead=True)
    queue = reverse("projects:safeguarding")

    response = client_for(lead).post(
        reverse("projects:safeguarding_record", args=[1]), {"outcome": "x"}, headers={"Referer": queue}
    )

    assert response["Location"] == _second_step_url(queue)


def test_recovery_codes_alone_are_not_a_second_step(client_for, school, pupil):
    staff = StaffFactory(school=school)
    RecoveryCodes.activate(staff.user)

    response = client_for(staff).get(reverse("people:detail", args=[pupil.pk]))

    assert response["Location"].startswith(reverse("people:second_step"))


def test_the_second_step_pages_render_in_the_schools_layout(client, school):
    staff = StaffFactory(school=school)
    secret = totp_enrol(staff.user)
    client.post(reverse("account_login"), {"login": staff.user.email, "password": "correct horse battery"})
    client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})

    index = client.get(reverse("mfa_index"))
    confirm = client.get(reverse("mfa_reauthenticate"))

    assert "Stop using the app" in index.text and '<main id="main"' in index.text
    assert "Type the code from your authenticator app" in confirm.text and '<main id="main"' in confirm.text
