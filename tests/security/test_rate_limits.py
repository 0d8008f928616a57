"""Rate limits: past the documented limit the answer is 429, per account and school when signed in and
per address when not, and one pupil running into a limit never locks out another (people/ratelimit.py).
The class-scale sizing is in tests/people/test_rate_limits_school.py."""

import uuid
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from people import ratelimit
from projects.models import Need, NeedComment
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    NeedFactory,
    ProjectMembershipFactory,
    PupilFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

SCHOOL_COMPUTER = "10.1.1.1"
HOME = "192.0.2.7"
PASSWORD = "correct horse battery"  # tests.factories.UserFactory


@pytest.fixture
def small_limits(settings):
    """The production shape (per account, school and address) with small numbers so tests stay quick."""
    settings.RATE_LIMITS = {
        "sign_in": {"login": (3, 900), "address": (8, 900)},
        "post": {"account": (2, 3600), "school": (5, 3600), "address": (5, 3600)},
        "comment": {"account": (2, 600), "school": (5, 600), "address": (5, 600)},
        "vote": {"account": (2, 600), "school": (5, 600), "address": (5, 600)},
    }
    return settings.RATE_LIMITS


def _sign_in(client, login, password, address=SCHOOL_COMPUTER):
    return client.post(reverse("account_login"), {"login": login, "password": password}, REMOTE_ADDR=address)


SIGN_INS = ("sign_in", "badge_sign_in")  # with a password, or with a badge (people.badges)


def test_documented_limits_cover_every_action_per_account_and_per_address():
    limits = dict(django_settings.RATE_LIMITS)
    assert set(limits) == {"sign_in", "post", "comment", "vote", "calendar_feed", "badge_sign_in"}
    # A calendar app fetches a feed without signing in: it is counted per feed (account) and address.
    assert set(limits.pop("calendar_feed")) == {"account", "address"}
    for action, scopes in limits.items():
        assert "address" in scopes, action
        person = scopes.get("login") or scopes.get("account")
        assert person, f"{action} is limited per person too"
        # The shared-address ceiling is far above one person's, so a class behind one address fits.
        assert scopes["address"][0] >= 10 * person[0], action
        if action not in SIGN_INS:
            # So is the ceiling every member of a school shares.
            assert scopes["school"][0] >= 100 * person[0], action
    for action in SIGN_INS:
        assert "account" not in limits[action], "sign-in is never limited per username or badge alone"


