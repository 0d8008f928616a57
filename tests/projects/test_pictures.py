"""Pictures on ideas and needs: checked by content, re-encoded without EXIF or location, resized,
held for a member of staff, served only to who may see them, and gone with their files when removed
or when their uploader is erased. Every fixture is drawn by Pillow here."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from audit.models import LogEntry
from people.consent.scopes import PICTURES, SCOPES
from people.consent.services import school_set_consent_scopes
from people.models import ConsentStatus, Notification
from people.privacy.services import person_erase, person_export
from people.services import guardian_link_set_consent
from projects.errors import ProjectError
from projects.models import Picture, PictureStatus, ProjectRole, Stage
from projects.pictures.images import NOT_A_PICTURE, TOO_BIG, TOO_MANY_PIXELS
from projects.services.pictures import NO_PICTURE_CONSENT, TOO_MANY, picture_add, picture_approve
from tests.factories import (
    GuardianLinkFactory,
    IdeaFactory,
    LeaderFactory,
    NeedFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SchoolFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


# --- fixtures drawn by Pillow ----------------------------------------------------------------


def _image_bytes(fmt: str = "JPEG", size=(2400, 1800), mode: str = "RGB", colour=(200, 40, 40), **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, fmt, **save)
    return out.getvalue()


def _photo_with_location() -> bytes:
    """A landscape phone photo turned on its side (orientation 6), with the camera and GPS in its EXIF."""
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "PupilPhone"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 12.0)
    return _image_bytes("JPEG", exif=exif)


def _upload(data: bytes, name: str = "drawing.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type)


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _open_stored(field) -> Image.Image:
    with field.open("rb") as handle:
        return Image.open(io.BytesIO(handle.read()))


# --- the people --------------------------------------------------------------------------


@pytest.fixture
def designing(ready_project, move_to):
    return move_to(ready_project, Stage.CO_DESIGN)


@pytest.fixture
def idea(designing, lead):
    idea = IdeaFactory(project=designing, created_by=lead)
    idea.authors.set([lead])
    return idea


@pytest.fixture
def member(designing):
    """Another pupil in the project: sees its ideas, not what waits for staff."""
    return ProjectMembershipFactory(project=designing, role=ProjectRole.MEMBER).membership


def _add_url(idea) -> str:
    return reverse("projects:idea_picture_add", args=[idea.pk])


def _post_picture(
    client, idea, data: bytes, *, field: str = "saved", alt: str = "A cardboard model of the bench", **kw
):
    return client.post(_add_url(idea), {field: _upload(data, **kw), "alt_text": alt})


# --- uploading ---------------------------------------------------------------------------


def test_pupil_adds_a_photo_and_it_is_re_encoded_without_exif_or_location(client_for, idea, lead):
    response = _post_picture(client_for(lead), idea, _photo_with_location(), field="photo")
    assert response.status_code == 302 and response["Location"].endswith("#pictures")
    picture = Picture.objects.get()
    assert picture.status == PictureStatus.WAITING and picture.uploaded_by == lead
    stored = _open_stored(picture.image)
    assert stored.format == "JPEG"
    # Turned upright as the camera meant, then resized to at most 1600 px on its longest side.
    assert stored.size == (1200, 1600) == (picture.width, picture.height)
    assert not stored.getexif() and "exif" not in stored.info
    with picture.image.open("rb") as handle:
        raw = handle.read()
    assert b"PupilPhone" not in raw and b"GPS" not in raw
    thumb = _open_stored(picture.thumbnail)
    assert max(thumb.size) <= 480 and not thumb.getexif()
    # Stored under a random name in the school's folder, never the name the browser sent.
    assert picture.image.name.startswith(f"pictures/{idea.project.school_id}/")
    assert "drawing" not in picture.image.name
    assert LogEntry.objects.filter(verb="picture.add").count() == 1


@pytest.mark.parametrize(
    ("fmt", "mode", "colour", "name"),
    [("PNG", "RGBA", (0, 120, 0, 0), "plan.png"), ("WEBP", "RGB", (0, 0, 200), "model.webp")],
)
def test_png_with_transparency_and_webp_become_jpegs(client_for, idea, lead, fmt, mode, colour, name):
    data = _image_bytes(fmt, size=(800, 600), mode=mode, colour=colour)
    assert _post_picture(client_for(lead), idea, data, name=name, content_type="image/png").status_code == 302
    stored = _open_stored(Picture.objects.get().image)
    assert stored.format == "JPEG" and stored.size == (800, 600) and stored.mode == "RGB"


def _bomb() -> bytes:
    """A small file that decodes to 49 million pixels (one bit each, so Pillow draws it quickly)."""
    return _image_bytes("PNG", size=(7000, 7000), mode="1", colour=1)


BAD_FILES = {
    "not a picture": (b"These are my notes about the bench.\n" * 20, "notes.jpg", NOT_A_PICTURE),
    "a renamed executable": (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 40, "cat.jpg", NOT_A_PICTURE),
    "a script called png": (b"#!/bin/sh\nrm -rf /\n", "drawing.png", NOT_A_PICTURE),
    "a truncated jpeg": (_image_bytes("JPEG", size=(400, 300))[:600], "cut.jpg", NOT_A_PICTURE),
    "an empty file": (b"", "empty.jpg", NOT_A_PICTURE),
    "a gif": (_image_bytes("GIF", size=(40, 40), mode="P", colour=1), "moving.jpg", NOT_A_PICTURE),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_gets_a_clear_error_and_stores_nothing(client_for, idea, lead, case):
    data, name, message = BAD_FILES[case]
    response = _post_picture(client_for(lead), idea, data, name=name)
    assert response.status_code == 200
    assert message in response.text
    assert not Picture.objects.exists() and _stored_files() == []


def test_a_decompression_bomb_is_refused_before_it_is_decoded(client_for, idea, lead):
    response = _post_picture(client_for(lead), idea, _bomb(), name="huge.png")
    assert response.status_code == 200 and TOO_MANY_PIXELS in response.text
    assert not Picture.objects.exists() and _stored_files() == []


def test_a_file_beyond_pillows_own_limit_is_refused_as_a_bomb(client_for, idea, lead, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # the 800 x 600 picture is now twice over it
    response = _post_picture(client_for(lead), idea, _image_bytes("PNG", size=(800, 600)), name="p.png")
    assert TOO_MANY_PIXELS in response.text and _stored_files() == []


def test_a_30_mb_upload_is_refused_cleanly_and_not_kept(client_for, idea, lead):
    data = _image_bytes("JPEG", size=(64, 64)) + bytes(30 * 1024 * 1024)
    response = _post_picture(client_for(lead), idea, data, name="big.jpg")
    assert response.status_code == 200 and TOO_BIG in response.text
    assert not Picture.objects.exists() and _stored_files() == []


def test_a_9_mb_file_under_the_request_limit_is_refused_by_the_picture_limit(client_for, idea, lead):
    data = _image_bytes("JPEG", size=(64, 64)) + bytes(9 * 1024 * 1024)
    response = _post_picture(client_for(lead), idea, data, name="big.jpg")
    assert response.status_code == 200 and TOO_BIG in response.text and _stored_files() == []


def test_a_fifth_picture_is_refused_and_stores_nothing(client_for, idea, lead):
    client = client_for(lead)
    for _ in range(4):
        assert _post_picture(client, idea, _image_bytes(size=(300, 200))).status_code == 302
    files_before = sorted(_stored_files())
    page = client.get(reverse("projects:idea_detail", args=[idea.pk])).text
    assert _add_url(idea) not in page  # no "Add a picture" button once it has 4
    response = _post_picture(client, idea, _image_bytes(size=(300, 200)))
    assert "already has 4 pictures" in response.text
    assert Picture.objects.count() == 4 and sorted(_stored_files()) == files_before
    with pytest.raises(ProjectError, match="already has 4"):
        picture_add(parent=idea, uploader=lead, upload=_upload(_image_bytes(size=(30, 20))), alt_text="x")
    assert TOO_MANY.startswith("This already has 4") and sorted(_stored_files()) == files_before


def test_alt_text_is_required_in_plain_words(client_for, idea, lead):
    response = _post_picture(client_for(lead), idea, _image_bytes(size=(300, 200)), alt="   ")
    assert "Say in a few words what the picture shows" in response.text
    assert _stored_files() == []


def test_no_file_at_all_says_what_to_do(client_for, idea, lead):
    response = client_for(lead).post(_add_url(idea), {"alt_text": "A bench"})
    assert "Take a photo or choose a picture to add." in response.text


def test_the_form_works_on_a_phone_without_javascript(client_for, idea, lead):
    page = client_for(lead).get(_add_url(idea)).text
    assert 'enctype="multipart/form-data"' in page
    assert 'accept="image/*"' in page and 'capture="environment"' in page
    assert "<script" not in page.split("<main", 1)[-1].split("</main>", 1)[0]


def test_a_pupil_without_pictures_consent_reads_why_and_cannot_upload(client_for, idea, lead, school):
    school_set_consent_scopes(school=school, actor=LeaderFactory(school=school), scopes=list(SCOPES))
    link = GuardianLinkFactory(pupil=lead)
    for scope in SCOPES:
        status = ConsentStatus.REFUSED if scope == PICTURES else ConsentStatus.GIVEN
        guardian_link_set_consent(link=link, parent=link.parent, status=status, scope=scope)
    lead.refresh_from_db()
    client = client_for(lead)
    page = client.get(_add_url(idea)).text
    assert NO_PICTURE_CONSENT.split(",")[0] in page and 'type="file"' not in page
    response = _post_picture(client, idea, _image_bytes(size=(300, 200)))
    assert response.status_code == 200 and not Picture.objects.exists() and _stored_files() == []
    with pytest.raises(ProjectError, match="not agreed to pictures"):
        picture_add(parent=idea, uploader=lead, upload=_upload(_image_bytes(size=(30, 20))), alt_text="x")


def test_a_pupil_who_did_not_write_the_idea_cannot_add_a_picture(client_for, idea, member):
    assert client_for(member).get(_add_url(idea)).status_code == 403


def test_no_picture_on_a_hidden_idea(idea, lead):
    idea.hidden_at = idea.created_at
    idea.save(update_fields=["hidden_at"])
    with pytest.raises(ProjectError, match="hidden"):
        picture_add(parent=idea, uploader=lead, upload=_upload(_image_bytes(size=(30, 20))), alt_text="x")
    assert _stored_files() == []


# --- who sees it, and how it is served ------------------------------------------------------


@pytest.fixture
def waiting(idea, lead):
    return picture_add(parent=idea, uploader=lead, upload=_upload(_image_bytes(size=(300, 200))), alt_text="A bench")


def _file_url(picture, size="full") -> str:
    return reverse("projects:picture_file", args=[picture.pk, size])


def test_a_waiting_picture_is_seen_by_its_uploader_and_staff_only(client_for, idea, lead, member, facilitator, waiting):
    detail = reverse("projects:idea_detail", args=[idea.pk])
    mine = client_for(lead).get(detail).text
    assert "Waiting for a teacher to check" in mine and _file_url(waiting, "thumb") in mine
    assert client_for(lead).get(_file_url(waiting)).status_code == 200
    other = client_for(member).get(detail).text
    assert _file_url(waiting, "thumb") not in other
    assert client_for(member).get(_file_url(waiting)).status_code == 404
    staff_page = client_for(facilitator).get(detail).text
    assert "Waiting for a teacher to check" in staff_page and "Approve" in staff_page
    picture_approve(picture=waiting, staff=facilitator)
    other = client_for(member).get(detail).text
    assert _file_url(waiting, "thumb") in other and "Waiting for a teacher" not in other
    assert 'alt="A bench"' in other
    assert client_for(member).get(_file_url(waiting)).status_code == 200


def test_the_file_is_served_privately_with_nosniff_and_revalidated(client_for, lead, waiting):
    client = client_for(lead)
    response = client.get(_file_url(waiting, "thumb"))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "JPEG"
    again = client.get(_file_url(waiting, "thumb"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["Cache-Control"] == "private, no-cache"
    assert client.get(reverse("projects:picture_file", args=[waiting.pk, "original"])).status_code == 404


def test_another_schools_staff_and_signed_out_visitors_get_nothing(client, client_for, facilitator, waiting):
    picture_approve(picture=waiting, staff=facilitator)
    assert client.get(_file_url(waiting)).status_code == 302  # to sign in
    outsider = StaffFactory(school=SchoolFactory())
    assert client_for(outsider).get(_file_url(waiting)).status_code == 404
    assert client_for(outsider).post(reverse("projects:picture_approve", args=[waiting.pk])).status_code == 404
    assert client_for(outsider).post(reverse("projects:picture_remove", args=[waiting.pk])).status_code == 404


def test_media_files_are_not_served_as_static_or_media_urls(client_for, lead, waiting):
    client = client_for(lead)
    assert client.get(settings.MEDIA_URL + waiting.image.name).status_code == 404
    assert client.get(settings.STATIC_URL + "../media/" + waiting.image.name).status_code == 404


def test_a_picture_on_a_hidden_idea_is_not_served_to_others(client_for, idea, facilitator, member, waiting):
    picture_approve(picture=waiting, staff=facilitator)
    idea.hidden_at = idea.created_at
    idea.save(update_fields=["hidden_at"])
    assert client_for(member).get(_file_url(waiting)).status_code == 404


# --- staff check ----------------------------------------------------------------------------


def test_staff_approve_from_the_list_the_uploader_is_told_and_it_is_audited(client_for, facilitator, lead, waiting):
    client = client_for(facilitator)
    queue = client.get(reverse("projects:picture_queue")).text
    assert "A bench" in queue and _file_url(waiting, "thumb") in queue
    response = client.post(reverse("projects:picture_approve", args=[waiting.pk]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == PictureStatus.APPROVED and waiting.reviewed_by == facilitator
    told = Notification.objects.get(kind="picture_approved")
    assert told.recipient == lead and "checked your picture" in told.title
    assert LogEntry.objects.filter(verb="picture.approve", target_id=waiting.pk).exists()
    assert "A bench" not in client.get(reverse("projects:picture_queue")).text
    # Approving again changes nothing and tells nobody twice.
    client.post(reverse("projects:picture_approve", args=[waiting.pk]))
    assert Notification.objects.filter(kind="picture_approved").count() == 1


def test_staff_remove_a_picture_and_its_files_are_deleted(
    client_for, facilitator, lead, waiting, django_capture_on_commit_callbacks
):
    assert len(_stored_files()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(facilitator).post(reverse("projects:picture_remove", args=[waiting.pk]))
    assert response.status_code == 302
    assert not Picture.objects.exists() and _stored_files() == []
    told = Notification.objects.get(kind="picture_removed")
    assert told.recipient == lead and "took down a picture" in told.title
    assert "inappropriate" not in told.title.lower()  # neutral words
    entry = LogEntry.objects.get(verb="picture.remove")
    assert entry.data["was"] == PictureStatus.WAITING
    # A repeated removal does what it says: the picture is gone.
    assert client_for(facilitator).post(reverse("projects:picture_remove", args=[waiting.pk])).status_code == 404


def test_the_uploader_removes_their_own_picture_without_being_told(
    client_for, lead, waiting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(lead).post(reverse("projects:picture_remove", args=[waiting.pk])).status_code == 302
    assert _stored_files() == [] and not Notification.objects.filter(kind="picture_removed").exists()


def test_pupils_cannot_approve_or_remove_others_pictures(client_for, facilitator, member, waiting):
    assert client_for(member).post(reverse("projects:picture_approve", args=[waiting.pk])).status_code == 403
    assert client_for(member).get(reverse("projects:picture_queue")).status_code == 403
    picture_approve(picture=waiting, staff=facilitator)
    assert client_for(member).post(reverse("projects:picture_remove", args=[waiting.pk])).status_code == 403
    assert Picture.objects.filter(pk=waiting.pk).exists()


def test_the_moderation_page_links_to_the_pictures_to_check(client_for, facilitator):
    page = client_for(facilitator).get(reverse("projects:moderation")).text
    assert reverse("projects:picture_queue") in page


# --- needs -------------------------------------------------------------------------------


def test_a_need_carries_pictures_from_its_author_and_staff(client_for, school):
    author = PupilFactory(school=school)
    need = NeedFactory(school=school, author=author)
    url = reverse("projects:need_picture_add", args=[need.pk])
    response = client_for(author).post(url, {"photo": _upload(_image_bytes(size=(500, 400))), "alt_text": "Leaky tap"})
    assert response.status_code == 302
    staff = StaffFactory(school=school)
    client_for(staff).post(url, {"saved": _upload(_image_bytes(size=(500, 400))), "alt_text": "The tap again"})
    assert list(need.pictures.values_list("status", flat=True)) == [PictureStatus.WAITING, PictureStatus.APPROVED]
    other = PupilFactory(school=school)
    assert client_for(other).get(url).status_code == 403
    page = client_for(other).get(reverse("projects:need_detail", args=[need.pk])).text
    assert 'alt="The tap again"' in page and 'alt="Leaky tap"' not in page


# --- data rights -------------------------------------------------------------------------


def test_pictures_are_in_the_personal_data_export_with_links(lead, waiting):
    records = person_export(user=lead.user)["records"]
    rows = records["projects.Picture"]["rows"]
    assert rows[0]["alt_text"] == "A bench" and rows[0]["link"] == _file_url(waiting)
    assert "location" in records["projects.Picture"]["purpose"]


def test_erasure_deletes_the_pictures_and_their_files(lead, waiting, django_capture_on_commit_callbacks):
    assert _stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        person_erase(user=lead.user)
    assert not Picture.objects.exists() and _stored_files() == []
