"""The roster sync pages: upload, a preview with counts and every problem, apply once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import LogEntry
from people.models import Membership, Role, RosterSync
from tests.factories import LeaderFactory, PupilFactory
from tests.people.roster_sync.bundles import bundle, school_files

pytestmark = pytest.mark.django_db

PUPILS = [("p1", "Amara", "Adeyemi", "7A"), ("p2", "Ben", "Brown", "7B")]


def _upload(client, data, source_format="oneroster"):
    return client.post(
        reverse("people:roster_sync_upload"),
        {"source_format": source_format, "file": SimpleUploadedFile("export.zip", data, "application/zip")},
    )


def test_staff_preview_then_apply_and_a_second_apply_changes_nothing(client_for):
    leader = LeaderFactory()
    client = client_for(leader)
    response = _upload(client, bundle(school_files(PUPILS)))
    sync = RosterSync.objects.get()
    assert response["Location"] == reverse("people:roster_sync", args=[sync.pk])
    preview = client.get(response["Location"])
    assert "Check before applying" in preview.text and "Amara Adeyemi" in preview.text
    assert not Membership.objects.filter(school=leader.school, role=Role.PUPIL).exists()  # nothing yet
    applied = client.post(response["Location"], follow=True)
    assert "The roster is applied: 2 joined, 0 changed, 0 left." in applied.text
    assert Membership.objects.filter(school=leader.school, role=Role.PUPIL).count() == 2
    again = client.post(response["Location"], follow=True)
    assert "already been applied" in again.text
    assert Membership.objects.filter(school=leader.school, role=Role.PUPIL).count() == 2
    assert LogEntry.objects.filter(verb="roster.sync").count() == 1


def test_a_broken_export_lists_its_problems_and_saves_nothing(client_for):
    leader = LeaderFactory()
    files = school_files(PUPILS)
    del files["classes.csv"]
    response = _upload(client_for(leader), bundle(files))
    assert response.status_code == 422
    assert "Nothing was changed: 3 problems to fix" in response.text
    assert "<strong>classes.csv</strong>: a full (bulk) export needs this file; it is missing." in response.text
    assert not RosterSync.objects.exists()


def test_not_a_zip_gets_a_clear_message(client_for):
    response = _upload(client_for(LeaderFactory()), b"First name,Last name\nA,B\n")
    assert response.status_code == 422
    assert "The upload is not a zip file" in response.text


def test_pupils_cannot_sync_and_another_schools_sync_is_not_found(client_for):
    leader = LeaderFactory()
    _upload(client_for(leader), bundle(school_files(PUPILS)))
    sync = RosterSync.objects.get()
    assert client_for(PupilFactory(school=leader.school)).get(reverse("people:roster_sync_upload")).status_code == 403
    other = LeaderFactory()
    assert client_for(other).get(reverse("people:roster_sync", args=[sync.pk])).status_code == 404
