"""A real OpenID Connect provider (oidc_provider.mjs, the npm package oidc-provider) run by node on a free
loopback port, and a person's way through its sign-in pages driven with requests."""

import html
import json
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin

import requests

SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID, CLIENT_SECRET = "coproschool", "provider-secret-for-the-tests"

# Logins on the provider's own sign-in page, and what it says about each.
ACCOUNTS = {
    "sam": {"email": "sam.rivera@hillside.sch.uk", "email_verified": True, "name": "Sam Rivera"},
    "stranger": {"email": "stranger@elsewhere.org", "email_verified": True, "name": "A Stranger"},
    "newcomer": {"email": "newcomer@hillside.sch.uk", "email_verified": True, "name": "New Comer"},
    "unconfirmed": {"email": "sam.rivera@hillside.sch.uk", "email_verified": False, "name": "Not Sure"},
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OidcProvider:
    def __init__(self, *, redirect_uris: list[str], accounts: dict = ACCOUNTS):
        node = shutil.which("node")
        if node is None:
            # Loud, never a skip: the single sign-on tests exist to run against a real provider.
            raise RuntimeError("node is missing: the single sign-on tests need it (apt-get install nodejs; npm ci).")
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        config = {
            "port": self.port,
            "clients": [{"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": redirect_uris}],
            "accounts": accounts,
        }
        self.process = subprocess.Popen(
            [node, str(SCRIPT), json.dumps(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oidc-provider stopped at start:\n{self.process.stdout.read()}")
            try:
                requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=1).raise_for_status()
                return
            except requests.RequestException:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("oidc-provider did not answer within 20 seconds")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def sign_in_at_provider(authorize_url: str, *, login: str, back_to: str) -> str:
    """Go through the provider's pages as `login` (its sign-in form, then its consent) and return the URL it
    sends the browser back to (starting with `back_to`), without opening it."""
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    for _ in range(12):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(back_to):
                return location
            response = browser.get(location, allow_redirects=False, timeout=10)
            continue
        response.raise_for_status()
        action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', response.text).group(1))
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', response.text))
        if 'name="login"' in response.text:
            fields.update(login=login, password="any password")
        response = browser.post(urljoin(response.url, action), data=fields, allow_redirects=False, timeout=10)
    raise AssertionError(f"the provider never sent the browser back: {response.status_code} {response.text[:300]}")


def school_sign_in_create(*, school, issuer: str):
    """The school's single sign-on through the test provider: Hillside's login for hillside.sch.uk accounts."""
    from people.models import SchoolSignIn, SignInProvider

    return SchoolSignIn.objects.create(
        school=school,
        provider=SignInProvider.OIDC,
        issuer_url=issuer,
        display_name="Hillside Login",
        email_domains=["hillside.sch.uk"],
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
    )
