"""Every main page runs the same number of SQL queries in a school with 5 rows of everything and in
one with 500 (issue 9). Both schools are seeded by the benchmark's own seeder, so the pages see the
benchmark's shape of data: 5 or 500 needs, members per project, ballots per decision and survey
responses, and every stage. The pages' own tests grow one kind of row each and stay the detailed
checks: tests/projects/test_needs.py, test_projects.py, test_voting_views.py, tests/front/test_dashboard.py
(5 vs 200 projects), tests/front/test_homes.py and tests/evaluation/test_school_report.py.
"""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.seed import seed
from bench.sizes import QUESTIONS_PER_SURVEY, Sizes
from bench.targets import ROLE_PAGES, bench_targets
from people.models import Membership, Role, User
from projects.models import Idea, Need, NeedStatus, Stage
from projects.services.ideas import idea_comment_add
from projects.services.needs import need_back, need_comment_add, need_unback

DECIDING_STAGES = sum(stage.position >= Stage.CO_DECIDE.position for stage in Stage)


def _sizes(rows: int, projects: int) -> Sizes:
    sizes = Sizes(schools=1, scale=0)  # the floor of every count, then the rows asked for
    sizes.pupils = max(sizes.pupils, rows)
    sizes.needs = sizes.need_comments = sizes.members_per_project = rows
    sizes.projects = projects
    sizes.ballots = rows * projects * DECIDING_STAGES // len(Stage)
    sizes.answers = rows * QUESTIONS_PER_SURVEY
    return sizes


@pytest.fixture(scope="module")
def schools(django_db_setup, django_db_blocker):
    """Two seeded schools for the whole module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed(_sizes(5, projects=len(Stage)), log=lambda _: None)
        seed(_sizes(500, projects=10 * len(Stage)), log=lambda _: None, first_number=2)
        yield bench_targets(1), bench_targets(2)
        transaction.set_rollback(True)


def _take_part(targets: dict) -> None:
    """What pupils do between two visits during a lesson: back a need and withdraw a backing, comment
    on a need and on an idea. Pages must count it afresh with as few queries as before."""
    pupils = Membership.objects.filter(school__slug=targets["school"], role=Role.PUPIL, is_active=True)
    first, second = pupils.order_by("pk")[:2]
    need = Need.objects.filter(school=first.school, status=NeedStatus.OPEN, hidden_at=None).order_by("pk").first()
    need_back(need=need, membership=first)
    need_back(need=need, membership=second)
    need_unback(need=need, membership=second)
    need_comment_add(need=need, author=first, body="We talked about this in class.")
    idea = Idea.objects.filter(project__school=first.school, hidden_at=None).order_by("pk").first()
    idea_comment_add(idea=idea, author=first, body="I like the second part.")


def _queries(targets: dict, role: str, page: str) -> tuple[int, int]:
    """Queries of one visit with the cache empty, then of a second one after pupils took part (only
    the school report is kept, for minutes): neither may grow with the data."""
    client = Client()
    client.force_login(User.objects.get(username=targets[role][0]))
    url = targets["pages"][page]
    url = url[0] if isinstance(url, list) else url
    assert client.get(url).status_code == 200  # writes the session's last-seen time, not measured
    cache.clear()  # the school report computed afresh too
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    _take_part(targets)
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    return len(cold), len(warm)


@pytest.mark.django_db
@pytest.mark.parametrize("role,page", [(role, page) for role, pages in ROLE_PAGES.items() for page in pages])
def test_page_runs_the_same_queries_with_5_and_500_rows(schools, role, page):
    small, big = schools
    assert _queries(big, role, page) == _queries(small, role, page)
