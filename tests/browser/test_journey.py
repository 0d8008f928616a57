"""The whole co-production journey through the browser, one person per browser context.

A pupil raises a need, two others back it, staff open a project from it, the pupils join and add
ideas, the group votes, the task is done, the after-survey is answered, and the leader opens the
project report and downloads its PDF. Only the setup (people in a school) and the scheduler's closing
of the vote use the ORM; every step a person takes goes through the pages.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from evaluation.models import Response, Survey
from projects.models import Ballot, Need, Project, ProjectRole, Stage, StageTransition, TaskStatus
from projects.services.voting import decisions_close_due
from tests.browser.conftest import SCREENSHOTS
from tests.factories import LeaderFactory, PupilFactory, StaffFactory
from tests.holding import held_flush

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

TITLE = "Shorter lunch queues"


@pytest.fixture
def people():
    raiser = PupilFactory(user__username="amara", user__first_name="Amara", user__last_name="Lead")
    school = raiser.school
    return {
        "raiser": raiser,
        "backers": [
            PupilFactory(school=school, user__username=name, user__first_name=name.title(), user__last_name="Pupil")
            for name in ("bilal", "chen")
        ],
        "staff": StaffFactory(school=school, user__username="msjones", user__first_name="Ms", user__last_name="Jones"),
        "leader": LeaderFactory(
            school=school, user__username="head", user__first_name="Head", user__last_name="Teacher"
        ),
    }


@pytest.fixture
def open_as(browser, live_server):
    """`open_as(username)`: a new browser context (its own cookies) signed in through the form."""
    contexts = []

    def sign_in(username: str):
        context = browser.new_context(base_url=live_server.url, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Username or email").fill(username)
        page.get_by_label("Password").fill("correct horse battery")
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield sign_in
    for context in contexts:
        context.close()


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"journey-{name}.png", full_page=True)


def _submit(page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def _confirm_on_project_page(page, project: Project, to: Stage) -> None:
    page.goto(f"/projects/{project.pk}/")
    _submit(page, f"Confirm the move to {to.label}")
    page.get_by_text(f"The project moved to {to.label}.").wait_for()


def _propose_on_project_page(page, project: Project, to: Stage) -> None:
    page.goto(f"/projects/{project.pk}/")
    _submit(page, f"Propose moving to {to.label}")
    page.get_by_text("it waits for confirmation").wait_for()


def _propose_on_dashboard(page, to: Stage) -> None:
    page.goto("/dashboard/")
    with page.expect_response(lambda r: "/move/" in r.url):
        page.get_by_role("button", name=f"Propose {to.label} for “{TITLE}”").click()
    page.locator("#board-status").get_by_text("waits for confirmation").wait_for()


def _confirm_on_dashboard(page, to: Stage) -> None:
    page.goto("/dashboard/")
    _submit(page, f"Confirm the move of “{TITLE}”")
    page.get_by_text(f"The project moved to {to.label}.").wait_for()


def test_the_whole_journey(open_as, people):
    raiser, backers = people["raiser"], people["backers"]

    # 1. A pupil raises a need.
    amara = open_as("amara")
    amara.get_by_role("link", name="Needs").first.click()
    amara.get_by_role("link", name="Raise a need").first.click()
    amara.get_by_label("Title").fill("The lunch queue takes half of lunchtime")
    amara.get_by_label("What is wrong").fill("We queue for 25 minutes and have 10 minutes left to eat.")
    amara.get_by_label("Who it affects").fill("Everyone in Years 7 and 8")
    amara.get_by_label("Category").select_option("facilities")
    _submit(amara, "Raise it")
    need = Need.objects.get(author=raiser)
    _shot(amara, "1-need-raised")

    # 2. Two other pupils back it (htmx, in place).
    pupils = {}
    for backer in backers:
        page = pupils[backer.pk] = open_as(backer.user.username)
        page.goto("/needs/")
        page.get_by_role("button", name="Back this").click()
        page.get_by_role("button", name="Withdraw my backing").wait_for()
    assert need.backings.count() == 3  # the raiser backs their own need

    # 3. Staff open a project from the need; the pupils ask to join, staff accept and make Amara lead.
    staff = open_as("msjones")
    staff.goto(f"/needs/{need.pk}/")
    staff.get_by_role("link", name="Start a project from this need").click()
    staff.get_by_label("Title").fill(TITLE)
    staff.get_by_label("Summary").fill("Find a way to serve lunch faster.")
    _submit(staff, "Start the project")
    project = Project.objects.get(title=TITLE)
    assert project.role_of(people["staff"]) == ProjectRole.FACILITATOR
    for page in [amara, *pupils.values()]:
        page.goto(f"/projects/{project.pk}/")
        page.get_by_role("link", name="Ask to join this project").click()
        _submit(page, "Ask to join")
    staff.goto(f"/projects/{project.pk}/")
    for _ in range(3):
        with staff.expect_navigation():
            staff.get_by_role("button", name="Accept", exact=True).first.click()
    staff.locator("li", has_text="Amara Lead").get_by_role("button", name="Make lead").click()
    staff.get_by_text("Role changed.").wait_for()
    staff.get_by_role("link", name="Edit project").click()
    staff.get_by_label("What you get back").fill("A certificate, and lunch that is not spent queueing.")
    _submit(staff, "Save")
    _shot(staff, "3-project-open")

    # 4. Co-design: the facilitator proposes on the dashboard, the pupil lead confirms.
    _propose_on_dashboard(staff, Stage.CO_DESIGN)
    _confirm_on_project_page(amara, project, Stage.CO_DESIGN)

    # 5. Pupils add ideas; the facilitator shortlists them.
    for backer, idea in zip(backers, ["Two serving hatches", "Staggered lunch times"], strict=True):
        page = pupils[backer.pk]
        page.goto(f"/projects/{project.pk}/ideas/new/")
        page.get_by_label("Title").fill(idea)
        page.get_by_label("Description").fill(f"{idea}, so the queue moves faster.")
        page.get_by_label("Who it helps").fill("Everyone who eats lunch")
        _submit(page, "Add the idea")
    staff.goto(f"/projects/{project.pk}/ideas/")
    for idea in ["Two serving hatches", "Staggered lunch times"]:
        staff.get_by_role("button", name=re.compile(rf"^Shortlist\b.*{idea}")).click()
        staff.get_by_role("button", name=re.compile(rf"^Shortlisted\b.*{idea}")).wait_for()

    # 6. Co-decide: the pupil lead proposes, the facilitator confirms from "Needs you now".
    _propose_on_project_page(amara, project, Stage.CO_DECIDE)
    _confirm_on_dashboard(staff, Stage.CO_DECIDE)

    # 7. The group votes.
    staff.goto(f"/projects/{project.pk}/decisions/new/")
    staff.get_by_label("Title").fill("How do we make the queue shorter?")
    staff.get_by_label("Approval voting (vote for any number of ideas)").check()
    staff.get_by_label("Two serving hatches").check()
    staff.get_by_label("Staggered lunch times").check()
    now = timezone.localtime()
    staff.get_by_label("Voting opens").fill((now - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"))
    staff.get_by_label("Voting closes").fill((now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    _submit(staff, "Set up the decision")
    decision_url = staff.url
    for page, choice in [(amara, "Two serving hatches"), *[(p, "Staggered lunch times") for p in pupils.values()]]:
        page.goto(decision_url)
        page.get_by_label(choice).check()
        page.get_by_role("button", name="Cast my vote").click()
        page.get_by_text("Your vote is in").wait_for()
    held_flush()
    assert Ballot.objects.count() == 3
    assert decisions_close_due(now=timezone.now() + timedelta(days=2)) == 1  # what the scheduler does at closing time
    amara.goto(decision_url)
    amara.get_by_role("heading", name="Result").wait_for()
    _shot(amara, "7-vote-result")

    # 8. Co-deliver: the facilitator plans the after-survey and a task; the lead does the task.
    _propose_on_dashboard(staff, Stage.CO_DELIVER)
    _confirm_on_project_page(amara, project, Stage.CO_DELIVER)
    staff.goto("/surveys/manage/new/")
    staff.get_by_label("Title").fill("After: shorter lunch queues")
    staff.get_by_label("Who answers").select_option("project")
    staff.get_by_label("Project").select_option(str(project.pk))
    staff.get_by_label("Before/after pairing").select_option("after")
    _submit(staff, "Create and add questions")
    _submit(staff, "Add question")
    staff.get_by_role("textbox", name="Question").fill("Lunchtime feels calmer now.")
    _submit(staff, "Save question")
    staff.goto(f"/projects/{project.pk}/tasks/new/")
    staff.get_by_label("Title").fill("Trial the second hatch for a week")
    staff.get_by_label("Amara Lead").check()
    _submit(staff, "Add the task")
    amara.goto(f"/projects/{project.pk}/tasks/")
    amara.get_by_text("Move this task").click()
    amara.get_by_label("Move to").select_option("done")
    with amara.expect_response(lambda r: "/status/" in r.url):
        amara.get_by_role("button", name="Move “Trial the second hatch for a week”").click()
    assert project.tasks.get().status == TaskStatus.DONE

    # 9. Co-evaluate opens the after-survey; a pupil answers it from their home page.
    _propose_on_project_page(amara, project, Stage.CO_EVALUATE)
    _confirm_on_dashboard(staff, Stage.CO_EVALUATE)
    survey = Survey.objects.get(project=project)
    assert survey.status == "open"
    chen = pupils[backers[1].pk]
    chen.goto("/")
    chen.get_by_role("link", name="After: shorter lunch queues").click()
    chen.get_by_role("link", name="Start", exact=True).click()
    chen.get_by_role("radio", name="Agree", exact=True).check()
    _submit(chen, "Check my answers")
    _submit(chen, "Send my answers")
    held_flush()
    assert Response.objects.filter(survey=survey).count() == 1
    assert list(StageTransition.objects.filter(project=project).values_list("to_stage", flat=True)) == [
        Stage.CO_DESIGN,
        Stage.CO_DECIDE,
        Stage.CO_DELIVER,
        Stage.CO_EVALUATE,
    ]

    # 10. The leader opens the project report and downloads its PDF (made by a task, eager in tests).
    head = open_as("head")
    head.goto(f"/reports/projects/{project.pk}/")
    assert head.get_by_role("heading", level=1).inner_text() == f"Evaluation report: {TITLE}"
    _shot(head, "10-project-report")
    head.get_by_role("button", name="Make PDF").click()
    link = head.get_by_role("link", name="Download the PDF")
    link.wait_for(timeout=60_000)
    with head.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
