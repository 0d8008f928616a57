"""Pickers that scale: pupils, members and needs chosen by a type-ahead search, with or without JavaScript."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from coproschool.pickers import MAX_RESULTS
from projects.models import Goal, Idea, PeerRoleKind, Stage
from tests.factories import NeedFactory, ProjectMembershipFactory, PupilFactory, SchoolFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _search(client, url, name, q, mode="one", **extra):
    return client.get(url, {"name": name, "mode": mode, f"{name}_q": q, **extra})


def _result_values(response) -> list[str]:
    return re.findall(r'id="[^"]*_result_\d+"', response.content.decode())


def test_pupil_search_finds_this_schools_pupils_only(client_for, school, staff):
    PupilFactory(school=school, user__first_name="Amira", user__last_name="Khan")
    PupilFactory(school=SchoolFactory(), user__first_name="Amira", user__last_name="Other")
    StaffFactory(school=school, user__first_name="Amira", user__last_name="Teacher")
    response = _search(client_for(staff), reverse("people:pupil_search"), "pupil", "amira")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Amira Khan" in page
    assert "Other" not in page and "Teacher" not in page
    assert "1 match." in page


def test_search_needs_two_letters_and_caps_its_results(client_for, school, staff):
    for n in range(MAX_RESULTS + 5):
        PupilFactory(school=school, user__first_name=f"Sam{n}", user__last_name="Lee")
    client = client_for(staff)
    url = reverse("people:pupil_search")
    assert _result_values(_search(client, url, "pupil", "s")) == []
    capped = _search(client, url, "pupil", "sam lee")
    assert len(_result_values(capped)) == MAX_RESULTS
    assert f"the first {MAX_RESULTS}: type more" in capped.content.decode()


def test_pupils_cannot_search_the_school_roll(client_for, pupil):
    assert client_for(pupil).get(reverse("people:pupil_search"), {"name": "pupil"}).status_code == 403


def test_member_search_is_the_projects_members_and_404_for_another_school(client_for, project, lead, facilitator):
    ProjectMembershipFactory(project=project, membership__user__first_name="Zoe", membership__user__last_name="In")
    PupilFactory(school=project.school, user__first_name="Zoe", user__last_name="Out")
    url = reverse("projects:member_search", args=[project.pk])
    page = _search(client_for(lead), url, "authors", "zoe", mode="many").content.decode()
    assert "Zoe In" in page and "Zoe Out" not in page
    assert 'type="checkbox"' in page
    outsider = StaffFactory(school=SchoolFactory())
    assert client_for(outsider).get(url).status_code == 404


def test_chosen_items_come_back_as_chips_not_as_matches(client_for, project, lead):
    zoe = ProjectMembershipFactory(project=project, membership__user__first_name="Zoe").membership
    url = reverse("projects:member_search", args=[project.pk])
    page = _search(client_for(lead), url, "authors", "zoe", mode="many", authors=[zoe.pk]).content.decode()
    assert f'id="id_authors_chosen_{zoe.pk}" checked' in page
    assert f"_result_{zoe.pk}" not in page
    assert 'hx-swap-oob="innerHTML"' in page  # the live count outside the swapped list is refreshed too


def test_need_search_lists_open_needs_of_the_school(client_for, school, pupil):
    NeedFactory(school=school, title="Broken fountains")
    NeedFactory(school=SchoolFactory(), title="Broken lockers")
    page = _search(client_for(pupil), reverse("projects:need_search"), "needs", "broken", "many").content.decode()
    assert "Broken fountains" in page and "Broken lockers" not in page


def test_search_button_without_js_keeps_what_was_entered_and_saves_nothing(client_for, school, staff):
    PupilFactory(school=school, user__first_name="Amira", user__last_name="Khan")
    data = {"goal": "Speak at assembly", "steps": "Practise", "pupil_q": "amir", "_picker_search": "pupil"}
    response = client_for(staff).post(reverse("projects:goal_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Speak at assembly"' in page and "Practise" in page
    assert "Amira Khan" in page and 'value="amir"' in page
    assert "is-invalid" not in page  # a search is no failed submission
    assert not Goal.objects.exists()


def test_a_pupil_chosen_in_the_picker_is_saved_on_the_goal(client_for, school, staff):
    amira = PupilFactory(school=school)
    response = client_for(staff).post(reverse("projects:goal_create"), {"pupil": amira.pk, "goal": "Lead a meeting"})
    assert response.status_code == 302
    assert Goal.objects.get().pupil == amira


def test_another_schools_pupil_cannot_be_posted(client_for, staff):
    other = PupilFactory(school=SchoolFactory())
    response = client_for(staff).post(reverse("projects:goal_create"), {"pupil": other.pk, "goal": "Lead a meeting"})
    assert response.status_code == 200 and not Goal.objects.exists()


def test_several_authors_and_a_peer_role_save(client_for, ready_project, lead, facilitator, move_to):
    designing = move_to(ready_project, Stage.CO_DESIGN)
    zoe = ProjectMembershipFactory(project=designing).membership
    client = client_for(lead)
    idea = {"title": "Refill station", "description": "A tap", "who_it_helps": "All", "authors": [lead.pk, zoe.pk]}
    assert client.post(reverse("projects:idea_create", args=[designing.pk]), idea).status_code == 302
    assert set(Idea.objects.get().authors.all()) == {lead, zoe}
    role = {"kind": PeerRoleKind.choices[0][0], "holder": zoe.pk, "supports": ""}
    assert client.post(reverse("projects:peer_roles", args=[designing.pk]), role).status_code == 302
    assert designing.peer_roles.get().holder == zoe


def test_the_forms_show_a_search_input_and_no_dropdown_of_every_pupil(client_for, ready_project, lead, move_to):
    designing = move_to(ready_project, Stage.CO_DESIGN)
    page = client_for(lead).get(reverse("projects:idea_create", args=[designing.pk])).content.decode()
    assert 'type="search"' in page and 'name="authors_q"' in page
    assert f"{lead.user.display_name} (pupil)" in page  # the author chosen by default, as a chip
    assert '<select name="authors"' not in page


def test_no_hold_ctrl_control_anywhere():
    roots = [Path(settings.BASE_DIR) / app for app in ("coproschool", "people", "projects", "evaluation", "front")]
    roots.append(Path(settings.BASE_DIR) / "templates")
    files = [p for root in roots for p in root.rglob("*") if p.suffix in {".py", ".html"}]
    assert files
    assert [str(p) for p in files if "hold ctrl" in p.read_text().lower()] == []
