"""Universal participation in a browser (issue 21): staff invite a form of unheard pupils in one action and
the report counts who took part; a need's named answerer answers and the pupil who raised it sees the
answer and is told; easy read shows a ballot one idea per screen."""

from datetime import timedelta

import pytest
from django.utils import timezone

from evaluation.invitations.services import invitation_answer
from evaluation.models import Invitation
from projects.services import answering, needs
from tests.browser.conftest import PHONE, screenshots_at_both_widths
from tests.browser.test_read_aloud import RECORD_SPEECH
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    LeaderFactory,
    NeedFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    StaffFactory,
)
from tests.holding import held_flush

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
PASSWORD = "correct horse battery"


def _sign_in_elsewhere(browser, live_server, login: str):
    """Another person on another device: a fresh context with no cookies."""
    context = browser.new_context(viewport=PHONE)
    other = context.new_page()
    other.goto(f"{live_server.url}/accounts/login/")
    other.get_by_label("Username or email").fill(login)
    other.get_by_label("Password").fill(PASSWORD)
    other.get_by_role("button", name="Sign in", exact=True).click()
    other.wait_for_load_state()
    return context, other


def test_staff_invite_one_form_of_unheard_pupils_at_once_and_the_report_counts_who_took_part(
    page, live_server, sign_in, browser
):
    staff = StaffFactory(user__username="okafor", user__first_name="Ada", user__last_name="Okafor")
    school = staff.school
    form_8c = [PupilFactory(school=school, year_group=8, form="8C", user__username=f"c{n}") for n in range(5)]
    year_9 = PupilFactory(school=school, year_group=9, form="9A")
    need = NeedFactory(school=school, title="Broken fountains", author=StaffFactory(school=school))

    sign_in("okafor")
    page.goto(f"{live_server.url}/dashboard/")
    filters = page.get_by_role("form", name="Filter pupils not involved yet")
    filters.get_by_label("Year group").select_option("8")
    filters.get_by_label("Form").select_option("8C")
    filters.get_by_role("button", name="Show pupils").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Invite these pupils to a project, a need or a survey").click()
    page.wait_for_load_state()
    page.get_by_label("Select all 5 shown").check()
    page.get_by_label("Invite them to").select_option(f"need:{need.pk}")
    page.get_by_label("A personal line (optional)").fill("We'd love your view on this.")
    screenshots_at_both_widths(page, "reach-invite")
    page.get_by_role("button", name="Send invitations").click()
    page.wait_for_load_state()
    assert "5" in page.locator(".alert").first.inner_text()
    invited = Invitation.objects.filter(need=need)
    assert sorted(invited.values_list("pupil_id", flat=True)) == sorted(p.pk for p in form_8c)
    assert not Invitation.objects.filter(pupil=year_9).exists()

    device, pupil_page = _sign_in_elsewhere(browser, live_server, "c0")
    invitation = pupil_page.get_by_role("region", name="You are invited")
    assert "Ada Okafor asks you to have a look at Broken fountains" in " ".join(invitation.inner_text().split())
    assert "We'd love your view on this." in invitation.inner_text()
    screenshots_at_both_widths(pupil_page, "reach-invitation-on-home")
    invitation.get_by_role("button", name="Yes, I'll join").click()  # one tap
    pupil_page.wait_for_load_state()
    assert pupil_page.get_by_role("heading", level=1).inner_text() == "Broken fountains"
    pupil_page.get_by_role("button", name="Back this").click()
    pupil_page.wait_for_load_state()
    device.close()
    # The four others take part through the same services the pages call.
    for pupil in form_8c[1:]:
        invitation_answer(invitation=invited.get(pupil=pupil), pupil=pupil, accept=True)
        needs.need_back(need=need, membership=pupil)
    assert invited.filter(took_part_at__isnull=False).count() == 5

    page.goto(f"{live_server.url}/reports/school/?refresh=1")
    uptake = page.get_by_role("table", name="Pupils invited in the term, and how many then took part")
    rows = {
        row.locator("th").inner_text(): row.locator("td").last.inner_text() for row in uptake.locator("tbody tr").all()
    }
    assert rows["Pupils invited"] == "5"
    assert rows["Then took part"] == "100% (5)"
    screenshots_at_both_widths(page, "reach-report")


