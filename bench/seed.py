"""The benchmark dataset: a trust of schools at full size (issue 9), seeded in a few minutes.

At `scale=1` and 20 schools: 1,500 pupils, 60 staff, 3 leaders and 150 linked parents per school;
200 projects per school spread evenly over the six stages, each with a pupil lead, a facilitator and
six members; 50,000 needs, ideas and comments; 100,000 secret ballots in approval decisions (open
ones while a project is in co-decide, closed with a counted result after); and 300,000 survey
answers. The answers all belong to the first school, the one the benchmark signs in to, because the
school-report target is "1,500 pupils and 300,000 answers"; every school has one open survey.

Every bench account has the password `bench.sizes.BENCH_PASSWORD`, stored as one hash computed once per run.
Rows go in with COPY (bench.rows), so nothing here calls a service: this is a fixture, not a
journey; the services are exercised by the test suite.
"""

import random
import secrets
import uuid
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from bench.rows import insert, sequences_reset, statistics_refresh
from bench.seed_surveys import seed_surveys
from bench.sizes import BENCH_PASSWORD, SLUG_PREFIX, Ids, Sizes, count_add
from evaluation.models import Question, Survey, SurveyCompletion
from people.models import ConsentStatus, GuardianLink, Membership, Role, School, User
from projects.counters import counters_recount
from projects.models import (
    Backing,
    Charter,
    Decision,
    DecisionStatus,
    Idea,
    IdeaComment,
    Need,
    NeedCategory,
    NeedComment,
    NeedStatus,
    Project,
    ProjectMembership,
    ProjectRole,
    Stage,
    StageTransition,
    Task,
    TaskStatus,
    VoterRecord,
)
from projects.models.decisions import Ballot
from projects.voting.methods.approval import Approval, count_approval

FIRST_NAMES = ["Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hassan", "Isla", "Jack", "Kai", "Leah"]
LAST_NAMES = ["Adams", "Brown", "Clarke", "Davies", "Evans", "Frost", "Green", "Hughes", "Iqbal", "Jones"]

SEEDED_MODELS = [
    User,
    School,
    Membership,
    GuardianLink,
    Charter,
    Need,
    Backing,
    NeedComment,
    Project,
    Project.needs.through,
    ProjectMembership,
    StageTransition,
    Idea,
    Idea.authors.through,
    IdeaComment,
    Decision,
    Decision.options.through,
    Task,
    Task.owners.through,
    Survey,
    Question,
    SurveyCompletion,
]


def bench_seeded() -> bool:
    return School.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def only_bench_data() -> bool:
    """Whether every school in the database is a bench school (so wiping the database loses nothing else)."""
    return not School.objects.exclude(slug__startswith=SLUG_PREFIX).exists()


def seed(sizes: Sizes, *, log=print, first_number: int = 1) -> dict:
    """Seed `sizes.schools` schools, numbered from `first_number`; the first gets the survey answers.
    Returns how many rows of each kind were made."""
    rng = random.Random(2026)
    now = timezone.now()
    counts: dict[str, int] = {}
    password = make_password(BENCH_PASSWORD)
    ids = Ids()
    with transaction.atomic():
        for number in range(first_number, first_number + sizes.schools):
            _seed_school(number, sizes, ids, rng, now, password, counts, with_answers=number == first_number)
            log(f"  school {number - first_number + 1}/{sizes.schools} seeded")
        sequences_reset([*SEEDED_MODELS])
        counters_recount()  # the rows were copied in: the counts pages show are made from them
    statistics_refresh()
    return counts


def _seed_school(number, sizes: Sizes, ids: Ids, rng, now, password, counts, *, with_answers: bool) -> None:
    school_id = ids(School)
    tag = f"b{number:02d}"
    insert(School, ["id", "name", "slug"], [(school_id, f"Bench School {number:02d}", f"{SLUG_PREFIX}{number:02d}")])
    people = _seed_people(school_id, tag, sizes, ids, rng, now, password, counts)
    insert(
        Charter,
        ["school_id", "term", "may_decide", "budget_money", "updated_by_id"],
        [(school_id, "Spring term 2027", "Lunchtime clubs, the library, the playground.", 500, people["leaders"][0])],
    )
    needs = _seed_needs(school_id, sizes, ids, rng, now, people, counts)
    _seed_projects(school_id, sizes, ids, rng, now, people, needs, counts)
    seed_surveys(school_id, sizes, ids, rng, now, people, counts, with_answers=with_answers)


