"""Pages of single sign-on: a school's own sign-in page, finding it, and the leader's setup page."""

from allauth.account.forms import LoginForm
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from people.access import require_rule
from people.models import School
from people.single_sign_on import providers, selectors, services
from people.single_sign_on.forms import SchoolFindForm, SchoolSignInForm


def school_sign_in(request, slug: str):
    """Open to anyone: the school's "Sign in with …" button, and the username and password form."""
    school = get_object_or_404(School, slug=slug)
    sign_in = selectors.school_sign_in_of(school=school)
    context = {
        "school": school,
        "sign_in": sign_in,
        "button_label": providers.button_label(sign_in) if sign_in else "",
        "sso_url": reverse("openid_connect_login", kwargs={"provider_id": slug}) if sign_in else "",
        "form": LoginForm(request=request),
        "next": request.GET.get("next", ""),
    }
    response = render(request, "people/single_sign_on/school_sign_in.html", context)
    if sign_in:
        # The sign-in form leaves for allauth, which sends the browser on to the provider: CSP must allow it.
        response._csp_update = {"form-action": [providers.provider_origin(sign_in)]}
    return response


def school_find(request):
    form = SchoolFindForm(request.GET or None)
    found = None
    if form.is_valid() and form.cleaned_data["q"]:
        found = list(selectors.school_sign_ins_found(text=form.cleaned_data["q"]))
        if len(found) == 1 and "@" in form.cleaned_data["q"]:
            return redirect("people:school_sign_in", found[0].school.slug)
    return render(request, "people/single_sign_on/find.html", {"form": form, "found": found})


def _callback_url(request) -> str:
    return request.build_absolute_uri(reverse("openid_connect_callback", kwargs={"provider_id": request.school.slug}))


@require_rule("people.set_up_school")
def setup_sign_in(request):
    saved = selectors.school_sign_in_of(school=request.school)
    initial = {}
    if saved:
        initial = {
            "provider": saved.provider,
            "email_domains": ", ".join(saved.email_domains),
            "tenant_id": saved.tenant_id,
            "issuer_url": saved.issuer_url,
            "display_name": saved.display_name,
            "client_id": saved.client_id,
        }
    form = SchoolSignInForm(
        request.POST if request.method == "POST" else None, initial=initial, has_saved_secret=saved is not None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.school_sign_in_set(school=request.school, actor=request.membership, **form.cleaned_data)
        except services.SignInSetupError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(
                request, "Single sign-on is saved. Try it now: sign out, then open your school's sign-in page."
            )
            return redirect("people:setup_sign_in")
    context = {
        "form": form,
        "saved": saved,
        "callback_url": _callback_url(request),
        "school_sign_in_url": request.build_absolute_uri(reverse("people:school_sign_in", args=[request.school.slug])),
    }
    return render(request, "people/setup/sign_in.html", context, status=422 if form.errors else 200)


@require_rule("people.set_up_school")
def setup_sign_in_off(request):
    """Asks first (GET), then stops single sign-on (POST)."""
    saved = selectors.school_sign_in_of(school=request.school)
    if saved is None:
        return redirect("people:setup_sign_in")
    if request.method == "POST":
        services.school_sign_in_remove(school=request.school, actor=request.membership)
        messages.success(request, "Single sign-on is off. People sign in with a username or email and a password.")
        return redirect("people:setup_sign_in")
    return render(request, "people/setup/sign_in_off.html", {"saved": saved})
