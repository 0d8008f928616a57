"""The counts stored on rows (projects.counters) equal a count made from scratch after a realistic mix of
service calls: backing and withdrawing, commenting and hiding, merging, joining and roles, votes."""

import pytest
from django.db.models import Count, Q

from projects.counters import counters_recount
from projects.errors import NotAllowed
from projects.models import Decision, Idea, Need, Project, ProjectRole
from projects.services.ideas import idea_comment_add
from projects.services.moderation import content_flag, content_restore
from projects.services.needs import need_back, need_comment_add, need_merge, need_raise, need_unback
from projects.services.projects import (
    join_request_create,
    join_request_decide,
    project_member_set_role,
    project_start,
    project_take_on,
)
from projects.services.voting import ballot_cast
from tests.factories import DecisionFactory, IdeaFactory, PupilFactory, SchoolFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _from_scratch() -> dict:
    visible = Q(comments__hidden_at__isnull=True)
    return {
        "needs": {
            row["pk"]: (row["backers"], row["comments"])
            for row in Need.objects.values("pk").annotate(
                backers=Count("backings", distinct=True), comments=Count("comments", filter=visible, distinct=True)
            )
        },
        "ideas": dict(Idea.objects.values_list("pk").annotate(n=Count("comments", filter=visible))),
        "projects": {
            row["pk"]: (row["members"], row["facilitators"], row["needs"])
            for row in Project.objects.values("pk").annotate(
                members=Count("memberships", distinct=True),
                facilitators=Count("memberships", filter=Q(memberships__role=ProjectRole.FACILITATOR), distinct=True),
                needs=Count("needs", distinct=True),
            )
        },
        "decisions": dict(Decision.objects.values_list("pk").annotate(n=Count("voter_records"))),
    }


def _stored() -> dict:
    return {
        "needs": {pk: (b, c) for pk, b, c in Need.objects.values_list("pk", "backer_count", "comment_count")},
        "ideas": dict(Idea.objects.values_list("pk", "comment_count")),
        "projects": {
            pk: (m, f, n)
            for pk, m, f, n in Project.objects.values_list("pk", "member_count", "facilitator_count", "need_count")
        },
        "decisions": dict(Decision.objects.values_list("pk", "voter_count")),
    }


def test_stored_counts_equal_counts_from_scratch_after_a_mix_of_service_calls():
    school = SchoolFactory()
    pupils = [PupilFactory(school=school) for _ in range(6)]
    staff = StaffFactory(school=school)
    raised = dict(problem="Too cold", affects="Everyone", category="facilities")
    needs = [need_raise(author=pupils[i], title=f"Need {i}", **raised) for i in range(3)]
    for pupil in pupils:
        need_back(need=needs[0], membership=pupil)
    need_back(need=needs[0], membership=pupils[1])  # a second time: counted once
    need_back(need=needs[1], membership=pupils[3])
    need_unback(need=needs[0], membership=pupils[4])
    need_unback(need=needs[0], membership=pupils[4])  # withdrawn twice: taken away once
    comments = [need_comment_add(need=needs[0], author=pupil, body="Yes") for pupil in pupils[:3]]
    report = content_flag(staff=staff, target=comments[0], reason="Unkind")
    content_flag(staff=staff, target=comments[1], reason="Names a pupil", is_safeguarding=True)
    content_restore(report=report, actor=staff)
    need_merge(duplicate=needs[2], into=needs[1], actor=staff)

    project = project_start(starter=pupils[0], needs=[needs[0], needs[1]], title="Warm rooms", summary="Heat")
    project_take_on(project=project, staff=staff)
    project_take_on(project=project, staff=staff)  # taken on twice: one facilitator
    for pupil in pupils[1:4]:
        join_request_decide(
            join_request=join_request_create(project=project, membership=pupil), actor=staff, accept=True
        )
    lead_place = project.memberships.get(membership=pupils[1])
    project_member_set_role(project_membership=lead_place, role=ProjectRole.LEAD)

    idea = IdeaFactory(project=project, created_by=pupils[0], is_shortlisted=True)
    idea_comment = idea_comment_add(idea=idea, author=pupils[2], body="Good")
    idea_comment_add(idea=idea, author=pupils[3], body="Yes")
    content_flag(staff=staff, target=idea_comment, reason="Off topic")
    decision = DecisionFactory(project=project, options=[idea])
    for pupil in pupils[:4]:
        ballot_cast(decision=decision, voter=pupil, choices=[idea.pk])
    with pytest.raises(NotAllowed):
        ballot_cast(decision=decision, voter=pupils[0], choices=[idea.pk])  # a second ballot: refused, counted once

    expected = _from_scratch()
    assert _stored() == expected
    assert expected["needs"][needs[0].pk] == (5, 2)  # six backed, one withdrew; one comment hidden
    assert expected["projects"][project.pk] == (5, 1, 2)
    assert expected["decisions"][decision.pk] == 4


def test_recounting_makes_the_counts_from_the_rows():
    school = SchoolFactory()
    pupil = PupilFactory(school=school)
    need = need_raise(author=pupil, title="Bins", problem="Full", affects="All", category="facilities")
    Need.objects.filter(pk=need.pk).update(backer_count=40, comment_count=7)  # as after a bulk COPY
    counters_recount(school_ids=[school.pk])
    assert _stored()["needs"][need.pk] == (1, 0)