def _seed_people(school_id, tag, sizes: Sizes, ids: Ids, rng, now, password, counts) -> dict:
    users, memberships = [], []
    people: dict[str, list[int]] = {"pupils": [], "staff": [], "leaders": [], "parents": []}
    groups = [
        ("pupils", Role.PUPIL, sizes.pupils, "p"),
        ("staff", Role.STAFF, sizes.staff, "s"),
        ("leaders", Role.LEADER, sizes.leaders, "l"),
        ("parents", Role.PARENT, sizes.parents, "g"),
    ]
    for group, role, how_many, letter in groups:
        for index in range(1, how_many + 1):
            user_id, membership_id = ids(User), ids(Membership)
            username = f"{tag}{letter}{index:04d}"
            email = None if role == Role.PUPIL else f"{username}@bench.school"
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            users.append((user_id, username, password, first, last, email))
            year = 7 + index % 5 if role == Role.PUPIL else None
            form = f"{year}{'ABCDEF'[index % 6]}" if year else ""
            memberships.append((membership_id, user_id, school_id, role, year, form, index == 1 and role == Role.STAFF))
            people[group].append(membership_id)
    count_add(counts, "users", insert(User, ["id", "username", "password", "first_name", "last_name", "email"], users))
    count_add(
        counts,
        "memberships",
        insert(
            Membership,
            ["id", "user_id", "school_id", "role", "year_group", "form", "is_safeguarding_lead"],
            memberships,
        ),
    )
    links = [
        (school_id, parent, people["pupils"][index], ConsentStatus.GIVEN, now)
        for index, parent in enumerate(people["parents"])
    ]
    insert(GuardianLink, ["school_id", "parent_id", "pupil_id", "consent_status", "consent_changed_at"], links)
    return people


