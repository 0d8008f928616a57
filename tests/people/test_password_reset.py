"""Staff give a pupil a new one-time password and a single login card."""

import pytest
from django.urls import reverse

from people.services import PasswordResetNotAllowed, pupil_password_reset
from tests.factories import ParentFactory, PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_reset_asks_for_confirmation_first(client_for, staff):
    pupil = PupilFactory(school=staff.school)
    response = client_for(staff).get(reverse("people:reset_password", args=[pupil.pk]))
    assert "stops working straight away" in response.text
    pupil.user.refresh_from_db()
    assert pupil.user.check_password("correct horse battery")


def test_reset_issues_a_one_time_password_on_a_single_card(client_for, staff):
    pupil = PupilFactory(school=staff.school)
    response = client_for(staff).post(reverse("people:reset_password", args=[pupil.pk]))
    assert response.status_code == 200
    assert response.text.count('class="login-card"') == 1
    assert "no-store" in response["Cache-Control"]
    pupil.user.refresh_from_db()
    assert pupil.user.must_change_password
    assert not pupil.user.check_password("correct horse battery")
    password = response.text.split("<dt>Password</dt><dd>")[1].split("</dd>")[0]
    assert pupil.user.check_password(password)


def test_person_page_offers_reset_to_staff(client_for, staff):
    pupil = PupilFactory(school=staff.school)
    page = client_for(staff).get(reverse("people:detail", args=[pupil.pk]))
    assert reverse("people:reset_password", args=[pupil.pk]) in page.text


def test_reset_of_another_schools_pupil_is_not_found(client_for, staff):
    other = PupilFactory()
    assert client_for(staff).post(reverse("people:reset_password", args=[other.pk])).status_code == 404
    other.user.refresh_from_db()
    assert not other.user.must_change_password


def test_reset_of_an_adult_is_not_found(client_for, staff):
    colleague = StaffFactory(school=staff.school)
    assert client_for(staff).post(reverse("people:reset_password", args=[colleague.pk])).status_code == 404


@pytest.mark.parametrize("factory", [PupilFactory, ParentFactory])
def test_pupils_and_parents_cannot_reset(client_for, pupil, factory):
    response = client_for(factory(school=pupil.school)).post(reverse("people:reset_password", args=[pupil.pk]))
    assert response.status_code == 403


def test_service_refuses_staff_of_another_school(pupil):
    with pytest.raises(PasswordResetNotAllowed):
        pupil_password_reset(pupil=pupil, actor=StaffFactory())
