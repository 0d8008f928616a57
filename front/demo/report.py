"""A completed demo project with everything its evaluation report shows, made through the services.

"Homework club late bus" runs through all five stages: its "before" survey opens as it enters
co-design and its "after" survey as it enters co-evaluate (the stage service's hooks), ten members
answer both (so no figure is suppressed), the group votes and leadership adopts the result, tasks
are done or deferred, sessions are attended, the group writes its reflections, and a leader signs
the report off, which lets the project complete. Every stage move is a lead's proposal confirmed by
the facilitator. Safe to run again: a project that exists already is left as it is.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from evaluation import services
from evaluation.holding import held_responses_move
from evaluation.models import Audience, Pairing, ReflectionKind, Survey
from evaluation.reports.reflections import reflection_add
from evaluation.reports.signoff import report_sign_off
from front.demo.delivery import demo_move_on
from people.models import Membership, Role, School
from projects.counters import count_add
from projects.models import AttendanceStatus, Project, ProjectMembership, ProjectRole, Task, TaskStatus
from projects.services import delivery, voting
from projects.services.ideas import idea_create, idea_set_shortlisted
from projects.services.needs import need_raise
from projects.services.projects import project_start, project_take_on
from projects.voting.methods.approval import Approval

TITLE = "Homework club late bus"
# Likert points of the ten answering members before the project; after, most are a point higher.
# Five and five: every count is 0 or at least 5, so the report may show every mean (evaluation/stats.py
# hides a mean when a count behind it is 1 to 4).
BEFORE_POINTS = [2, 3, 3, 2, 2, 3, 2, 3, 2, 3]
AFTER_POINTS = [3, 4, 4, 3, 3, 4, 3, 4, 3, 4]
SKILLS = ["Speaking to adults", "Planning", "Teamwork", "Listening", "Writing emails"]
REFLECTIONS = [
    (ReflectionKind.WORKED, "Asking the bus company ourselves: they listened because pupils asked."),
    (ReflectionKind.WORKED, "Meeting every Tuesday kept us on track."),
    (ReflectionKind.DID_NOT_WORK, "The online form for parents got very few answers."),
    (ReflectionKind.DID_NOT_WORK, "We left the posters too late, so Year 7 did not know about the vote."),
    (ReflectionKind.NEXT_TIME, "Start the survey of parents in the first week."),
]


@transaction.atomic
def seed_completed_project(school: School) -> Project | None:
    if Project.objects.filter(school=school, title=TITLE).exists():
        return None
    staff = Membership.objects.filter(school=school, role=Role.STAFF).order_by("pk").first()
    leader = Membership.objects.filter(school=school, role=Role.LEADER).order_by("pk").first()
    pupils = list(Membership.objects.filter(school=school, role=Role.PUPIL, is_active=True).order_by("pk")[24:36])
    if staff is None or leader is None or len(pupils) < len(BEFORE_POINTS) + 1:
        return None
    lead, *members = pupils
    need = need_raise(
        author=lead,
        title="Homework club ends after the last bus",
        problem="Pupils from the villages cannot stay for homework club.",
        affects="Pupils who take the bus",
        category="learning",
    )
    project = project_start(
        starter=lead,
        needs=[need],
        title=TITLE,
        summary="A later bus on homework club days, or a club that ends in time.",
    )
    project_take_on(project=project, staff=staff)
    ProjectMembership.objects.bulk_create(
        [ProjectMembership(project=project, membership=m, role=ProjectRole.MEMBER) for m in members]
    )
    count_add(Project, project.pk, member_count=len(members))  # bulk_create counts nothing (projects.counters)
    project.what_you_get_back = "Experience of negotiating with a real company, and a certificate."
    project.save(update_fields=["what_you_get_back"])
    before = _paired_surveys(school, staff, project)

    demo_move_on(project, lead, staff, "The need is clear and the team is ready.")  # opens the before survey
    _answer(before, pupils, BEFORE_POINTS)
    for title in ("Ask for a later bus", "Finish homework club earlier", "Parents' lift share"):
        idea = idea_create(
            project=project,
            created_by=lead,
            title=title,
            description=f"{title}, planned by the group.",
            who_it_helps="Pupils who take the bus",
            authors=[lead],
        )
        idea_set_shortlisted(idea=idea, actor=staff, shortlisted=True)
    demo_move_on(project, lead, staff, "Three ideas are shortlisted.")
    _decide(project, staff, leader, pupils)
    demo_move_on(project, lead, staff, "Leadership adopted the vote.")
    _deliver(project, staff, lead, pupils)
    demo_move_on(project, lead, staff, "Every task is done or deferred.")  # opens the after survey
    _answer(before.twin, pupils, AFTER_POINTS)
    services.survey_close(survey=before)
    services.survey_close(survey=Survey.objects.get(pk=before.twin_id))
    for author, (kind, text) in zip(pupils, REFLECTIONS, strict=False):
        reflection_add(project=project, author=author, kind=kind, text=text)
    report_sign_off(
        project=project,
        leader=leader,
        comment="A model of pupils leading: they negotiated the later bus themselves. Signed off for the governors.",
    )
    demo_move_on(project, lead, staff, "The report is signed off.")
    return project


def _paired_surveys(school: School, staff: Membership, project: Project) -> Survey:
    """A draft before survey for the project's members, and its after twin (both drafts)."""
    before = services.survey_from_template(
        school=school, actor=staff, template_key="pupil_confidence", pairing=Pairing.BEFORE
    )
    before = services.survey_update(
        survey=before,
        title=f"{TITLE}: your confidence",
        intro=before.intro,
        audience=Audience.PROJECT,
        year_groups=(),
        anonymous=True,
        opens_at=None,
        closes_at=None,
        pairing=Pairing.BEFORE,
        project=project,
    )
    services.survey_create_twin(survey=before, actor=staff)
    before.refresh_from_db()
    return before


