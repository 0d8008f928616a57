"""Badges through the pages: staff give, reissue and stop them; a pupil signs in with the QR code or
the typed code; a badge session cannot change the password or download the pupil's data."""

import re

import pytest
import rules
from django.urls import reverse

from audit.models import LogEntry
from people.badges import tokens
from people.badges.models import Badge
from people.badges.services import badge_issue, badge_revoke
from people.middleware import BADGE_SESSION_KEY
from people.services import roster_import_confirm, roster_import_preview
from tests.factories import PupilFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def _school_page(school) -> str:
    return reverse("people:badge_sign_in_school", args=[school.slug])


# --- staff give, reissue and stop ---


def test_only_staff_may_manage_badges(pupil, staff, leader, parent):
    assert rules.test_rule("people.manage_badges", staff) and rules.test_rule("people.manage_badges", leader)
    assert not rules.test_rule("people.manage_badges", pupil)
    assert not rules.test_rule("people.manage_badges", parent)


def test_staff_give_a_badge_and_see_its_card_once(client_for, pupil, staff):
    client = client_for(staff)
    page = client.get(reverse("people:badge", args=[pupil.pk]))
    assert "has no working badge" in page.text and "Give a badge" in page.text
    confirm = client.get(reverse("people:badge_issue", args=[pupil.pk]))
    assert f"Give {pupil.user.display_name} a new badge?" in confirm.text and not Badge.objects.exists()
    issued = client.post(reverse("people:badge_issue", args=[pupil.pk]))
    assert issued["Location"] == reverse("people:badge_card", args=[pupil.pk])
    card = client.get(issued["Location"])
    assert card.text.count('class="badge-qr"') == 1 and "Password" not in card.text
    assert "no-store" in card["Cache-Control"]  # the only copy of the badge must not stay in a cache
    code = re.search(r'class="badge-code">([A-Z0-9]{4}-[A-Z0-9]{4})<', card.text).group(1)
    assert _school_page(pupil.school) in card.text
    assert LogEntry.objects.filter(verb="badge.issue", person=pupil.user, actor=staff.user).exists()
    again = client.get(issued["Location"], follow=True)  # a reload shows no card and issues nothing
    assert "shown only once" in again.text and 'class="badge-qr"' not in again.text and Badge.objects.count() == 1
    client.logout()
    signed_in = client.post(_school_page(pupil.school), {"code": code})
    assert signed_in["Location"] == reverse("home")


def test_reissue_and_stop_ask_first_and_say_what_happens(client_for, pupil, staff):
    badge_issue(pupil=pupil, actor=staff)
    client = client_for(staff)
    assert "Their current badge stops working" in client.get(reverse("people:badge_issue", args=[pupil.pk])).text
    confirm = client.get(reverse("people:badge_revoke", args=[pupil.pk]))
    assert "stops working straight away" in confirm.text and Badge.objects.get().is_active
    stopped = client.post(reverse("people:badge_revoke", args=[pupil.pk]), follow=True)
    assert "no longer works" in stopped.text and not Badge.objects.get().is_active
    again = client.post(reverse("people:badge_revoke", args=[pupil.pk]), follow=True)
    assert "has no working badge to stop" in again.text
    assert LogEntry.objects.filter(verb="badge.revoke").count() == 1


def test_another_schools_pupil_is_not_found_and_pupils_are_refused(client_for, pupil, staff):
    stranger = PupilFactory(school=SchoolFactory())
    assert client_for(staff).get(reverse("people:badge", args=[stranger.pk])).status_code == 404
    assert client_for(staff).post(reverse("people:badge_issue", args=[stranger.pk])).status_code == 404
    assert (
        client_for(PupilFactory(school=pupil.school)).get(reverse("people:badge", args=[pupil.pk])).status_code == 403
    )
    assert client_for(staff).get(reverse("people:badge", args=[staff.pk])).status_code == 404  # adults have none
    assert not Badge.objects.exists()


def test_the_roster_imports_cards_carry_a_badge_each(client_for, staff):
    preview = roster_import_preview(
        school=staff.school, uploaded_by=staff, data=b"First name,Last name,Year group,Form\nAmara,Adeyemi,7,7A\n"
        b"Ben,Okafor,7,7B\n", file_name="pupils.csv",
    )  # fmt: skip
    roster_import = roster_import_confirm(roster_import=preview, actor=staff)
    cards = client_for(staff).get(reverse("people:roster_cards", args=[roster_import.pk]))
    assert cards.text.count('class="badge-qr"') == 2 and cards.text.count("Badge code") == 2
    assert Badge.objects.filter(school=staff.school, revoked_at__isnull=True).count() == 2


# --- signing in ---


