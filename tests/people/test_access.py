import pytest
from django.urls import reverse

from tests.factories import PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_people_list_needs_sign_in(client):
    response = client.get(reverse("people:list"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_pupil_gets_403_on_people_list(client_for, pupil):
    assert client_for(pupil).get(reverse("people:list")).status_code == 403


def test_parent_gets_403_on_people_list(client_for, parent):
    assert client_for(parent).get(reverse("people:list")).status_code == 403


def test_staff_sees_own_school_only(client_for, staff):
    own = PupilFactory(school=staff.school, user__first_name="Ownpupil")
    other = PupilFactory(user__first_name="Otherpupil")
    response = client_for(staff).get(reverse("people:list"))
    assert response.status_code == 200
    assert own.user.first_name in response.text
    assert other.user.first_name not in response.text


def test_staff_gets_404_for_another_schools_person(client_for, staff):
    other_school_pupil = PupilFactory()
    response = client_for(staff).get(reverse("people:detail", args=[other_school_pupil.pk]))
    assert response.status_code == 404


def test_staff_sees_own_schools_person(client_for, staff):
    own = PupilFactory(school=staff.school)
    response = client_for(staff).get(reverse("people:detail", args=[own.pk]))
    assert response.status_code == 200
    assert own.user.username in response.text


def test_people_list_filters_by_year_group_and_search(client_for, staff):
    PupilFactory(school=staff.school, year_group=7, user__first_name="Seventh")
    PupilFactory(school=staff.school, year_group=9, user__first_name="Ninth")
    client = client_for(staff)
    by_year = client.get(reverse("people:list"), {"year_group": 9}).text
    assert "Ninth" in by_year and "Seventh" not in by_year
    by_name = client.get(reverse("people:list"), {"q": "seventh"}).text
    assert "Seventh" in by_name and "Ninth" not in by_name


def test_people_list_ignores_a_bad_filter_instead_of_failing(client_for, staff):
    response = client_for(staff).get(reverse("people:list"), {"year_group": "x'; drop", "page": "zz"})
    assert response.status_code == 200


def test_people_list_is_paginated(client_for, staff):
    PupilFactory.create_batch(55, school=staff.school)
    first_page = client_for(staff).get(reverse("people:list"))
    assert "Page 1 of 2" in first_page.text


def test_signed_in_user_without_school_gets_403(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("home")).status_code == 403


@pytest.mark.parametrize(
    ("factory", "heading"),
    [
        (PupilFactory, "My projects"),
        (StaffFactory, "Facilitator dashboard"),
    ],
)
def test_home_page_by_role(client, factory, heading):
    membership = factory()
    client.force_login(membership.user)
    response = client.get(reverse("home"))
    assert heading in response.text
    assert membership.school.name in response.text
