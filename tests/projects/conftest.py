import pytest

from tests.factories import NeedFactory


@pytest.fixture
def ready_project(project, lead, facilitator):
    """A project that meets the co-identify gate: a need, a lead, a facilitator, the statement."""
    project.needs.add(NeedFactory(school=project.school))
    project.what_you_get_back = "A certificate and the skills of running a campaign."
    project.save()
    return project


@pytest.fixture
def assert_constant_queries(django_assert_num_queries):
    """Load `url` with 5 rows, then with 500: both must run the same number of SQL queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(client, url, add_rows):
        add_rows(5)
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as with_5:
            assert client.get(url).status_code == 200
        # Counted now: the captured queries are a slice of the connection's log, which holds the last 9,000
        # queries only, so after the inserts below the same slice would hold other queries.
        queries_with_5 = len(with_5)
        add_rows(495)
        # Adding 495 rows can take longer than the session's last-seen interval: touch it again, unmeasured.
        client.get(url)
        with django_assert_num_queries(queries_with_5):
            assert client.get(url).status_code == 200

    return check
