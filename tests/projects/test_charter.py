from decimal import Decimal

import pytest
from django.urls import reverse

from projects.errors import NotAllowed
from projects.models import Charter
from projects.services.charter import charter_save

pytestmark = pytest.mark.django_db

CHARTER = {
    "term": "Spring 2027",
    "may_decide": "How the library is used at lunch",
    "budget_money": "500",
    "budget_time": "Two lunchtimes a week",
    "budget_space": "The library",
    "red_lines": "No changes to the timetable",
    "accepted_risks": "Some ideas may not work",
}


def test_leader_writes_the_charter_and_everyone_reads_it(client_for, leader, pupil):
    response = client_for(leader).post(reverse("projects:charter_edit"), CHARTER)
    assert response.status_code == 302
    page = client_for(pupil).get(reverse("projects:charter")).text
    assert "How the library is used at lunch" in page and "No changes to the timetable" in page


@pytest.mark.parametrize("who", ["pupil", "staff", "parent"])
def test_only_leaders_edit_the_charter(client_for, request, who):
    membership = request.getfixturevalue(who)
    assert client_for(membership).get(reverse("projects:charter_edit")).status_code == 403
    assert client_for(membership).post(reverse("projects:charter_edit"), CHARTER).status_code == 403


def test_charter_edits_are_versioned_with_who_when_and_what_changed(client_for, leader, pupil):
    charter_save(leader=leader, term="Spring 2027", may_decide="Lunch", budget_money=Decimal(100))
    charter_save(leader=leader, term="Spring 2027", may_decide="Lunch and break", budget_money=Decimal(150))
    charter = Charter.objects.get()
    versions = list(charter.history.order_by("history_date"))
    assert [v.may_decide for v in versions] == ["Lunch", "Lunch and break"]
    assert all(v.updated_by_id == leader.pk for v in versions)
    page = client_for(pupil).get(reverse("projects:charter")).text
    assert "what groups may decide, money (£)" in page
    assert leader.user.display_name in page


def test_charter_belongs_to_its_school(client_for, leader):
    from tests.factories import LeaderFactory

    charter_save(leader=LeaderFactory(), term="T", may_decide="Secret other school", budget_money=Decimal(1))
    assert "Secret other school" not in client_for(leader).get(reverse("projects:charter")).text


def test_negative_money_is_refused(client_for, leader):
    response = client_for(leader).post(reverse("projects:charter_edit"), CHARTER | {"budget_money": "-1"})
    assert "cannot be negative" in response.text
    with pytest.raises(NotAllowed):
        charter_save(leader=leader, term="T", may_decide="x", budget_money=Decimal(-1))


def test_staff_cannot_save_a_charter_through_the_service(staff):
    with pytest.raises(NotAllowed):
        charter_save(leader=staff, term="T", may_decide="x", budget_money=Decimal(1))
