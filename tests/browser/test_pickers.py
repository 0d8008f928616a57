"""Pickers in a real browser at phone width: type a name, pick by keyboard and by tap, send; axe-checked."""

import pytest
from playwright.sync_api import expect

from projects.models import Goal, Idea, Stage
from tests.browser.conftest import PHONE
from tests.factories import NeedFactory, ProjectMembershipFactory, PupilFactory, SchoolFactory, StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_staff_pick_a_pupil_for_a_goal_by_keyboard(sign_in, check_page, page, live_server):
    staff = StaffFactory(user__username="pickerstaff")
    PupilFactory(school=staff.school, year_group=7, user__first_name="Amira", user__last_name="Khan")
    patel = PupilFactory(school=staff.school, year_group=8, user__first_name="Amir", user__last_name="Patel")
    PupilFactory(school=SchoolFactory(), user__first_name="Amira", user__last_name="Elsewhere")
    sign_in("pickerstaff")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/goals/new/")
    search = page.get_by_role("searchbox", name="Pupil")
    search.press_sequentially("amir")
    expect(page.get_by_role("status").filter(has_text="2 matches")).to_be_visible()
    expect(page.get_by_text("Elsewhere")).to_have_count(0)
    check_page("picker-goal-matches")
    search.press("ArrowDown")  # from the search box to the first match
    expect(page.get_by_role("radio", name="Amira Khan (pupil)")).to_be_focused()
    page.keyboard.press("ArrowDown")  # radios move and tick by arrow
    expect(page.get_by_role("radio", name="Amir Patel (pupil)")).to_be_checked()
    page.locator("#id_goal").fill("Speak at the school council")
    with page.expect_navigation():
        page.locator("#id_goal").press("Enter")  # Enter sends the form, not a search
    assert Goal.objects.get().pupil == patel


def test_pupil_lead_picks_authors_by_click_and_keyboard(sign_in, check_page, page, live_server, project, lead, move_to):
    project.needs.add(NeedFactory(school=project.school))
    project.what_you_get_back = "A certificate."
    project.save()
    move_to(project, Stage.CO_DESIGN)
    zoe = ProjectMembershipFactory(project=project, membership__user__first_name="Zoe").membership
    zak = ProjectMembershipFactory(project=project, membership__user__first_name="Zak").membership
    sign_in(lead.user.username)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/projects/{project.pk}/ideas/new/")
    page.locator("#id_title").fill("Refill station")
    page.get_by_label("Description").fill("A tap by the hall.")
    page.get_by_label("Who it helps").fill("Everyone")
    search = page.get_by_role("searchbox", name="Authors")
    search.press_sequentially("zak")
    expect(page.get_by_role("status").filter(has_text="1 match")).to_be_visible()
    search.press("ArrowDown")  # from the search box to the match
    expect(page.get_by_role("checkbox", name=f"{zak.user.display_name} (pupil)")).to_be_focused()
    page.keyboard.press("Space")
    search.fill("zoe")
    page.get_by_text(f"{zoe.user.display_name} (pupil)").click()
    expect(page.get_by_role("checkbox", name=f"{zoe.user.display_name} (pupil)")).to_be_checked()
    # Zak, ticked before this search, is now a chip: still ticked, removable.
    expect(page.get_by_role("checkbox", name=f"{zak.user.display_name} (pupil) (chosen: untick")).to_be_checked()
    check_page("picker-idea-authors")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the idea", exact=True).click()
    assert set(Idea.objects.get().authors.all()) == {lead, zoe, zak}
