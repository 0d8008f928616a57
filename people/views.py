from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from coproschool.pickers import picker_search_response
from people import selectors, services
from people.access import require_rule
from people.adapters import INVITATION_SESSION_KEY, invitation_open_before_sign_in
from people.consent.scopes import TAKING_PART
from people.consent.selectors import link_answers
from people.forms import ConsentForm, FirstPasswordForm, ParentInviteForm, PeopleFilterForm, RosterUploadForm
from people.middleware import ACTIVE_MEMBERSHIP_SESSION_KEY
from people.models import ConsentStatus, GuardianLink, Membership, RosterImport, RosterImportStatus
from people.person_links import person_links_for
from people.services.invitations import CONSENT_CHANGES

PEOPLE_PER_PAGE = 50
CONSENT_CHOICE_LABELS = {
    ConsentStatus.GIVEN: "Yes, I give my consent",
    ConsentStatus.REFUSED: "No, I do not give my consent",
    ConsentStatus.WITHDRAWN: "I withdraw my consent",
}


@login_required
def first_password(request):
    if not request.user.must_change_password:
        return redirect("home")
    form = FirstPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_set_own_password(user=request.user, password=form.cleaned_data["new_password1"], request=request)
        messages.success(request, "Your new password is set. Use it next time you sign in.")
        return redirect("home")
    return render(request, "people/first_password.html", {"form": form})


@require_rule("people.view_people")
def people_list(request):
    school = request.school
    form = PeopleFilterForm(request.GET or None, year_groups=selectors.year_groups_in(school=school))
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.people_list(
        school=school,
        search=filters.get("q") or "",
        role=filters.get("role") or "",
        year_group=filters.get("year_group"),
    )
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "people/people_list.html", {"form": form, "page": page})


def _person_or_404(request, pk: int, *, pupil_only: bool = False) -> Membership:
    try:
        person = selectors.membership_get(school=request.school, pk=pk)
    except Membership.DoesNotExist:
        raise Http404("No such person in your school.") from None
    if pupil_only and not person.is_pupil:
        raise Http404("Only pupils have login cards and invited parents.")
    return person


def _render_person(request, person: Membership, *, invite_form: ParentInviteForm | None = None):
    context = {"person": person, "person_links": person_links_for(viewer=request.membership, person=person)}
    if person.is_pupil:
        context.update(
            guardians=selectors.pupil_guardians(pupil=person),
            open_invitations=selectors.pupil_open_invitations(pupil=person),
            invite_form=invite_form or ParentInviteForm(),
        )
    return render(request, "people/person_detail.html", context)


@require_rule("people.view_people", pupil_data=True)
def person_detail(request, pk: int):
    return _render_person(request, _person_or_404(request, pk))


@require_rule("people.invite_parent", pupil_data=True)
@require_POST
def person_invite_parent(request, pk: int):
    person = _person_or_404(request, pk, pupil_only=True)
    form = ParentInviteForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"]
        try:
            services.parent_invitation_send(
                pupil=person,
                email=email,
                invited_by=request.membership,
                site_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except services.InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"Invitation sent to {email}. The link works for 14 days.")
            return redirect("people:detail", person.pk)
    return _render_person(request, person, invite_form=form)


def _login_cards(request, cards: list[dict], **context):
    """Printable cards: a one-time password, a QR badge with its typed code, or both."""
    context.update(
        cards=cards,
        sign_in_url=request.build_absolute_uri(reverse("account_login")),
        badge_sign_in_url=request.build_absolute_uri(
            reverse("people:badge_sign_in_school", args=[request.school.slug])
        ),
    )
    response = render(request, "people/login_cards.html", context)
    add_never_cache_headers(response)  # One-time passwords must not stay in a browser cache.
    return response


@require_rule("people.reset_pupil_password", pupil_data=True)
def person_reset_password(request, pk: int):
    person = _person_or_404(request, pk, pupil_only=True)
    if request.method != "POST":
        return render(request, "people/reset_password_confirm.html", {"person": person})
    password = services.pupil_password_reset(pupil=person, actor=request.membership)
    card = {
        "name": person.user.get_full_name(),
        "year_group": person.year_group,
        "form": person.form,
        "username": person.user.username,
        "password": password,
    }
    return _login_cards(request, [card], person=person)


@require_rule("people.import_roster")
def roster_import_upload(request):
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            roster_import = services.roster_import_preview(
                school=request.school, uploaded_by=request.membership, data=upload.read(), file_name=upload.name
            )
        except services.RosterInvalid as invalid:
            errors = invalid.errors
        else:
            return redirect("people:roster_import", roster_import.pk)
    context = {"form": form, "errors": errors, "recent": selectors.roster_imports_recent(school=request.school)}
    return render(request, "people/roster_upload.html", context)


def _roster_import_or_404(request, pk: int) -> RosterImport:
    try:
        return selectors.roster_import_get(school=request.school, pk=pk)
    except RosterImport.DoesNotExist:
        raise Http404("No such import in your school.") from None


