"""Pictures on ideas and needs: add one (a form that works on a phone, without JavaScript), the file
itself (only through here: school and permission checked), approve or remove, and the staff list of
pictures waiting to be checked."""

import rules
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from people.access import check_rule, require_rule
from people.ratelimit import rate_limit
from projects.access import get_idea_for, get_need_for, get_project_for
from projects.errors import ProjectError
from projects.forms import PictureForm
from projects.models import MAX_PICTURES, Idea, Picture
from projects.pictures.images import PictureRejected
from projects.selectors.pictures import (
    picture_count,
    picture_get,
    picture_parent_visible,
    pictures_shown,
    pictures_waiting,
)
from projects.services import pictures as services
from projects.services.pictures import NO_PICTURE_CONSENT
from projects.views.common import paginate, redirect_back

SIZES = {"full": "image", "thumb": "thumbnail"}


def pictures_context(request, parent) -> dict:
    """What the idea and need pages need for their pictures (projects/pictures/_gallery.html)."""
    kind = "idea" if isinstance(parent, Idea) else "need"
    may_add = rules.test_rule(f"projects.add_{kind}_picture", request.membership, parent)
    return {
        "pictures": pictures_shown(viewer=request.membership, parent=parent),
        "can_add": may_add and not parent.is_hidden and picture_count(parent=parent) < MAX_PICTURES,
        "add_url": reverse(f"projects:{kind}_picture_add", args=[parent.pk]),
    }


def _add_page(request, *, parent, kind: str):
    may_upload = services.picture_may_upload(uploader=request.membership)
    count = picture_count(parent=parent)
    form = None
    if may_upload and count < MAX_PICTURES:
        form = PictureForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form is not None and form.is_valid():
        upload_field = "photo" if form.cleaned_data.get("photo") else "saved"
        try:
            picture = services.picture_add(
                parent=parent,
                uploader=request.membership,
                upload=form.cleaned_data["upload"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except PictureRejected as error:
            form.add_error(upload_field, str(error))
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            if picture.is_waiting:
                messages.success(request, "Picture added. A teacher checks it before other pupils can see it.")
            else:
                messages.success(request, "Picture added.")
            return redirect(parent.get_absolute_url() + "#pictures")
    context = {
        "form": form,
        "parent": parent,
        "kind": kind,
        "count": count,
        "max_pictures": MAX_PICTURES,
        "no_consent": "" if may_upload else NO_PICTURE_CONSENT,
    }
    return render(request, "projects/pictures/add.html", context)


@require_rule("projects.view_projects")
@rate_limit("post")
def idea_picture_add(request, pk: int):
    idea = get_idea_for(request, pk, "projects.add_idea_picture")
    return _add_page(request, parent=idea, kind="idea")


@require_rule("projects.view_needs")
@rate_limit("post")
def need_picture_add(request, pk: int):
    need = get_need_for(request, pk)
    check_rule("projects.add_need_picture", request.membership, need)
    return _add_page(request, parent=need, kind="need")


def _picture_for(request, pk: int) -> Picture:
    """A picture of the request's school that the viewer may see, on an idea or need they may read: else 404."""
    try:
        picture = picture_get(viewer=request.membership, pk=pk)
    except Picture.DoesNotExist:
        raise Http404("No such picture.") from None
    if not picture_parent_visible(viewer=request.membership, picture=picture):
        raise Http404("No such picture.")
    if picture.idea_id:
        get_project_for(request, picture.idea.project_id)
    return picture


@require_GET
@require_rule("projects.view_needs")
def picture_file(request, pk: int, size: str):
    if size not in SIZES:
        raise Http404("No such size.")
    picture = _picture_for(request, pk)
    # The files of a picture never change (a new picture has a new id): the browser may keep them,
    # privately, and asks each time (no-cache) so a removed picture is gone on the next request.
    etag = f'"picture-{picture.pk}-{size}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        try:
            handle = getattr(picture, SIZES[size]).open("rb")
        except FileNotFoundError:
            raise Http404("No such picture.") from None
        response = FileResponse(handle, content_type=picture.content_type)
        response["Content-Disposition"] = "inline"
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@require_rule("projects.review_pictures")
def picture_approve(request, pk: int):
    picture = _picture_for(request, pk)
    try:
        services.picture_approve(picture=picture, staff=request.membership)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Picture checked: everyone who can see it now sees the picture.")
    return redirect_back(request, reverse("projects:picture_queue"))


@require_POST
@require_rule("projects.view_needs")
def picture_remove(request, pk: int):
    picture = _picture_for(request, pk)
    check_rule("projects.remove_picture", request.membership, picture)
    back = picture.parent.get_absolute_url() + "#pictures"
    try:
        services.picture_remove(picture=picture, actor=request.membership)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Picture removed. Its files are deleted.")
    return redirect_back(request, back)


@require_rule("projects.review_pictures")
def picture_queue(request):
    page = paginate(request, pictures_waiting(staff=request.membership))
    return render(request, "projects/pictures/queue.html", {"page": page})
