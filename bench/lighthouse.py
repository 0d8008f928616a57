"""`make lighthouse`'s Python half (bench/lighthouse.sh runs it).

`prepare` finds the pages to audit in the seeded demo school and signs pupil1 in through the real
sign-in form, writing the pages and the Cookie header lighthouse sends. `summary` turns lighthouse's
JSON reports into docs/lighthouse.md, against the targets of issue 19.
"""

import argparse
import json
import re
import sys
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPRedirectHandler, Request, build_opener

PUPIL = "pupil1"
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGETS = {"accessibility": 100, "best-practices": 100}
LCP_TARGET_MS = 2500


def demo_pages() -> list[tuple[str, str]]:
    """(name, path) of the pages a pupil uses most, in the demo school seed_demo made."""
    import django

    django.setup()
    from django.urls import reverse

    from projects.models import Decision, Project

    project = Project.objects.get(title="Greener playground")
    decision = Decision.objects.filter(project=project, closed_at__isnull=True).latest("pk")
    return [
        ("Pupil home", reverse("home")),
        ("Needs list", reverse("projects:need_list")),
        ("Project page", reverse("projects:project_detail", args=[project.pk])),
        ("Vote page", reverse("projects:decision_detail", args=[decision.pk])),
    ]


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _cookies(response) -> dict[str, str]:
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def sign_in(base: str, login: str, password: str) -> str:
    """The Cookie header of a session signed in through the form (the cookies are Secure, so by hand)."""
    opener = build_opener(_NoRedirect)
    page = opener.open(f"{base}/accounts/login/")
    cookies = _cookies(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    form = urlencode({"csrfmiddlewaretoken": token, "login": login, "password": password}).encode()
    headers = {"Cookie": f"csrftoken={cookies['csrftoken']}"}
    # `base` is the loopback address bench/lighthouse.sh serves on (http), never a user's input.
    request = Request(f"{base}/accounts/login/", data=form, headers=headers)  # noqa: S310
    try:
        opener.open(request)
    except HTTPError as answer:  # the redirect after a successful sign-in, not followed
        cookies |= _cookies(answer)
    if "sessionid" not in cookies:
        sys.exit(f"Signing in as {login} failed: no session cookie came back.")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def prepare(args) -> None:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = [{"name": name, "url": f"{args.base}{path}"} for name, path in demo_pages()]
    (out / "pages.json").write_text(json.dumps(pages))
    (out / "headers.json").write_text(json.dumps({"Cookie": sign_in(args.base, PUPIL, args.password)}))
    for number, page in enumerate(pages):
        print(f"{number}\t{page['url']}")


def page_figures(report: dict) -> dict:
    audits = report["audits"]
    errors = audits.get("errors-in-console", {}).get("details", {}).get("items", [])
    failing = [
        audit["title"]
        for audit in audits.values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    ]
    return {
        "scores": {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES},
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "console_errors": [item.get("description", "") for item in errors],
        "failing": failing,
        "final_url": report.get("finalDisplayedUrl") or report.get("finalUrl", ""),
    }


def meets(figures: dict) -> bool:
    return (
        all(figures["scores"][key] >= target for key, target in TARGETS.items())
        and figures["lcp_ms"] <= LCP_TARGET_MS
        and not figures["console_errors"]
    )


def summary(args) -> None:
    pages = json.loads((Path(args.reports) / "pages.json").read_text())
    rows, notes = [], []
    version = ""
    for number, page in enumerate(pages):
        report = json.loads((Path(args.reports) / f"{number}.json").read_text())
        version = report.get("lighthouseVersion", version)
        figures = page_figures(report)
        if "/accounts/login" in figures["final_url"]:
            sys.exit(f"{page['name']} was audited signed out: the session cookie was not accepted.")
        scores = figures["scores"]
        rows.append(
            f"| {page['name']} | {scores['performance']} | {scores['accessibility']} | {scores['best-practices']} "
            f"| {figures['lcp_ms'] / 1000:.2f} s | {len(figures['console_errors'])} "
            f"| {'yes' if meets(figures) else '**no**'} |"
        )
        for problem in figures["failing"] + [f"Console: {error}" for error in figures["console_errors"]]:
            notes.append(f"- {page['name']}: {problem}")
    text = "\n".join(
        [
            "# Lighthouse, as a pupil on a phone",
            "",
            f"`make lighthouse` ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Lighthouse {version}, Debian's Chromium): "
            "mobile emulation with Lighthouse's simulated slow 4G and CPU, against the production settings "
            "(DEBUG off, gunicorn, whitenoise serving compressed collected static files) over a throwaway "
            f"SQLite database seeded with `seed_demo`, signed in as {PUPIL}.",
            "",
            f"Targets: accessibility {TARGETS['accessibility']}, best practices {TARGETS['best-practices']}, "
            f"largest contentful paint (LCP) ≤ {LCP_TARGET_MS / 1000} s, no console errors.",
            "",
            "| Page | Performance | Accessibility | Best practices | LCP | Console errors | Meets the targets |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            "## What Lighthouse still flags",
            "",
            *(notes or ["Nothing: every pass/fail audit passes on every page."]),
            "",
        ]
    )
    Path(args.out).write_text(text)
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(required=True)
    ready = commands.add_parser("prepare", help="find the pages and sign the pupil in")
    ready.add_argument("--base", required=True)
    ready.add_argument("--password", required=True)
    ready.add_argument("--out", required=True)
    ready.set_defaults(run=prepare)
    report = commands.add_parser("summary", help="write docs/lighthouse.md from the reports")
    report.add_argument("--reports", required=True)
    report.add_argument("--out", required=True)
    report.set_defaults(run=summary)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
