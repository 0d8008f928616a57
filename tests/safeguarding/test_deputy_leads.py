"""Deputy safeguarding leads: an escalated concern reaches them with a link to it, they can open it and
record what was done; a concern that has not escalated does not exist for them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import Notification, NotificationKind
from projects.models import Report, ReportStatus
from projects.services.needs import need_comment_add
from projects.services.safeguarding import safeguarding_escalate_due
from tests.factories import LeaderFactory, NeedFactory, StaffFactory

pytestmark = pytest.mark.django_db

DISCLOSURE = "My uncle says they'll hurt me if I tell anyone"


@pytest.fixture
def concern(school, pupil, django_capture_on_commit_callbacks):
    StaffFactory(school=school, is_safeguarding_lead=True)
    with django_capture_on_commit_callbacks(execute=True):
        need_comment_add(need=NeedFactory(school=school), author=pupil, body=DISCLOSURE)
    return Report.objects.get()


@pytest.fixture
def deputy(school):
    return StaffFactory(school=school, is_deputy_safeguarding_lead=True)


def _escalate(concern, captured):
    # Well past the school's time, in school hours whatever day the test runs: moved clock.
    Report.objects.filter(pk=concern.pk).update(created_at=timezone.now() - timedelta(days=7))
    with captured(execute=True):
        assert safeguarding_escalate_due(now=timezone.now()) == 1
    concern.refresh_from_db()


def test_a_deputy_cannot_open_a_concern_before_it_escalates(concern, deputy, client_for):
    url = reverse("projects:safeguarding_concern", args=[concern.pk])
    assert client_for(deputy).get(url).status_code == 404
    assert client_for(deputy).get(reverse("projects:safeguarding")).status_code == 403


def test_the_escalation_links_the_deputy_to_the_concern_which_opens_for_them(
    school, concern, deputy, client_for, django_capture_on_commit_callbacks
):
    head = LeaderFactory(school=school)
    _escalate(concern, django_capture_on_commit_callbacks)
    alert = Notification.objects.get(recipient=deputy, kind=NotificationKind.SAFEGUARDING_CONCERN)
    assert alert.url == reverse("projects:safeguarding_concern", args=[concern.pk])
    page = client_for(deputy).get(alert.url)
    assert page.status_code == 200
    assert DISCLOSURE.replace("'", "&#x27;") in page.text
    # The head is asked to reach a lead; the concern's words stay with the leads and deputies.
    head_alert = Notification.objects.get(recipient=head, kind=NotificationKind.SAFEGUARDING_CONCERN)
    assert head_alert.url == reverse("home")
    assert client_for(head).get(alert.url).status_code == 403


def test_a_deputy_records_the_outcome_of_an_escalated_concern(
    concern, deputy, client_for, django_capture_on_commit_callbacks
):
    _escalate(concern, django_capture_on_commit_callbacks)
    url = reverse("projects:safeguarding_concern", args=[concern.pk])
    response = client_for(deputy).post(url, {"outcome": "Called the family; referred to early help."}, follow=True)
    assert "Outcome recorded." in response.text
    concern.refresh_from_db()
    assert concern.status == ReportStatus.RESOLVED and concern.handled_by == deputy


def test_an_empty_outcome_says_what_is_missing(concern, client_for, django_capture_on_commit_callbacks):
    lead = concern.school.memberships.get(is_safeguarding_lead=True)
    response = client_for(lead).post(reverse("projects:safeguarding_concern", args=[concern.pk]), {"outcome": ""})
    assert response.status_code == 200
    assert "This field is required" in response.text
    concern.refresh_from_db()
    assert concern.status == ReportStatus.OPEN


def test_a_lead_opening_the_concern_page_stops_its_escalation(concern, client_for, deputy):
    lead = concern.school.memberships.get(is_safeguarding_lead=True)
    assert client_for(lead).get(reverse("projects:safeguarding_concern", args=[concern.pk])).status_code == 200
    Report.objects.filter(pk=concern.pk).update(created_at=timezone.now() - timedelta(days=7))
    assert safeguarding_escalate_due(now=timezone.now()) == 0
