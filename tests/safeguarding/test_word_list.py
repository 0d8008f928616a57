"""The word list the safeguarding leads keep, and how text is screened against it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from audit.models import LogEntry
from people.safeguarding.hours import school_minutes_between
from people.safeguarding.words import DEFAULT_WORDS, text_screen
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_the_default_list_matches_whole_words_and_phrases_ignoring_case_and_spacing(school):
    assert text_screen(school=school, text="They'll HURT   me if I tell") == ["hurt me", "if I tell"]
    assert text_screen(school=school, text="They\u2019ll hurt me") == ["hurt me"]
    assert text_screen(school=school, text="Abusers? no: we need a hurtle me race") == []


def test_a_lead_replaces_the_list_and_it_is_audited(school, client_for):
    lead = StaffFactory(school=school, is_safeguarding_lead=True)
    client = client_for(lead)
    page = client.get(reverse("projects:safeguarding_words"))
    assert DEFAULT_WORDS[0] in page.text

    response = client.post(reverse("projects:safeguarding_words"), {"words": "Scared\n\n  run   away \nscared"})

    assert response.status_code == 302
    school.refresh_from_db()
    assert school.safeguarding_words == "Scared\nrun away"
    assert text_screen(school=school, text="I want to run away") == ["run away"]
    assert text_screen(school=school, text="hurt me") == []
    assert LogEntry.objects.filter(verb="safeguarding.words").count() == 1


def test_a_bad_line_is_refused_with_its_number(school, client_for):
    lead = StaffFactory(school=school, is_safeguarding_lead=True)
    response = client_for(lead).post(reverse("projects:safeguarding_words"), {"words": "ok\n!!!"})
    assert response.status_code == 200
    assert "Line 2 has no letters or numbers." in response.text
    school.refresh_from_db()
    assert school.safeguarding_words == ""


def test_other_staff_cannot_open_the_word_list(staff, client_for):
    assert client_for(staff).get(reverse("projects:safeguarding_words")).status_code == 403


def test_school_hours_skip_evenings_and_weekends():
    london = ZoneInfo("Europe/London")
    friday_four = datetime(2026, 12, 11, 16, 0, tzinfo=london)
    assert school_minutes_between(friday_four, datetime(2026, 12, 14, 9, 0, tzinfo=london)) == 120
    assert school_minutes_between(friday_four, datetime(2026, 12, 11, 23, 0, tzinfo=london)) == 60
