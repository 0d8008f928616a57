"""Locust users for `make bench`: pupils, staff and leaders of the first bench school, signed in.

Each virtual user signs in once through the real allauth form (CSRF token from the form's cookie),
then opens its role's main pages and the floor. The pages and accounts come from the JSON written
by `seed_bench --targets` (BENCH_TARGETS), where they are reversed from the URLconf, so a page whose
feature has not landed is simply absent.

gunicorn runs with production settings (secure cookies, HTTPS redirect), as behind the TLS proxy
of a real deployment: every request says `X-Forwarded-Proto: https`, and the secure cookies are
sent back over the loopback's plain HTTP by clearing their `secure` flag in the client's jar after
every response.
"""

import itertools
import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

TARGETS = json.loads(Path(os.environ.get("BENCH_TARGETS", "bench/out/targets.json")).read_text())
PAGES = TARGETS["pages"]
ACCOUNTS = {role: itertools.cycle(TARGETS[role]) for role in ("pupils", "staff", "leaders")}


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    role = ""

    def on_start(self):
        self.client.headers.update({"X-Forwarded-Proto": "https", "Referer": f"https://{self._netloc()}/"})
        self.client.get("/accounts/login/", name="sign-in form")
        self._send_secure_cookies()
        with self.client.post(
            "/accounts/login/",
            {
                "login": next(ACCOUNTS[self.role]),
                "password": TARGETS["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="sign-in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}")
        self._send_secure_cookies()
        self.my_pages = [name for name in TARGETS["roles"][self.role] if name in PAGES]

    def _netloc(self) -> str:
        return self.host.split("://", 1)[1].rstrip("/")

    def _send_secure_cookies(self):
        for cookie in self.client.cookies:
            cookie.secure = False

    def open(self, name: str):
        url = PAGES[name]
        if isinstance(url, list):
            url = random.choice(url)
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{name} answered {response.status_code}")
        # The app re-sends the session cookie now and then (its last-seen time), again marked secure.
        self._send_secure_cookies()

    @task(6)
    def page(self):
        if self.my_pages:
            self.open(random.choice(self.my_pages))

    @task(1)
    def floor(self):
        self.open("floor")


class Pupil(SignedIn):
    weight = 6
    role = "pupils"


class Staff(SignedIn):
    weight = 3
    role = "staff"


class Leader(SignedIn):
    fixed_count = 2  # a school has few leaders, but their report pages must be measured in every run
    role = "leaders"
