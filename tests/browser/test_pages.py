import pytest

from tests.factories import PupilFactory, StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_pupil_signs_in_and_home_is_accessible(sign_in, check_page):
    pupil = PupilFactory(user__username="browserpupil", user__first_name="Robin")
    page = sign_in("browserpupil")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello Robin"
    assert pupil.school.name in page.inner_text("header")
    check_page("pupil-home")


def test_staff_people_list_is_accessible(sign_in, check_page, page, live_server):
    staff = StaffFactory(user__email="facilitator@example.org")
    PupilFactory.create_batch(3, school=staff.school)
    sign_in("facilitator@example.org")
    page.goto(f"{live_server.url}/people/")
    assert page.get_by_role("table").is_visible()
    check_page("people-list")
