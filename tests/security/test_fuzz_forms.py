"""Bad input: generated junk (unicode, NUL bytes, huge strings, wrong types, negative and enormous
ids) posted to every form route and to the roster CSV import never gives a 500, and a rejected POST
writes nothing (every app table keeps its row count). Bounded: a few examples per route, < 60 s."""

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from people.models import Membership, RosterImport
from tests.security.payloads import NOT_EXERCISED, POSTS, Post
from tests.security.route_expectations import ROUTES
from tests.security.urlwalk import url_for, url_routes

pytestmark = pytest.mark.django_db

APPS = ("people", "projects", "evaluation")
EXAMPLES_PER_ROUTE = 4
FUZZ = settings(
    max_examples=EXAMPLES_PER_ROUTE,
    deadline=None,
    database=None,  # the same examples on every run: a failure is reproducible, not flaky
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# allauth's forms, posted to while signed out.
SIGN_IN_FORMS = {
    "account_login": ["login", "password", "remember"],
    "account_signup": ["email", "password1", "password2", "first_name", "last_name"],
    "account_reset_password": ["email"],
}

junk_value = st.one_of(
    st.text(max_size=40),  # any unicode, NUL included
    st.sampled_from(["", " ", "\x00", "a\x00b", "x" * 100_000, "🙂" * 5_000, "\u202e\ufeff", "null", "None"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["-1", "0", "1e309", "NaN", "1.5", "2026-02-30", "2026-13-01T25:61", "99999999999999999999"]),
    st.lists(st.text(max_size=5), max_size=3),
)


def junk_for(fields: list[str]):
    """The route's own field names (and a few it does not have), each with a junk value or left out."""
    names = st.sampled_from([*fields, "school", "role", "user", "id", "csrfmiddlewaretoken"])
    return st.dictionaries(names, junk_value, max_size=len(fields) + 3)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for app in APPS for model in apps.get_app_config(app).get_models()}


def post(client, url: str, data: dict):
    """POST, then the row counts if the form was turned down (not a redirect); always rolled back."""
    with transaction.atomic():
        response = client.post(url, data)
        counts = row_counts() if response.status_code != 302 else None
        transaction.set_rollback(True)
    return response, counts


def fuzz_route(name: str, declared, url: str, client, before: dict, problems: list, fields: list[str]) -> None:
    """Post junk built from the route's own field names (a generic "reason" when it has none)."""
    fields = fields or ["reason"]

    @FUZZ
    @given(junk=junk_for(fields))
    def check(junk):
        data = {key: value for key, value in junk.items() if key not in declared.files}
        for key in declared.files:
            data[key] = SimpleUploadedFile("junk.csv", str(junk.get(key, "")).encode(), "text/csv")
        response, counts = post(client, url, data)
        if response.status_code >= 500:
            problems.append(f"{name}: {response.status_code} for {junk!r}"[:300])
        elif counts is not None and counts != before:
            changed = {k: (before[k], v) for k, v in counts.items() if v != before[k]}
            problems.append(f"{name}: refused ({response.status_code}) but wrote {changed} for {junk!r}"[:300])

    check()


def test_junk_in_every_form_gives_no_server_error_and_writes_nothing_when_refused(world, role_clients):
    for client in role_clients.values():
        client.raise_request_exception = False  # a crash is a 500 to list, not the end of the test
    routes = {route.key: route for route in url_routes()}
    before = row_counts()
    problems = []
    targets = {name: (declared, list(declared.data(world))) for name, declared in POSTS.items()}
    # Junk needs no valid request to start from: the routes without one are posted to as well.
    for name, fields in {**{name: [] for name in NOT_EXERCISED}, **SIGN_IN_FORMS}.items():
        role = "anonymous" if name in SIGN_IN_FORMS else min(ROUTES[name].post_who or ROUTES[name].who or {"staff"})
        targets[name] = (Post(role, lambda w: {}), fields)
    for name, (declared, fields) in targets.items():
        url = url_for(routes[name], ROUTES[name], world) + declared.query
        fuzz_route(name, declared, url, role_clients[declared.role], before, problems, fields)
    assert not problems, "\n".join(problems)


csv_junk = st.one_of(
    st.binary(max_size=300),
    st.lists(
        st.lists(st.one_of(st.text(max_size=12), st.sampled_from(["7", "-3", "14", "8A", "=1+1", ""])), max_size=6),
        max_size=6,
    ).map(lambda rows: "\n".join(",".join(row) for row in [["First name", "Last name", "Year group", "Form"], *rows])),
)


@FUZZ
@given(content=csv_junk)
def test_roster_import_of_junk_is_all_or_nothing(world, role_clients, content):
    client = role_clients["staff"]
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    pupils = Membership.objects.filter(school=world.school).count()
    with transaction.atomic():
        upload = SimpleUploadedFile("junk.csv", data, "text/csv")
        response = client.post(reverse("people:roster_upload"), {"file": upload})
        assert response.status_code < 500
        created = RosterImport.objects.filter(school=world.school, status="preview")
        if response.status_code != 302:
            assert not created.exists(), "a refused file left a preview behind"
        for roster_import in created:
            new = sum(1 for row in roster_import.rows if row["status"] == "new")
            confirm = client.post(reverse("people:roster_import", args=[roster_import.pk]))
            assert confirm.status_code < 500
            added = Membership.objects.filter(school=world.school).count() - pupils
            assert added in (0, new), f"{added} of {new} pupils written"
        transaction.set_rollback(True)


def test_a_nul_byte_in_any_field_of_a_valid_post_is_no_server_error(world, role_clients):
    """PostgreSQL refuses NUL in text; every field must be cleaned before it gets there."""
    for client in role_clients.values():
        client.raise_request_exception = False  # a crash is a 500 to list, not the end of the test
    routes = {route.key: route for route in url_routes()}
    crashed = []
    for name, declared in POSTS.items():
        url = url_for(routes[name], ROUTES[name], world) + declared.query
        valid = declared.data(world)
        for field in [key for key, value in valid.items() if isinstance(value, str)] + ["reason", "comment"]:
            data = {**valid, field: f"{valid.get(field, 'why')}\x00"}
            response, _ = post(role_clients[declared.role], url, data)
            if response.status_code >= 500:
                crashed.append(f"{name} ({field})")
    assert not crashed, crashed


def test_a_nul_byte_in_a_stage_proposal_reason_is_removed(world, role_clients):
    """Removed in one place for every text input (coproschool.middleware.ControlCharacterMiddleware)."""
    world.stage_proposal.delete()
    url = reverse("projects:stage_propose", args=[world.project.pk])
    response = role_clients["pupil"].post(url, {"reason": "ready\x00 to\x07 move"})
    assert response.status_code == 302
    assert world.project.stage_proposals.get().reason == "ready to move"


def test_a_nul_byte_in_a_search_is_no_server_error(role_clients):
    response = role_clients["staff"].get(reverse("projects:need_list"), {"q": "heat\x00ing"})
    assert response.status_code == 200


def test_control_characters_in_any_value_of_a_repeated_field_are_removed():
    from django.http import QueryDict

    from coproschool.middleware import _cleaned

    cleaned = _cleaned(QueryDict("needs=a%00b&needs=c"))
    assert cleaned.getlist("needs") == ["ab", "c"]
