"""The receivers: every row a school-wide cached read uses, created, deleted or linked, gives its own
school (and no other) a new data version once the write commits; a rolled-back write gives none. And
the cached reads (school report, dashboard lists, open decisions) read no table the receivers miss."""

import re
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coproschool.freshness import school_data_version
from evaluation.models import Pairing, Reflection, ReflectionKind, Response, SurveyCompletion
from evaluation.receivers import LINKS, SCHOOL_PATHS, school_id_of
from evaluation.reports.project import live_project_report
from evaluation.reports.school import school_report
from front.selectors import dashboard
from projects.models import (
    Attendance,
    AttendanceStatus,
    Backing,
    Charter,
    Idea,
    ProjectMembership,
    ProjectRole,
    Stage,
    StageDeadline,
    StageProposal,
    StageTransition,
    VoterRecord,
)
from projects.selectors.decisions import votes_waiting_for
from projects.selectors.projects import project_get, project_page
from tests.factories import (
    BackingFactory,
    DecisionFactory,
    IdeaCommentFactory,
    IdeaFactory,
    MembershipFactory,
    NeedCommentFactory,
    NeedFactory,
    ProjectFactory,
    PupilFactory,
    SchoolFactory,
    SessionFactory,
    SurveyFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(school):
    """The parents the tracked rows hang from, made before any version is read."""
    project = ProjectFactory(school=school)
    pupil = PupilFactory(school=school)
    return SimpleNamespace(
        school=school,
        project=project,
        pupil=pupil,
        mate=PupilFactory(school=school),
        need=NeedFactory(school=school, author=pupil),
        idea=IdeaFactory(project=project, created_by=pupil),
        decision=DecisionFactory(project=project),
        task=TaskFactory(project=project),
        session=SessionFactory(project=project),
        survey=SurveyFactory(school=school),
    )


# One row of each model the report reads, made with nothing else written (no author links, no
# users made on the way), so that only that model's receiver can change the version.
MAKE = {
    "Membership": lambda r: MembershipFactory(school=r.school, user=r.pupil.user),  # no new user
    "Need": lambda r: NeedFactory(school=r.school, author=r.pupil),
    "Backing": lambda r: BackingFactory(need=r.need, membership=r.pupil),
    "NeedComment": lambda r: NeedCommentFactory(need=r.need, author=r.pupil),
    "Idea": lambda r: Idea.objects.create(project=r.project, created_by=r.pupil, title="Another idea"),
    "IdeaComment": lambda r: IdeaCommentFactory(idea=r.idea, author=r.pupil),
    "Decision": lambda r: DecisionFactory(project=r.project),
    "VoterRecord": lambda r: VoterRecord.objects.create(
        decision=r.decision, membership=r.pupil, voted_on=timezone.localdate()
    ),
    "Task": lambda r: TaskFactory(project=r.project),
    "Session": lambda r: SessionFactory(project=r.project),
    "Attendance": lambda r: Attendance.objects.create(
        session=r.session, membership=r.pupil, status=AttendanceStatus.PRESENT
    ),
    "Project": lambda r: ProjectFactory(school=r.school),
    "ProjectMembership": lambda r: ProjectMembership.objects.create(
        project=r.project, membership=r.mate, role=ProjectRole.MEMBER
    ),
    "StageDeadline": lambda r: StageDeadline.objects.create(
        project=r.project, stage=Stage.CO_DESIGN, due_on=timezone.localdate()
    ),
    "Charter": lambda r: Charter.objects.create(school=r.school, term="Spring term", may_decide="The lunch menu"),
    "StageProposal": lambda r: StageProposal.objects.create(
        project=r.project, proposed_by=r.pupil, from_stage=Stage.CO_IDENTIFY, to_stage=Stage.CO_DESIGN
    ),
    "StageTransition": lambda r: StageTransition.objects.create(
        project=r.project, from_stage=Stage.CO_IDENTIFY, to_stage=Stage.CO_DESIGN
    ),
    "Survey": lambda r: SurveyFactory(school=r.school),
    "SurveyCompletion": lambda r: SurveyCompletion.objects.create(
        survey=r.survey, membership=r.pupil, completed_on=timezone.localdate()
    ),
    "Response": lambda r: Response.objects.create(survey=r.survey, submitted_on=timezone.localdate()),
    "Reflection": lambda r: Reflection.objects.create(
        project=r.project, author=r.pupil, kind=ReflectionKind.WORKED, text="We got a bench."
    ),
}


def test_every_tracked_model_has_a_row_to_make_below():
    """The tests below make and delete a row of every tracked model (and the last test checks that the
    cached reads use no other table)."""
    assert sorted(MAKE) == sorted(model.__name__ for model in SCHOOL_PATHS)


@pytest.fixture
def changed(school, django_capture_on_commit_callbacks):
    """`changed(write)`: runs `write` and commits; says whether the school's version changed and
    whether another school's did."""
    other = SchoolFactory()

    def run(write) -> tuple[bool, bool]:
        before = school_data_version(school.pk), school_data_version(other.pk)
        with django_capture_on_commit_callbacks(execute=True):
            write()
        after = school_data_version(school.pk), school_data_version(other.pk)
        return after[0] != before[0], after[1] != before[1]

    return run


@pytest.mark.parametrize("model", sorted(MAKE))
def test_creating_a_row_changes_its_schools_version_only(rows, changed, model):
    assert changed(lambda: MAKE[model](rows)) == (True, False)


@pytest.mark.parametrize("model", sorted(MAKE))
def test_deleting_a_row_changes_its_schools_version_only(rows, changed, model):
    row = MAKE[model](rows)
    fresh = type(row).objects.get(pk=row.pk)  # no parent loaded: the school is looked up
    assert changed(fresh.delete) == (True, False)


@pytest.mark.parametrize(
    "link",
    [
        lambda r: r.idea.authors.add(r.mate),
        lambda r: r.mate.ideas_authored.add(r.idea),  # from the membership's side
        lambda r: r.idea.authors.clear(),  # the pupil who wrote it
        lambda r: r.task.owners.add(r.mate),
        lambda r: r.mate.tasks_owned.add(r.task),
        lambda r: r.project.needs.add(r.need),
        lambda r: r.need.projects.add(r.project),  # from the need's side
        lambda r: r.decision.options.add(r.idea),
    ],
    ids=[
        "idea-authors-add",
        "membership-ideas-add",
        "idea-authors-clear",
        "task-owners-add",
        "membership-tasks-add",
        "project-needs-add",
        "need-projects-add",
        "decision-options-add",
    ],
)
def test_linking_rows_changes_the_version(rows, changed, link):
    assert changed(lambda: link(rows)) == (True, False)


def test_removing_a_task_owner_changes_the_version(rows, changed):
    rows.task.owners.add(rows.pupil)
    assert changed(lambda: rows.task.owners.remove(rows.pupil)) == (True, False)


def test_a_rolled_back_write_does_not_change_the_version(school, rows, changed):
    def write_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            NeedFactory(school=school, author=rows.pupil)
            raise RuntimeError("the service failed after writing")

    assert changed(write_then_fail) == (False, False)


def test_the_school_is_read_from_loaded_parents_without_a_query(rows, django_assert_num_queries):
    attendance = Attendance(session=rows.session, membership=rows.pupil)
    with django_assert_num_queries(0):
        assert school_id_of(attendance) == rows.school.pk


def test_an_unloaded_parent_costs_one_lookup(rows, django_assert_num_queries):
    attendance = Attendance(session_id=rows.session.pk, membership=rows.pupil)
    with django_assert_num_queries(1):
        assert school_id_of(attendance) == rows.school.pk


def test_a_row_whose_parent_is_gone_is_skipped(rows):
    backing = Backing(need_id=rows.need.pk, membership=rows.pupil)
    rows.need.delete()
    assert school_id_of(backing) is None


def test_deleting_a_need_with_its_backings_changes_the_version(rows, changed):
    BackingFactory(need=rows.need, membership=rows.pupil)
    assert changed(rows.need.delete) == (True, False)


# Tables the cached reads only display from: an edit there (a renamed person, a reworded question)
# shows within coproschool.freshness.CACHE_SECONDS.
DISPLAY_ONLY = {"people_user", "evaluation_question"}
# Written only in the transaction of a followed row: answers with their response (response_submit).
WRITTEN_WITH_A_FOLLOWED_ROW = {"evaluation_answer"}
# Read by the same calls on every request, not cached: the reports the viewer moderates, join requests.
NOT_CACHED = {"projects_report", "projects_joinrequest"}


def test_the_cached_reads_use_only_tables_the_receivers_follow(rows, staff):
    """Every query the cached reads run, computed afresh, names only tracked tables: a read that starts
    using another table must add its model to SCHOOL_PATHS (or, if it only shows it, to DISPLAY_ONLY)."""
    tracked = {model._meta.db_table for model in (*SCHOOL_PATHS, *LINKS)}
    school = rows.school
    project = project_get(viewer=rows.pupil, pk=rows.project.pk)
    before = SurveyFactory(school=school, project=project, pairing=Pairing.BEFORE)  # the report's survey reads
    SurveyFactory(school=school, project=project, pairing=Pairing.AFTER, twin=before)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        today = timezone.localdate()
        school_report(school=school, start=today.replace(day=1), end=today, audience="staff")
        dashboard.board_cards(viewer=staff)
        dashboard.stage_counts(school=school)
        dashboard.uninvolved_pupil_ids(school=school)
        dashboard.pupil_forms(school=school)
        dashboard.needs_you(viewer=staff)
        votes_waiting_for(rows.pupil)
        project_page(viewer=rows.pupil, project=project)
        live_project_report(project=project)
    tables = {table for query in queries for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])}
    assert tables - tracked - DISPLAY_ONLY - WRITTEN_WITH_A_FOLLOWED_ROW - NOT_CACHED == set()
