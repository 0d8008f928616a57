"""Personal goals (pupil, that staff member, linked parents only), the portfolio and the record of achievement."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from people.models import ConsentStatus
from projects.models import Attendance, GoalNote, PeerRole, ProjectRole, TaskStatus, VoterRecord
from projects.services.voting import ballot_cast
from tests.factories import (
    BackingFactory,
    DecisionFactory,
    GoalFactory,
    GuardianLinkFactory,
    IdeaCommentFactory,
    IdeaFactory,
    LeaderFactory,
    NeedCommentFactory,
    NeedFactory,
    ParentFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SchoolFactory,
    SessionFactory,
    StaffFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(pupil):
    return GoalFactory(pupil=pupil, goal="Chair a project meeting")


def _url(name, obj):
    return reverse(f"projects:{name}", args=[obj.pk])


def test_pupil_staff_member_and_linked_parent_see_the_goal(client_for, goal, pupil):
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    for viewer in (pupil, goal.staff, parent):
        assert client_for(viewer).get(_url("goal_detail", goal)).status_code == 200, viewer
        assert "Chair a project meeting" in client_for(viewer).get(reverse("projects:goal_list")).content.decode()


@pytest.mark.parametrize("who", ["other staff", "other pupil", "unlinked parent", "leader"])
def test_nobody_else_sees_the_goal(client_for, goal, school, who):
    viewer = {
        "other staff": StaffFactory,
        "other pupil": PupilFactory,
        "unlinked parent": ParentFactory,
        "leader": LeaderFactory,
    }[who](school=school)
    assert client_for(viewer).get(_url("goal_detail", goal)).status_code == 403
    assert "Chair a project meeting" not in client_for(viewer).get(reverse("projects:goal_list")).content.decode()


def test_another_schools_goal_is_a_404(client_for, goal):
    assert client_for(StaffFactory(school=SchoolFactory())).get(_url("goal_detail", goal)).status_code == 404


def test_a_parent_reads_but_does_not_write_progress_notes(client_for, goal, pupil):
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    assert client_for(parent).post(_url("goal_detail", goal), {"body": "Proud!"}).status_code == 403
    client_for(pupil).post(_url("goal_detail", goal), {"body": "I chaired the first ten minutes."})
    assert GoalNote.objects.get().author == pupil


def test_only_that_staff_member_marks_the_goal_met(client_for, goal, pupil):
    assert client_for(pupil).post(_url("goal_set_met", goal), {"met": "1"}).status_code == 403
    client_for(goal.staff).post(_url("goal_set_met", goal), {"met": "1"})
    goal.refresh_from_db()
    assert goal.met_on is not None


def test_pupils_cannot_set_goals(client_for, pupil):
    assert client_for(pupil).get(reverse("projects:goal_create")).status_code == 403


def test_staff_agree_a_goal_through_the_form(client_for, staff, pupil):
    response = client_for(staff).post(
        reverse("projects:goal_create"), {"pupil": pupil.pk, "goal": "Present to governors"}
    )
    assert response.status_code == 302
    assert pupil.goals.get().staff == staff


@pytest.fixture
def achievements(pupil, project):
    ProjectMembershipFactory(project=project, membership=pupil, role=ProjectRole.LEAD)
    TaskFactory(project=project, owners=[pupil], title="Measured every fountain", status=TaskStatus.DONE)
    TaskFactory(project=project, owners=[pupil], title="Unfinished business")
    ideas = [IdeaFactory(project=project, is_shortlisted=True, title=t) for t in ("Secret choice", "Other choice")]
    decision = DecisionFactory(project=project, options=ideas, title="Fountain vote")
    ballot_cast(decision=decision, voter=pupil, choices=[ideas[0].pk])
    GoalFactory(pupil=pupil, goal="Speak at assembly", met_on="2026-11-20")
    return pupil


def test_portfolio_lists_roles_tasks_decisions_and_goals_but_never_a_choice(client_for, achievements):
    page = client_for(achievements).get(_url("portfolio", achievements)).content.decode()
    assert "Pupil lead in" in page
    assert "Measured every fountain" in page and "Unfinished business" not in page
    assert "Voted in “Fountain vote”" in page and "Secret choice" not in page
    assert "Speak at assembly" in page
    assert "d-print-none" in page


def test_portfolio_is_for_the_pupil_their_parents_and_staff(client_for, pupil, school):
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    for viewer in (pupil, parent, StaffFactory(school=school)):
        assert client_for(viewer).get(_url("portfolio", pupil)).status_code == 200
    for viewer in (PupilFactory(school=school), ParentFactory(school=school)):
        assert client_for(viewer).get(_url("portfolio", pupil)).status_code == 403
    assert client_for(StaffFactory(school=SchoolFactory())).get(_url("portfolio", pupil)).status_code == 404


@pytest.fixture
def everything(achievements, project, school):
    """One of each kind of thing a pupil does, besides the roles, task, vote and goal above."""
    pupil = achievements
    NeedFactory(school=school, author=pupil, title="Broken fountains upstairs")
    BackingFactory(need=NeedFactory(school=school, title="Longer lunch queue"), membership=pupil)
    ProjectFactory(school=school, created_by=pupil, title="Fountain fixers")
    IdeaFactory(project=project, authors=[pupil], created_by=pupil, title="Refill station")
    NeedCommentFactory(need=NeedFactory(school=school, title="Cold classrooms"), author=pupil, body="Room 4 too.")
    IdeaCommentFactory(idea=IdeaFactory(project=project, title="Bottle swap"), author=pupil, body="Love this idea.")
    session = SessionFactory(project=project, place="Science lab")
    Attendance.objects.create(session=session, membership=pupil, status="present")
    Attendance.objects.create(session=SessionFactory(project=project, place="Gym"), membership=pupil, status="absent")
    PeerRole.objects.create(project=project, kind="mentor", holder=pupil, since=date(2026, 10, 1))
    return pupil


def test_portfolio_lists_everything_the_pupil_did(client_for, everything):
    page = client_for(everything).get(_url("portfolio", everything)).content.decode()
    for heading, title in [
        ("Needs raised", "Broken fountains upstairs"),
        ("Needs backed", "Longer lunch queue"),
        ("Projects proposed", "Fountain fixers"),
        ("Projects and roles", "Mentor in"),
        ("Ideas", "Refill station"),
        ("Comments", "Room 4 too."),
        ("Comments", "Love this idea."),
        ("Votes cast", "Fountain vote"),
        ("Tasks done", "Measured every fountain"),
        ("Sessions attended", "Science lab"),
        ("Goals met", "Speak at assembly"),
    ]:
        assert heading in page and title in page, title
    assert "Gym" not in page  # absent is not attended
    assert "Record of achievement (PDF)" in page


def _hide(item):
    item.hidden_at = timezone.now()
    item.hidden_reason = "Off topic"
    item.save()


def test_the_pupil_sees_their_hidden_things_marked_and_nobody_else_sees_them(client_for, pupil, project, school):
    _hide(NeedFactory(school=school, author=pupil, title="A need staff hid"))
    _hide(IdeaFactory(project=project, authors=[pupil], created_by=pupil, title="An idea staff hid"))
    _hide(NeedCommentFactory(need=NeedFactory(school=school), author=pupil, body="A comment staff hid"))
    BackingFactory(need=NeedFactory(school=school, title="Someone's hidden need"), membership=pupil)
    _hide(pupil.backings.get().need)
    own = client_for(pupil).get(_url("portfolio", pupil)).content.decode()
    assert all(text in own for text in ("A need staff hid", "An idea staff hid", "A comment staff hid"))
    assert "Hidden from others" in own
    assert "Someone's hidden need" not in own
    record = " ".join(_pdf_text(client_for(pupil).get(_url("portfolio_record", pupil))).split())
    assert "staff hid" not in record  # the record is taken away and shown to others
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    for viewer in (parent, StaffFactory(school=school)):
        page = client_for(viewer).get(_url("portfolio", pupil)).content.decode()
        assert "staff hid" not in page and "Hidden from others" not in page, viewer


def test_anonymous_needs_and_comments_are_not_shown_to_a_parent(client_for, pupil, school):
    NeedFactory(school=school, author=pupil, hide_author=True, title="A need without my name")
    NeedCommentFactory(need=NeedFactory(school=school), author=pupil, hide_author=True, body="A quiet comment")
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    page = client_for(parent).get(_url("portfolio", pupil)).content.decode()
    assert "A need without my name" not in page and "A quiet comment" not in page
    # The one anonymity rule (Authored.author_visible_to): the pupil and staff know who wrote it.
    for viewer in (pupil, StaffFactory(school=school)):
        page = client_for(viewer).get(_url("portfolio", pupil)).content.decode()
        assert "A need without my name" in page and "A quiet comment" in page, viewer


def _pdf_text(response) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_record_of_achievement_is_a_pdf_with_the_titles(client_for, everything, school):
    response = client_for(everything).get(_url("portfolio_record", everything))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(_pdf_text(response).split())
    assert "Record of achievement" in text and everything.user.display_name in text and school.name in text
    for title in ("Broken fountains upstairs", "Fountain fixers", "Refill station", "Fountain vote", "Science lab"):
        assert title in text, title
    assert "Votes cast 1" in text and "Needs raised 1" in text  # each section with its count
    assert "Secret choice" not in text
    assert f"Produced by coproschool on {timezone.localdate():%-d %B %Y}" in text


def test_record_of_achievement_is_for_the_pupil_their_consenting_parents_and_staff(client_for, pupil, school):
    url = _url("portfolio_record", pupil)
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    for viewer in (pupil, parent, StaffFactory(school=school), LeaderFactory(school=school)):
        assert client_for(viewer).get(url).status_code == 200, viewer
    waiting = GuardianLinkFactory(pupil=pupil, consent_status=ConsentStatus.PENDING).parent
    for viewer in (PupilFactory(school=school), waiting):
        assert client_for(viewer).get(url).status_code == 403, viewer
    assert client_for(StaffFactory(school=SchoolFactory())).get(url).status_code == 404


def _add_of_each_kind(pupil, project, count: int) -> None:
    school = pupil.school
    for n in range(count):
        NeedFactory(school=school, author=pupil, hide_author=n % 2 == 0)
        BackingFactory(need=NeedFactory(school=school), membership=pupil)
        ProjectMembershipFactory(project=ProjectFactory(school=school, created_by=pupil), membership=pupil)
        IdeaFactory(project=project, authors=[pupil], created_by=pupil)
        NeedCommentFactory(need=NeedFactory(school=school), author=pupil)
        IdeaCommentFactory(idea=IdeaFactory(project=project), author=pupil)
        VoterRecord.objects.create(decision=DecisionFactory(project=project), membership=pupil, voted_on=date.today())
        TaskFactory(project=project, owners=[pupil], status=TaskStatus.DONE)
        Attendance.objects.create(session=SessionFactory(project=project), membership=pupil, status="present")
        buddy = PupilFactory(school=school)
        PeerRole.objects.create(project=project, kind="buddy", holder=pupil, supports=buddy, since=date.today())
        GoalFactory(pupil=pupil, met_on=date.today())


@pytest.mark.parametrize("name", ["portfolio", "portfolio_record"])
def test_portfolio_runs_the_same_queries_with_5_and_50_of_each_kind(client_for, pupil, project, school, name):
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    client = client_for(parent)
    url = _url(name, pupil)
    counts = []
    for more in (5, 45):  # 5 of each kind, then 50
        _add_of_each_kind(pupil, project, more)
        client.get(url)  # the session's last-seen write, not measured
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_parent_home_links_to_the_portfolio_of_each_child_with_consent_only(client_for, pupil, school):
    link = GuardianLinkFactory(pupil=pupil, consented=True)
    waiting = GuardianLinkFactory(parent=link.parent, pupil=PupilFactory(school=school))
    home = client_for(link.parent).get(reverse("home")).content.decode()
    assert _url("portfolio", pupil) in home
    assert _url("portfolio", waiting.pupil) not in home


def test_a_pupil_page_links_staff_to_the_portfolio_and_the_record(client_for, pupil, staff):
    page = client_for(staff).get(reverse("people:detail", args=[pupil.pk])).content.decode()
    assert _url("portfolio", pupil) in page and _url("portfolio_record", pupil) in page
    staff_page = client_for(staff).get(reverse("people:detail", args=[staff.pk])).content.decode()
    assert "Record of achievement" not in staff_page  # pupils only
