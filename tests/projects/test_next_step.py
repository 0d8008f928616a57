"""The one next step: every stage, gate state and role, its link followed to the page where it is done."""

from datetime import date

import pytest
from django.urls import resolve, reverse

from evaluation.reports.signoff import report_sign_off
from projects.models import Project, ProjectRole, Stage, StageProposal, TaskStatus, VoterRecord
from projects.selectors.next_step import next_step
from projects.services.voting import decision_close
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    LeaderFactory,
    NeedFactory,
    ProjectMembershipFactory,
    PupilFactory,
    QuestionFactory,
    StaffFactory,
    SurveyFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("lead", "facilitator", "member", "staff", "leader", "pupil")


@pytest.fixture
def people(project, lead, facilitator):
    school = project.school
    member = ProjectMembershipFactory(project=project, membership=PupilFactory(school=school)).membership
    NeedFactory(school=school, title="Somewhere dry to eat")  # a need anyone can back, on the needs list
    return {
        "lead": lead,
        "facilitator": facilitator,
        "member": member,
        "staff": StaffFactory(school=school),  # staff outside the project
        "leader": LeaderFactory(school=school),
        "pupil": PupilFactory(school=school),  # a pupil outside the project
    }


def _stage(project, stage):
    Project.objects.filter(pk=project.pk).update(stage=stage)  # fixture shortcut; the app moves via the service
    project.refresh_from_db()


def _ready(project, people):
    project.needs.add(NeedFactory(school=project.school))
    project.what_you_get_back = "Credit for the school award."
    project.save()


def _without(role):
    def arrange(project, people):
        _ready(project, people)
        project.memberships.filter(role=role).delete()
        project.member_count = project.memberships.count()

    return arrange


def _proposed_by(who):
    def arrange(project, people):
        _ready(project, people)
        StageProposal.objects.create(
            project=project, proposed_by=people[who], from_stage=project.stage, to_stage=Stage(project.stage).next
        )

    return arrange


def _shortlisted(count):
    def arrange(project, people):
        IdeaFactory(project=project)
        for _ in range(count):
            IdeaFactory(project=project, is_shortlisted=True)

    return arrange


def _vote_open(project, people):
    DecisionFactory(project=project, title="Which bench?")


def _everyone_voted(project, people):
    decision = DecisionFactory(project=project, title="Which bench?")
    for pm in project.memberships.all():
        VoterRecord.objects.create(decision=decision, membership=pm.membership, voted_on=date.today())


def _vote_closed(project, people):
    decision_close(decision=DecisionFactory(project=project))


def _open_task_of_the_member(project, people):
    TaskFactory(project=project, owners=[people["member"]])


def _tasks_done(project, people):
    TaskFactory(project=project, owners=[people["member"]], status=TaskStatus.DONE)


def _survey_for_the_group(project, people):
    QuestionFactory(survey=SurveyFactory(school=project.school, project=project, audience="project"))


def _signed_off(project, people):
    report_sign_off(project=project, leader=people["leader"], comment="Well run.")


def _nothing(project, people):
    pass


# stage, gate state, and per role: the words the step starts with, or "waiting" / "" (no link).
CASES = [
    (Stage.CO_IDENTIFY, _nothing, {"lead": "Link at least one need", "member": "Ask friends", "pupil": "Ask to join"}),
    (Stage.CO_IDENTIFY, _without(ProjectRole.FACILITATOR), {"staff": "The project needs a staff facilitator"}),
    (Stage.CO_IDENTIFY, _without(ProjectRole.LEAD), {"facilitator": "The project needs a pupil lead"}),
    (Stage.CO_IDENTIFY, _ready, {"lead": "Propose moving to Co-design", "facilitator": "Propose moving"}),
    (
        Stage.CO_IDENTIFY,
        _proposed_by("lead"),
        {"facilitator": "Confirm the move to Co-design", "lead": "waiting", "member": "waiting"},
    ),
    (Stage.CO_IDENTIFY, _proposed_by("facilitator"), {"lead": "Confirm the move to Co-design"}),
    (Stage.CO_DESIGN, _shortlisted(1), {"lead": "Shortlist at least 2 ideas", "member": "Add your idea."}),
    (Stage.CO_DESIGN, _shortlisted(2), {"facilitator": "Propose moving to Co-decide", "member": "Add your idea."}),
    (Stage.CO_DECIDE, _nothing, {"facilitator": "Close a decision", "member": "waiting"}),
    (Stage.CO_DECIDE, _vote_open, {"member": "Vote in “Which bench?”", "lead": "Vote in"}),
    (Stage.CO_DECIDE, _everyone_voted, {"member": "waiting", "lead": "waiting", "facilitator": "waiting"}),
    (
        Stage.CO_DECIDE,
        _vote_closed,
        {"lead": "Propose moving to Co-deliver", "member": "waiting", "leader": "Answer the group's decision"},
    ),
    (Stage.CO_DELIVER, _nothing, {"member": "Add the delivery's tasks", "lead": "Add the delivery's tasks"}),
    (Stage.CO_DELIVER, _open_task_of_the_member, {"member": "Do your tasks", "facilitator": "Finish or defer"}),
    (Stage.CO_DELIVER, _tasks_done, {"lead": "Propose moving to Co-evaluate", "member": "waiting"}),
    (Stage.CO_EVALUATE, _nothing, {"leader": "Sign off the report", "lead": "waiting", "member": "waiting"}),
    (Stage.CO_EVALUATE, _survey_for_the_group, {"member": "Answer the survey", "leader": "Sign off the report"}),
    (
        Stage.CO_EVALUATE,
        _signed_off,
        {"lead": "Propose moving to Completed", "facilitator": "Propose moving to Completed", "member": "waiting"},
    ),
    (Stage.COMPLETED, _nothing, {"member": "All done!", "lead": "All done!", "facilitator": ""}),
]