def test_the_documented_sign_in_limit_is_five_failures_per_username_and_address(client):
    PupilFactory(user__username="amara")
    statuses = [_sign_in(client, "amara", "wrong").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_failed_sign_ins_past_the_limit_answer_429_with_a_friendly_page(client, small_limits):
    pupil = PupilFactory(user__username="amara")
    for _ in range(3):
        assert _sign_in(client, "amara", "wrong").status_code == 200
    response = _sign_in(client, "amara", PASSWORD)  # even the right password waits now
    assert response.status_code == 429
    assert "Slow down a little" in response.text and response["Retry-After"].isdigit()
    assert "_auth_user_id" not in client.session
    assert pupil.user.username == "amara"


def test_pupil_a_locked_out_does_not_block_pupil_b_on_the_same_computer(client, small_limits):
    PupilFactory(user__username="amara")
    ben = PupilFactory(user__username="ben")
    for _ in range(4):
        _sign_in(client, "amara", "wrong")
    assert _sign_in(client, "amara", "wrong").status_code == 429

    response = _sign_in(client, "ben", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(ben.user.pk)


def test_someone_guessing_a_pupils_password_elsewhere_does_not_lock_the_pupil_out(client, small_limits):
    amara = PupilFactory(user__username="amara")
    for _ in range(4):
        _sign_in(client, "amara", "wrong", address=HOME)
    assert _sign_in(client, "amara", "wrong", address=HOME).status_code == 429

    assert _sign_in(client, "amara", PASSWORD, address=SCHOOL_COMPUTER).status_code == 302
    assert client.session["_auth_user_id"] == str(amara.user.pk)


def test_successful_sign_ins_do_not_use_up_the_allowance(client, small_limits):
    PupilFactory(user__username="amara")
    for _ in range(6):
        assert _sign_in(client, "amara", PASSWORD).status_code == 302
        client.logout()


def test_one_address_trying_many_usernames_reaches_the_address_ceiling(client, small_limits):
    for number in range(8):
        assert _sign_in(client, f"nobody{number}", "wrong").status_code == 200
    assert _sign_in(client, "nobody99", "wrong").status_code == 429
    # Another address is not affected.
    assert _sign_in(client, "nobody99", "wrong", address=HOME).status_code == 200


def test_password_reset_requests_past_the_limit_answer_429(client):
    StaffFactory(user__email="teacher@example.org")
    url = reverse("account_reset_password")
    statuses = [client.post(url, {"email": "teacher@example.org"}).status_code for _ in range(6)]
    assert statuses[:5] == [302] * 5 and statuses[5] == 429
    assert len(mail.outbox) == 5
    # A colleague at the same address can still ask for theirs.
    StaffFactory(user__email="colleague@example.org")
    assert client.post(url, {"email": "colleague@example.org"}).status_code == 302


def test_raising_needs_past_the_limit_answers_429_and_saves_nothing(client_for, small_limits, pupil):
    client = client_for(pupil)
    data = {"title": "Broken lockers", "problem": "They jam", "affects": "Year 7", "category": "facilities"}
    statuses = [
        client.post(reverse("projects:need_create"), data, REMOTE_ADDR=SCHOOL_COMPUTER).status_code for _ in range(3)
    ]
    assert statuses[2] == 429
    assert Need.objects.filter(author=pupil).count() <= 2
    # A classmate on the same computer still posts.
    classmate = PupilFactory(school=pupil.school)
    client.force_login(classmate.user)
    assert client.post(reverse("projects:need_create"), data, REMOTE_ADDR=SCHOOL_COMPUTER).status_code != 429


def test_adding_ideas_past_the_limit_answers_429(client_for, small_limits):
    lead = ProjectMembershipFactory(role="lead").membership
    project = lead.project_memberships.get().project
    client = client_for(lead)
    url = reverse("projects:idea_create", args=[project.pk])
    statuses = [client.post(url, {"title": "t"}).status_code for _ in range(3)]
    assert statuses[:2] != [429, 429] and statuses[2] == 429
    assert client.get(url).status_code != 429  # reading the form is never limited


@pytest.mark.parametrize("target", ["need", "idea"])
def test_commenting_past_the_limit_answers_429(client_for, small_limits, target):
    if target == "need":
        thing = NeedFactory()
        pupil = PupilFactory(school=thing.school)
        url = reverse("projects:need_comment", args=[thing.pk])
    else:
        thing = IdeaFactory()
        pupil = ProjectMembershipFactory(project=thing.project).membership
        url = reverse("projects:idea_comment", args=[thing.pk])
    client = client_for(pupil)
    statuses = [client.post(url, {"body": f"Comment {n}"}).status_code for n in range(3)]
    assert statuses[2] == 429
    if target == "need":
        assert NeedComment.objects.filter(need=thing).count() == 2


def test_voting_past_the_limit_answers_429_per_voter_not_for_the_others(client, small_limits):
    voter = ProjectMembershipFactory().membership
    project = voter.project_memberships.get().project
    ideas = [IdeaFactory(project=project, is_shortlisted=True) for _ in range(2)]
    decision = DecisionFactory(project=project, options=ideas)
    url = reverse("projects:decision_vote", args=[decision.pk])
    client.force_login(voter.user)
    statuses = [client.post(url, {"choices": [ideas[n % 2].pk]}).status_code for n in range(3)]
    assert statuses == [200, 400, 429]  # voted (the receipt page), refused (a ballot is final), then held up
    other = ProjectMembershipFactory(project=project).membership
    client.force_login(other.user)
    assert client.post(url, {"choices": [ideas[0].pk]}).status_code == 200


def test_the_school_ceiling_applies_to_posts_across_accounts_not_the_address(client, small_limits, school):
    need = NeedFactory(school=school)
    url = reverse("projects:need_comment", args=[need.pk])
    statuses = []
    for _ in range(6):
        client.force_login(PupilFactory(school=school).user)
        statuses.append(client.post(url, {"body": "Same here"}, REMOTE_ADDR=SCHOOL_COMPUTER).status_code)
    assert statuses[:5] == [302] * 5 and statuses[5] == 429
    assert client.post(url, {"body": "From home"}, REMOTE_ADDR=HOME).status_code == 429  # the school's ceiling
    # Another school behind the same address is not held up by this one.
    other = NeedFactory()
    client.force_login(PupilFactory(school=other.school).user)
    other_url = reverse("projects:need_comment", args=[other.pk])
    assert client.post(other_url, {"body": "Us too"}, REMOTE_ADDR=SCHOOL_COMPUTER).status_code == 302


def test_the_window_is_fixed_and_starts_again(rf, settings):
    settings.RATE_LIMITS = {"vote": {"account": (2, 60), "address": (100, 60)}}
    request = rf.post("/", REMOTE_ADDR=SCHOOL_COMPUTER)
    with mock.patch("people.ratelimit.time.time", return_value=1_000_020.0):
        ratelimit.hit(request, "vote", account=1)
        ratelimit.hit(request, "vote", account=1)
        with pytest.raises(ratelimit.RateLimited) as raised:
            ratelimit.hit(request, "vote", account=1)
        assert raised.value.retry_after == 60 - 1_000_020 % 60
    with mock.patch("people.ratelimit.time.time", return_value=1_000_020.0 + 60):
        ratelimit.hit(request, "vote", account=1)  # a new window


def test_production_cache_is_redis_when_redis_url_is_set(monkeypatch):
    """Counters must be shared by every web process; the embedded default keeps them in memory."""
    import importlib

    import coproschool.settings as settings_module

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/9")
    monkeypatch.setenv("DEBUG", "true")
    try:
        with_redis = importlib.reload(settings_module).CACHES["default"]
        monkeypatch.setenv("REDIS_URL", "")
        without = importlib.reload(settings_module).CACHES["default"]
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)
    assert with_redis["BACKEND"] == "coproschool.cache.TolerantRedisCache"
    assert with_redis["LOCATION"] == "redis://127.0.0.1:6379/9"
    assert without["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def _redis_cache(location: str) -> dict:
    # A prefix of its own per test run: counters never meet another run's, and nothing is flushed.
    return {
        "default": {
            "BACKEND": "coproschool.cache.TolerantRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs Redis (REDIS_URL) — CI runs it")
def test_limits_count_in_redis_across_processes(settings, rf):
    """With the production cache: the counter lives in Redis, so every web process sees the same count."""
    settings.CACHES = _redis_cache(django_settings.REDIS_URL)
    settings.RATE_LIMITS = {"vote": {"account": (3, 60), "address": (100, 60)}}
    request = rf.post("/", REMOTE_ADDR=SCHOOL_COMPUTER)
    for _ in range(3):
        ratelimit.hit(request, "vote", account=7)
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit(request, "vote", account=7)


def test_with_redis_down_the_site_works_and_limits_pause(settings, client, caplog, pupil):
    settings.CACHES = _redis_cache("redis://127.0.0.1:1/0")  # nothing listens on port 1
    settings.RATE_LIMITS = {**django_settings.RATE_LIMITS, "sign_in": {"login": (1, 900), "address": (1, 900)}}
    for _ in range(3):
        assert _sign_in(client, pupil.user.username, "wrong").status_code == 200
    assert _sign_in(client, pupil.user.username, PASSWORD).status_code == 302
    assert "rate limits are paused" in caplog.text
