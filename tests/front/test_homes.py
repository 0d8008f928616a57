"""Each role's home page: what it shows, its empty states, and a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluation.models import SurveyCompletion
from projects.models import Project, ProjectRole, Stage, StageProposal, VoterRecord
from projects.selectors import needs as needs_selectors
from projects.services.charter import charter_save
from tests.factories import (
    BackingFactory,
    DecisionFactory,
    GoalFactory,
    GuardianLinkFactory,
    NeedFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    StaffFactory,
    SurveyFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db
HOME = reverse("home")


def _in_project(pupil, stage=Stage.CO_IDENTIFY, role=ProjectRole.MEMBER, **kwargs):
    project = ProjectFactory(school=pupil.school, **kwargs)
    Project.objects.filter(pk=project.pk).update(stage=stage)  # fixture shortcut; the app moves via the service
    ProjectMembershipFactory(project=project, membership=pupil, role=role)
    return project


def _same_queries(client, add_rows) -> None:
    add_rows(5)
    client.get(HOME)
    with CaptureQueriesContext(connection) as with_5:
        assert client.get(HOME).status_code == 200
    add_rows(45)
    with CaptureQueriesContext(connection) as with_50:
        assert client.get(HOME).status_code == 200
    assert len(with_50) == len(with_5), [q["sql"][:120] for q in with_50.captured_queries]


# --- pupil ---------------------------------------------------------------------------------


def test_pupil_sees_each_project_with_its_stage_and_my_next_step(client_for, pupil):
    project = _in_project(pupil, Stage.CO_DESIGN, title="Quiet room")
    text = client_for(pupil).get(HOME).text
    assert "Quiet room" in text and "Co-design" in text
    assert "Add your idea." in text and reverse("projects:idea_create", args=[project.pk]) in text


def _vote_open(project, pupil):
    return reverse("projects:decision_detail", args=[DecisionFactory(project=project).pk])


def _task_of_mine(project, pupil):
    TaskFactory(project=project, owners=[pupil])
    return reverse("projects:task_board", args=[project.pk])


def _survey_for_the_project(project, pupil):
    return reverse("evaluation:start", args=[SurveyFactory(school=pupil.school, project=project).pk])


@pytest.mark.parametrize(
    ("stage", "role", "words", "arrange"),
    [
        (
            Stage.CO_IDENTIFY,
            ProjectRole.LEAD,
            "Link at least one need",
            lambda p, m: reverse("projects:project_edit", args=[p.pk]),
        ),
        (Stage.CO_IDENTIFY, ProjectRole.MEMBER, "Ask friends to back", lambda p, m: reverse("projects:need_list")),
        (Stage.CO_DECIDE, ProjectRole.MEMBER, "Vote in", _vote_open),
        (Stage.CO_DELIVER, ProjectRole.MEMBER, "Do your tasks", _task_of_mine),
        (Stage.CO_EVALUATE, ProjectRole.MEMBER, "Answer the survey", _survey_for_the_project),
        (Stage.COMPLETED, ProjectRole.MEMBER, "All done!", lambda p, m: reverse("projects:portfolio", args=[m.pk])),
    ],
)
def test_the_next_step_fits_the_stage_and_my_role(client_for, pupil, stage, role, words, arrange):
    """The link goes to the page where the step is done (`arrange` sets the project up and names it)."""
    project = _in_project(pupil, stage, role=role)
    url = arrange(project, pupil)
    text = client_for(pupil).get(HOME).text
    assert f'<a href="{url}">{words}' in text


def test_a_lead_is_asked_to_confirm_the_facilitators_proposal(client_for, pupil):
    project = _in_project(pupil, role=ProjectRole.LEAD)
    staff = StaffFactory(school=pupil.school)
    ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    StageProposal.objects.create(project=project, proposed_by=staff, from_stage="co_identify", to_stage="co_design")
    assert (
        f'<a href="{project.get_absolute_url()}">Confirm the move to Co-design</a>' in client_for(pupil).get(HOME).text
    )


def test_a_pupil_who_has_voted_is_not_asked_to_vote_again(client_for, pupil):
    project = _in_project(pupil, Stage.CO_DECIDE)
    decision = DecisionFactory(project=project, title="Which colour?")
    VoterRecord.objects.create(decision=decision, membership=pupil, voted_on=date.today())
    step = client_for(pupil).get(HOME).context["my_projects"][0].next_step
    assert step.text.startswith("Waiting for the vote “Which colour?” to close") and step.url is None


def test_pupil_sees_open_tasks_they_own(client_for, pupil):
    project = _in_project(pupil, Stage.CO_DELIVER)
    TaskFactory(project=project, owners=[pupil], title="Paint the sign")
    TaskFactory(project=project, owners=[pupil], title="Already done", status="done")
    text = client_for(pupil).get(HOME).text
    assert "Paint the sign" in text and "Already done" not in text


def test_votes_for_me_are_open_decisions_of_my_electorate_i_have_not_voted_in(client_for, pupil):
    mine = _in_project(pupil, Stage.CO_DECIDE)
    DecisionFactory(project=mine, title="Which colour?")
    voted = DecisionFactory(project=mine, title="Already voted")
    VoterRecord.objects.create(decision=voted, membership=pupil, voted_on=date.today())
    elsewhere = ProjectFactory(school=pupil.school)
    DecisionFactory(project=elsewhere, title="Not my group")
    DecisionFactory(project=elsewhere, title="My year votes", electorate_year_groups=[pupil.year_group])
    DecisionFactory(project=mine, title="Closed already", closes_at=timezone.now() - timedelta(minutes=1))
    votes = [d.title for d in client_for(pupil).get(HOME).context["votes"]]
    assert sorted(votes) == ["My year votes", "Which colour?"]


def test_surveys_for_me_leave_out_answered_and_other_audiences(client_for, pupil):
    SurveyFactory(school=pupil.school, title="How was lunch?")
    answered = SurveyFactory(school=pupil.school, title="Answered one")
    SurveyCompletion.objects.create(survey=answered, membership=pupil, completed_on=date.today())
    SurveyFactory(school=pupil.school, title="Parents only", audience="parents")
    text = client_for(pupil).get(HOME).text
    assert "How was lunch?" in text and "Answered one" not in text and "Parents only" not in text


def test_needs_i_can_back_leave_out_mine_backed_and_closed_ones(client_for, pupil):
    NeedFactory(school=pupil.school, title="Fix the lockers")
    NeedFactory(school=pupil.school, author=pupil, title="My own need")
    BackingFactory(need=NeedFactory(school=pupil.school, title="Backed already"), membership=pupil)
    NeedFactory(school=pupil.school, title="Declined one", status="declined", decline_reason="No budget")
    NeedFactory(title="Other school need")
    NeedFactory(school=pupil.school, title="Hidden one", hidden_at=timezone.now(), hidden_reason="Unkind")
    needs = [n.title for n in client_for(pupil).get(HOME).context["needs_to_back"]]
    assert needs == ["Fix the lockers"]


def test_needs_to_back_are_the_five_most_backed_with_their_counts(client_for, pupil):
    for backers in range(7):
        BackingFactory.create_batch(backers, need=NeedFactory(school=pupil.school, title=f"Need with {backers}"))
    response = client_for(pupil).get(HOME)
    assert [n.title for n in response.context["needs_to_back"]] == [f"Need with {n}" for n in (6, 5, 4, 3, 2)]
    assert "Back this" in response.text and '<span class="badge text-bg-light ms-1">6</span>' in response.text


def test_who_backs_most_of_the_top_needs_still_gets_the_next_ones(pupil):
    for backers, title in ((4, "Most"), (3, "Second"), (2, "Third"), (1, "Fourth"), (0, "Fifth")):
        need = NeedFactory(school=pupil.school, title=title)
        BackingFactory.create_batch(backers, need=need)
        if title in ("Most", "Second"):
            BackingFactory(need=need, membership=pupil)
    titles = [need.title for need in needs_selectors.needs_to_back(viewer=pupil, limit=3)]
    assert titles == ["Third", "Fourth", "Fifth"]


def test_pupil_sees_goals_not_yet_met_and_a_portfolio_link(client_for, pupil):
    GoalFactory(pupil=pupil, goal="Lead a meeting")
    GoalFactory(pupil=pupil, goal="Met goal", met_on=date.today())
    text = client_for(pupil).get(HOME).text
    assert "Lead a meeting" in text and "Met goal" not in text
    assert reverse("projects:portfolio", args=[pupil.pk]) in text


def test_pupil_home_empty_states_say_what_to_do(client_for, pupil):
    text = client_for(pupil).get(HOME).text
    assert "You are not in a project yet" in text
    assert "No vote is waiting for you" in text
    assert "No survey to answer right now" in text
    assert "Tell us what you would change" in text
    assert "Set one of your own, or ask a teacher to set one with you" in text


def test_pupil_home_runs_a_constant_number_of_queries(client_for, pupil):
    def add_rows(count):
        for _ in range(count):
            project = _in_project(pupil, Stage.CO_DECIDE)
            DecisionFactory(project=project)
            TaskFactory(project=project, owners=[pupil])
            NeedFactory(school=pupil.school)
            SurveyFactory(school=pupil.school)
            GoalFactory(pupil=pupil)

    _same_queries(client_for(pupil), add_rows)


# --- parent --------------------------------------------------------------------------------


@pytest.fixture
def link(pupil):
    return GuardianLinkFactory(pupil=pupil, consented=True)


def test_parent_sees_their_childs_projects_goals_and_consent(client_for, link):
    _in_project(link.pupil, Stage.CO_DELIVER, title="Garden club")
    GoalFactory(pupil=link.pupil, goal="Speak at assembly")
    other = PupilFactory(school=link.school)
    _in_project(other, title="Someone else's project")
    GoalFactory(pupil=other, goal="Someone else's goal")
    text = client_for(link.parent).get(HOME).text
    assert "Garden club" in text and "Co-deliver" in text and "Speak at assembly" in text
    assert "Someone else" not in text
    assert "Consent to take part: <strong>Given</strong>" in text


def test_parent_sees_surveys_for_parents_only(client_for, link):
    SurveyFactory(school=link.school, title="Parents' view", audience="parents")
    SurveyFactory(school=link.school, title="Pupils' view")
    text = client_for(link.parent).get(HOME).text
    assert "Parents&#x27; view" in text and "Pupils&#x27; view" not in text


def test_parent_home_empty_states(client_for, parent):
    text = client_for(parent).get(HOME).text
    assert "No child is linked to your account yet" in text
    assert "No goal is set yet" in text and "No survey is waiting for you" in text


def test_parent_home_runs_a_constant_number_of_queries(client_for, parent):
    def add_rows(count):
        for _ in range(count):
            child = GuardianLinkFactory(parent=parent, pupil=PupilFactory(school=parent.school), consented=True).pupil
            _in_project(child)
            GoalFactory(pupil=child)
            SurveyFactory(school=parent.school, audience="parents")

    _same_queries(client_for(parent), add_rows)


# --- leader --------------------------------------------------------------------------------


def test_leader_sees_the_charter_stages_adoptions_and_participation(client_for, leader, pupil):
    charter_save(leader=leader, term="Spring 2027", may_decide="How the garden is used", budget_money=250)
    project = _in_project(pupil, Stage.CO_DECIDE)
    DecisionFactory(
        project=project, title="Garden plan", status="closed", closed_at=timezone.now(), result={}, ballot_salt=""
    )
    PupilFactory(school=leader.school)  # not involved yet
    response = client_for(leader).get(HOME)
    text = response.text
    assert "How the garden is used" in text and "Garden plan" in text
    assert reverse("projects:decision_adoption", args=[project.decisions.get().pk]) in text
    assert dict(response.context["stage_counts"])[Stage.CO_DECIDE] == 1
    assert response.context["participation"].items() >= {"pupils": 2, "involved": 1, "not_involved": 1}.items()
    assert "1 of 2" in text


def test_leader_home_empty_states(client_for, leader):
    text = client_for(leader).get(HOME).text
    assert "have not written this term" in text and reverse("projects:charter_edit") in text
    assert "No decision is waiting for leadership" in text


def test_leader_home_links_the_school_report_and_its_latest_pdf(client_for, leader):
    from evaluation.models import ReportExport

    text = client_for(leader).get(HOME).text
    assert reverse("evaluation:school_report") in text and "No PDF of it yet" in text
    export = ReportExport.objects.create(
        school=leader.school, kind="school", report_key="school:all", status="done", finished_at=timezone.now()
    )
    assert reverse("evaluation:report_export_download", args=[export.pk]) in client_for(leader).get(HOME).text


def test_leader_home_runs_a_constant_number_of_queries(client_for, leader):
    def add_rows(count):
        for _ in range(count):
            project = _in_project(PupilFactory(school=leader.school), Stage.CO_DECIDE)
            DecisionFactory(
                project=project,
                status="closed",
                closed_at=timezone.now(),
                result={"method": "approval"},
                ballot_salt="",
            )

    _same_queries(client_for(leader), add_rows)


def test_staff_home_links_the_dashboard(client_for, staff):
    assert reverse("projects:dashboard") in client_for(staff).get(HOME).text


def test_nav_shows_the_dashboard_to_staff_only(client_for, staff, pupil):
    assert ">Dashboard</a>" in client_for(staff).get(HOME).text
    assert ">Dashboard</a>" not in client_for(pupil).get(HOME).text


def test_leader_sees_reports_waiting_for_sign_off(client_for, leader, pupil):
    waiting = _in_project(pupil, Stage.CO_EVALUATE, title="Garden evaluated")
    _in_project(pupil, Stage.CO_DELIVER, title="Still delivering")
    text = client_for(leader).get(HOME).text
    assert "Garden evaluated" in text and "Still delivering" not in text
    assert reverse("evaluation:project_report_sign_off", args=[waiting.pk]) in text


def test_leader_is_asked_to_review_a_charter_older_than_a_term(client_for, leader):
    from projects.models import Charter

    charter_save(leader=leader, term="Spring 2027", may_decide="How the garden is used", budget_money=250)
    assert "Review the charter" not in client_for(leader).get(HOME).text
    Charter.objects.filter(school=leader.school).update(updated_at=timezone.now() - timedelta(weeks=15))
    assert "Review the charter" in client_for(leader).get(HOME).text


def test_staff_home_lists_my_projects_with_their_next_step(client_for, staff):
    project = ProjectFactory(school=staff.school, title="Quiet room")
    ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    text = client_for(staff).get(HOME).text
    edit = reverse("projects:project_edit", args=[project.pk])
    assert "Quiet room" in text and f'<a href="{edit}">Link at least one need' in text


def test_staff_home_runs_a_constant_number_of_queries(client_for, staff):
    def add_rows(count):
        for _ in range(count):
            project = ProjectFactory(school=staff.school)
            ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)

    _same_queries(client_for(staff), add_rows)