def test_the_named_answerer_answers_needs_and_the_pupil_who_raised_them_sees_the_answers(
    page, live_server, sign_in, browser
):
    answerer = StaffFactory(user__username="nia", user__first_name="Nia", user__last_name="Evans")
    school = answerer.school
    leader = LeaderFactory(school=school)
    answering.need_answering_set(school=school, actor=leader, answerer=answerer, answer_days=10, heads_of_year={})
    pupil = PupilFactory(school=school, user__username="sam", user__first_name="Sam")

    def raise_need(title):
        return needs.need_raise(
            author=pupil, title=title, problem="It is a problem.", affects="Us", category="facilities"
        )

    declined, later, duplicate, original = (
        raise_need(t) for t in ("Longer lunch", "New lockers", "Water", "Fountains")
    )

    sign_in("nia")
    page.goto(f"{live_server.url}/needs/{declined.pk}/")
    assert "Nia Evans will answer by" in page.inner_text("main")
    page.get_by_role("link", name="Decline").click()
    page.get_by_label("Why is it declined? Everyone can read this.").fill("Lunch times are set by the trust.")
    page.get_by_role("button", name="Decline").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/needs/{later.pk}/")
    page.get_by_role("link", name="Not now…").click()
    page.get_by_label("Not now, because…").fill("The budget for this year is spent.")
    look_again = timezone.localdate() + timedelta(days=30)
    while look_again.weekday() >= 5:  # a school day
        look_again += timedelta(days=1)
    page.get_by_label("We will look again on").fill(look_again.isoformat())
    page.get_by_role("button", name="Answer “not now”").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/needs/{duplicate.pk}/")
    page.get_by_role("link", name="Merge into another need").click()
    page.get_by_label("Merge into").select_option(str(original.pk))
    page.get_by_role("button", name="Merge").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/needs/{original.pk}/")
    page.get_by_role("link", name="Start a project from this need").click()
    page.wait_for_load_state()
    page.get_by_label("Title").fill("Fix the fountains")
    page.get_by_label("Summary").fill("Get the fountains on every floor working.")
    page.get_by_role("button", name="Start the project").click()
    page.wait_for_load_state()

    device, pupil_page = _sign_in_elsewhere(browser, live_server, "sam")
    pupil_page.goto(f"{live_server.url}/needs/{declined.pk}/")
    assert "Lunch times are set by the trust." in pupil_page.inner_text("main")
    screenshots_at_both_widths(pupil_page, "reach-need-declined")
    pupil_page.goto(f"{live_server.url}/needs/{later.pk}/")
    text = " ".join(pupil_page.inner_text("main").split())
    assert "Not now. The budget for this year is spent." in text
    assert f"we will look again on {look_again.strftime('%a')} {look_again.day} {look_again.strftime('%b %Y')}" in text
    screenshots_at_both_widths(pupil_page, "reach-need-not-now")
    pupil_page.goto(f"{live_server.url}/needs/{duplicate.pk}/")
    assert "Merged into Fountains" in pupil_page.inner_text("main")
    pupil_page.goto(f"{live_server.url}/needs/{original.pk}/")
    assert "Taken up as a project. Fix the fountains works on it." in " ".join(pupil_page.inner_text("main").split())
    screenshots_at_both_widths(pupil_page, "reach-need-in-project")
    pupil_page.goto(f"{live_server.url}/inbox/")
    inbox = " ".join(pupil_page.inner_text("main").split())
    for title in ("Longer lunch", "New lockers", "Water", "Fountains"):
        assert title in inbox, f"no notification about {title}"
    screenshots_at_both_widths(pupil_page, "reach-inbox")
    device.close()


def test_easy_read_shows_a_ballot_one_idea_per_screen_then_check_and_cast(page, live_server, sign_in):
    project = ProjectFactory(title="Quiet room")
    school = project.school
    reader = PupilFactory(
        school=school, user__username="ola", user__easy_read=True, user__easy_read_offer_answered=True
    )
    ProjectMembershipFactory(project=project, membership=reader)
    ideas = [
        IdeaFactory(project=project, is_shortlisted=True, title=title, description=f"We could {title.lower()}.")
        for title in ("Beanbags", "Plants", "A fish tank")
    ]
    decision = DecisionFactory(project=project, options=ideas, title="What goes in the quiet room?")

    page.add_init_script(RECORD_SPEECH)
    sign_in("ola")
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    page.get_by_role("link", name="Start with idea 1 of 3").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Idea 1 of 3"
    assert page.get_by_role("heading", name="Beanbags").is_visible()
    assert not page.get_by_text("Plants").count()  # one idea per screen
    page.get_by_role("button", name="Read aloud").click()
    assert page.evaluate("window.__spoken.at(-1).text") == "Beanbags. We could beanbags. It helps: Everyone."
    screenshots_at_both_widths(page, "reach-ballot-idea-1")
    page.get_by_label("Yes, I support it").check()
    page.get_by_role("button", name="Next idea").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Idea 2 of 3"
    page.get_by_role("button", name="Next idea").click()  # Plants: not ticked
    page.wait_for_load_state()
    page.get_by_label("Yes, I support it").check()
    page.get_by_role("button", name="Back").click()  # back to Plants, then on again: the ticks stay
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Plants").is_visible()
    assert not page.get_by_label("Yes, I support it").is_checked()
    page.get_by_role("button", name="Next idea").click()
    page.wait_for_load_state()
    assert page.get_by_label("Yes, I support it").is_checked()
    page.get_by_role("button", name="Check my choices").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Check and cast"
    choices = [" ".join(item.inner_text().split()) for item in page.locator("main ol > li").all()]
    assert choices[0].startswith("Beanbags") and "Yes, I support it" in choices[0]
    assert choices[1].startswith("Plants") and choices[1].endswith("No Change")
    assert "Yes, I support it" in choices[2]
    screenshots_at_both_widths(page, "reach-ballot-check")
    page.get_by_role("button", name="Cast my vote").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Your vote is in").is_visible()
    screenshots_at_both_widths(page, "reach-ballot-cast")
    held_flush()
    assert sorted(decision.ballots.get().choices) == sorted([ideas[0].pk, ideas[2].pk])