def _answer(survey: Survey, pupils: list[Membership], points: list[int]) -> None:
    survey.refresh_from_db()
    questions = list(survey.questions.order_by("order"))
    for position, (pupil, point) in enumerate(zip(pupils, points, strict=False)):
        answers = {}
        for question in questions:
            # Questions differ a little from one another, so the report's rows are not all alike.
            likert = min(max(point + question.order % 3 - 1, 1), 5)
            if question.type == "likert5":
                answers[question.pk] = likert
            elif question.type == "scale0_10":
                answers[question.pk] = likert * 2
            elif question.type == "short_text":
                answers[question.pk] = SKILLS[position % len(SKILLS)]
        services.response_submit(survey=survey, membership=pupil, answers=answers)
    held_responses_move(survey_id=survey.pk, final=True)  # the demo's answers arrive as one batch


def _decide(project: Project, staff: Membership, leader: Membership, pupils: list[Membership]) -> None:
    now = timezone.now()
    ideas = list(project.ideas.filter(is_shortlisted=True).order_by("pk"))
    rules = voting.DecisionRules(
        title="Which idea do we take forward?",
        method=Approval.key,
        options=ideas,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
    )
    decision = voting.decision_create(project=project, actor=staff, rules=rules)
    bus, earlier, lifts = (idea.pk for idea in ideas)
    choices = [[bus], [bus, lifts], [bus], [earlier], [bus, earlier], [lifts], [bus], [bus, lifts]]
    for pupil, chosen in zip(pupils, choices, strict=False):
        voting.ballot_cast(decision=decision, voter=pupil, choices=chosen)
    voting.decision_close(decision=decision)
    voting.decision_record_adoption(
        decision=decision, actor=leader, adopted=True, reason="The school will fund the later bus for a term's trial."
    )


def _deliver(project: Project, staff: Membership, lead: Membership, pupils: list[Membership]) -> None:
    board = [
        ("Write to the bus company", TaskStatus.DONE, ""),
        ("Count who would use a later bus", TaskStatus.DONE, ""),
        ("Tell families about the trial", TaskStatus.DONE, ""),
        ("Ask the council to keep it after the trial", TaskStatus.DEFERRED, "The council meets again in spring."),
    ]
    for number, (title, status, reason) in enumerate(board):
        task = delivery.task_create(
            project=project,
            actor=lead,
            title=title,
            owners=[pupils[number]],
            checklist=[],
        )
        # This board is history: its due dates were ahead when set, and services refuse a date already past.
        Task.objects.filter(pk=task.pk).update(due_on=timezone.localdate() - timedelta(days=20 - number))
        delivery.task_set_status(task=task, actor=lead, status=status, reason=reason)
    for weeks_ago in (6, 4, 2):
        session = delivery.session_save(
            project=project,
            actor=staff,
            held_on=timezone.localdate() - timedelta(weeks=weeks_ago),
            place="Library, Tuesday lunchtime",
            agenda="Where we are, who does what next.",
            notes="",
        )
        present = pupils[: 8 + weeks_ago // 2]
        attendance = {pupil.pk: AttendanceStatus.PRESENT for pupil in present} | {
            pupil.pk: AttendanceStatus.ABSENT for pupil in pupils[len(present) :]
        }
        delivery.session_record_attendance(session=session, actor=staff, attendance=attendance)
