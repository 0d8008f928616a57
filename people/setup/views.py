"""Pages of school setup: the operator's school list, the leader's checklist, inviting staff,
naming the safeguarding leads, and the page an invited member of staff opens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from people.access import require_rule
from people.adapters import STAFF_INVITATION_SESSION_KEY, invitation_open_before_sign_in
from people.middleware import ACTIVE_MEMBERSHIP_SESSION_KEY
from people.models import School, StaffInvitation
from people.setup import selectors, services
from people.setup.forms import SafeguardingLeadsForm, SchoolCreateForm, StaffInviteForm


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
def operator_schools(request):
    """The operator (a superuser of the installation) creates schools; nobody else may."""
    if not request.user.is_superuser:
        raise PermissionDenied("Only the operator of this installation can create schools.")
    form = SchoolCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            school, invitation = services.school_create(
                name=data["name"],
                leader_email=data["leader_email"],
                leader_first_name=data["leader_first_name"],
                leader_last_name=data["leader_last_name"],
                site_url=_site_url(request),
            )
        except services.SetupError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"{school.name} is created. {invitation.email} has an email to make their account."
            )
            return redirect("people:operator_schools")
    schools = School.objects.order_by("name")
    return render(request, "people/setup/operator_schools.html", {"form": form, "schools": schools})


@require_rule("people.set_up_school")
def setup_checklist(request):
    items = selectors.school_setup_checklist(school=request.school)
    done = sum(item.done for item in items)
    return render(request, "people/setup/checklist.html", {"items": items, "done": done})


@require_rule("people.set_up_school")
def setup_staff(request):
    form = StaffInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.staff_invitation_send(
                school=request.school, invited_by=request.membership, site_url=_site_url(request), **data
            )
        except services.SetupError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"Invitation sent to {invitation.email}. The link works for 14 days.")
            return redirect("people:setup_staff")
    context = {
        "form": form,
        "staff": selectors.school_staff(school=request.school),
        "invitations": selectors.staff_invitations_open(school=request.school),
    }
    return render(request, "people/setup/staff.html", context, status=422 if form.errors else 200)


@require_rule("people.set_up_school")
@require_POST
def setup_staff_invitation_cancel(request, pk: int):
    invitation = get_object_or_404(StaffInvitation, pk=pk, school=request.school)
    try:
        services.staff_invitation_cancel(invitation=invitation, actor=request.membership)
    except services.SetupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The invitation to {invitation.email} is cancelled: its link no longer works.")
    return redirect("people:setup_staff")


@require_rule("people.set_up_school")
def setup_safeguarding_leads(request):
    staff = list(selectors.school_staff(school=request.school))
    form = SafeguardingLeadsForm(request.POST if request.method == "POST" else None, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            services.school_set_safeguarding_leads(
                school=request.school,
                actor=request.membership,
                lead_ids={int(pk) for pk in form.cleaned_data["leads"]},
                deputy_ids={int(pk) for pk in form.cleaned_data["deputies"]},
            )
        except services.SetupError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The safeguarding leads are saved. Concerns go to them from now on.")
            return redirect("people:setup")
    return render(request, "people/setup/safeguarding_leads.html", {"form": form}, status=422 if form.errors else 200)


def staff_invitation(request, token: str):
    """Open to anyone holding the emailed link: the token is the permission (as for parents)."""
    invitation = selectors.staff_invitation_by_token(token=token)
    problem = services.staff_invitation_problem(invitation)
    if problem:
        status = 404 if invitation is None else 410
        return render(request, "people/invitation_invalid.html", {"problem": problem}, status=status)
    if not request.user.is_authenticated:
        has_account = invitation_open_before_sign_in(
            request, session_key=STAFF_INVITATION_SESSION_KEY, token=token, email=invitation.email
        )
        return render(
            request, "people/setup/staff_invitation.html", {"invitation": invitation, "has_account": has_account}
        )
    if request.method == "POST":
        try:
            membership = services.staff_invitation_accept(invitation=invitation, user=request.user)
        except services.SetupError as error:
            messages.error(request, str(error))
        else:
            request.session.pop(STAFF_INVITATION_SESSION_KEY, None)
            request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = membership.pk
            messages.success(request, f"Welcome to {membership.school.name}.")
            return redirect("people:setup" if membership.is_leader else "home")
    return render(request, "people/setup/staff_invitation.html", {"invitation": invitation})
