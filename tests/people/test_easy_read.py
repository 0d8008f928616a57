"""Easy read: a person's own setting, offered once to pupils on their home, kept on the user (so on
every device), and applied to every page by a class on <html>."""

import pytest

from people.models import User

pytestmark = pytest.mark.django_db

OFFER = "Would you like easy read?"


def _html_class(response) -> str:
    start = response.content.decode().split("<html", 1)[1].split(">", 1)[0]
    return start


def test_a_pupil_is_offered_easy_read_on_her_home_until_she_answers(client_for, pupil):
    client = client_for(pupil)
    assert OFFER in client.get("/").content.decode()
    response = client.post("/account/easy-read/", {"easy_read": "off", "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    page = client.get("/").content.decode()
    assert OFFER not in page
    assert "Easy read is off" in page  # the message says where to change it
    user = User.objects.get(pk=pupil.user_id)
    assert user.easy_read is False and user.easy_read_offer_answered is True


def test_yes_please_turns_easy_read_on_for_every_page(client_for, pupil):
    client = client_for(pupil)
    client.post("/account/easy-read/", {"easy_read": "on", "next": "/"})
    for url in ("/", "/needs/", "/inbox/preferences/"):
        assert 'class="easy-read"' in _html_class(client.get(url)), url
    assert OFFER not in client.get("/").content.decode()


def test_the_setting_follows_the_person_to_another_device(client, pupil):
    client.force_login(pupil.user)
    client.post("/account/easy-read/", {"easy_read": "on"})
    client.logout()
    from django.test import Client

    other_device = Client()
    other_device.force_login(User.objects.get(pk=pupil.user_id))
    assert "easy-read" in _html_class(other_device.get("/"))


def test_staff_are_not_offered_it_but_can_turn_it_on_and_off_in_preferences(client_for, staff):
    client = client_for(staff)
    assert OFFER not in client.get("/").content.decode()
    page = client.get("/inbox/preferences/").content.decode()
    assert "Easy read is off." in page and "Turn easy read on" in page
    response = client.post("/account/easy-read/", {"easy_read": "on"})
    assert response.url == "/inbox/preferences/#easy-read"
    page = client.get("/inbox/preferences/").content.decode()
    assert "Easy read is on." in page and "easy-read" in _html_class(client.get("/inbox/preferences/"))
    client.post("/account/easy-read/", {"easy_read": "off"})
    assert "easy-read" not in _html_class(client.get("/"))


@pytest.mark.parametrize("value", ["", "yes", "ON", "1"])
def test_an_unknown_answer_changes_nothing_and_says_what_to_choose(client_for, pupil, value):
    client = client_for(pupil)
    response = client.post("/account/easy-read/", {"easy_read": value}, follow=True)
    assert "Choose whether easy read is on or off." in response.content.decode()
    user = User.objects.get(pk=pupil.user_id)
    assert user.easy_read is False and user.easy_read_offer_answered is False


def test_a_link_elsewhere_is_not_followed(client_for, pupil):
    response = client_for(pupil).post("/account/easy-read/", {"easy_read": "on", "next": "https://evil.example/"})
    assert response.url == "/inbox/preferences/#easy-read"


def test_a_get_does_nothing(client_for, pupil):
    assert client_for(pupil).get("/account/easy-read/").status_code == 405


def test_erasure_resets_it(pupil):
    from people.privacy.services import person_erase

    User.objects.filter(pk=pupil.user_id).update(easy_read=True, easy_read_offer_answered=True)
    person_erase(user=pupil.user)
    user = User.objects.get(pk=pupil.user_id)
    assert user.easy_read is False and user.easy_read_offer_answered is False
