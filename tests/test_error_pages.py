"""Every error a person can meet is a page in the site's layout that says what to do next, never a
bare "403 Forbidden"."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def _is_styled(response):
    body = response.content.decode()
    return '<main id="main"' in body and "Go to your home page" in body


def test_missing_page_is_styled_404(client_for, pupil):
    response = client_for(pupil).get("/no-such-page/")
    assert response.status_code == 404
    assert "We cannot find that page" in response.content.decode()
    assert _is_styled(response)


def test_forbidden_page_says_what_a_pupil_can_do_instead(client_for, pupil):
    response = client_for(pupil).get(reverse("people:list"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "This page is not open to you" in body
    assert "ask a member of staff or your teacher" in body
    assert 'href="/"' in body  # the way home


def test_wrong_method_is_styled_405_keeping_allow(client_for, pupil):
    response = client_for(pupil).get(reverse("notifications:mark_all_read"))
    assert response.status_code == 405
    assert "That cannot be done from here" in response.content.decode()
    assert "POST" in response["Allow"]


def test_wrong_method_from_htmx_stays_bare(client_for, pupil):
    response = client_for(pupil).get(reverse("notifications:mark_all_read"), headers={"HX-Request": "true"})
    assert response.status_code == 405
    assert b"That cannot be done" not in response.content


def test_stale_form_is_styled_csrf_page(pupil):
    client = Client(enforce_csrf_checks=True)
    client.force_login(pupil.user)
    response = client.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 403
    assert "Please send that again" in response.content.decode()


def test_server_error_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in body
    assert '<main id="main"' in body


def test_bad_request_is_styled_400(client, settings):
    settings.ALLOWED_HOSTS = ["coproschool.example"]
    response = client.get("/", HTTP_HOST="someone-else.example")
    assert response.status_code == 400
    assert "Something in that request was not right" in response.content.decode()
    assert _is_styled(response)
