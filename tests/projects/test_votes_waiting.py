"""`Votes for you`: every open vote the viewer may cast and has not yet; the pupil home lists a few."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from front.selectors.homes import VOTES_ON_HOME
from projects.models import ProjectRole, Stage, VoterRecord
from projects.views.decisions import VOTES_PER_PAGE
from tests.factories import DecisionFactory, ProjectFactory, ProjectMembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db
URL = reverse("projects:votes_waiting")
HOME = reverse("home")


def _year_vote(pupil, title, closes_in_hours=24, school=None):
    project = ProjectFactory(school=school or pupil.school, stage=Stage.CO_DECIDE)
    return DecisionFactory(
        project=project,
        title=title,
        electorate_year_groups=[pupil.year_group],
        closes_at=timezone.now() + timedelta(hours=closes_in_hours),
    )


def test_lists_my_open_votes_closing_soonest_first_and_leaves_out_the_rest(client_for, pupil):
    _year_vote(pupil, "Later", closes_in_hours=48)
    _year_vote(pupil, "Sooner", closes_in_hours=2)
    voted = _year_vote(pupil, "Already voted")
    VoterRecord.objects.create(decision=voted, membership=pupil, voted_on=date.today())
    DecisionFactory(project=ProjectFactory(school=pupil.school), title="Members only, not mine")
    _year_vote(pupil, "Another school", school=SchoolFactory())
    response = client_for(pupil).get(URL)
    assert [d.title for d in response.context["page"].object_list] == ["Sooner", "Later"]
    assert "Members only, not mine" not in response.text and "Another school" not in response.text


def test_pages_through_many_votes(client_for, pupil):
    for number in range(VOTES_PER_PAGE + 3):
        _year_vote(pupil, f"Vote {number:02}", closes_in_hours=number + 1)
    client = client_for(pupil)
    assert len(client.get(URL).context["page"].object_list) == VOTES_PER_PAGE
    second = client.get(URL, {"page": 2})
    last_three = [f"Vote {n:02}" for n in range(VOTES_PER_PAGE, VOTES_PER_PAGE + 3)]
    assert [d.title for d in second.context["page"].object_list] == last_three
    assert client.get(URL, {"page": "not-a-number"}).status_code == 200


def test_empty_state(client_for, pupil):
    assert "No vote is waiting for you" in client_for(pupil).get(URL).text


def test_staff_see_the_votes_their_role_is_in(client_for, staff):
    project = ProjectFactory(school=staff.school, stage=Stage.CO_DECIDE)
    ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    DecisionFactory(project=project, title="Facilitated vote")
    assert "Facilitated vote" in client_for(staff).get(URL).text


def test_home_lists_the_soonest_few_and_links_to_all(client_for, pupil):
    for number in range(VOTES_ON_HOME + 2):
        _year_vote(pupil, f"Vote {number:02}", closes_in_hours=number + 1)
    response = client_for(pupil).get(HOME)
    assert [d.title for d in response.context["votes"]] == [f"Vote {n:02}" for n in range(VOTES_ON_HOME)]
    assert f'href="{URL}">See all {VOTES_ON_HOME + 2} votes for you' in response.text


def test_home_has_no_see_all_link_when_it_shows_every_vote(client_for, pupil):
    _year_vote(pupil, "Only vote")
    text = client_for(pupil).get(HOME).text
    assert "Only vote" in text and "See all" not in text.split('id="my-votes"')[1].split("</section>")[0]
