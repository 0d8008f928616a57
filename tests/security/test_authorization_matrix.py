"""The authorization matrix: every route of the URL configuration x every role x own school and
another school's object, compared with tests/security/route_expectations.py.

Each request runs in a transaction that is rolled back, so a POST that succeeds (a vote, a stage
move) does not change what the next request sees. Every request is one check; the count is printed.
"""

import pytest
from django.urls import reverse

from tests.security.route_expectations import ROUTES, Route
from tests.security.urlwalk import REFUSED, declaration, html_header_problems, request, url_for, url_routes
from tests.security.world import ROLES

pytestmark = pytest.mark.django_db


def _sent_to_sign_in(response, declared: Route) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse(declared.login_url))


def verdict(declared: Route, role: str, method: str, response, *, own_school: bool) -> str | None:
    """None when the response is what the table says, else what was expected."""
    status = response.status_code
    if status >= 500:
        return "a server error"
    who = declared.post_who if method == "POST" and declared.post_who is not None else declared.who
    if role == "anonymous" and role not in who:
        return None if _sent_to_sign_in(response, declared) else "a redirect to sign in"
    if not own_school:
        if role in who or role in declared.hidden_from:
            return None if status == 404 else "404 (another school's object)"
        return None if status in (403, 404) else "403 or 404 (another school's object)"
    if role in who:
        refused = status in REFUSED or _sent_to_sign_in(response, declared)
        return "the page (not refused)" if refused else None
    if declared.login_url != "account_login":  # the admin sends everyone who is not an operator to sign in
        return None if _sent_to_sign_in(response, declared) else "a redirect to sign in"
    expected = 404 if role in declared.hidden_from else 403
    return None if status == expected else str(expected)


def test_every_route_has_a_declared_expectation():
    undeclared = sorted(route.key for route in url_routes() if declaration(route) is None)
    assert not undeclared, (
        "Routes without a row in tests/security/route_expectations.py (declare who may open them): "
        + ", ".join(undeclared)
    )


def test_no_declared_route_is_stale():
    keys = {route.key for route in url_routes()}
    stale = sorted(set(ROUTES) - keys)
    assert not stale, f"Declared routes that no longer exist: {', '.join(stale)}"


def test_authorization_matrix(world, other_world, role_clients, capsys):
    failures, checks = [], 0
    for route in url_routes():
        declared = declaration(route)
        if declared is None:
            continue  # reported by test_every_route_has_a_declared_expectation
        targets = [(True, url_for(route, declared, world))]
        if declared.args and declared.school_scoped:
            targets.append((False, url_for(route, declared, other_world)))
        for own_school, url in targets:
            for role in ROLES:
                for method in declared.methods:
                    checks += 1
                    try:
                        response = request(role_clients[role], method, url)
                    except Exception as error:  # a crash is one failed check, listed with the rest
                        failures.append(f"{method} {url} as {role}: raised {error!r}")
                        continue
                    problem = verdict(declared, role, method, response, own_school=own_school)
                    for missing in html_header_problems(response):
                        failures.append(f"{method} {url} as {role}: {missing}")
                    if problem:
                        school = "own school" if own_school else "another school"
                        failures.append(
                            f"{method} {url} ({route.key}) as {role}, {school}: "
                            f"got {response.status_code}, expected {problem}"
                        )
                if declared.methods == ("POST",) and own_school:
                    # A POST-only route answers a GET with 405 or a sign-in redirect, never the page.
                    checks += 1
                    response = request(role_clients[role], "GET", url)
                    if 200 <= response.status_code < 300 or response.status_code >= 500:
                        failures.append(f"GET {url} ({route.key}) as {role}: got {response.status_code}")
    with capsys.disabled():
        print(f"\nauthorization matrix: {checks} checks (routes x roles x own/other school x methods)")
    assert not failures, f"{len(failures)} of {checks} checks failed:\n" + "\n".join(failures)
