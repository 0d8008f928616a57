import os

import pytest


def pytest_sessionstart(session):
    """Tests that need PostgreSQL or Redis use the real ones; if they are down, say so and stop."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        import psycopg2

        try:
            psycopg2.connect(
                dbname="postgres",
                user=database["USER"],
                password=database["PASSWORD"],
                host=database["HOST"],
                port=database["PORT"] or 5432,
                connect_timeout=3,
            ).close()
        except psycopg2.OperationalError as error:
            pytest.exit(
                f"PostgreSQL ({os.environ.get('DATABASE_URL')}) is unreachable: {error}\n"
                "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
                returncode=3,
            )
    if settings.REDIS_URL:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
        except redis.RedisError as error:
            pytest.exit(
                f"Redis ({settings.REDIS_URL}) is unreachable: {error}\n"
                'Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
                returncode=3,
            )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs ~0.3 s a password; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def production_hashers(settings):
    """The hasher list of coproschool/settings.py (Argon2id first), for tests of hashing itself."""
    from coproschool import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _fresh_cache(settings, request):
    """Each test counts rate limits from zero in its own memory cache, never in the shared Redis
    (CACHES points there when REDIS_URL is set; flushing it would drop the broker's queues too)."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid}
    }


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Files the code saves (report PDFs) go to the test's own folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Unit tests run tasks in-process; the Celery integration tests start a real worker."""
    from coproschool.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture
def school():
    from tests.factories import SchoolFactory

    return SchoolFactory()


@pytest.fixture
def pupil(school):
    from tests.factories import PupilFactory

    return PupilFactory(school=school)


@pytest.fixture
def staff(school):
    from tests.factories import StaffFactory

    return StaffFactory(school=school)


@pytest.fixture
def leader(school):
    from tests.factories import LeaderFactory

    return LeaderFactory(school=school)


@pytest.fixture
def parent(school):
    from tests.factories import ParentFactory

    return ParentFactory(school=school)


@pytest.fixture
def client_for(client):
    """`client_for(membership)` signs that membership's user in and returns the client."""

    def sign_in(membership):
        client.force_login(membership.user)
        return client

    return sign_in


# --- a project and its people, for the projects and evaluation tests ---


@pytest.fixture
def project(school):
    from tests.factories import ProjectFactory

    return ProjectFactory(school=school)


@pytest.fixture
def lead(project):
    from projects.models import ProjectRole
    from tests.factories import ProjectMembershipFactory

    return ProjectMembershipFactory(project=project, role=ProjectRole.LEAD).membership


@pytest.fixture
def facilitator(project):
    from projects.models import ProjectRole
    from tests.factories import ProjectMembershipFactory, StaffFactory

    staff = StaffFactory(school=project.school)
    ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    return staff


@pytest.fixture
def move_to(facilitator):
    """Put a project in a stage the only legal way: the facilitator overrides, one stage at a time."""
    from projects.models import Stage
    from projects.services.stages import project_move_stage

    def move(project, stage):
        project.refresh_from_db()
        while project.stage != stage:
            project_move_stage(
                project=project,
                actor=facilitator,
                to_stage=Stage(project.stage).next,
                reason="test setup",
                override=True,
            )
            project.refresh_from_db()
        return project

    return move


@pytest.fixture
def redis_away(settings):
    """The cache is Redis (as in production) and Redis is down: every call is refused."""
    settings.CACHES = {
        "default": {
            "BACKEND": "coproschool.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