def _needs_in_projects(sizes: Sizes) -> int:
    """The first needs are answered by projects ("in a project"); at least half stay open to back."""
    return max(1, min(sizes.projects, sizes.needs // 2))


def _seed_needs(school_id, sizes: Sizes, ids: Ids, rng, now, people, counts) -> list[int]:
    pupils = people["pupils"]
    categories = list(NeedCategory)
    needs, backings, comments = [], [], []
    need_ids = []
    for index in range(sizes.needs):
        need_id = ids(Need)
        need_ids.append(need_id)
        created = now - timedelta(days=rng.randint(0, 3 * 365), minutes=rng.randint(0, 1440))
        # Needs answered by a project are "in a project"; the rest stay open to back.
        status = NeedStatus.IN_PROJECT if index < _needs_in_projects(sizes) else NeedStatus.OPEN
        needs.append(
            (
                need_id,
                school_id,
                rng.choice(pupils),
                index % 7 == 0,
                f"Need {index + 1}: the {rng.choice(['lunch queue', 'library', 'field', 'lockers', 'clubs'])}",
                "It does not work for many of us, and here is why, in a few sentences.",
                f"Year {7 + index % 5}",
                categories[index % len(categories)],
                status,
                created,
                created,
            )
        )
        for backer in rng.sample(pupils, min(sizes.backings_per_need, len(pupils))):
            backings.append((need_id, backer, created))
    for _ in range(sizes.need_comments):
        need_id = rng.choice(need_ids)
        comments.append((need_id, rng.choice(pupils), False, "I agree, and at break it is worse.", now))
    fields = ["id", "school_id", "author_id", "hide_author", "title", "problem", "affects", "category", "status"]
    count_add(counts, "needs", insert(Need, [*fields, "created_at", "updated_at"], needs))
    count_add(counts, "backings", insert(Backing, ["need_id", "membership_id", "created_at"], backings))
    count_add(
        counts,
        "need comments",
        insert(NeedComment, ["need_id", "author_id", "hide_author", "body", "created_at"], comments),
    )
    return need_ids


def _seed_projects(school_id, sizes: Sizes, ids: Ids, rng, now, people, need_ids, counts) -> None:
    pupils, staff = people["pupils"], people["staff"]
    stages = list(Stage)
    rows: dict[str, list] = {
        key: []
        for key in [
            "projects",
            "project_needs",
            "members",
            "transitions",
            "ideas",
            "authors",
            "idea_comments",
            "decisions",
            "options",
            "ballots",
            "voters",
            "tasks",
            "owners",
        ]
    }
    staged = [stages[index % len(stages)] for index in range(sizes.projects)]
    deciding = [stage for stage in staged if stage.position >= Stage.CO_DECIDE.position]
    ballots_per_decision = -(-sizes.ballots // max(1, len(deciding)))
    for index, stage in enumerate(staged):
        project_id = ids(Project)
        created = now - timedelta(days=30 + rng.randint(0, 3 * 365))
        lead = pupils[index % len(pupils)]
        facilitator = staff[index % len(staff)]
        title = f"Project {index + 1}"
        rows["projects"].append((project_id, school_id, title, "What we will change.", "Skills", stage, lead, created))
        rows["project_needs"].append((project_id, need_ids[index % _needs_in_projects(sizes)]))
        members = {lead: ProjectRole.LEAD, facilitator: ProjectRole.FACILITATOR}
        for member in rng.sample(pupils, min(sizes.members_per_project, len(pupils))):
            members.setdefault(member, ProjectRole.MEMBER)
        rows["members"] += [(project_id, member, role, created) for member, role in members.items()]
        for step in range(stage.position):
            rows["transitions"].append(
                (project_id, facilitator, stages[step], stages[step + 1], created + timedelta(days=step + 1))
            )
        if stage.position < Stage.CO_DESIGN.position:
            continue
        idea_ids = []
        for number in range(sizes.ideas_per_project):
            idea_id = ids(Idea)
            idea_ids.append(idea_id)
            cost = 50 * (number + 1)
            title = f"Idea {number + 1}"
            rows["ideas"].append((idea_id, project_id, title, "How.", cost, "Pupils", lead, True, facilitator, created))
            rows["authors"].append((idea_id, lead))
            rows["idea_comments"] += [
                (idea_id, rng.choice(pupils), False, "Could we try it for a week first?", created)
                for _ in range(sizes.idea_comments_per_idea)
            ]
        if stage.position < Stage.CO_DECIDE.position:
            continue
        _decision_rows(rows, ids, rng, now, project_id, lead, idea_ids, pupils, stage, ballots_per_decision)
        if stage.position >= Stage.CO_DELIVER.position:
            for number in range(3):
                task_id = ids(Task)
                done = stage != Stage.CO_DELIVER
                status = TaskStatus.DONE if done else [TaskStatus.TODO, TaskStatus.DOING][number % 2]
                due = (now + timedelta(days=7 * (number + 1))).date()
                rows["tasks"].append(
                    (task_id, project_id, f"Task {number + 1}", due, status, due if done else None, lead)
                )
                rows["owners"].append((task_id, lead))
    count_add(
        counts,
        "projects",
        insert(
            Project,
            ["id", "school_id", "title", "summary", "what_you_get_back", "stage", "created_by_id", "created_at"],
            rows["projects"],
        ),
    )
    insert(Project.needs.through, ["project_id", "need_id"], rows["project_needs"])
    insert(ProjectMembership, ["project_id", "membership_id", "role", "joined_at"], rows["members"])
    insert(StageTransition, ["project_id", "actor_id", "from_stage", "to_stage", "created_at"], rows["transitions"])
    idea_fields = ["id", "project_id", "title", "description", "cost_money", "who_it_helps", "created_by_id"]
    idea_fields += ["is_shortlisted", "shortlisted_by_id", "created_at"]
    count_add(counts, "ideas", insert(Idea, idea_fields, rows["ideas"]))
    insert(Idea.authors.through, ["idea_id", "membership_id"], rows["authors"])
    count_add(
        counts,
        "idea comments",
        insert(IdeaComment, ["idea_id", "author_id", "hide_author", "body", "created_at"], rows["idea_comments"]),
    )
    decision_fields = ["id", "project_id", "title", "method", "electorate_roles", "opens_at", "closes_at", "status"]
    decision_fields += ["closed_at", "ballot_salt", "result", "created_by_id"]
    count_add(counts, "decisions", insert(Decision, decision_fields, rows["decisions"]))
    insert(Decision.options.through, ["decision_id", "idea_id"], rows["options"])
    count_add(counts, "ballots", insert(Ballot, ["id", "decision_id", "choices", "receipt"], rows["ballots"]))
    insert(VoterRecord, ["id", "decision_id", "membership_id", "voted_on"], rows["voters"])
    task_fields = ["id", "project_id", "title", "due_on", "status", "done_on", "created_by_id"]
    count_add(counts, "tasks", insert(Task, task_fields, rows["tasks"]))
    insert(Task.owners.through, ["task_id", "membership_id"], rows["owners"])


def _decision_rows(rows, ids: Ids, rng, now, project_id, lead, idea_ids, pupils, stage, how_many) -> None:
    """An approval vote by all pupils: open while the project is in co-decide, closed and counted after."""
    decision_id = ids(Decision)
    is_open = stage == Stage.CO_DECIDE
    voters = rng.sample(pupils, min(how_many, len(pupils)))
    choices = [sorted(rng.sample(idea_ids, rng.randint(1, len(idea_ids)))) for _ in voters]
    opens = now - timedelta(days=3 if is_open else 60)
    closes = now + timedelta(days=7) if is_open else opens + timedelta(days=7)
    result = None if is_open else count_approval(choices, idea_ids)
    if is_open:
        status, closed_at, salt = DecisionStatus.OPEN, None, secrets.token_hex(16)
    else:
        status, closed_at, salt = DecisionStatus.CLOSED, closes, ""
    row = (decision_id, project_id, "Which ideas should we do?", Approval.key, ["pupil"], opens, closes)
    rows["decisions"].append((*row, status, closed_at, salt, result, lead))
    rows["options"] += [(decision_id, idea_id) for idea_id in idea_ids]
    # Random receipts stand in for real ones: no bench pupil can recompute them, so every voter
    # page shows an empty ballot, as it does for someone who has not voted yet.
    rows["ballots"] += [
        (uuid.uuid4(), decision_id, chosen, secrets.token_hex(32) if is_open else None) for chosen in choices
    ]
    rows["voters"] += [(uuid.uuid4(), decision_id, voter, opens.date()) for voter in voters]
