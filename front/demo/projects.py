"""Demo content for Demo Academy: needs with backings and comments, a charter, and projects standing
in co-identify and co-design. Built through the services, so it obeys the same rules. Safe to run again."""

from decimal import Decimal

from django.db import transaction

from front.demo.delivery import demo_move_on
from people.models import Membership, Role, School
from projects.models import Need, Project
from projects.services.charter import charter_save
from projects.services.ideas import idea_create, idea_set_shortlisted
from projects.services.needs import need_back, need_comment_add, need_raise
from projects.services.projects import project_start, project_take_on, project_update

# (title, what is wrong, who it affects, category, hidden author name, backers)
DEMO_NEEDS = [
    (
        "Water fountains on the top floor are broken",
        "Two of the three fountains have not worked since September.",
        "Everyone taught upstairs",
        "facilities",
        False,
        24,
    ),
    (
        "Nowhere quiet to go at lunch",
        "The canteen and yard are loud; some of us need a calm place.",
        "Pupils who find noise hard",
        "wellbeing",
        True,
        18,
    ),
    (
        "Homework clubs clash with buses",
        "Homework club ends after the last bus leaves.",
        "Pupils from the villages",
        "learning",
        False,
        15,
    ),
    (
        "Litter behind the sports hall",
        "Bins overflow and litter blows onto the field.",
        "Everyone",
        "environment",
        False,
        12,
    ),
    ("Toilets locked during lessons", "We have to find a teacher with a key.", "Everyone", "facilities", True, 21),
    (
        "No say in the lunch menu",
        "The menu never changes and vegetarian options run out.",
        "Everyone who eats lunch",
        "wellbeing",
        False,
        14,
    ),
    (
        "Library closes at 3:30",
        "There is nowhere to study after school.",
        "Pupils without a quiet place at home",
        "learning",
        False,
        9,
    ),
    ("Year 7s get lost", "New pupils do not know where rooms are for weeks.", "Year 7", "community", False, 7),
    (
        "Benches in the yard are broken",
        "Half the benches have missing slats.",
        "Everyone at break",
        "facilities",
        False,
        6,
    ),
    (
        "Not enough clubs for girls in sport",
        "Most sports clubs are football.",
        "Girls who like sport",
        "community",
        False,
        11,
    ),
    ("Bike racks are not covered", "Bikes get soaked and rusty.", "Pupils who cycle", "environment", False, 5),
    ("Revision guides cost too much", "Some families cannot buy them.", "Year 9 and up", "learning", True, 8),
]
DEMO_COMMENTS = ["Same for us in 8B.", "This happens every week.", "Could the school council raise it?"]
CHARTER = {
    "term": "Spring term 2027",
    "may_decide": "How the yard, library and lunch hall are used; which clubs run; how the pupil fund is spent.",
    "budget_money": Decimal("1500.00"),
    "budget_time": "Two lunchtimes a week and one after-school session",
    "budget_space": "The library and the small hall after school",
    "red_lines": "No changes to the timetable or to safeguarding rules; building works need the governors.",
    "accepted_risks": "Some projects will not work first time; that is part of learning.",
}


def _demo_needs(school: School, pupils: list[Membership], staff: Membership) -> dict[str, Need]:
    needs = {}
    for number, (title, problem, affects, category, hide, backers) in enumerate(DEMO_NEEDS):
        need = Need.objects.filter(school=school, title=title).first()
        if need is None:
            need = need_raise(
                author=pupils[number],
                title=title,
                problem=problem,
                affects=affects,
                category=category,
                hide_author=hide,
            )
            for backer in pupils[number + 1 : number + backers]:
                need_back(need=need, membership=backer)
            for offset, body in enumerate(DEMO_COMMENTS[: number % 3 + 1]):
                need_comment_add(need=need, author=pupils[(number + offset + 20) % len(pupils)], body=body)
            if number == 0:
                need_comment_add(need=need, author=staff, body="Site team have ordered parts.")
        needs[title] = need
    return needs


def _demo_project(*, title: str, lead: Membership, needs: list[Need], summary: str) -> tuple[Project, bool]:
    project = Project.objects.filter(school=lead.school, title=title).first()
    if project:
        return project, False
    return project_start(starter=lead, needs=needs, title=title, summary=summary), True


@transaction.atomic
def seed_projects(school: School) -> None:
    pupils = list(Membership.objects.filter(school=school, role=Role.PUPIL).order_by("pk"))
    staff = Membership.objects.filter(school=school, role=Role.STAFF).order_by("pk").first()
    leader = Membership.objects.filter(school=school, role=Role.LEADER).first()
    if len(pupils) < 40 or staff is None or leader is None:
        raise ValueError("seed_projects needs the demo people first (seed_people).")
    if not hasattr(school, "charter"):
        charter_save(leader=leader, **CHARTER)
    needs = _demo_needs(school, pupils, staff)

    # Proposed by a pupil, still looking for a facilitator.
    _demo_project(
        title="Quiet space at lunch",
        lead=pupils[1],
        needs=[needs["Nowhere quiet to go at lunch"]],
        summary="Find and run a calm room at lunchtime.",
    )

    # Facilitated, standing in co-design with ideas, two of them shortlisted.
    project, created = _demo_project(
        title="Working water fountains",
        lead=pupils[0],
        needs=[needs["Water fountains on the top floor are broken"]],
        summary="Get every floor drinkable water by the summer.",
    )
    if created:
        project_take_on(project=project, staff=staff)
        project_update(
            project=project,
            title=project.title,
            summary=project.summary,
            what_you_get_back="A leadership credit on your school record and a say in how the money is spent.",
            visibility=project.visibility,
            needs=list(project.needs.all()),
            deadlines={},
        )
        demo_move_on(project, pupils[0], staff, "We have a need, a facilitator and a plan.")
        for number, (idea_title, cost) in enumerate(
            [("Bottle refill stations", "900"), ("Fix the old fountains", "300"), ("Water jugs in classrooms", "60")]
        ):
            idea = idea_create(
                project=project,
                created_by=pupils[number],
                title=idea_title,
                description=f"{idea_title} on every floor.",
                who_it_helps="Everyone taught upstairs",
                authors=pupils[number : number + 2],
                cost_money=Decimal(cost),
            )
            if number < 2:
                idea_set_shortlisted(idea=idea, actor=staff, shortlisted=True)

    # Facilitated but still in co-identify: the statement is missing, so the page shows what is left.
    project, created = _demo_project(
        title="Buses and homework club",
        lead=pupils[2],
        needs=[needs["Homework clubs clash with buses"]],
        summary="Move homework club so that village pupils can stay.",
    )
    if created:
        project_take_on(project=project, staff=staff)
