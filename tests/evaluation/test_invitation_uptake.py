"""Invited pupils who then took part (issue 21): 200 pupils invited in one action in as few queries
as 20, then a few take part through the services (backing, commenting, an idea, a vote, a survey
answer, joining a project); each contribution stamps `Invitation.took_part_at` and the school report
counts them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluation.figures import this_term
from evaluation.invitations.selectors import invitation_uptake
from evaluation.invitations.services import invitations_send
from evaluation.models import Invitation
from evaluation.reports.reach import reach_figures
from evaluation.services import response_submit
from projects.services.ideas import idea_comment_add
from projects.services.needs import need_back, need_comment_add, need_raise
from projects.services.projects import join_request_create, join_request_decide
from projects.services.voting import ballot_cast
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    NeedFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    QuestionFactory,
    StaffFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


def _send(staff, target, pupils):
    return invitations_send(inviter=staff, target=target, pupil_ids=[p.pk for p in pupils])


def test_200_invited_in_one_action_then_those_who_take_part_are_counted(
    client_for, school, staff, django_assert_max_num_queries
):
    few, many = PupilFactory.create_batch(20, school=school), PupilFactory.create_batch(200, school=school)
    _send(staff, NeedFactory(school=school), few[:1])  # warms the content-type cache the audit entry reads
    with CaptureQueriesContext(connection) as for_20:
        assert _send(staff, NeedFactory(school=school), few).invited == 20
    invited_to = NeedFactory(school=school, title="Quiet corners")
    with django_assert_max_num_queries(len(for_20.captured_queries)):
        assert _send(staff, invited_to, many).invited == 200
    assert not Invitation.objects.filter(took_part_at__isnull=False).exists()

    # Seven of the 200 take part, each in another way, through the services the pages call.
    backer, commenter, raiser, designer, voter, answerer, joiner = many[:7]
    need_back(need=invited_to, membership=backer)
    need_comment_add(need=invited_to, author=commenter, body="A bench by the library.")
    need_raise(author=raiser, title="Dark stairs", problem="Hard to see.", affects="Year 7", category="facilities")
    project = ProjectFactory(school=school)
    idea = IdeaFactory(project=project)
    idea_comment_add(idea=idea, author=designer, body="Add plants.")
    ProjectMembershipFactory(project=project, membership=voter)
    ballot_cast(decision=DecisionFactory(project=project, options=[idea]), voter=voter, choices=[idea.pk])
    survey = SurveyFactory(school=school)
    question = QuestionFactory(survey=survey, type="likert5")
    response_submit(survey=survey, membership=answerer, answers={question.pk: "4"})
    asked = join_request_create(project=project, membership=joiner)
    join_request_decide(join_request=asked, actor=StaffFactory(school=school), accept=True)
    # Taking part again later keeps the first stamp.
    first = Invitation.objects.get(need=invited_to, pupil=backer).took_part_at
    need_comment_add(need=invited_to, author=backer, body="Me too.")
    assert Invitation.objects.get(need=invited_to, pupil=backer).took_part_at == first

    stamped = Invitation.objects.filter(need=invited_to, took_part_at__isnull=False)
    assert set(stamped.values_list("pupil_id", flat=True)) == {p.pk for p in many[:7]}
    period = this_term(timezone.localdate())
    assert invitation_uptake(school=school, period=period) == {"invited": 220, "took_part": 7}
    uptake = reach_figures(school=school, end=period.end)["uptake"][-1]
    assert (uptake["invited"], str(uptake["took_part"])) == ("220", "3% (7)")
    page = client_for(staff).get(reverse("evaluation:school_report")).content.decode()
    assert "3% (7)" in page


def test_only_a_contribution_after_the_invitation_stamps_it(school, staff):
    pupil, classmate = PupilFactory(school=school), PupilFactory(school=school)
    need = NeedFactory(school=school)
    need_back(need=need, membership=pupil)  # before any invitation
    _send(staff, NeedFactory(school=school), [pupil, classmate])
    assert not Invitation.objects.filter(took_part_at__isnull=False).exists()
    need_comment_add(need=need, author=classmate, body="Yes please.")
    assert list(Invitation.objects.filter(took_part_at__isnull=False).values_list("pupil", flat=True)) == [classmate.pk]


def test_a_contribution_after_the_period_is_not_counted_in_it(school, staff):
    pupil = PupilFactory(school=school)
    _send(staff, NeedFactory(school=school), [pupil])
    period = this_term(timezone.localdate())
    after = timezone.make_aware(timezone.datetime.combine(period.end + timedelta(days=2), timezone.datetime.min.time()))
    Invitation.objects.update(took_part_at=after)
    assert invitation_uptake(school=school, period=period) == {"invited": 1, "took_part": 0}