def _offers(page: str, step, url_name: str) -> bool:
    """Whether the page the step links to offers the step's action (its form or button)."""
    if url_name == "project_detail":
        if step.form == "confirm":
            return f'value="confirm">{step.text}</button>' in page
        if step.form == "propose":
            return f'type="submit">{step.text}</button>' in page and "/stage/propose/" in page
        if step.form == "take_on":
            return "/take-on/" in page
        return ">Make lead</button>" in page
    if url_name == "task_board":
        return "Add a task</a>" in page if step.text.startswith("Add") else "/status/" in page
    return {
        "project_edit": 'name="what_you_get_back"',
        "need_list": "Back this",
        "project_join": "Ask to join",
        "idea_create": "Add the idea",
        "idea_list": "/shortlist/",
        "decision_create": "Set up the decision",
        "decision_detail": "Cast my vote",
        "decision_adoption": "Record the answer",
        "project_report_sign_off": "Sign off the report</button>",
        "start": "Start</a>",
        "portfolio": "portfolio",
    }[url_name] in page


@pytest.mark.parametrize(("stage", "arrange", "expected"), CASES, ids=lambda v: getattr(v, "__name__", None))
@pytest.mark.parametrize("role", ROLES)
def test_every_next_step_links_to_the_page_that_offers_it(client_for, project, people, stage, arrange, expected, role):
    _stage(project, stage)
    arrange(project, people)
    viewer = people[role]
    project = Project.objects.get(pk=project.pk)
    step = next_step(viewer=viewer, project=project)
    words = expected.get(role)
    if words == "waiting":
        assert step.waiting and step.url is None and step.text.startswith("Waiting for"), step
    elif words == "":
        assert step.url is None, step
    elif words is not None:
        assert step.text.startswith(words), step
    if step.url:
        response = client_for(viewer).get(step.url)
        assert response.status_code == 200, (step, response.status_code)
        assert _offers(response.text, step, resolve(step.url.split("#")[0]).url_name), step
    else:
        assert step.text and not step.form


def test_waiting_names_who_must_act(project, people):
    _proposed_by("lead")(project, people)
    step = next_step(viewer=people["lead"], project=Project.objects.get(pk=project.pk))
    assert step.text == f"Waiting for {people['facilitator'].user.display_name} to confirm the move to Co-design."


def test_a_pupil_who_voted_waits_for_the_vote_to_close(project, people):
    _stage(project, Stage.CO_DECIDE)
    _everyone_voted(project, people)
    step = next_step(viewer=people["member"], project=Project.objects.get(pk=project.pk))
    assert step.text.startswith("Waiting for the vote “Which bench?” to close")


def test_the_project_page_shows_the_step_and_links_what_is_missing(client_for, project, people):
    text = client_for(people["lead"]).get(project.get_absolute_url()).text
    edit = reverse("projects:project_edit", args=[project.pk])
    assert f'<a class="btn btn-primary" href="{edit}">Link at least one need' in text
    assert f'<a href="{edit}">Write the &quot;what you get back&quot; statement' in text


def test_after_sign_off_the_report_page_says_who_completes_the_project(client_for, project, people):
    _stage(project, Stage.CO_EVALUATE)
    response = client_for(people["leader"]).post(
        reverse("evaluation:project_report_sign_off", args=[project.pk]), {"comment": "Well run."}, follow=True
    )
    text = response.text
    assert "can now complete" not in text.replace("so the project can complete", "")
    assert "one proposes the move to Completed, the other confirms it" in text
    assert people["lead"].user.display_name in text and people["facilitator"].user.display_name in text
    lead_page = client_for(people["lead"]).get(reverse("evaluation:project_report", args=[project.pk])).text
    assert f'href="{project.get_absolute_url()}">Propose moving to Completed</a>' in lead_page
