"""Data rights pages: a person's own data download, staff on a pupil (subject access), the school's
privacy settings, special-category records, leaving and erasure."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from coproschool.pages import form_page
from people.access import require_rule
from people.consent.services import school_set_consent_scopes
from people.privacy import services as privacy
from people.privacy.forms import ConfirmForm, SchoolPrivacyForm, SpecialCategoryForm
from people.views import _person_or_404


def _json_download(request, user, filename_stem: str) -> HttpResponse:
    data = privacy.person_export(user=user, actor=request.membership)
    body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}-{day}.json"'
    add_never_cache_headers(response)  # personal data must not stay in a shared computer's cache
    return response


@login_required
def my_data(request):
    """Everything coproschool holds about the signed-in person, as JSON."""
    return _json_download(request, request.user, "my-data")


@require_rule("people.export_person_data", pupil_data=True)
def person_data(request, pk: int):
    """A pupil's data for staff answering a subject access request (from the pupil's page)."""
    person = _person_or_404(request, pk, pupil_only=True)
    return _json_download(request, person.user, f"data-{person.user.username}")


@require_rule("people.manage_privacy")
def school_privacy(request):
    """Leaders: how long data is kept, and whether special-category data is recorded (with its basis)."""
    school = request.school
    initial = {
        "retention_years": school.retention_years,
        "special_category_enabled": school.special_category_enabled,
        "special_category_basis": school.special_category_basis,
        "consent_scopes": school.consent_scopes,
    }
    form = SchoolPrivacyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            privacy.school_set_retention(school=school, actor=request.membership, years=data["retention_years"])
            if {"special_category_enabled", "special_category_basis"} & set(form.changed_data):
                privacy.school_set_special_category(
                    school=school,
                    actor=request.membership,
                    enabled=data["special_category_enabled"],
                    basis=data["special_category_basis"],
                )
            if "consent_scopes" in form.changed_data:
                school_set_consent_scopes(school=school, actor=request.membership, scopes=data["consent_scopes"])
        except privacy.PrivacyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Privacy settings saved.")
            return redirect("people:school_privacy")
    return form_page(
        request,
        form=form,
        title="Privacy settings",
        submit="Save",
        cancel_url=reverse("home"),
        intro="Special-category data (SEN, pupil premium) is recorded only while this is on; switching it off "
        "clears what was recorded for every pupil.",
    )


@require_rule("people.record_special_category", pupil_data=True)
def person_special_category(request, pk: int):
    person = _person_or_404(request, pk, pupil_only=True)
    if not person.school.special_category_enabled:
        raise Http404("This school does not record SEN or pupil premium.")
    premium = {True: "yes", False: "no"}.get(person.pupil_premium, "")
    form = SpecialCategoryForm(
        request.POST or None, initial={"sen_status": person.sen_status, "pupil_premium": premium}
    )
    if request.method == "POST" and form.is_valid():
        try:
            privacy.pupil_set_special_category(
                pupil=person,
                actor=request.membership,
                sen_status=form.cleaned_data["sen_status"],
                pupil_premium=form.pupil_premium_value(),
            )
        except privacy.PrivacyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved.")
            return redirect("people:detail", person.pk)
    return form_page(
        request,
        form=form,
        title=f"SEN and pupil premium: {person.user.display_name}",
        submit="Save",
        cancel_url=reverse("people:detail", args=[person.pk]),
        intro=f"Recorded on this basis: {person.school.special_category_basis}",
    )


@require_rule("people.record_leaving", pupil_data=True)
def person_leave(request, pk: int):
    """Mark someone as having left: their account stops working and the retention period starts."""
    person = _person_or_404(request, pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        privacy.membership_leave(membership=person)
        messages.success(request, f"{person.user.display_name} is marked as having left today.")
        return redirect("people:detail", person.pk)
    return form_page(
        request,
        form=form,
        title=f"{person.user.display_name} has left the school",
        submit="Mark as left",
        cancel_url=reverse("people:detail", args=[person.pk]),
        intro=f"Their sign-in stops working now. Their data is erased {person.school.retention_years} year(s) "
        "from today (the school's retention period); results they contributed to stay.",
        danger=True,
    )


@require_rule("people.erase_person", pupil_data=True)
def person_erase(request, pk: int):
    """Leaders: erase someone now (right to erasure), keeping the school's aggregate results."""
    person = _person_or_404(request, pk)
    if person.pk == request.membership.pk or person.user.memberships.exclude(school=request.school).exists():
        raise PermissionDenied("You cannot erase this account from here.")
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        privacy.person_erase(user=person.user, actor=request.membership)
        messages.success(request, "Erased. Their name is gone; the results they contributed to stay.")
        return redirect("people:list")
    return form_page(
        request,
        form=form,
        title=f"Erase {person.user.display_name}'s data",
        submit="Erase now",
        cancel_url=reverse("people:detail", args=[person.pk]),
        intro="Their account becomes “Former member” and cannot sign in; their messages, preferences, goals and "
        "links to parents are deleted; what they wrote stays without their name; votes and survey answers stay "
        "in the results. Download their data first if they asked for it.",
        danger=True,
    )
