"""Task board and session pages: access (outsider 404, wrong role 403), htmx and no-JS moves, query counts."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from projects.models import Attendance, Task, TaskStatus
from projects.views.common import PER_PAGE
from tests.factories import (
    ProjectMembershipFactory,
    PupilFactory,
    SchoolFactory,
    SessionFactory,
    StaffFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(project):
    return ProjectMembershipFactory(project=project).membership


@pytest.fixture
def task(project, member):
    return TaskFactory(project=project, owners=[member], title="Measure the fountains")


@pytest.fixture
def session(project):
    return SessionFactory(project=project)


def _url(name, *args):
    return reverse(f"projects:{name}", args=[a.pk if hasattr(a, "pk") else a for a in args])


@pytest.mark.parametrize(
    ("name", "obj"),
    [
        ("task_board", "project"),
        ("task_create", "project"),
        ("task_detail", "task"),
        ("session_list", "project"),
        ("session_create", "project"),
        ("session_detail", "session"),
        ("session_edit", "session"),
        ("peer_roles", "project"),
    ],
)
def test_another_schools_objects_are_a_404(client_for, project, task, session, name, obj):
    outsider = StaffFactory(school=SchoolFactory())
    target = {"project": project, "task": task, "session": session}[obj]
    assert client_for(outsider).get(_url(name, target)).status_code == 404


def test_moving_another_schools_task_is_a_404(client_for, task):
    outsider = StaffFactory(school=SchoolFactory())
    assert client_for(outsider).post(_url("task_set_status", task), {"status": "done"}).status_code == 404
    assert Task.objects.get().status == TaskStatus.TODO


@pytest.mark.parametrize(
    ("name", "obj", "method"),
    [
        ("task_create", "project", "get"),
        ("task_set_status", "task", "post"),
        ("session_list", "project", "get"),
        ("session_detail", "session", "get"),
        ("session_create", "project", "get"),
    ],
)
def test_a_pupil_outside_the_project_gets_a_403(client_for, project, task, session, name, obj, method):
    target = {"project": project, "task": task, "session": session}[obj]
    client = client_for(PupilFactory(school=project.school))
    response = getattr(client, method)(_url(name, target), {"status": "done"} if method == "post" else None)
    assert response.status_code == 403


def test_a_member_who_does_not_own_a_task_cannot_move_it(client_for, project, task):
    other = ProjectMembershipFactory(project=project).membership
    assert client_for(other).post(_url("task_set_status", task), {"status": "done"}).status_code == 403


def test_a_plain_member_cannot_plan_sessions_or_take_attendance(client_for, project, member, session):
    client = client_for(member)
    assert client.get(_url("session_create", project)).status_code == 403
    assert client.get(_url("session_detail", session)).status_code == 200
    response = client.post(_url("session_detail", session), {"form": "attendance", f"member_{member.pk}": "present"})
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_owner_moves_a_task_without_javascript(client_for, project, task, member):
    response = client_for(member).post(_url("task_set_status", task), {"status": "doing"})
    assert response.status_code == 302 and response.url == _url("task_board", project)
    assert Task.objects.get().status == TaskStatus.DOING


def test_htmx_move_returns_the_board_in_place(client_for, task, member):
    response = client_for(member).post(_url("task_set_status", task), {"status": "done"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<div id="board"')
    assert "<html" not in html
    assert Task.objects.get().status == TaskStatus.DONE


def test_deferring_without_a_reason_is_refused_with_a_message(client_for, task, member):
    response = client_for(member).post(_url("task_set_status", task), {"status": "deferred"}, follow=True)
    assert "Say why the task is deferred." in response.content.decode()
    assert Task.objects.get().status == TaskStatus.TODO


def test_board_runs_constant_queries(client_for, project, member, assert_constant_queries):
    def add_tasks(n):
        for i in range(n):
            TaskFactory(project=project, owners=[member], status=["todo", "doing", "done"][i % 3])

    assert_constant_queries(client_for(member), _url("task_board", project), add_tasks)


def test_lead_takes_attendance_and_adds_an_action(client_for, project, lead, member, session):
    client = client_for(lead)
    client.post(_url("session_detail", session), {"form": "attendance", f"member_{member.pk}": "excused"})
    assert Attendance.objects.get(membership=member).status == "excused"
    client.post(
        _url("session_detail", session), {"form": "action", "title": "Write to the council", "owners": [member.pk]}
    )
    action = Task.objects.get(session=session)
    assert list(action.owners.all()) == [member]


def test_project_page_links_to_the_board_with_open_tasks(client_for, project, task, member):
    page = client_for(member).get(_url("project_detail", project)).content.decode()
    assert "Task board (1 open)" in page


def test_pupil_home_lists_my_tasks(client_for, task, member):
    page = client_for(member).get("/").content.decode()
    assert "My tasks" in page and "Measure the fountains" in page


def test_only_leads_and_facilitators_give_peer_roles(client_for, project, member, lead):
    data = {"kind": "buddy", "holder": member.pk, "supports": lead.pk}
    assert client_for(member).post(_url("peer_roles", project), data).status_code == 403
    assert client_for(lead).post(_url("peer_roles", project), data).status_code == 302
    assert project.peer_roles.get().holder == member


def test_a_member_who_does_not_own_a_task_cannot_edit_it_or_tick_its_checklist(client_for, project, task):
    item = task.checklist.create(text="Measure")
    other = ProjectMembershipFactory(project=project).membership
    client = client_for(other)
    assert client.get(_url("task_detail", task)).status_code == 200
    assert client.post(_url("task_detail", task), {"title": "Hijacked"}).status_code == 403
    assert client.post(_url("checklist_toggle", task, item)).status_code == 403
    item.refresh_from_db()
    assert not item.is_done and Task.objects.get().title == "Measure the fountains"


def test_owner_ticks_the_checklist(client_for, task, member):
    item = task.checklist.create(text="Measure")
    client_for(member).post(_url("checklist_toggle", task, item))
    item.refresh_from_db()
    assert item.is_done


def test_the_sessions_list_pages_newest_first(client_for, project, lead):
    first_day = date(2026, 9, 1)
    for offset in range(PER_PAGE + 1):
        SessionFactory(project=project, held_on=first_day + timedelta(days=offset), place=f"Room {offset}")
    url = reverse("projects:session_list", args=[project.pk])
    first_page = client_for(lead).get(url).context["page"]
    second_page = client_for(lead).get(url + "?page=2").context["page"]
    assert first_page.object_list[0].place == f"Room {PER_PAGE}"
    assert [session.place for session in second_page.object_list] == ["Room 0"]


def _card(html: str, task) -> str:
    """The markup of one task's card on the board."""
    start = html.index(f'aria-labelledby="task-{task.pk}"')
    return html[start : html.index("</article>", start)]


