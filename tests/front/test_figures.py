"""One definition per figure (issue 23): "not involved" and "taken part" are the same number on the
leader's home, the dashboard and the school report for the same period, and every page says which."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.figures import period_between, this_term
from projects.models import Need
from tests.factories import BackingFactory, NeedFactory, ProjectFactory, ProjectMembershipFactory, PupilFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_with_quiet_pupils(school):
    """One pupil backed a need (its author raised it), one joined a project, five did nothing this term
    (one of them raised a need before the term began: it does not count)."""
    BackingFactory(need=NeedFactory(school=school), membership=PupilFactory(school=school))
    ProjectMembershipFactory(project=ProjectFactory(school=school), membership=PupilFactory(school=school))
    earlier = PupilFactory(school=school)
    need = NeedFactory(school=school, author=earlier)
    before_term = this_term(timezone.localdate()).start - timedelta(days=10)
    Need.objects.filter(pk=need.pk).update(created_at=timezone.make_aware(datetime.combine(before_term, time(12))))
    PupilFactory.create_batch(4, school=school)
    return school


def test_not_involved_is_the_same_on_home_dashboard_and_report_and_each_says_its_period(
    client_for, leader, staff, school_with_quiet_pupils
):
    label = this_term(timezone.localdate()).label
    home = client_for(leader).get(reverse("home"))
    leader_report = client_for(leader).get(reverse("evaluation:school_report"))
    dashboard = client_for(staff).get(reverse("projects:dashboard"))
    staff_report = client_for(staff).get(reverse("evaluation:school_report"))

    figures = home.context["participation"]
    assert figures["not_involved"] == 5
    assert dashboard.context["page"].paginator.count == 5
    assert leader_report.context["report"]["participation"]["unheard_count"] == 5
    assert staff_report.context["page"].paginator.count == 5
    assert figures["involved"] == figures["pupils"] - 5
    for page in (home, dashboard, leader_report, staff_report):
        assert label in page.text, page.request["PATH_INFO"]
    assert f"5 pupils not involved {label}" in home.text


def test_a_pupil_in_a_project_has_taken_part_on_every_page(client_for, leader, staff, school):
    member = PupilFactory(school=school)
    ProjectMembershipFactory(project=ProjectFactory(school=school), membership=member)
    assert member not in client_for(staff).get(reverse("projects:dashboard")).context["page"].object_list
    assert member not in client_for(staff).get(reverse("evaluation:school_report")).context["page"].object_list


def test_the_period_is_named_in_words():
    autumn = this_term(date(2026, 12, 7))
    assert (autumn.start, autumn.end, autumn.label) == (date(2026, 9, 1), date(2026, 12, 31), "this term, since 1 Sep")
    assert this_term(date(2026, 8, 10)).label == "the summer term just ended, 1 Apr to 31 Jul"
    assert period_between(date(2026, 9, 1), date(2026, 12, 31), today=date(2026, 12, 7)) == autumn
    chosen = period_between(date(2026, 1, 5), date(2026, 2, 1), today=date(2026, 12, 7))
    assert chosen.label == "5 Jan 2026 to 1 Feb 2026"
