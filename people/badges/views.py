"""Staff give, reissue and stop a pupil's badge; anyone not signed in signs in with one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from people import ratelimit
from people.access import require_rule
from people.badges import selectors, services, tokens
from people.badges.forms import BadgeCodeForm
from people.badges.session import badge_session_start
from people.models import School
from people.views import _login_cards, _person_or_404

CARD_SESSION_KEY = "badge_card"


@require_rule("people.manage_badges")
def badge_page(request, pk: int):
    person = _person_or_404(request, pk, pupil_only=True)
    badges = list(selectors.badges_of(pupil=person))
    active = next((badge for badge in badges if badge.is_active), None)
    return render(request, "people/badges/badge.html", {"person": person, "badges": badges, "active": active})


@require_rule("people.manage_badges")
def badge_issue(request, pk: int):
    """Confirm, then make a new badge and show its card once (the old badge stops working)."""
    person = _person_or_404(request, pk, pupil_only=True)
    active = selectors.badge_active_of(pupil=person)
    if request.method != "POST":
        return render(request, "people/badges/issue_confirm.html", {"person": person, "active": active})
    issued = services.badge_issue(pupil=person, actor=request.membership)
    # Shown by the next page and taken out of the session there: a reload cannot issue another badge.
    request.session[CARD_SESSION_KEY] = {"pupil": person.pk, **issued.as_card()}
    return redirect("people:badge_card", person.pk)


@require_rule("people.manage_badges")
def badge_card(request, pk: int):
    """The new badge's card, once."""
    person = _person_or_404(request, pk, pupil_only=True)
    issued = request.session.pop(CARD_SESSION_KEY, None)
    if not issued or issued.pop("pupil") != person.pk:
        messages.info(request, "A badge's card is shown only once. Reissue the badge to print a new card.")
        return redirect("people:badge", person.pk)
    card = {
        "name": person.user.get_full_name(),
        "year_group": person.year_group,
        "form": person.form,
        "username": person.user.username,
        **issued,
    }
    return _login_cards(request, [card], person=person, badge_only=True)


@require_rule("people.manage_badges")
def badge_revoke(request, pk: int):
    person = _person_or_404(request, pk, pupil_only=True)
    active = selectors.badge_active_of(pupil=person)
    if active is None:
        messages.info(request, f"{person.user.display_name} has no working badge to stop.")
        return redirect("people:badge", person.pk)
    if request.method != "POST":
        return render(request, "people/badges/revoke_confirm.html", {"person": person, "active": active})
    services.badge_revoke(badge=active, actor=request.membership)
    messages.success(request, f"The badge of {person.user.display_name} no longer works.")
    return redirect("people:badge", person.pk)


def _attempt_key(request, form: BadgeCodeForm | None) -> str:
    """Whom a sign-in attempt is counted for at this address: the badge the QR names, else the
    username or code typed."""
    if form is None:
        claim = tokens.token_claim_unchecked(request.POST.get("token", ""))
        return f"badge:{claim.badge_id if claim else '?'}"
    username = form.cleaned_data.get("username", "")
    return f"user:{username}" if username else f"code:{form.cleaned_data['code']}"


def badge_sign_in(request, school_slug: str = ""):
    """The camera reads the badge's QR code into `token`; the form below it takes the typed code.

    On the school's own page (`school_slug`, printed on the cards) the code alone is enough and a badge
    of another school is refused; on the general page the username comes with the code."""
    school = get_object_or_404(School, slug=school_slug) if school_slug else None
    if request.user.is_authenticated:
        return redirect("home")
    scanned = request.method == "POST" and "token" in request.POST
    form = BadgeCodeForm(
        request.POST if request.method == "POST" and not scanned else None, needs_username=school is None
    )
    refusal = ""
    if scanned or form.is_valid():
        try:
            hits = ratelimit.hit(request, "badge_sign_in", account=_attempt_key(request, None if scanned else form))
        except ratelimit.RateLimited as error:
            return ratelimit.too_many_requests(request, error)
        try:
            if scanned:
                pupil = services.badge_sign_in(token=request.POST["token"], school=school)
            else:
                pupil = services.badge_sign_in_with_code(
                    code=form.cleaned_data["code"], username=form.cleaned_data.get("username", ""), school=school
                )
        except services.BadgeRefused as refused:
            refusal = str(refused)
        else:
            hits.undo()
            badge_session_start(request, pupil=pupil)
            messages.success(request, "You are signed in with your badge.")
            return redirect("home")
    context = {"school": school, "form": form, "refusal": refusal}
    return render(request, "people/badges/sign_in.html", context)