def test_the_qr_token_signs_the_pupil_in_for_a_badge_session(client, pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    response = client.post(_school_page(pupil.school), {"token": issued.token}, follow=True)
    assert response.context["user"] == pupil.user and "You are signed in with your badge." in response.text
    assert client.session[BADGE_SESSION_KEY] is True
    assert client.get(_school_page(pupil.school))["Location"] == reverse("home")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("tampered", "This badge cannot be read"),
        ("stopped", "This badge no longer works"),
        ("other_school", "This badge is for another school"),
    ],
)
def test_a_refused_badge_says_why_and_signs_nobody_in(client, pupil, staff, change, message):
    issued = badge_issue(pupil=pupil, actor=staff)
    page, token = _school_page(pupil.school), issued.token
    if change == "tampered":
        token = token.replace(f".{issued.badge.pk}.", f".{issued.badge.pk + 1}.")
    elif change == "stopped":
        badge_revoke(badge=issued.badge, actor=staff)
    else:
        page = _school_page(SchoolFactory())
    response = client.post(page, {"token": token})
    assert response.status_code == 200 and message in response.text
    assert "_auth_user_id" not in client.session
    assert LogEntry.objects.filter(verb="badge.refused").exists()


def test_the_general_page_takes_the_username_with_the_code(client, pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    page = reverse("people:badge_sign_in")
    missing = client.post(page, {"code": issued.code})
    assert "Type your username" in missing.text and "_auth_user_id" not in client.session
    short = client.post(page, {"username": pupil.user.username, "code": "ACD"})
    assert "The code has 8 letters and numbers" in short.text
    signed_in = client.post(page, {"username": pupil.user.username, "code": tokens.code_display(issued.code).lower()})
    assert signed_in["Location"] == reverse("home") and client.session[BADGE_SESSION_KEY] is True


def test_the_sign_in_page_offers_the_badge(client):
    login = client.get(reverse("account_login"))
    assert reverse("people:badge_sign_in") in login.text and "Sign in with my badge" in login.text


# --- what a badge session cannot do ---


@pytest.mark.parametrize(
    "url_name", ["people:first_password", "people:my_data", "account_change_password", "account_email"]
)
def test_a_badge_session_cannot_change_the_password_or_download_data(client, staff, url_name):
    pupil = PupilFactory(school=staff.school, user__must_change_password=True)
    issued = badge_issue(pupil=pupil, actor=staff)
    client.post(_school_page(pupil.school), {"token": issued.token})
    home = client.get(reverse("home"))
    assert home.status_code == 200  # a badge session is not held at "choose your password"
    refused = client.get(reverse(url_name))
    assert refused.status_code == 403 and "Sign in with your password to do this" in refused.text
    assert "A teacher can help" in refused.text
    assert client.post(reverse(url_name), {"password1": "x", "password2": "x"}).status_code == 403
    pupil.user.refresh_from_db()
    assert pupil.user.must_change_password


def test_a_badge_session_cannot_connect_a_school_account(client, staff):
    pupil = PupilFactory(school=staff.school)
    client.post(_school_page(pupil.school), {"token": badge_issue(pupil=pupil, actor=staff).token})
    connect = reverse("openid_connect_login", kwargs={"provider_id": pupil.school.slug}) + "?process=connect"
    refused = client.post(connect)
    assert refused.status_code == 403 and "Sign in with your password to do this" in refused.text


def test_a_password_session_still_reaches_its_data(client, pupil):
    client.force_login(pupil.user)
    assert client.get(reverse("people:my_data")).status_code == 200


# --- rate limits ---


def test_failed_badge_sign_ins_are_limited_per_badge_at_an_address(client, pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    page = _school_page(pupil.school)
    forged = issued.token[:-2] + "xx"
    for _ in range(5):
        assert client.post(page, {"token": forged}).status_code == 200
    limited = client.post(page, {"token": issued.token})
    assert limited.status_code == 429 and "_auth_user_id" not in client.session
    # Another pupil's badge at the same address still works.
    other = PupilFactory(school=pupil.school)
    assert client.post(page, {"token": badge_issue(pupil=other, actor=staff).token}).status_code == 302


def test_a_successful_sign_in_gives_its_attempt_back(client, pupil, staff):
    issued = badge_issue(pupil=pupil, actor=staff)
    page = _school_page(pupil.school)
    for _ in range(10):
        assert client.post(page, {"token": issued.token}).status_code == 302
        client.logout()


def test_the_address_ceiling_stops_code_guessing(client, pupil, staff, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "badge_sign_in": {"login": (5, 900), "address": (3, 900)}}
    page = _school_page(pupil.school)
    for guess in ("AAAAAAAA", "CCCCCCCC", "DDDDDDDD"):
        assert "That code did not work" in client.post(page, {"code": guess}).text
    assert client.post(page, {"code": "EEEEEEEE"}).status_code == 429


def test_leaders_read_badge_events_in_what_happened(client, client_for, pupil, staff, leader):
    issued = badge_issue(pupil=pupil, actor=staff)
    client.post(_school_page(pupil.school), {"code": "AAAAAAAA"})
    client.post(_school_page(pupil.school), {"token": issued.token})
    client.logout()
    page = client_for(leader).get(reverse("what_happened"), {"kind": "badge"})
    assert page.status_code == 200
    for sentence in (
        f"{staff.user.display_name} gave {pupil.user.display_name} a badge.",
        "A badge sign-in was refused.",
        f"{pupil.user.display_name} signed in with their badge.",
    ):
        assert sentence in page.text
