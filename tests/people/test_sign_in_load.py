"""A class signing in together (issue 24): 30 pupils within the same 5 seconds against a live server
with the production hashers; the 95th percentile of their sign-in must stay at or under 1 s."""

import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from tests.factories import PupilFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("production_hashers")]

PASSWORD = "correct horse battery"  # tests.factories.UserFactory
PUPILS = 30
SPREAD_SECONDS = 5


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _sign_in(base_url: str, username: str) -> tuple[float, str]:
    """GET the form (not timed, as a browser has it already), then time the POST that signs in,
    up to its redirect (the page after it is not sign-in)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect())
    page = opener.open(f"{base_url}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"login": username, "password": PASSWORD, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(f"{base_url}/accounts/login/", data=data, headers={"Referer": base_url})
    started = time.perf_counter()
    try:
        opener.open(request)
    except urllib.error.HTTPError as answer:  # the 302 is not followed
        elapsed = time.perf_counter() - started
        return elapsed, f"{answer.code} {answer.headers.get('Location')}"
    return time.perf_counter() - started, "200 the form again"


@pytest.mark.timing
def test_thirty_pupils_signing_in_within_five_seconds_wait_under_a_second_at_p95(live_server, school):
    usernames = [PupilFactory(school=school, user__username=f"pupil{n:02}").user.username for n in range(PUPILS)]
    results: dict[str, tuple[float, str]] = {}

    def pupil(number: int) -> None:
        time.sleep(number * SPREAD_SECONDS / PUPILS)
        results[usernames[number]] = _sign_in(live_server.url, usernames[number])

    threads = [threading.Thread(target=pupil, args=(number,)) for number in range(PUPILS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == PUPILS
    assert {answer.split()[0] for _elapsed, answer in results.values()} == {"302"}, "every pupil got in"
    timings = sorted(elapsed for elapsed, _url in results.values())
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"sign-in of {PUPILS} pupils in {SPREAD_SECONDS} s: median {statistics.median(timings):.3f} s, "
        f"p95 {p95:.3f} s, max {timings[-1]:.3f} s"
    )
    assert p95 <= 1.0
