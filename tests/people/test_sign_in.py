import pytest
from django.urls import reverse

from tests.factories import PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_pupil_signs_in_with_username(client):
    pupil = PupilFactory(user__username="pupil42")
    response = client.post(
        reverse("account_login"), {"login": "pupil42", "password": "correct horse battery"}, follow=True
    )
    assert response.context["user"] == pupil.user
    assert "My projects" in response.text


def test_staff_signs_in_with_email(client):
    staff = StaffFactory(user__email="teacher@example.org")
    response = client.post(
        reverse("account_login"),
        {"login": "teacher@example.org", "password": "correct horse battery"},
        follow=True,
    )
    assert response.context["user"] == staff.user


def test_one_time_password_forces_a_new_password_first(client):
    pupil = PupilFactory(user__must_change_password=True)
    client.force_login(pupil.user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:first_password")


def test_first_password_rejects_mismatch_with_a_clear_message(client):
    pupil = PupilFactory(user__must_change_password=True)
    client.force_login(pupil.user)
    response = client.post(
        reverse("people:first_password"),
        {"new_password1": "river-blue-kite-42", "new_password2": "river-blue-kite-43"},
    )
    assert response.status_code == 200
    assert "The two passwords are different" in response.text
    pupil.user.refresh_from_db()
    assert pupil.user.must_change_password


def test_first_password_set_then_home_opens(client):
    pupil = PupilFactory(user__must_change_password=True)
    client.force_login(pupil.user)
    response = client.post(
        reverse("people:first_password"),
        {"new_password1": "river-blue-kite-42", "new_password2": "river-blue-kite-42"},
    )
    assert response["Location"] == reverse("home")
    pupil.user.refresh_from_db()
    assert not pupil.user.must_change_password
    assert pupil.user.check_password("river-blue-kite-42")
    assert client.get(reverse("home")).status_code == 200


def test_signup_is_closed_without_an_invitation(client):
    response = client.get(reverse("account_signup"))
    assert "closed" in response.text.lower()
