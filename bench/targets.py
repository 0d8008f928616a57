"""What locust needs from the seeded database: accounts and the URLs of the main pages."""

from datetime import timedelta

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from bench.sizes import BENCH_PASSWORD, SLUG_PREFIX
from evaluation.models import Survey, SurveyStatus
from people.models import Membership, Role, School
from projects.models import Decision, DecisionStatus, Project, ProjectMembership, ProjectRole, Stage

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
