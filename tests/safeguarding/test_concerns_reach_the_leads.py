"""Issue 17: a disclosure is held and reaches every lead after the commit; unopened concerns escalate;
pupils tell a trusted adult privately."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from people.models import Notification, NotificationKind, Role
from projects.models import Report
from projects.services.ideas import idea_comment_add
from projects.services.needs import need_comment_add
from projects.services.safeguarding import HELD_NOTICE, safeguarding_escalate_due
from tests.factories import IdeaFactory, LeaderFactory, NeedFactory, PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

DISCLOSURE = "My uncle says they'll hurt me if I tell anyone"
LONDON = ZoneInfo("Europe/London")


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    # December 2026: the 7th is a Monday.
    return datetime(2026, 12, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def leads(school):
    return [StaffFactory(school=school, is_safeguarding_lead=True) for _ in range(2)]


def test_a_disclosure_in_a_public_comment_is_held_and_every_lead_is_alerted_once(
    school, pupil, staff, leads, client_for
):
    need = NeedFactory(school=school)
    classmate = PupilFactory(school=school)

    comment = need_comment_add(need=need, author=pupil, body=DISCLOSURE)

    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_for_safeguarding and comment.hidden_reason == HELD_NOTICE
    report = Report.objects.get(need_comment=comment)
    assert report.is_safeguarding and report.held_by_screen
    alerts = Notification.objects.filter(kind=NotificationKind.SAFEGUARDING_CONCERN)
    assert sorted(alerts.values_list("recipient_id", flat=True)) == sorted(lead.pk for lead in leads)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(lead.user.email for lead in leads)
    assert all("hurt" not in message.body for message in mail.outbox)
    for viewer in (staff, classmate):
        assert "hurt me" not in client_for(viewer).get(need.get_absolute_url()).text
    assert HELD_NOTICE in client_for(pupil).get(need.get_absolute_url()).text
    assert DISCLOSURE.replace("'", "&#x27;") in client_for(leads[0]).get(reverse("projects:safeguarding")).text


def test_an_ordinary_comment_is_not_held(school, pupil, leads):
    idea = IdeaFactory(project__school=school)
    comment = idea_comment_add(idea=idea, author=pupil, body="A hurtle race would be fun")
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not Report.objects.exists()


def test_the_dashboard_and_home_of_a_lead_show_the_alert_and_others_do_not(school, pupil, staff, leads, client_for):
    need_comment_add(need=NeedFactory(school=school), author=pupil, body=DISCLOSURE)
    for path in (reverse("home"), reverse("projects:dashboard")):
        assert "1 safeguarding concern needs you" in client_for(leads[0]).get(path).text
        assert "safeguarding concern" not in client_for(staff).get(path).text


def test_an_unopened_concern_escalates_at_the_set_time_in_school_hours_once(school, pupil, leads):
    deputy = StaffFactory(school=school, is_deputy_safeguarding_lead=True)
    head = LeaderFactory(school=school)
    need_comment_add(need=NeedFactory(school=school), author=pupil, body=DISCLOSURE)
    # Raised on Friday at 16:00: one school hour on Friday, the weekend does not count.
    Report.objects.update(created_at=_at(11, 16))
    escalated = Notification.objects.filter(recipient__in=[deputy, head])

    assert safeguarding_escalate_due(now=_at(14, 8, 59)) == 0
    assert not escalated.exists()
    assert safeguarding_escalate_due(now=_at(14, 9, 0)) == 1
    assert sorted(escalated.values_list("recipient_id", flat=True)) == sorted([deputy.pk, head.pk])
    assert {message.to[0] for message in mail.outbox} >= {deputy.user.email, head.user.email}
    assert safeguarding_escalate_due(now=_at(14, 10)) == 0
    assert escalated.count() == 2


def test_a_concern_a_lead_opened_does_not_escalate(school, pupil, leads, client_for):
    StaffFactory(school=school, is_deputy_safeguarding_lead=True)
    need_comment_add(need=NeedFactory(school=school), author=pupil, body=DISCLOSURE)
    Report.objects.update(created_at=_at(7, 9))
    client_for(leads[1]).get(reverse("projects:safeguarding"))
    assert safeguarding_escalate_due(now=_at(8, 9)) == 0


def test_the_school_sets_the_time(school, pupil, leads):
    school.safeguarding_escalate_after = 30
    school.save()
    need_comment_add(need=NeedFactory(school=school), author=pupil, body=DISCLOSURE)
    Report.objects.update(created_at=_at(7, 9))
    assert safeguarding_escalate_due(now=_at(7, 9, 29)) == 0
    assert safeguarding_escalate_due(now=_at(7, 9, 30)) == 1


def test_a_private_message_from_a_pupil_reaches_the_leads_only(school, pupil, staff, leads, client_for):
    client = client_for(pupil)
    assert "Tell a trusted adult in private" in client.get(reverse("home")).text
    response = client.post(reverse("projects:tell_trusted_adult"), {"body": "Someone at home scares me"}, follow=True)

    assert "Childline, 0800 1111" in response.text and "What happens next" in response.text
    report = Report.objects.get()
    assert report.message.author == pupil and report.is_safeguarding
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(lead.pk for lead in leads)
    assert "Someone at home scares me" in client_for(leads[0]).get(reverse("projects:safeguarding")).text
    assert client_for(staff).get(reverse("projects:safeguarding")).status_code == 403
    assert "scares me" not in client_for(staff).get(reverse("projects:moderation")).text


def test_an_empty_private_message_says_what_to_do(pupil, client_for):
    response = client_for(pupil).post(reverse("projects:tell_trusted_adult"), {"body": "  "})
    assert response.status_code == 200
    assert "Write what you want to tell" in response.text
    assert not Report.objects.exists()


def test_only_pupils_have_the_private_route(staff, client_for):
    assert staff.role == Role.STAFF
    assert "Tell a trusted adult in private" not in client_for(staff).get(reverse("home")).text
    assert client_for(staff).get(reverse("projects:tell_trusted_adult")).status_code == 403


def test_the_lead_records_the_outcome_of_a_private_message(school, pupil, leads, client_for):
    client_for(pupil).post(reverse("projects:tell_trusted_adult"), {"body": "Worried"})
    report = Report.objects.get()
    client_for(leads[0]).post(
        reverse("projects:safeguarding_record", args=[report.pk]),
        {"outcome": "Spoke with them", "restore_content": "on"},
    )
    report.refresh_from_db()
    assert report.status == "resolved"


def test_a_named_surveys_free_text_answer_reaches_the_leads_and_an_anonymous_one_does_not(school, pupil, leads):
    from evaluation.services import response_submit
    from tests.factories import QuestionFactory, SurveyFactory

    for anonymous in (False, True):
        survey = SurveyFactory(school=school, anonymous=anonymous)
        question = QuestionFactory(survey=survey, type="long_text", text="Anything else?")
        response_submit(survey=survey, membership=pupil, answers={question.pk: "Someone abused me"})

    report = Report.objects.get()
    assert report.message.body == "Someone abused me" and report.message.where
    assert Notification.objects.filter(kind=NotificationKind.SAFEGUARDING_CONCERN).count() == len(leads)
