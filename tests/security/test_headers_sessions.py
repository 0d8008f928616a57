"""Headers and sessions: the CSP nonce, production cookie and HSTS settings, and that a sign-in
rotates the session, and signing out, deactivation and idle time end it on the server.

(Every HTML response of every route is checked for the CSP, nosniff and Referrer-Policy headers by
the authorization matrix; `manage.py check --deploy --fail-level WARNING` by tests/test_settings.py.)
"""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from people.services import user_deactivate
from tests.factories import PupilFactory
from tests.security.urlwalk import NONCE, html_header_problems

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"
ONE_YEAR = 365 * 24 * 60 * 60


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The security settings as production (DEBUG off, nothing else set but the required) has them."""
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_SAMESITE",
        "SESSION_COOKIE_AGE",
        "SESSION_IDLE_TIMEOUT",
        "X_FRAME_OPTIONS",
    ]
    code = (
        f"from django.conf import settings as s; import json; print(json.dumps({{n: getattr(s, n) for n in {names}}}))"
    )
    keep = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "REDIS_URL", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**keep, "DEBUG": "false", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "school.example.org"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _sign_in(client: Client, user) -> None:
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302, "sign-in failed"


def _session_cookie(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _with_cookie(session_key: str) -> Client:
    """Another browser presenting an old session cookie."""
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return other


def _is_signed_out(client: Client) -> bool:
    response = client.get(reverse("home"))
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


# --- headers ---------------------------------------------------------------------------------------


def test_pages_carry_a_fresh_csp_nonce_on_every_response(client):
    first = client.get(reverse("account_login"))
    second = client.get(reverse("account_login"))
    assert html_header_problems(first) == [] and html_header_problems(second) == []
    nonces = [NONCE.search(r["Content-Security-Policy"]).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]
    # The page's own scripts carry the nonce of the response they came in.
    assert f'nonce="{nonces[0]}"' in first.text


def test_production_sends_hsts_for_at_least_a_year_and_https_only_cookies(production_settings):
    s = production_settings
    assert s["SECURE_HSTS_SECONDS"] >= ONE_YEAR and s["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert s["SECURE_SSL_REDIRECT"] and s["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert s["SECURE_REFERRER_POLICY"] in {"same-origin", "strict-origin-when-cross-origin", "no-referrer"}
    assert s["SESSION_COOKIE_SECURE"] and s["SESSION_COOKIE_HTTPONLY"] and s["CSRF_COOKIE_SECURE"]
    assert s["SESSION_COOKIE_SAMESITE"] in {"Lax", "Strict"} and s["CSRF_COOKIE_SAMESITE"] in {"Lax", "Strict"}
    assert s["X_FRAME_OPTIONS"] == "DENY"
    assert 0 < s["SESSION_IDLE_TIMEOUT"] < s["SESSION_COOKIE_AGE"]


def test_session_cookie_is_secure_httponly_and_samesite_with_production_settings(client, settings, production_settings):
    for name in ("SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE"):
        setattr(settings, name, production_settings[name])
    pupil = PupilFactory()
    _sign_in(client, pupil.user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_production_response_sends_hsts_header(client, settings, production_settings):
    settings.SECURE_HSTS_SECONDS = production_settings["SECURE_HSTS_SECONDS"]
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("account_login"), secure=True)
    assert response["Strict-Transport-Security"] == f"max-age={ONE_YEAR}; includeSubDomains"


# --- sessions --------------------------------------------------------------------------------------


def test_signing_in_gives_a_new_session_key_and_drops_the_old_one(client):
    pupil = PupilFactory()
    before = client.session  # an anonymous session already exists (e.g. an invitation was opened)
    before["probe"] = "set before sign-in"
    before.save()
    old_key = _session_cookie(client)
    _sign_in(client, pupil.user)
    assert _session_cookie(client) != old_key
    assert not Session.objects.filter(session_key=old_key).exists()


def test_signing_out_ends_the_session_on_the_server(client):
    pupil = PupilFactory()
    _sign_in(client, pupil.user)
    key = _session_cookie(client)
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert _is_signed_out(_with_cookie(key))


def test_deactivating_an_account_ends_its_sessions_on_every_device():
    pupil = PupilFactory()
    laptop, phone, classmate = Client(), Client(), Client()
    _sign_in(laptop, pupil.user)
    _sign_in(phone, pupil.user)
    other = PupilFactory()
    _sign_in(classmate, other.user)
    assert user_deactivate(user=pupil.user) == 2
    assert _is_signed_out(laptop) and _is_signed_out(phone)
    assert classmate.get(reverse("home")).status_code == 200


class Clock:
    """A clock the test moves forward: replaces django.utils.timezone.now for the sessions too."""

    def __init__(self, monkeypatch):
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def test_idle_timeout_signs_out_after_the_documented_time(client, monkeypatch):
    clock = Clock(monkeypatch)
    idle = settings.SESSION_IDLE_TIMEOUT
    pupil = PupilFactory()
    _sign_in(client, pupil.user)
    assert client.get(reverse("home")).status_code == 200
    clock.advance(seconds=idle - 60)
    assert client.get(reverse("home")).status_code == 200  # still there, and the idle clock restarts
    clock.advance(seconds=idle - 60)
    assert client.get(reverse("home")).status_code == 200
    key = _session_cookie(client)
    clock.advance(seconds=idle + 1)
    assert _is_signed_out(client)
    assert not Session.objects.filter(session_key=key).exists()
    assert _is_signed_out(_with_cookie(key))


def test_an_htmx_request_after_the_idle_timeout_redirects_the_whole_page(client, monkeypatch):
    clock = Clock(monkeypatch)
    _sign_in(client, PupilFactory().user)
    client.get(reverse("home"))
    clock.advance(seconds=settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get(reverse("notifications:inbox"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(reverse("account_login"))


def test_a_sign_in_ends_after_session_cookie_age_however_active(client, monkeypatch):
    clock = Clock(monkeypatch)
    _sign_in(client, PupilFactory().user)
    steps = settings.SESSION_COOKIE_AGE // (settings.SESSION_IDLE_TIMEOUT // 2)
    for _ in range(steps):
        clock.advance(seconds=settings.SESSION_IDLE_TIMEOUT // 2)
        assert client.get(reverse("home")).status_code == 200
    clock.advance(seconds=settings.SESSION_IDLE_TIMEOUT // 2)
    assert _is_signed_out(client)
