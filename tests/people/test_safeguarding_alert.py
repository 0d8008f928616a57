"""A safeguarding concern reaches every designated safeguarding lead after the commit, once."""

import pytest
from django.core import mail

from people.models import EmailChannel, Notification, NotificationKind, NotificationPreference
from projects.services.moderation import report_create
from tests.factories import NeedFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_lead_gets_one_inbox_alert_and_one_email_even_with_email_off(school, pupil, staff, client_for):
    leads = [StaffFactory(school=school, is_safeguarding_lead=True) for _ in range(2)]
    NotificationPreference.objects.create(membership=leads[1], email_enabled=False)
    need = NeedFactory(school=school, title="They say they'll hurt me if I tell")

    report_create(reporter=pupil, target=need, reason="Worried", is_safeguarding=True)
    report_create(reporter=staff, target=need, reason="Worried too", is_safeguarding=False)

    alerts = Notification.objects.filter(kind=NotificationKind.SAFEGUARDING_CONCERN)
    assert sorted(alerts.values_list("recipient_id", flat=True)) == sorted(lead.pk for lead in leads)
    assert set(alerts.values_list("email", flat=True)) == {EmailChannel.IMMEDIATE}
    assert not Notification.objects.filter(recipient=staff).exists()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(lead.user.email for lead in leads)
    assert all("hurt" not in message.body and "hurt" not in message.subject for message in mail.outbox)
    url = alerts.first().url
    assert url.startswith("/safeguarding/concerns/")  # the concern's own page
    assert "Worried" in client_for(leads[0]).get(url).text
    assert client_for(staff).get(url).status_code == 403
