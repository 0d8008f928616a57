"""Roster import pages: upload, preview, confirm, login cards, and who may see them."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.models import Membership, Role, RosterImport, RosterImportStatus
from people.services import roster_import_confirm, roster_import_preview
from tests.factories import ParentFactory, PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db

GOOD_CSV = b"First name,Last name,Year group,Form\nAmara,Adeyemi,7,7A\nBen,Brown,8,8B\n"


def _upload(client, content: bytes, name: str = "pupils.csv"):
    return client.post(reverse("people:roster_upload"), {"file": SimpleUploadedFile(name, content, "text/csv")})


def _confirmed_import(staff, content: bytes = GOOD_CSV) -> RosterImport:
    preview = roster_import_preview(school=staff.school, uploaded_by=staff, data=content, file_name="p.csv")
    return roster_import_confirm(roster_import=preview, actor=staff)


def test_staff_uploads_previews_confirms_and_sees_login_cards(client_for, staff):
    client = client_for(staff)
    response = _upload(client, GOOD_CSV)
    roster_import = RosterImport.objects.get()
    assert response["Location"] == reverse("people:roster_import", args=[roster_import.pk])

    preview = client.get(response["Location"])
    assert "2</strong> new pupils to add" in preview.text
    assert "Amara" in preview.text
    assert not Membership.objects.filter(role=Role.PUPIL).exists()

    confirmed = client.post(response["Location"])
    assert confirmed["Location"] == reverse("people:roster_cards", args=[roster_import.pk])
    assert Membership.objects.filter(school=staff.school, role=Role.PUPIL).count() == 2

    cards = client.get(confirmed["Location"])
    roster_import.refresh_from_db()
    assert cards.text.count('class="login-card"') == 2
    for card in roster_import.cards:
        assert card["username"] in cards.text
        assert card["password"] in cards.text
    assert staff.school.name in cards.text
    assert "http://testserver/accounts/login/" in cards.text
    assert "no-store" in cards["Cache-Control"]
    assert roster_import.cards_first_viewed_at is not None


def test_bad_rows_are_listed_by_number_and_nothing_is_saved(client_for, staff):
    content = b"First name,Last name,Year group,Form\nAmara,Adeyemi,7,7A\nBen,Brown,Y20,8B\n"
    response = _upload(client_for(staff), content)
    assert response.status_code == 200
    assert "Nothing was imported" in response.text
    assert "<strong>Row 3</strong>: unknown year group" in response.text
    assert not RosterImport.objects.exists()


def test_a_file_of_thousands_of_bad_rows_lists_the_first_100_and_the_total(client_for, staff):
    content = b"First name,Last name,Year group,Form\n" + b"Amara,Adeyemi,Y20,7A\n" * 5000
    response = _upload(client_for(staff), content)
    assert response.status_code == 200
    assert "Nothing was imported: 5000 problems to fix" in response.text
    assert response.text.count("unknown year group") == 100
    assert "The first 100 of 5000 problems are shown" in response.text
    assert len(response.content) < 100_000
    assert "RowError" not in response.text  # the template comment stays a comment


def test_empty_upload_gets_the_import_message(client_for, staff):
    response = _upload(client_for(staff), b"")
    assert "The file is empty" in response.text


def test_semicolon_file_is_explained(client_for, staff):
    response = _upload(client_for(staff), b"First name;Last name;Year group;Form\nA;B;7;7A\n")
    assert "separated by semicolons, not commas" in response.text


def test_confirm_shows_rows_that_became_invalid_since_the_preview(client_for, staff):
    client = client_for(staff)
    _upload(client, b"First name,Last name,Year group,Form,Username\nAmara,Adeyemi,7,7A,amara\n")
    roster_import = RosterImport.objects.get()
    StaffFactory(user__username="amara")
    response = client.post(reverse("people:roster_import", args=[roster_import.pk]))
    assert "<strong>Row 2</strong>: username" in response.text
    assert not Membership.objects.filter(role=Role.PUPIL).exists()


def test_reimport_preview_says_already_in_the_school(client_for, staff):
    _confirmed_import(staff)
    client = client_for(staff)
    preview = client.get(_upload(client, GOOD_CSV)["Location"])
    assert preview.text.count("Already in the school") == 2
    assert "There is nothing to import" in preview.text


@pytest.mark.parametrize("url_name", ["people:roster_import", "people:roster_cards"])
def test_another_schools_import_is_not_found(client_for, staff, url_name):
    other = _confirmed_import(StaffFactory())
    assert client_for(staff).get(reverse(url_name, args=[other.pk])).status_code == 404


@pytest.mark.parametrize("factory", [PupilFactory, ParentFactory])
@pytest.mark.parametrize("url_name", ["people:roster_upload", "people:roster_import", "people:roster_cards"])
def test_pupils_and_parents_get_403_on_import_pages(client_for, staff, factory, url_name):
    roster_import = _confirmed_import(staff)
    args = [] if url_name == "people:roster_upload" else [roster_import.pk]
    response = client_for(factory(school=staff.school)).get(reverse(url_name, args=args))
    assert response.status_code == 403


def test_leader_may_import(client_for, leader):
    assert client_for(leader).get(reverse("people:roster_upload")).status_code == 200


def test_staff_deletes_the_passwords_after_printing(client_for, staff):
    roster_import = _confirmed_import(staff)
    client = client_for(staff)
    client.post(reverse("people:roster_cards", args=[roster_import.pk]))
    roster_import.refresh_from_db()
    assert roster_import.cards is None
    cards_page = client.get(reverse("people:roster_cards", args=[roster_import.pk]))
    assert "have been deleted" in cards_page.text


def test_people_list_offers_import_to_staff(client_for, staff):
    assert reverse("people:roster_upload") in client_for(staff).get(reverse("people:list")).text


def test_roster_imported_pupil_must_set_a_new_password_at_first_sign_in(client, client_for, staff):
    client_for(staff)
    _upload(client, GOOD_CSV)
    roster_import = RosterImport.objects.get()
    client.post(reverse("people:roster_import", args=[roster_import.pk]))
    cards_page = client.get(reverse("people:roster_cards", args=[roster_import.pk])).text
    username, password = re.findall(r"<dt>Username</dt><dd>(.+?)</dd>\s*<dt>Password</dt><dd>(.+?)</dd>", cards_page)[0]
    client.logout()

    response = client.post(reverse("account_login"), {"login": username, "password": password}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("people:first_password")
    assert response.context["user"].username == username
    assert "Choose your own password" in response.text
    assert client.get(reverse("home"))["Location"] == reverse("people:first_password")
    assert RosterImport.objects.get().status == RosterImportStatus.CONFIRMED