@require_rule("people.import_roster", pupil_data=True)
def roster_import_detail(request, pk: int):
    """The preview, with the button that confirms it; after confirmation, the summary."""
    roster_import = _roster_import_or_404(request, pk)
    errors = []
    if request.method == "POST":
        try:
            services.roster_import_confirm(roster_import=roster_import, actor=request.membership)
        except services.RosterInvalid as invalid:
            errors = invalid.errors
        except services.RosterImportError as error:
            messages.error(request, str(error))
            return redirect("people:roster_import", roster_import.pk)
        except IntegrityError:
            messages.error(request, "Someone added pupils at the same moment, so nothing was saved. Confirm again.")
            return redirect("people:roster_import", roster_import.pk)
        else:
            messages.success(request, "The pupils are imported. Print their login cards now.")
            return redirect("people:roster_cards", roster_import.pk)
    new_count = sum(1 for row in roster_import.rows if row["status"] == "new")
    context = {
        "roster_import": roster_import,
        "errors": errors,
        "new_count": new_count,
        "existing_count": len(roster_import.rows) - new_count,
    }
    return render(request, "people/roster_import.html", context)


@require_rule("people.import_roster", pupil_data=True)
def roster_import_cards(request, pk: int):
    roster_import = _roster_import_or_404(request, pk)
    if roster_import.status != RosterImportStatus.CONFIRMED:
        return redirect("people:roster_import", roster_import.pk)
    if request.method == "POST":
        services.roster_import_clear_cards(roster_import=roster_import)
        messages.success(request, "The one-time passwords are deleted. Reset a pupil's password to print a new card.")
        return redirect("people:roster_import", roster_import.pk)
    services.roster_import_cards_viewed(roster_import=roster_import)
    return _login_cards(request, roster_import.cards or [], roster_import=roster_import)


def invitation(request, token: str):
    """Open to anyone holding the emailed link: the token is the permission. A parent who is not
    signed in yet has no school membership, so `require_rule` cannot guard this view."""
    invitation = selectors.parent_invitation_by_token(token=token)
    problem = services.parent_invitation_problem(invitation)
    if problem:
        status = 404 if invitation is None else 410
        return render(request, "people/invitation_invalid.html", {"problem": problem}, status=status)
    if not request.user.is_authenticated:
        has_account = invitation_open_before_sign_in(
            request, session_key=INVITATION_SESSION_KEY, token=token, email=invitation.email
        )
        return render(request, "people/invitation.html", {"invitation": invitation, "has_account": has_account})
    if request.method == "POST":
        try:
            link = services.parent_invitation_accept(invitation=invitation, user=request.user)
        except services.InvitationError as error:
            messages.error(request, str(error))
        else:
            request.session.pop(INVITATION_SESSION_KEY, None)
            request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = link.parent_id
            messages.success(request, f"You are now linked to {link.pupil.user.get_full_name()}.")
            return redirect("people:consent", link.pk)
    return render(request, "people/invitation.html", {"invitation": invitation})


@require_rule("people.record_consent")
def consent(request, pk: int):
    """One small form per scope the school asks about; the posted `scope` says which one is answered."""
    try:
        link = selectors.guardian_link_for_parent(parent=request.membership, pk=pk)
    except GuardianLink.DoesNotExist:
        raise Http404("No such child linked to you.") from None
    answering = request.POST.get("scope", TAKING_PART) if request.method == "POST" else None
    answers = link_answers(link)
    for answer in answers:
        key = answer["scope"].key
        allowed = CONSENT_CHANGES[answer["status"]]
        choices = [(status, label) for status, label in CONSENT_CHOICE_LABELS.items() if status in allowed]
        data = request.POST if key == answering else None
        answer["form"] = ConsentForm(data, choices=choices, question=answer["scope"].question, auto_id=f"id_{key}_%s")
    answered = next((answer for answer in answers if answer["scope"].key == answering), None)
    if answering and answered is None:
        messages.error(request, "The school does not ask for this consent.")
    elif answered and answered["form"].is_valid():
        form = answered["form"]
        try:
            services.guardian_link_set_consent(
                link=link, parent=request.membership, status=form.cleaned_data["status"], scope=answering
            )
        except services.ConsentChangeNotAllowed as error:
            form.add_error("status", str(error))
        else:
            messages.success(request, "Your answer is recorded. You can change it at any time from your home page.")
            return redirect("home")
    return render(request, "people/consent.html", {"link": link, "answers": answers})


@require_rule("people.view_people")
def pupil_search(request):
    """A pupil picker's matches (goals): this school's current pupils, for staff."""
    return picker_search_response(
        request,
        queryset=selectors.pupil_choices(school=request.school),
        search_fields=selectors.MEMBER_SEARCH_FIELDS,
        label=selectors.member_picker_label,
    )


EASY_READ_CHOICES = {"on": True, "off": False}


@require_POST
@require_rule()
def easy_read(request):
    """Switch easy read on or off (`easy_read=on|off`: an action that sets a state, never a toggle), from
    the preferences page or the one-time offer on a pupil's home."""
    choice = request.POST.get("easy_read", "")
    if choice not in EASY_READ_CHOICES:
        messages.error(request, "Choose whether easy read is on or off.")
        return redirect(reverse("notifications:preferences") + "#easy-read")
    on = EASY_READ_CHOICES[choice]
    services.user_set_easy_read(user=request.user, on=on)
    if on:
        messages.success(request, "Easy read is on: bigger text with more space. Turn it off in “What you receive”.")
    else:
        messages.success(request, "Easy read is off. You can turn it on in “What you receive”.")
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(reverse("notifications:preferences") + "#easy-read")
