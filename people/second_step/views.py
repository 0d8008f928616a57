"""The "Set up a second step" page adults are sent to, the way back, and the leader's school setting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from coproschool.pages import form_page
from people.access import require_rule
from people.second_step.forms import SchoolSecondStepForm
from people.second_step.selectors import second_step_missing
from people.second_step.services import school_set_second_step

# Where an adult was going when they were sent to set up a second step; read by second_step_continue.
GOING_TO_SESSION_KEY = "second_step_going_to"


def _safe_next(request) -> str:
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


@login_required
def second_step(request):
    """Why a second step, and the two ways to set one up (allauth.mfa's pages), for an adult sent here."""
    going_to = _safe_next(request)
    if not second_step_missing(membership=request.membership):
        return redirect(going_to)
    request.session[GOING_TO_SESSION_KEY] = going_to
    return render(request, "people/second_step.html", {"going_to": going_to})


@login_required
def second_step_continue(request):
    """After setting up (allauth ends on its recovery-codes page), back to the page they were opening."""
    going_to = request.session.pop(GOING_TO_SESSION_KEY, "") or reverse("home")
    return redirect(going_to)


@require_rule("people.manage_privacy")
def school_second_step(request):
    school = request.school
    form = SchoolSecondStepForm(
        request.POST or None, initial={"need": "on" if school.adults_need_second_step else "off"}
    )
    if request.method == "POST" and form.is_valid():
        on = form.need_value()
        school_set_second_step(school=school, actor=request.membership, on=on)
        if on:
            messages.success(request, "Adults now need a second sign-in step to open a pupil's data.")
        else:
            messages.success(request, "Adults no longer need a second sign-in step. A password is enough.")
        return redirect("people:school_second_step")
    return form_page(
        request,
        form=form,
        title="Second sign-in step for adults",
        submit="Save",
        cancel_url=reverse("home"),
        intro="With this on, staff, leaders and safeguarding leads use an authenticator app or a passkey as well as "
        "their password before they open a pupil's page, login cards, data download or safeguarding records. "
        "Pupils and parents are never asked.",
    )
