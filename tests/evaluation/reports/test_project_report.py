"""The project report selector: figures against a hand-worked example, suppression, hidden content,
anonymity, and a number of queries that does not grow with the project."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluation.models import Reflection, ReflectionKind
from evaluation.reports.project import HIDDEN_IDEA, project_report, report_figures
from projects.models import Adoption, Attendance, DecisionStatus, ProjectRole, StageTransition, TaskStatus
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SessionFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db

BODY = "evaluation/reports/_project_report_body.html"


def test_prepost_figures_match_the_hand_worked_example(project, pair, answer):
    """Before five each of 2, 3, 4 (mean 3, variance 10/14); after five each of 3, 4, 5 (mean 4, variance 10/14).
    Pooled sd = sqrt(10/14) = 0.8452, so d = (4 - 3) / 0.8452 = 1.18. Every count is 0 or at least 5,
    so every mean may be shown (a count of 1 to 4 would hide them: evaluation/stats.py)."""
    before, after = pair()
    answer(before, [2] * 5 + [3] * 5 + [4] * 5)
    answer(after, [3] * 5 + [4] * 5 + [5] * 5)
    [section] = project_report(project=project)["prepost"]
    [row] = section["rows"]
    assert row["question"] == "I speak up in meetings."
    assert (row["n_before"], row["n_after"]) == ("15", "15")
    assert (row["mean_before"], row["mean_after"], row["mean_change"]) == ("3.00", "4.00", "+1.00")
    assert row["effect_size"] == "1.18"
    assert "Before 3.00" in section["chart"] and "After 4.00" in section["chart"]


def test_prepost_under_five_answers_is_suppressed_in_table_and_chart(project, pair, answer):
    before, after = pair()
    answer(before, [2, 3, 3, 4])
    answer(after, [4, 4, 3, 5, 4])
    report = project_report(project=project)
    [row] = report["prepost"][0]["rows"]
    assert row["n_before"] == "fewer than 5"
    assert row["mean_before"] == row["mean_change"] == row["effect_size"] == "fewer than 5"
    assert "3.00" not in report["prepost"][0]["chart"]
    html = render_to_string(BODY, {"report": report})
    assert "fewer than 5" in html and "+1.00" not in html


def test_written_answers_listed_only_from_five_up_and_never_from_named_surveys(project, pair, answer):
    _before, after = pair()
    answer(after, [4] * 5, texts=["The posters were late", "Too few meetings", "Rain", "Buses", "Forms"])
    _named_before, named_after = pair(anonymous=False)
    answer(named_after, [4] * 5, texts=["Written by a known pupil"] * 5)
    [entry] = project_report(project=project)["free_text"]
    assert entry["question"] == "What did not work?" and entry["answered"] == "5"
    assert sorted(entry["answers"]) == sorted(["The posters were late", "Too few meetings", "Rain", "Buses", "Forms"])

    _few_before, few_after = pair()
    answer(few_after, [4] * 3, texts=["Only three of us wrote"] * 3)
    entries = project_report(project=project)["free_text"]
    suppressed = [entry for entry in entries if entry["suppressed"]]
    assert len(suppressed) == 1 and suppressed[0]["answers"] == [] and suppressed[0]["answered"] == "fewer than 5"
    html = render_to_string(BODY, {"report": project_report(project=project)})
    assert "Only three of us wrote" not in html and "Written by a known pupil" not in html


def test_no_name_appears_next_to_anonymous_answers(project, pair, answer, lead):
    before, after = pair()
    answer(before, [3] * 5)
    answer(after, [4] * 5, texts=["Secret thought"] * 5)
    # Nobody who answered is a member, and the report lists no people but the stage movers.
    # Names no report word can contain (a random surname like "Chang" is inside "Change").
    respondents = PupilFactory._meta.model.objects.filter(school=project.school).exclude(pk=lead.pk)
    markers = []
    for number, pupil in enumerate(respondents.select_related("user")):
        pupil.user.last_name = f"Respondentqx{number}"
        pupil.user.save(update_fields=["last_name"])
        markers.append(pupil.user.last_name)
    html = render_to_string(BODY, {"report": project_report(project=project)})
    assert "Secret thought" in html and markers
    assert not [marker for marker in markers if marker in html]


def test_hidden_reflections_and_hidden_winning_ideas_are_left_out(project, lead, staff, move_to):
    Reflection.objects.create(project=project, author=lead, kind=ReflectionKind.DID_NOT_WORK, text="Posters were late")
    Reflection.objects.create(
        project=project,
        author=lead,
        kind=ReflectionKind.WORKED,
        text="Something unkind",
        hidden_at=timezone.now(),
        hidden_reason="Not kind",
        hidden_by=staff,
    )
    idea = IdeaFactory(project=project, title="Rude idea title", hidden_at=timezone.now())
    decision = DecisionFactory(project=project, options=[idea])
    _close(decision, winners=[idea.pk])
    report = project_report(project=project)
    texts = {section["kind"]: section["texts"] for section in report["reflections"]}
    assert texts["did_not_work"] == ["Posters were late"] and texts["worked"] == []
    assert report["decisions"][0]["winners"] == [HIDDEN_IDEA]
    html = render_to_string(BODY, {"report": report})
    assert "Something unkind" not in html and "Rude idea title" not in html and "What did not work" in html


def _close(decision, *, winners, adoption=Adoption.ADOPTED, reason="Good plan"):
    decision.status = DecisionStatus.CLOSED
    decision.closed_at = timezone.now()
    decision.ballot_salt = ""
    decision.result = {"method": "approval", "ballots": 7, "rows": [], "winners": winners}
    decision.adoption, decision.adoption_reason = adoption, reason
    decision.save()


def test_participation_delivery_decisions_and_timeline(project, lead, facilitator, move_to):
    for year in (7, 7, 8):
        ProjectMembershipFactory(project=project, membership=PupilFactory(school=project.school, year_group=year))
    idea = IdeaFactory(project=project, title="Later bus")
    _close(DecisionFactory(project=project, options=[idea], title="Which idea?"), winners=[idea.pk])
    TaskFactory(project=project, status=TaskStatus.DONE, title="Write to the bus company")
    TaskFactory(project=project, status=TaskStatus.DEFERRED, deferred_reason="Council meets in spring", title="Council")
    TaskFactory(project=project, status=TaskStatus.TODO)
    members = list(project.members.all())
    for session in SessionFactory.create_batch(2, project=project):
        for member in members[:3]:
            Attendance.objects.create(session=session, membership=member, status="present")
        Attendance.objects.create(session=session, membership=members[3], status="absent")
    move_to(project, "co_design")

    report = project_report(project=project)
    people = report["participation"]
    assert people["members"] == 5
    assert {row["label"]: row["count"] for row in people["by_role"]} == {
        ProjectRole.LEAD.label: 1,
        ProjectRole.MEMBER.label: 3,
        ProjectRole.FACILITATOR.label: 1,
    }
    assert people["by_year"] == [{"label": "Year 7", "count": 2}, {"label": "Year 8", "count": 2}]
    assert (people["sessions_held"], people["attendances"], people["attended_any"]) == (2, 6, 3)
    assert people["average_present"] == "3.0"
    assert report["delivery"] | {"done_tasks": None, "deferred_tasks": None} == {
        "total": 3,
        "done": 1,
        "deferred": 1,
        "open": 1,
        "done_tasks": None,
        "deferred_tasks": None,
    }
    assert report["delivery"]["deferred_tasks"] == [{"title": "Council", "reason": "Council meets in spring"}]
    [decision] = report["decisions"]
    assert decision["winners"] == ["Later bus"] and decision["adopted"] and decision["adoption_reason"] == "Good plan"
    [move] = report["timeline"]
    assert (move["from"], move["to"], move["override"], move["reason"]) == (
        "Co-identify",
        "Co-design",
        True,
        "test setup",
    )
    assert move["who"] == facilitator.user.display_name
    figures = report_figures(report)
    assert figures["delivery"] == {"total": 3, "done": 1, "deferred": 1, "open": 1}
    assert figures["decisions"][0]["winners"] == ["Later bus"]


def _grow(project, pair, answer, size: int, pairs: int = 1):
    """A project with `size` of everything the report reads, and `pairs` before/after surveys."""
    pupils = PupilFactory.create_batch(size, school=project.school)
    for pupil in pupils:
        ProjectMembershipFactory(project=project, membership=pupil)
    for _ in range(size):
        TaskFactory(project=project, status=TaskStatus.DONE)
    session = SessionFactory(project=project)
    Attendance.objects.bulk_create(Attendance(session=session, membership=p, status="present") for p in pupils)
    ideas = IdeaFactory.create_batch(2, project=project)
    for _ in range(max(size // 5, 1)):
        _close(DecisionFactory(project=project, options=ideas), winners=[ideas[0].pk])
    Reflection.objects.bulk_create(
        Reflection(project=project, author=pupils[0], kind=ReflectionKind.WORKED, text=f"R{n}") for n in range(size)
    )
    StageTransition.objects.bulk_create(
        StageTransition(project=project, from_stage="co_identify", to_stage="co_design", actor=pupils[n % size])
        for n in range(size)
    )
    for _ in range(pairs):
        before, after = pair(of=project)
        answer(before, [3] * size)
        answer(after, [4] * size, texts=["ok"] * size)


def test_query_count_does_not_grow_with_the_project(school, pair, answer, django_assert_num_queries):
    small, large = ProjectFactory(school=school), ProjectFactory(school=school)
    _grow(small, pair, answer, 3)
    _grow(large, pair, answer, 40, pairs=3)
    with CaptureQueriesContext(connection) as for_small:
        project_report(project=small)
    with django_assert_num_queries(len(for_small)):
        report = project_report(project=large)
    assert report["participation"]["members"] == 40 and len(report["decisions"]) == 8
    assert len(report["prepost"]) == 3 and len(report["free_text"]) == 3
