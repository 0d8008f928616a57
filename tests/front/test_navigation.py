"""The main navigation is rendered once per role and safeguarding-lead flag: it must be the same as
rendering it for the real member, and its rules must read nothing else about the member."""

import re

import pytest
from django.template.loader import render_to_string

from front.templatetags.navigation import nav_links
from people.models import Membership, Role
from tests.factories import MembershipFactory, NeedFactory

pytestmark = pytest.mark.django_db
KINDS = [(role, False) for role in Role] + [(Role.STAFF, True), (Role.LEADER, True)]


@pytest.mark.parametrize(("role", "is_safeguarding_lead"), KINDS)
def test_kept_nav_is_the_nav_rendered_for_the_real_member(school, role, is_safeguarding_lead):
    year_group = 8 if role == Role.PUPIL else None
    member = MembershipFactory(
        school=school, role=role, year_group=year_group, is_safeguarding_lead=is_safeguarding_lead
    )
    assert nav_links({}, member) == render_to_string("front/nav_links.html", {"membership": member})


# What the kept nav's key holds, and the properties that are functions of the role alone.
KEY_READS = {"role", "is_safeguarding_lead", "is_pupil", "is_parent", "is_staff_member", "is_leader"}


class _ReadRecorder:
    """Stands in for a member and notes every attribute the nav's rules read."""

    def __init__(self, member):
        self._member, self.reads = member, set()

    def __getattr__(self, name):
        self.reads.add(name)
        return getattr(self._member, name)


@pytest.mark.parametrize(("role", "is_safeguarding_lead"), KINDS)
def test_the_navs_rules_read_only_what_the_key_holds(role, is_safeguarding_lead):
    member = _ReadRecorder(Membership(role=role, is_safeguarding_lead=is_safeguarding_lead))
    render_to_string("front/nav_links.html", {"membership": member})
    assert member.reads and member.reads <= KEY_READS


def test_links_follow_the_role(pupil, staff):
    assert "Dashboard" not in nav_links({}, pupil) and "Dashboard" in nav_links({}, staff)
    assert "Safeguarding" not in nav_links({}, staff)
    staff.is_safeguarding_lead = True
    assert "Safeguarding" in nav_links({}, staff)


def test_someone_without_a_membership_gets_the_links_for_everyone():
    assert "Needs" in nav_links({}, None) and "Dashboard" not in nav_links({}, None)


def _header(client_for, member, url: str) -> str:
    html = client_for(member).get(url).content.decode()
    return html[html.index("<header") : html.index("</header>")]


def test_the_current_page_is_marked_and_its_section_on_the_pages_below_it(client_for, pupil):
    on_list = _header(client_for, pupil, "/needs/")
    assert '<a class="nav-link active" href="/needs/" aria-current="page">Needs</a>' in on_list
    assert on_list.count("aria-current") == 1
    need = NeedFactory(school=pupil.school, author=pupil)
    on_need = _header(client_for, pupil, f"/needs/{need.pk}/")
    assert '<a class="nav-link active" href="/needs/" aria-current="true">Needs</a>' in on_need
    assert on_need.count("aria-current") == 1
    home = _header(client_for, pupil, "/")
    assert 'href="/" aria-current="page">Home</a>' in home and home.count("aria-current") == 1


def test_staff_links_come_in_three_groups_and_pupils_keep_a_flat_list(client_for, pupil, staff):
    assert "<details>" not in nav_links({}, pupil)
    groups = re.findall(r'<summary class="nav-link">([^<]+)</summary>', nav_links({}, staff))
    assert groups == ["Projects", "People", "Surveys &amp; reports"]
    on_people = _header(client_for, staff, "/people/")
    assert 'href="/people/" aria-current="page">All people</a>' in on_people


def test_the_persons_name_is_in_the_header_whole(client_for, staff):
    staff.user.first_name, staff.user.last_name = "Bartholomew-Alexander", "Fitzgerald-Worthington"
    staff.user.save()
    assert "Bartholomew-Alexander Fitzgerald-Worthington" in _header(client_for, staff, "/")


def test_staffs_surveys_link_opens_survey_management_and_pupils_the_surveys_to_answer(pupil, staff):
    assert 'href="/surveys/manage/">Surveys</a>' in nav_links({}, staff)
    assert 'href="/surveys/">Surveys to answer</a>' in nav_links({}, staff)
    assert 'href="/surveys/">Surveys</a>' in nav_links({}, pupil) and "/surveys/manage/" not in nav_links({}, pupil)