def test_htmx_deferring_without_a_reason_shows_the_error_on_that_task_and_nowhere_later(client_for, project, member):
    task, other = TaskFactory(project=project, owners=[member]), TaskFactory(project=project, owners=[member])
    client = client_for(member)
    response = client.post(_url("task_set_status", task), {"status": "deferred"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200  # htmx swaps it in
    assert "Say why the task is deferred." in _card(html, task)
    assert "Say why the task is deferred." not in _card(html, other)
    assert '<option value="deferred" selected>' in _card(html, task)  # what was chosen stays chosen
    assert "Say why the task is deferred." not in client.get(_url("task_board", project)).content.decode()
    assert Task.objects.get(pk=task.pk).status == TaskStatus.TODO


def test_deferring_without_javascript_and_without_a_reason_shows_the_board_with_the_error_on_the_task(
    client_for, task, member
):
    response = client_for(member).post(_url("task_set_status", task), {"status": "deferred", "reason": " "})
    assert response.status_code == 422
    card = _card(response.content.decode(), task)
    assert "Say why the task is deferred." in card and 'aria-invalid="true"' in card


def test_htmx_move_says_what_happened_in_the_status_region(client_for, task, member):
    html = client_for(member).post(_url("task_set_status", task), {"status": "doing"}, HTTP_HX_REQUEST="true").text
    assert 'id="board-status" hx-swap-oob="true"' in html and "“Measure the fountains” is now doing." in html


def test_a_done_task_shows_its_steps_done(client_for, project, task, member):
    for text in ("Measure", "Write up", "Share"):
        task.checklist.create(text=text)
    client = client_for(member)
    client.post(_url("task_set_status", task), {"status": "done"})
    assert "3/3 steps" in _card(client.get(_url("task_board", project)).content.decode(), task)


def test_a_past_due_date_is_refused_when_adding_a_task(client_for, project, member):
    response = client_for(member).post(_url("task_create", project), {"title": "Late", "due_on": "2020-01-01"})
    assert response.status_code == 200 and "Choose a due date from today on" in response.content.decode()
    assert not Task.objects.filter(title="Late").exists()


def test_due_dates_show_the_year_when_not_this_year_and_overdue_when_past_and_not_done(client_for, project, member):
    today = date.today()
    old = TaskFactory(project=project, owners=[member], title="Old", due_on=date(2020, 1, 1))
    done = TaskFactory(project=project, owners=[member], status="done", due_on=today - timedelta(days=1))
    soon = TaskFactory(project=project, owners=[member], due_on=today + timedelta(days=1))
    board = client_for(member).get(_url("task_board", project)).content.decode()
    assert "due 1 Jan 2020" in _card(board, old) and "overdue" in _card(board, old)
    assert "overdue" not in _card(board, done)
    soon_text = f"due {soon.due_on.day} {soon.due_on:%b}"
    assert (soon_text + (f" {soon.due_on.year}" if soon.due_on.year != today.year else "")) in _card(board, soon)
    assert "overdue" not in _card(board, soon)
    assert "Due 1 Jan 2020" in client_for(member).get(_url("task_detail", old)).content.decode()
    assert "due 1 Jan 2020" in client_for(member).get("/").content.decode()  # "My tasks" on the pupil home


def test_ticking_a_step_twice_from_two_tabs_leaves_it_ticked_and_untick_sets_it_back(client_for, task, member):
    item = task.checklist.create(text="Measure")
    client = client_for(member)
    assert 'name="done" value="1"' in client.get(_url("task_detail", task)).content.decode()
    for _tab in range(2):
        client.post(_url("checklist_toggle", task, item), {"done": "1"})
    item.refresh_from_db()
    assert item.is_done
    assert 'name="done" value="0"' in client.get(_url("task_detail", task)).content.decode()
    for _tab in range(2):
        client.post(_url("checklist_toggle", task, item), {"done": "0"})
    item.refresh_from_db()
    assert not item.is_done
