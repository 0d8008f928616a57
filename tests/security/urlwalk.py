"""Walking the URL configuration for the security tests: every route, its declared expectation,
a URL for it pointing at a world's objects, and one rolled-back request."""

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse

from tests.security.route_expectations import ADMIN_ARGS, PREFIXES, ROUTES, Route

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


NONCE = re.compile(r"'nonce-([^']+)'")
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


def html_header_problems(response) -> list[str]:
    """What an HTML response lacks of the headers every page must carry (empty: nothing)."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    directives = {}
    for directive in response.get("Content-Security-Policy", "").split(";"):
        name, _, value = directive.strip().partition(" ")
        directives[name] = value
    problems = []
    nonce = NONCE.search(directives.get("script-src", ""))
    if not nonce:
        problems.append("no nonce in the CSP's script-src")
    if directives.get("frame-ancestors") != "'none'":
        problems.append("no CSP frame-ancestors 'none'")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if not response.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    if nonce and not getattr(response, "streaming", False):
        for tag in SCRIPT_TAG.findall(response.content.decode(errors="replace")):
            # Inline scripts run only with the nonce; others load from this site ('self'), never a CDN.
            source = re.search(r'\bsrc="([^"]*)"', tag)
            if source is None and f'nonce="{nonce.group(1)}"' not in tag:
                problems.append(f"an inline script without this response's nonce: {tag}")
            if source is not None and not re.match(r"/[^/]", source.group(1)):
                problems.append(f"a script from another site: {tag}")
    return problems
