"""The benchmark dataset: a trust of schools at full size (issue 9), seeded in a few minutes.

At `scale=1` and 20 schools: 1,500 pupils, 60 staff, 3 leaders and 150 linked parents per school;
200 projects per school spread evenly over the six stages, each with a pupil lead, a facilitator and
six members; 50,000 needs, ideas and comments; 100,000 secret ballots in approval decisions (open
ones while a project is in co-decide, closed with a counted result after); and 300,000 survey
answers. The answers all belong to the first school, the one the benchmark signs in to, because the
school-report target is "1,500 pupils and 300,000 answers"; every school has one open survey.

Every bench account has the password `BENCH_PASSWORD`, stored as one hash computed once per run.
Rows go in with COPY (bench.rows), so nothing here calls a service: this is a fixture, not a
journey; the services are exercised by the test suite.
"""

import random
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from bench.rows import IdBlock, insert, sequences_reset, statistics_refresh
from evaluation.models import Answer, Pairing, Question, QuestionType, Response, Survey, SurveyCompletion, SurveyStatus
from people.models import ConsentStatus, GuardianLink, Membership, Role, School, User
from projects.models import (
    Backing,
    Charter,
    Decision,
    DecisionMethod,
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
from projects.services.counting import count_approval

BENCH_PASSWORD = "bench-coproduce"
SLUG_PREFIX = "bench-"
QUESTIONS_PER_SURVEY = 10
FIRST_NAMES = ["Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hassan", "Isla", "Jack", "Kai", "Leah"]
LAST_NAMES = ["Adams", "Brown", "Clarke", "Davies", "Evans", "Frost", "Green", "Hughes", "Iqbal", "Jones"]
QUESTION_TYPES = [QuestionType.LIKERT5] * 6 + [QuestionType.SCALE0_10] * 2
QUESTION_TYPES += [QuestionType.YES_NO, QuestionType.SHORT_TEXT]


@dataclass
class Sizes:
    """How much to make; `scale` shrinks everything for tests (at least one of each kind remains)."""

    schools: int = 20
    scale: float = 1.0
    pupils: int = field(init=False)
    staff: int = field(init=False)
    leaders: int = field(init=False)
    parents: int = field(init=False)
    projects: int = field(init=False)
    needs: int = field(init=False)
    need_comments: int = field(init=False)
    members_per_project: int = 6
    ideas_per_project: int = 2
    idea_comments_per_idea: int = 3
    backings_per_need: int = 3
    ballots: int = field(init=False)
    answers: int = field(init=False)

    def __post_init__(self):
        def sized(full: int, least: int) -> int:
            return max(least, round(full * self.scale))

        self.pupils = sized(1500, 12)
        self.staff = sized(60, 3)
        self.leaders = sized(3, 1)
        self.parents = sized(150, 2)
        self.projects = sized(200, len(Stage))
        # ~50,000 in the trust: 14,000 needs, 10,000 need comments, 6,700 ideas (two for each
        # project past co-identify) and 20,000 idea comments.
        self.needs = sized(700, 4)
        self.need_comments = sized(500, 4)
        self.ballots = sized(100_000 // 20, 10)
        self.answers = sized(300_000, QUESTIONS_PER_SURVEY * 2)


class Ids:
    """One id block per model, created lazily."""

    def __init__(self):
        self.blocks: dict = {}

    def __call__(self, model) -> int:
        if model not in self.blocks:
            self.blocks[model] = IdBlock(model)
        return self.blocks[model].take()


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
    statistics_refresh()
    return counts


def _add(counts: dict, name: str, number: int) -> None:
    counts[name] = counts.get(name, 0) + number


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
    _seed_surveys(school_id, sizes, ids, rng, now, people, counts, with_answers=with_answers)


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
    _add(counts, "users", insert(User, ["id", "username", "password", "first_name", "last_name", "email"], users))
    _add(
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
    _add(counts, "needs", insert(Need, [*fields, "created_at", "updated_at"], needs))
    _add(counts, "backings", insert(Backing, ["need_id", "membership_id", "created_at"], backings))
    _add(
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
    _add(
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
    _add(counts, "ideas", insert(Idea, idea_fields, rows["ideas"]))
    insert(Idea.authors.through, ["idea_id", "membership_id"], rows["authors"])
    _add(
        counts,
        "idea comments",
        insert(IdeaComment, ["idea_id", "author_id", "hide_author", "body", "created_at"], rows["idea_comments"]),
    )
    decision_fields = ["id", "project_id", "title", "method", "electorate_roles", "opens_at", "closes_at", "status"]
    decision_fields += ["closed_at", "ballot_salt", "result", "created_by_id"]
    _add(counts, "decisions", insert(Decision, decision_fields, rows["decisions"]))
    insert(Decision.options.through, ["decision_id", "idea_id"], rows["options"])
    _add(counts, "ballots", insert(Ballot, ["id", "decision_id", "choices", "receipt"], rows["ballots"]))
    insert(VoterRecord, ["id", "decision_id", "membership_id", "voted_on"], rows["voters"])
    task_fields = ["id", "project_id", "title", "due_on", "status", "done_on", "created_by_id"]
    _add(counts, "tasks", insert(Task, task_fields, rows["tasks"]))
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
    row = (decision_id, project_id, "Which ideas should we do?", DecisionMethod.APPROVAL, ["pupil"], opens, closes)
    rows["decisions"].append((*row, status, closed_at, salt, result, lead))
    rows["options"] += [(decision_id, idea_id) for idea_id in idea_ids]
    # Random receipts stand in for real ones: no bench pupil can recompute them, so every voter
    # page shows an empty ballot, as it does for someone who has not voted yet.
    rows["ballots"] += [
        (uuid.uuid4(), decision_id, chosen, secrets.token_hex(32) if is_open else None) for chosen in choices
    ]
    rows["voters"] += [(uuid.uuid4(), decision_id, voter, opens.date()) for voter in voters]


def _seed_surveys(school_id, sizes: Sizes, ids: Ids, rng, now, people, counts, *, with_answers: bool) -> None:
    """One open survey for all pupils; in the answering school, closed before/after pairs holding
    `sizes.answers`, one a month over the last two years, so a report over the period reads them all."""
    pupils = people["pupils"]
    per_survey = len(pupils) * QUESTIONS_PER_SURVEY
    closed = -(-sizes.answers // per_survey) if with_answers else 0
    closed += closed % 2  # whole before/after pairs
    plan = [(ids(Survey), SurveyStatus.OPEN, Pairing.NONE, None, now - timedelta(days=2))]
    for number in range(0, closed, 2):
        before, after = ids(Survey), ids(Survey)
        opened = now - timedelta(days=30 * (closed - number) + 20)
        plan.append((before, SurveyStatus.CLOSED, Pairing.BEFORE, after, opened))
        plan.append((after, SurveyStatus.CLOSED, Pairing.AFTER, before, opened + timedelta(days=25)))
    surveys, questions, question_ids = [], [], {}
    for survey_id, status, pairing, twin, opens in plan:
        closes = opens + timedelta(days=32 if status == SurveyStatus.OPEN else 14)
        title = "How is school going?" if status == SurveyStatus.OPEN else f"Pupil voice {survey_id} ({pairing})"
        surveys.append((survey_id, school_id, title, status, pairing, twin, opens, closes, people["staff"][0], opens))
        question_ids[survey_id] = []
        for order, kind in enumerate(QUESTION_TYPES, start=1):
            question_id = ids(Question)
            question_ids[survey_id].append((question_id, kind))
            required = kind != QuestionType.SHORT_TEXT
            questions.append((question_id, survey_id, order, kind, f"Question {order}", required))
    survey_fields = ["id", "school_id", "title", "status", "pairing", "twin_id", "opens_at", "closes_at"]
    _add(counts, "surveys", insert(Survey, [*survey_fields, "created_by_id", "created_at"], surveys))
    insert(Question, ["id", "survey_id", "order", "type", "text", "required"], questions)
    remaining = sizes.answers
    responses, answers, completions = [], [], []
    for survey_id, status, _pairing, _twin, opens in plan:
        if status == SurveyStatus.OPEN or remaining <= 0:
            continue
        for pupil in pupils[: -(-remaining // QUESTIONS_PER_SURVEY)]:
            response_id = uuid.uuid4()
            submitted = opens.date() + timedelta(days=rng.randint(0, 13))
            responses.append((response_id, survey_id, submitted))
            completions.append((survey_id, pupil, submitted))
            for question_id, kind in question_ids[survey_id]:
                answers.append((uuid.uuid4(), response_id, question_id, *_answer_value(kind, rng)))
        remaining -= per_survey
    insert(Response, ["id", "survey_id", "submitted_on"], responses)
    insert(SurveyCompletion, ["survey_id", "membership_id", "completed_on"], completions)
    _add(counts, "answers", insert(Answer, ["id", "response_id", "question_id", "number", "text"], answers))


def _answer_value(kind: str, rng) -> tuple:
    if kind == QuestionType.LIKERT5:
        return rng.randint(1, 5), ""
    if kind == QuestionType.SCALE0_10:
        return rng.randint(0, 10), ""
    if kind == QuestionType.YES_NO:
        return rng.randint(0, 1), ""
    return None, rng.choice(["More clubs please.", "It was good.", "I felt listened to."])


# The main pages each kind of bench user opens (bench/locustfile.py; bench/report.py counts their queries).
ROLE_PAGES = {
    "pupils": ["pupil home", "needs list", "project page", "vote page", "survey page"],
    "staff": ["needs list", "project page", "facilitator dashboard"],
    "leaders": ["school report", "project report", "project page"],
}


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # a feature not in this build, or the floor with BENCH_FLOOR off
        return None


def bench_targets(number: int = 1) -> dict:
    """What locust needs about a bench school (the first): who signs in, and each main page's URL(s).

    Pages are reversed from the URLconf, so a page whose feature is not in this build is left out.
    The school report covers the last two years: every seeded answer (the 300,000-answer target).
    """
    school = School.objects.get(slug=f"{SLUG_PREFIX}{number:02d}")
    members = Membership.objects.filter(school=school).order_by("pk")
    pupils = (
        ProjectMembership.objects.filter(project__school=school, role__in=[ProjectRole.LEAD, ProjectRole.MEMBER])
        .values_list("membership__user__username", flat=True)
        .distinct()
        .order_by("membership__user__username")
    )
    projects = Project.objects.filter(school=school).order_by("pk")
    evaluated = projects.filter(stage__in=[Stage.CO_EVALUATE, Stage.COMPLETED])
    decisions = Decision.objects.filter(project__school=school, status=DecisionStatus.OPEN).order_by("pk")
    survey = Survey.objects.filter(school=school, status=SurveyStatus.OPEN).values_list("pk", flat=True).first()
    today = timezone.localdate()
    report = _url("evaluation:school_report")
    pages = {
        "floor": _url("bench_floor"),
        "pupil home": _url("home"),
        "needs list": _url("projects:need_list"),
        "project page": [_url("projects:project_detail", pk) for pk in projects.values_list("pk", flat=True)[:60]],
        "vote page": [_url("projects:decision_detail", pk) for pk in decisions.values_list("pk", flat=True)[:30]],
        "survey page": _url("evaluation:answer", survey),
        "facilitator dashboard": _url("projects:dashboard"),
        "school report": report and f"{report}?start={today - timedelta(days=730)}&end={today}",
        "project report": [_url("evaluation:project_report", pk) for pk in evaluated.values_list("pk", flat=True)[:30]],
    }
    return {
        "password": BENCH_PASSWORD,
        "school": school.slug,
        "roles": ROLE_PAGES,
        "pupils": list(pupils[:100]),
        "staff": list(members.filter(role=Role.STAFF).values_list("user__username", flat=True)[:30]),
        "leaders": list(members.filter(role=Role.LEADER).values_list("user__username", flat=True)),
        "pages": {name: url for name, url in pages.items() if url and (isinstance(url, str) or all(url))},
    }
