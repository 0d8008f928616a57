"""Writes for pictures on ideas and needs: add (checked, re-encoded, held for staff), approve, remove.

Files go through Django's storage API under random names. A picture is stored whole or not at all:
every refusal happens before a file is written, and a failure after writing deletes what was written.
A removed picture is deleted, row and files, once the removal commits: it may show a face.
"""

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from audit.services import log_action
from people.consent.scopes import PICTURES
from people.consent.selectors import consent_allows
from people.models import Membership
from projects import notifications
from projects.errors import NotAllowed, ProjectError
from projects.models import MAX_PICTURES, Idea, Need, Picture, PictureStatus
from projects.pictures.images import picture_clean

NO_PICTURE_CONSENT = (
    "Your parent or carer has not agreed to pictures yet, so you cannot add one. "
    "You can describe your idea in words instead, or ask them to open the consent page."
)
ALT_TEXT_NEEDED = "Say in a few words what the picture shows, for people who cannot see it."
TOO_MANY = f"This already has {MAX_PICTURES} pictures, the most it can have. Remove one to add another."


def picture_may_upload(*, uploader: Membership) -> bool:
    """Whether the parents' consent lets this person add pictures (adults always may)."""
    return consent_allows(pupil=uploader, scope=PICTURES)


def _school_id(parent: Idea | Need) -> int:
    return parent.project.school_id if isinstance(parent, Idea) else parent.school_id


def _delete_files(names: list[str]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)


def picture_add(*, parent: Idea | Need, uploader: Membership, upload, alt_text: str) -> Picture:
    """Add `upload` to an idea or a need, waiting for a member of staff to check it.

    Raises ProjectError (PictureRejected for the file) with the reason; nothing is stored then.
    """
    school_id = _school_id(parent)
    if uploader.school_id != school_id:
        raise NotAllowed("You can only add pictures in your own school.")
    if not picture_may_upload(uploader=uploader):
        raise ProjectError(NO_PICTURE_CONSENT)
    if parent.is_hidden:
        raise ProjectError("This is hidden at the moment, so no pictures can be added to it.")
    alt_text = " ".join(alt_text.split())
    if not alt_text:
        raise ProjectError(ALT_TEXT_NEEDED)
    # The slow part, before any lock: decoding and re-encoding the pixels.
    clean = picture_clean(upload)
    saved: list[str] = []
    try:
        with transaction.atomic():
            # The parent's row is locked so two uploads at once cannot both be the fourth.
            locked = type(parent).objects.select_for_update().get(pk=parent.pk)
            if locked.pictures.count() >= MAX_PICTURES:
                raise ProjectError(TOO_MANY)
            stem = f"pictures/{school_id}/{secrets.token_hex(16)}"
            saved.append(default_storage.save(f"{stem}.{clean.extension}", ContentFile(clean.full)))
            saved.append(default_storage.save(f"{stem}-thumb.{clean.extension}", ContentFile(clean.thumbnail)))
            picture = Picture.objects.create(
                school_id=school_id,
                idea=parent if isinstance(parent, Idea) else None,
                need=parent if isinstance(parent, Need) else None,
                uploaded_by=uploader,
                image=saved[0],
                thumbnail=saved[1],
                content_type=clean.content_type,
                width=clean.width,
                height=clean.height,
                alt_text=alt_text[:200],
                # Staff add pictures as checked: they are who checks.
                status=PictureStatus.APPROVED if uploader.is_staff_member else PictureStatus.WAITING,
                reviewed_by=uploader if uploader.is_staff_member else None,
                reviewed_at=timezone.now() if uploader.is_staff_member else None,
            )
            log_action(actor=uploader.user, verb="picture.add", target=picture, data={"on": _where(picture)})
    except BaseException:
        _delete_files(saved)
        raise
    return picture


def _where(picture: Picture) -> str:
    return f"idea {picture.idea_id}" if picture.idea_id else f"need {picture.need_id}"


def _staff_of(staff: Membership, picture: Picture) -> None:
    if not staff.is_staff_member or staff.school_id != picture.school_id:
        raise NotAllowed("Only the school's staff check pictures.")


@transaction.atomic
def picture_approve(*, picture: Picture, staff: Membership) -> Picture:
    """Let everyone who sees the idea or need see the picture. Approving twice changes nothing."""
    _staff_of(staff, picture)
    picture = Picture.objects.select_for_update(of=("self",)).select_related("idea", "need").get(pk=picture.pk)
    if picture.status == PictureStatus.APPROVED:
        return picture
    picture.status = PictureStatus.APPROVED
    picture.reviewed_by = staff
    picture.reviewed_at = timezone.now()
    picture.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    log_action(actor=staff.user, verb="picture.approve", target=picture, data={"on": _where(picture)})
    notifications.notify_picture_approved(picture=picture, actor=staff)
    return picture


@transaction.atomic
def picture_remove(*, picture: Picture, actor: Membership) -> None:
    """Delete a picture (staff, or the person who added it). Its files go once the removal commits."""
    if actor.pk != picture.uploaded_by_id:
        _staff_of(actor, picture)
    picture = (
        Picture.objects.select_for_update(of=("self",))
        .select_related("idea", "need", "uploaded_by")
        .filter(pk=picture.pk)
    )
    picture = picture.first()
    if picture is None:  # removed already: a repeated request does what it says
        return
    log_action(
        actor=actor.user,
        verb="picture.remove",
        target=picture,
        data={"on": _where(picture), "was": picture.status, "by_uploader": actor.pk == picture.uploaded_by_id},
    )
    notifications.notify_picture_removed(picture=picture, actor=actor)
    names = [picture.image.name, picture.thumbnail.name]
    picture.delete()
    transaction.on_commit(lambda: _delete_files(names))


def pictures_erase(*, uploaded_by: list[int]) -> int:
    """Delete every picture these members added, and their files after the commit (erasure)."""
    pictures = Picture.objects.filter(uploaded_by__in=uploaded_by)
    names = [name for pair in pictures.values_list("image", "thumbnail") for name in pair]
    count, _ = pictures.delete()
    transaction.on_commit(lambda: _delete_files(names))
    return count
