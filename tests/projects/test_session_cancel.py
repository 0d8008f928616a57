"""Cancelling a session: it says so on its page and in the list, its members are told once, and the
"session tomorrow" reminder skips it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import Notification
from tests.factories import ProjectMembershipFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(project):
    return SessionFactory(project=project, held_on=timezone.localdate())


def test_facilitator_cancels_and_members_read_why(session, lead, facilitator, client_for):
    member = ProjectMembershipFactory(project=session.project).membership
    url = reverse("projects:session_cancel", args=[session.pk])
    response = client_for(facilitator).post(url, {"reason": "The hall is booked for exams."}, follow=True)
    assert "Session cancelled" in response.content.decode()
    client_for(facilitator).post(url, {"reason": "Again"})  # a repeat does nothing
    told = Notification.objects.filter(kind="session_cancelled")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted([lead.pk, member.pk])
    page = client_for(member).get(session.get_absolute_url()).content.decode()
    assert "This session is cancelled." in page
    assert "The hall is booked for exams." in page
    assert "Cancel the session" not in page
    listing = client_for(member).get(reverse("projects:session_list", args=[session.project_id])).content.decode()
    assert "Cancelled" in listing


def test_a_cancel_without_a_reason_is_refused_and_tells_nobody(session, facilitator, lead, client_for):
    url = reverse("projects:session_cancel", args=[session.pk])
    response = client_for(facilitator).post(url, {"reason": "  "}, follow=True)
    assert "Say why the session is cancelled" in response.content.decode()
    session.refresh_from_db()
    assert session.cancelled_at is None
    assert not Notification.objects.exists()


def test_a_member_who_does_not_run_the_project_cannot_cancel(session, client_for):
    member = ProjectMembershipFactory(project=session.project).membership
    response = client_for(member).post(reverse("projects:session_cancel", args=[session.pk]), {"reason": "No"})
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.cancelled_at is None
