"""The "Add to my calendar" page (preferences), making a new address, and the feed itself."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from coproschool.pages import form_page
from people import ratelimit
from people.access import require_rule
from people.calendar.ical import render_calendar
from people.calendar.services import calendar_feed_owner, calendar_feed_renew
from people.calendar.sources import PAST_DAYS, events_for
from people.models import CalendarFeed

NEW_SECRET_KEY = "calendar_new_secret"


class ConfirmForm(forms.Form):
    """No fields: the page's button is the confirmation (works without JavaScript)."""


def _feed_url(request, secret: str) -> str:
    return request.build_absolute_uri(reverse("people:calendar_feed", args=[secret]))


@require_rule()
def calendar_page(request):
    feed = CalendarFeed.objects.filter(membership=request.membership).only("created_at").first()
    # Shown once, just after it was made: only its fingerprint is kept.
    secret = request.session.pop(NEW_SECRET_KEY, None) if feed else None
    return render(
        request,
        "people/calendar.html",
        {"feed": feed, "feed_url": _feed_url(request, secret) if secret else "", "past_days": PAST_DAYS},
    )


@require_rule()
def calendar_new(request):
    has_feed = CalendarFeed.objects.filter(membership=request.membership).exists()
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        request.session[NEW_SECRET_KEY] = calendar_feed_renew(membership=request.membership)
        messages.success(
            request,
            "Your new calendar address is ready. The old one has stopped working."
            if has_feed
            else "Your calendar address is ready.",
        )
        return redirect("people:calendar")
    return form_page(
        request,
        form=form,
        title="Make a new calendar address" if has_feed else "Make my calendar address",
        submit="Make a new address" if has_feed else "Make my address",
        cancel_url=reverse("people:calendar"),
        intro=(
            "Your old address stops working at once: calendars that use it stop updating. Add the new one "
            "to your calendar app again."
            if has_feed
            else "Anyone who has this address can see your calendar, so keep it to yourself."
        ),
        danger=has_feed,
    )


@require_GET
def calendar_feed(request, secret: str):
    """The feed: no sign-in (calendar apps have none), the secret is the permission. Rate-limited."""
    owner = calendar_feed_owner(secret=secret)
    try:
        ratelimit.hit(request, "calendar_feed", account=f"feed:{owner.pk}" if owner else None)
    except ratelimit.RateLimited as error:
        response = HttpResponse("Too many requests for this calendar.", status=429, content_type="text/plain")
        response["Retry-After"] = str(error.retry_after)
        return response
    if owner is None:
        raise Http404("No such calendar.")
    name = f"{owner.school.name} · {owner.user.display_name}"
    body = render_calendar(
        events_for(owner),
        name=name,
        domain=request.get_host().split(":")[0],
        now=timezone.now(),
        absolute=request.build_absolute_uri,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
