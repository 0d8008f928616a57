"""Downloads (CSV, JSON, PDF, login cards) check the session and the owner on every fetch: the link
is no ticket. Signed out, the same link sends you to sign in; another school's id is a 404; a role
that may not have the file gets a 403; and no download may be kept by a shared cache.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.world import build_world

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Download:
    name: str
    owner: str  # a role that may fetch it
    refused: str | None  # a signed-in role that may not (None: every member has their own)
    content_type: str
    args: tuple[str, ...] = ()  # world attributes whose pks fill the URL
    kwargs: tuple[tuple[str, str], ...] = ()
    method: str = "GET"


DOWNLOADS = [
    Download("projects:need_export", "pupil", None, "text/csv", kwargs=(("fmt", "csv"),)),
    Download("projects:need_export", "pupil", None, "application/json", kwargs=(("fmt", "json"),)),
    Download("projects:decision_turnout_csv", "staff", "pupil", "text/csv", args=("decision",)),
    Download("evaluation:results_csv", "staff", "pupil", "text/csv", args=("survey",)),
    Download("evaluation:school_report_csv", "leader", "parent", "text/csv"),
    Download("evaluation:report_export_download", "staff", "pupil", "application/pdf", args=("report_export",)),
    Download("people:roster_cards", "staff", "pupil", "text/html", args=("roster_import",)),
    Download("people:reset_password", "staff", "parent", "text/html", args=("pupil",), method="POST"),
    Download("people:my_data", "pupil", None, "application/json"),
    Download("people:person_data", "staff", "pupil", "application/json", args=("pupil",)),
]
IDS = [f"{d.name}:{dict(d.kwargs).get('fmt', d.method)}" for d in DOWNLOADS]


def _url(download: Download, world) -> str:
    kwargs = dict(download.kwargs)
    return reverse(download.name, args=[getattr(world, a).pk for a in download.args], kwargs=kwargs or None)


def _fetch(client: Client, download: Download, url: str):
    return client.post(url) if download.method == "POST" else client.get(url)


def _signed_in(world, role: str) -> Client:
    client = Client()
    client.force_login(getattr(world, role).user)
    return client


@pytest.fixture
def worlds(db):
    return build_world("a"), build_world("b")


@pytest.mark.parametrize("download", DOWNLOADS, ids=IDS)
def test_a_download_checks_the_session_and_the_owner_on_every_fetch(worlds, download):
    world, other = worlds
    url = _url(download, world)
    owner = _signed_in(world, download.owner)

    response = _fetch(owner, download, url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(download.content_type)
    cache_control = response.get("Cache-Control", "")
    assert "no-store" in cache_control or "private" in cache_control, "a shared cache could keep it"

    # The same link, a second time, after signing out: sign in first (the session is checked again).
    session_cookie = owner.cookies["sessionid"].value
    owner.post(reverse("account_logout"))
    stale = Client()
    stale.cookies["sessionid"] = session_cookie
    for client in (owner, stale, Client()):
        again = _fetch(client, download, url)
        assert again.status_code == 302 and again["Location"].startswith(reverse("account_login"))

    # Another school's file is not found, even for the role that may have its own school's.
    if download.args:
        assert _fetch(_signed_in(world, download.owner), download, _url(download, other)).status_code == 404

    if download.refused:
        assert _fetch(_signed_in(world, download.refused), download, url).status_code == 403


def test_pupils_export_of_needs_hides_a_hidden_author(worlds):
    world, _ = worlds
    world.need.hide_author = True
    world.need.save()
    own_name = world.pupil.user.get_full_name()
    as_classmate = _signed_in(world, "parent").get(reverse("projects:need_export", kwargs={"fmt": "csv"}))
    as_staff = _signed_in(world, "staff").get(reverse("projects:need_export", kwargs={"fmt": "csv"}))
    assert own_name not in as_classmate.content.decode()
    assert own_name in as_staff.content.decode()


def test_login_cards_are_never_cached(worlds):
    world, _ = worlds
    response = _signed_in(world, "staff").get(reverse("people:roster_cards", args=[world.roster_import.pk]))
    assert "no-store" in response["Cache-Control"]
