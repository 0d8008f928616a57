"""Demo projects standing in co-decide and co-deliver, made through the same services as real ones.

- "Greener playground": in co-decide, with an open participatory-budgeting vote that a few pupils
  have already voted in (pupil1, the lead, can vote and change their vote);
- "Lunch queue fix": its ranked-choice vote closed and adopted, now in co-deliver with tasks in
  every column, a session with attendance and an action, peer roles and a personal goal for pupil1.
Every stage move is a lead's proposal confirmed by the facilitator (the gates pass), never a write
to `Project.stage`. Safe to run again: a project that exists already is left as it is.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from people.models import Membership, Role, School
from projects.counters import count_add
from projects.models import PeerRoleKind, Project, ProjectMembership, ProjectRole, TaskStatus
from projects.services import delivery, voting
from projects.services.ideas import idea_create, idea_set_shortlisted
from projects.services.needs import need_raise
from projects.services.projects import project_start, project_take_on
from projects.services.stages import stage_confirm, stage_propose
from projects.voting.methods.budget import Budget
from projects.voting.methods.ranked import Ranked


@transaction.atomic
def seed_decide_and_deliver(school: School) -> None:
    staff = Membership.objects.filter(school=school, role=Role.STAFF).order_by("pk").first()
    leader = Membership.objects.filter(school=school, role=Role.LEADER).order_by("pk").first()
    pupils = list(Membership.objects.filter(school=school, role=Role.PUPIL, is_active=True).order_by("pk")[:12])
    if staff is None or leader is None or len(pupils) < 12:
        return
    _seed_open_vote(school, staff, pupils[:6])
    _seed_delivery(school, staff, leader, pupils[6:])


def _project_in_co_decide(
    school: School, staff: Membership, pupils: list[Membership], *, title: str, ideas: list[tuple[str, str]]
) -> Project | None:
    """A project led by pupils[0], facilitated by `staff`, with pupils as members and shortlisted ideas."""
    if Project.objects.filter(school=school, title=title).exists():
        return None
    lead, *members = pupils
    need = need_raise(
        author=lead,
        title=f"{title}: the need",
        problem=f"We need: {title.lower()}.",
        affects="Everyone",
        category="other",
    )
    project = project_start(starter=lead, needs=[need], title=title, summary=f"Pupils lead “{title}”.")
    project_take_on(project=project, staff=staff)
    ProjectMembership.objects.bulk_create(
        [ProjectMembership(project=project, membership=m, role=ProjectRole.MEMBER) for m in members]
    )
    count_add(Project, project.pk, member_count=len(members))  # bulk_create counts nothing (projects.counters)
    project.what_you_get_back = "Leadership experience, a certificate, and a better school."
    project.save(update_fields=["what_you_get_back"])
    demo_move_on(project, lead, staff, "The need is clear and the team is ready.")
    for number, (idea_title, cost) in enumerate(ideas):
        author = pupils[number % len(pupils)]
        idea = idea_create(
            project=project,
            created_by=author,
            title=idea_title,
            description=f"{idea_title}, planned by the group.",
            who_it_helps="Every pupil",
            authors=[author],
            cost_money=Decimal(cost),
        )
        idea_set_shortlisted(idea=idea, actor=staff, shortlisted=True)
    demo_move_on(project, lead, staff, "We have a shortlist to vote on.")
    return project


def demo_move_on(project: Project, lead: Membership, staff: Membership, reason: str) -> None:
    stage_confirm(proposal=stage_propose(project=project, actor=lead, reason=reason), actor=staff)
    project.refresh_from_db()


def _rules(project: Project, method: str, *, days: int, budget: Decimal | None = None) -> voting.DecisionRules:
    now = timezone.now()
    return voting.DecisionRules(
        title=f"What should {project.title} do?",
        method=method,
        options=list(project.ideas.filter(is_shortlisted=True).order_by("pk")),
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=days),
        electorate_year_groups=(8,) if method == Budget.key else (),
        budget=budget,
    )


def _seed_open_vote(school: School, staff: Membership, pupils: list[Membership]) -> None:
    ideas = [
        ("Planters along the fence", "120"),
        ("A wildflower corner", "80"),
        ("Bird boxes", "40"),
        ("Benches", "200"),
    ]
    project = _project_in_co_decide(school, staff, pupils, title="Greener playground", ideas=ideas)
    if project is None:
        return
    rules = _rules(project, Budget.key, days=5, budget=Decimal("250"))
    decision = voting.decision_create(project=project, actor=staff, rules=rules)
    options = [idea.pk for idea in decision.options.order_by("pk")]
    for number, pupil in enumerate(pupils[1:]):
        voting.ballot_cast(decision=decision, voter=pupil, choices=options[number % 3 : number % 3 + 2])


def _seed_delivery(school: School, staff: Membership, leader: Membership, pupils: list[Membership]) -> None:
    ideas = [("Two serving hatches", "300"), ("Staggered lunch times", "0"), ("Pre-order by app", "150")]
    project = _project_in_co_decide(school, staff, pupils, title="Lunch queue fix", ideas=ideas)
    if project is None:
        return
    lead, *members = pupils
    decision = voting.decision_create(project=project, actor=staff, rules=_rules(project, Ranked.key, days=1))
    hatches, staggered, app = [idea.pk for idea in decision.options.order_by("pk")]
    rankings = [[staggered, app], [staggered], [app, staggered], [hatches, staggered], [staggered, hatches], [app]]
    for pupil, ranking in zip(pupils, rankings, strict=True):
        voting.ballot_cast(decision=decision, voter=pupil, choices=ranking)
    voting.decision_close(decision=decision)
    voting.decision_record_adoption(
        decision=decision, actor=leader, adopted=True, reason="Agreed with the kitchen team from next half-term."
    )
    demo_move_on(project, lead, staff, "The vote closed and leadership adopted the result.")

    board = [
        ("Draw the new timetable", [lead], TaskStatus.DONE, ""),
        ("Tell Year 7 form tutors", [members[0]], TaskStatus.DOING, ""),
        ("Make posters for the canteen", [members[1], members[2]], TaskStatus.TODO, ""),
        ("Ask about a second till", [members[3]], TaskStatus.DEFERRED, "The budget for tills is set in spring."),
    ]
    for number, (title, owners, status, reason) in enumerate(board):
        task = delivery.task_create(
            project=project,
            actor=lead,
            title=title,
            owners=owners,
            due_on=timezone.localdate() + timedelta(days=3 + number * 4),
            checklist=["Agree it with the group", "Do it", "Report back"],
        )
        if status != TaskStatus.TODO:
            delivery.task_set_status(task=task, actor=lead, status=status, reason=reason)
    session = delivery.session_save(
        project=project,
        actor=staff,
        held_on=timezone.localdate() - timedelta(days=2),
        place="Room 12, Tuesday lunchtime",
        agenda="1. The vote result\n2. Who does what\n3. Next session",
        notes="Everyone agreed the staggered times. One of us will speak to the form tutors.",
    )
    attendance = {pupil.pk: "present" for pupil in pupils[:4]} | {pupils[4].pk: "excused", pupils[5].pk: "absent"}
    delivery.session_record_attendance(session=session, actor=staff, attendance=attendance)
    delivery.session_add_action(session=session, actor=staff, title="Time the queue next week", owners=[members[0]])
    delivery.peer_role_add(project=project, actor=staff, kind=PeerRoleKind.MENTOR, holder=lead, supports=members[4])
    delivery.peer_role_add(project=project, actor=staff, kind=PeerRoleKind.AMBASSADOR, holder=members[1])
    first_pupil = Membership.objects.filter(school=school, role=Role.PUPIL).order_by("pk").first()
    goal = delivery.goal_create(
        staff=staff,
        pupil=first_pupil,
        goal="Speak up in project meetings",
        steps="Prepare one point before each session.",
    )
    delivery.goal_add_note(goal=goal, author=first_pupil, body="I asked a question in the last session.")
