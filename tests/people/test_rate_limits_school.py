"""Rate limits at school scale (settings.RATE_LIMITS as shipped): a school's pupils share one public
address, so 2,000 of them signing in together, some mistyping once, are never refused, while
guessing one pupil's password stays limited; signed-in members' posts count per account and per
school, never per address."""

from types import SimpleNamespace

import pytest
from allauth.core import ratelimit as allauth_ratelimit
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from people import ratelimit
from tests.factories import NeedFactory, PupilFactory, SchoolFactory

pytestmark = pytest.mark.django_db

SCHOOL_ADDRESS = "203.0.113.10"
PASSWORD = "correct horse battery"  # tests.factories.UserFactory
PUPILS = 2000


class _SignedIn:
    is_authenticated = True


def _request(rf, *, signed_in: bool):
    request = rf.post("/", REMOTE_ADDR=SCHOOL_ADDRESS)
    request.user = _SignedIn() if signed_in else AnonymousUser()
    return request


def _sign_in(client, login, password):
    return client.post(reverse("account_login"), {"login": login, "password": password}, REMOTE_ADDR=SCHOOL_ADDRESS)


def _two_thousand_sign_ins(rf) -> None:
    """What the adapter does for each pupil: count the attempt, give it back when it succeeds. Every
    pupil mistypes once first (more than 'some'), then signs in."""
    request = _request(rf, signed_in=False)
    for number in range(PUPILS):
        ratelimit.hit(request, "sign_in", account=f"pupil{number}")  # the mistyped attempt stays counted
        ratelimit.hit(request, "sign_in", account=f"pupil{number}").undo()


def test_two_thousand_pupils_behind_one_address_each_mistyping_once_are_never_refused(rf, client):
    _two_thousand_sign_ins(rf)

    # And the next ones, through the sign-in page, still get in, a mistype included.
    for number in range(3):
        pupil = PupilFactory(user__username=f"late{number}")
        assert _sign_in(client, f"late{number}", "wrong").status_code == 200
        assert _sign_in(client, f"late{number}", PASSWORD).status_code == 302
        assert client.session["_auth_user_id"] == str(pupil.user.pk)
        client.logout()


def test_allauths_own_per_address_sign_in_ceiling_lets_2000_pupils_in_within_one_minute(rf):
    request = _request(rf, signed_in=False)
    assert all(allauth_ratelimit.consume(request, action="login") for _ in range(PUPILS))


def test_guessing_one_pupils_password_from_the_school_address_is_refused_after_five(rf, client):
    _two_thousand_sign_ins(rf)
    PupilFactory(user__username="amara")
    statuses = [_sign_in(client, "amara", f"guess{n}").status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]
    assert _sign_in(client, "amara", PASSWORD).status_code == 429  # even the right one waits out the window


def test_one_address_spraying_usernames_is_refused_past_the_address_ceiling(rf):
    limit, _window = django_settings.RATE_LIMITS["sign_in"]["address"]
    assert limit >= 2 * PUPILS
    request = _request(rf, signed_in=False)
    for number in range(limit):
        ratelimit.hit(request, "sign_in", account=f"nobody{number}")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit(request, "sign_in", account="one-more")


def test_one_pupils_comment_spam_does_not_block_classmates_on_the_same_address(client_for, school, monkeypatch):
    # One fixed moment: a 10-minute window that ended during the loop would start the count again.
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    need = NeedFactory(school=school)
    url = reverse("projects:need_comment", args=[need.pk])
    limit, _window = django_settings.RATE_LIMITS["comment"]["account"]
    client = client_for(PupilFactory(school=school))
    statuses = [client.post(url, {"body": f"Me {n}"}, REMOTE_ADDR=SCHOOL_ADDRESS).status_code for n in range(limit + 1)]
    assert statuses == [302] * limit + [429]

    client = client_for(PupilFactory(school=school))
    assert client.post(url, {"body": "Me too"}, REMOTE_ADDR=SCHOOL_ADDRESS).status_code == 302


@pytest.mark.parametrize("action", ["post", "comment", "vote"])
def test_a_whole_school_shares_only_its_school_ceiling_not_its_address(rf, action):
    scopes = django_settings.RATE_LIMITS[action]
    per_account, _window = scopes["account"]
    ceiling, _window = scopes["school"]
    assert ceiling > scopes["address"][0], "signed-in members are never held to the address ceiling"
    assert ceiling >= 2 * PUPILS, "2,000 pupils each get at least two in a window"
    school, other_school = SchoolFactory(), SchoolFactory()
    request = _request(rf, signed_in=True)
    for number in range(ceiling):
        account = number % (ceiling // per_account + 1)  # spread so no account reaches its own limit
        ratelimit.hit(request, action, account=account, school=school.pk)
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit(request, action, account="a-new-pupil", school=school.pk)
    # Another school behind the same address is not affected.
    ratelimit.hit(request, action, account="a-new-pupil", school=other_school.pk)
