"""A crawl of the demo school (issue 23): for each role, every link on their home page and in their
navigation, followed two levels deep, answers 200, a redirect to such a page, or the styled 403/404
page; never a 500 and never a bare error.

Links are read from `<a href>` on the same host. At the second level one address of each shape is
followed (`/projects/12/` and `/projects/13/` are the same page for another row), which keeps the crawl
to every kind of page a person can reach rather than every row. Downloads are fetched, not read.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command

from people.models import Membership, Role

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# The base layout's landmark: an error answered with it is the styled page, not a bare error.
BASE_LAYOUT = '<main id="main"'
# Fetched but not parsed for links: files, not pages.
DOWNLOAD = re.compile(r"(\.csv|\.pdf|/download|/export|/csv)(/|\?|$)")
# Never followed: signing out would end the crawl; the admin is not the app.
NOT_FOLLOWED = re.compile(r"^/(accounts/logout|admin)/|^/static/|^/media/")
DEPTH = 2


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _internal_links(page_url: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    links = []
    for href in parser.hrefs:
        url, _fragment = urldefrag(urljoin(f"http://testserver{page_url}", href))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != "testserver" or not parts.path:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not NOT_FOLLOWED.search(path):
            links.append(path)
    return links


def _shape(path: str) -> str:
    """The page an address is, whatever row: numbers and query values stand for any."""
    path, _, query = path.partition("?")
    keys = sorted(part.split("=", 1)[0] for part in query.split("&") if part)
    return re.sub(r"\d+", "N", path) + ("?" + "&".join(keys) if keys else "")


def _check(client, path: str) -> tuple[str | None, str]:
    """(what is wrong or None, the HTML to read links from)."""
    response = client.get(path)
    if response.status_code in (301, 302):
        target = response["Location"]
        if urlsplit(target).netloc not in ("", "testserver"):
            return f"{path} redirects off the site to {target}", ""
        response = client.get(target)
        path = f"{path} -> {target}"
    if response.status_code >= 500:
        return f"{path} answered {response.status_code}", ""
    if response.status_code not in (200, 403, 404):
        return f"{path} answered {response.status_code}", ""
    if DOWNLOAD.search(path) or not response.get("Content-Type", "").startswith("text/html"):
        return None, ""
    html = response.content.decode()
    if response.status_code != 200 and BASE_LAYOUT not in html:
        return f"{path} answered a bare {response.status_code}", ""
    return None, html


def _crawl(client) -> list[str]:
    problems, seen_shapes, visited = [], set(), set()
    level = ["/"]
    for depth in range(DEPTH + 1):
        next_level = []
        for path in level:
            if path in visited:
                continue
            visited.add(path)
            problem, html = _check(client, path)
            if problem:
                problems.append(problem)
            if depth == DEPTH or not html:
                continue
            for link in _internal_links(path, html):
                shape = _shape(link)
                if link not in visited and shape not in seen_shapes:
                    seen_shapes.add(shape)
                    next_level.append(link)
        level = next_level
    return problems


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses otherwise
    call_command("seed_demo")
    settings.DEBUG = False  # pages as people see them: styled errors, no debug pages


def _member(role: Role, *, dsl: bool = False) -> Membership:
    members = Membership.objects.filter(role=role, is_active=True, is_safeguarding_lead=dsl)
    return members.select_related("user").order_by("pk").first()


def test_every_link_two_levels_from_each_home_answers_a_page_never_an_error(client, demo):
    client.raise_request_exception = False  # a 500 is a finding to list, not the end of the crawl
    problems = {}
    for name, member in {
        "pupil": _member(Role.PUPIL),
        "parent": _member(Role.PARENT),
        "staff": _member(Role.STAFF),
        "safeguarding lead": _member(Role.STAFF, dsl=True),
        "leader": _member(Role.LEADER),
    }.items():
        assert member is not None, name
        client.force_login(member.user)
        found = _crawl(client)
        if found:
            problems[name] = found
        client.logout()
    assert problems == {}


def test_the_crawl_tells_a_styled_error_page_from_a_page_and_reads_only_this_sites_links(client_for, pupil):
    client = client_for(pupil)
    assert _check(client, "/no-such-page/")[0] is None  # the styled 404
    assert _check(client, "/dashboard/")[0] is None  # the styled 403: pupils have no dashboard
    links = _internal_links("/needs/", '<a href="5/">a</a><a href="https://example.org/">b</a><a href="#top">c</a>')
    assert links == ["/needs/5/", "/needs/"]  # a fragment is the page itself
    assert _shape("/projects/12/tasks/?page=3") == _shape("/projects/4/tasks/?page=1") == "/projects/N/tasks/?page"
