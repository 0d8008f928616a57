"""The authorization matrix: every route of the URL configuration x every role x own school and
another school's object, compared with tests/security/route_expectations.py.

Each request runs in a transaction that is rolled back, so a POST that succeeds (a vote, a stage
move) does not change what the next request sees. Every request is one check; the count is printed.
"""

import re
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse

from tests.security.route_expectations import ADMIN_ARGS, PREFIXES, ROUTES, Route
from tests.security.world import ROLES

pytestmark = pytest.mark.django_db

ROUTE_KWARG = re.compile(r"<(?:\w+:)?(\w+)>")
REGEX_KWARG = re.compile(r"\(\?P<(\w+)>.*?\)")
REFUSED = {401, 403, 404, 405}


@dataclass(frozen=True)
class UrlRoute:
    key: str  # the name ("projects:need_detail"), or the pattern for unnamed routes
    name: str | None
    pattern: str

    @property
    def kwarg_names(self) -> set[str]:
        return set(ROUTE_KWARG.findall(self.pattern)) | set(re.findall(r"\(\?P<(\w+)>", self.pattern))


def url_routes(resolver=None, prefix: str = "", namespace: str | None = None):
    """Every route of the URL configuration, included apps (allauth, admin) too."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = entry.namespace and (f"{namespace}:{entry.namespace}" if namespace else entry.namespace)
            yield from url_routes(entry, pattern, inner or namespace)
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield UrlRoute(key=name or pattern, name=name, pattern=pattern)


def declaration(route: UrlRoute) -> Route | None:
    if route.key in ROUTES:
        return ROUTES[route.key]
    return next((declared for prefix, declared in PREFIXES.items() if route.pattern.startswith(prefix)), None)


def _value(world, attribute: str):
    if "." in attribute:
        obj_name, field_name = attribute.split(".", 1)
        return getattr(getattr(world, obj_name), field_name)
    return getattr(world, attribute).pk


def url_for(route: UrlRoute, declared: Route, world) -> str:
    kwargs = {name: _value(world, attribute) for name, attribute in declared.args.items()}
    kwargs.update(declared.fixed)
    for name in route.kwarg_names - set(kwargs):
        kwargs[name] = ADMIN_ARGS.get(name, "1")
    positional = len(re.findall(r"\((?!\?)", route.pattern))  # simple_history's admin uses unnamed groups
    if route.name:
        return reverse(route.name, args=["1"] * positional) if positional else reverse(route.name, kwargs=kwargs)
    # Unnamed routes (the admin's redirects and catch-all) cannot be reversed: fill the pattern in.
    path = ROUTE_KWARG.sub(lambda m: str(kwargs[m.group(1)]), route.pattern)
    path = REGEX_KWARG.sub(lambda m: str(kwargs[re.match(r"\(\?P<(\w+)>", m.group(0)).group(1)]), path)
    return "/" + path.replace("^", "").replace("$", "")


def request(client, method: str, url: str):
    """One request, its database writes rolled back; rate-limit counters (cache) start empty."""
    cache.clear()
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        transaction.set_rollback(True)
    return response


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
