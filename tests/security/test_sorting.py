"""Sorting and filtering only by allow-listed fields: a sort, order or filter parameter the page does
not offer is ignored, never handed to order_by() or filter(), so it cannot sort by a password hash,
reach into another table or inject SQL."""

import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import NeedFactory, PupilFactory
from tests.security.urlwalk import declaration, request, url_for, url_routes

pytestmark = pytest.mark.django_db

# Names views use (or might) for sorting and filtering, each with a value no page offers.
HOSTILE = {
    "sort": "-user__password",
    "order": "school__name",
    "o": "password",
    "ordering": "author__user__password",
    "sort_by": "pk) DESC; DROP TABLE people_user; --",
    "dir": "desc",
    "stage": "co_design' OR '1'='1",
    "category": "facilities__in",
    "status": "open'--",
    "role": "leader' OR 1=1",
    "year_group": "8 OR 1=1",
    "looking": "1; DROP",
    "type": 'likert5"><script>',
    "school": "1",
    "school_id": "1",
}
TIMESTAMP = re.compile(r"'?\d{4}-\d\d-\d\d[ T][\d:.]+(\+00:00)?'?")


def _queries(client, url: str) -> list[str]:
    """The SQL a GET runs, sessions left out (they hold timestamps) and times made equal."""
    with CaptureQueriesContext(connection) as captured:
        response = request(client, "GET", url)
    assert response.status_code < 500, f"{url}: {response.status_code}"
    return [
        TIMESTAMP.sub("T", query["sql"])
        for query in captured
        if query["sql"].startswith(("SELECT", "INSERT", "UPDATE", "DELETE")) and "django_session" not in query["sql"]
    ]


@pytest.mark.parametrize("role", ["pupil", "staff"])
def test_unknown_sort_and_filter_parameters_change_no_query_on_any_page(world, role_clients, role):
    """Every page the role may open runs exactly the same SQL with the hostile parameters as without."""
    client = role_clients[role]
    # Content types are cached per process on first use: fill the cache first, or the first page that
    # needs one would run a query more with whichever parameters come first.
    ContentType.objects.get_for_models(*apps.get_models())
    changed, pages = [], 0
    for route in url_routes():
        declared = declaration(route)
        if declared is None or "GET" not in declared.methods or role not in declared.who:
            continue
        if route.pattern.startswith("admin/"):
            continue
        url = url_for(route, declared, world)
        pages += 1
        clean = _queries(client, url)
        hostile = _queries(
            client, url + ("&" if "?" in url else "?") + "&".join(f"{k}={v}" for k, v in HOSTILE.items())
        )
        if clean != hostile:
            extra = [q for q in hostile if q not in clean]
            changed.append(f"{route.key}: {extra[:2]}")
    assert pages > 20
    assert not changed, "Pages that passed an unknown parameter to the database:\n" + "\n".join(changed)


def _titles(client, **params) -> list[str]:
    page = client.get(reverse("projects:need_list"), params).context["page"]
    return [need.title for need in page.object_list]


def test_need_list_sorts_by_its_two_choices_and_ignores_anything_else(world, role_clients):
    client = role_clients["pupil"]
    NeedFactory(school=world.school, title="Zebra crossing", author=world.pupil2)
    default = _titles(client)
    assert _titles(client, sort="newest")[0] == "Zebra crossing"  # the allowed choice works
    for value in ("password", "-author__user__password", "title", "school__name", "-pk); DROP TABLE x; --"):
        assert _titles(client, sort=value) == default, value


def test_people_list_ignores_an_order_by_another_table(world, role_clients):
    client = role_clients["staff"]
    PupilFactory.create_batch(3, school=world.school)
    default = [m.pk for m in client.get(reverse("people:list")).context["page"].object_list]
    for params in ({"order": "school__name"}, {"sort": "-user__password"}, {"role": "x' OR '1'='1"}):
        assert [m.pk for m in client.get(reverse("people:list"), params).context["page"].object_list] == default


@pytest.mark.parametrize("name", ["projects:need_list", "projects:project_list", "people:list", "projects:need_export"])
def test_sql_in_a_search_is_searched_for_as_text(world, other_world, role_clients, name):
    kwargs = {"fmt": "csv"} if name == "projects:need_export" else {}
    for search in ("' OR '1'='1", "%' --", "\\'; DROP TABLE people_user; --", "%", "_"):
        response = role_clients["staff"].get(reverse(name, kwargs=kwargs), {"q": search})
        assert response.status_code == 200
        body = response.content.decode()
        assert other_world.need.title not in body and other_world.pupil.user.username not in body
        assert world.need.title not in body  # nothing matches these words
