"""Site-wide middleware: sign-in timeouts, the CSP nonce, the styled 405 page and clean text input."""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

from coproschool.text import without_control_characters

SIGNED_IN_AT_KEY = "signed_in_at"
LAST_SEEN_KEY = "last_seen_at"
# The last-seen time is written at most this often, so an active person's session is not saved on
# every request; the idle timeout is exact to within this many seconds.
TOUCH_EVERY_SECONDS = 60


class SessionTimeoutMiddleware:
    """Sign a person out after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_COOKIE_AGE
    seconds after signing in whatever they do. Pupils share school computers: a session left open
    in an empty classroom must not stay usable. Signing out flushes the session server-side."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = int(timezone.now().timestamp())
        if not request.user.is_authenticated:
            response = self.get_response(request)
            if request.user.is_authenticated:  # this request signed them in
                request.session[SIGNED_IN_AT_KEY] = request.session[LAST_SEEN_KEY] = now
            return response
        session = request.session
        signed_in_at = session.setdefault(SIGNED_IN_AT_KEY, now)
        last_seen = session.get(LAST_SEEN_KEY, now)
        if now - last_seen > settings.SESSION_IDLE_TIMEOUT or now - signed_in_at > settings.SESSION_COOKIE_AGE:
            logout(request)
            to_sign_in = redirect_to_login(request.get_full_path())
            if request.headers.get("HX-Request") == "true":  # htmx would swap the sign-in page into a fragment
                return HttpResponseClientRedirect(to_sign_in.url)
            return to_sign_in
        if LAST_SEEN_KEY not in session or now - last_seen >= TOUCH_EVERY_SECONDS:
            session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class CspNonceMiddleware:
    """Every HTML response's CSP carries a fresh nonce, also pages that do not render base.html
    (the admin, error pages): django-csp adds the nonce only once something has asked for it.
    Sits after csp.middleware.CSPMiddleware, so it runs before that one writes the header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html") and hasattr(request, "csp_nonce"):
            str(request.csp_nonce)
        return response


class MethodNotAllowedPageMiddleware:
    """Django answers a wrong method (a GET on a POST-only action, say from a copied link) with an
    empty 405; a person who opens one gets the styled page instead. htmx and API callers keep the
    bare response: they never show it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and request.headers.get("HX-Request") != "true":
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _cleaned(query_dict):
    """The same QueryDict when nothing needs cleaning (most requests); else a cleaned, immutable copy.
    Every value of every key is looked at: `values()` would give only each key's last one."""
    lists = {key: [without_control_characters(value) for value in values] for key, values in query_dict.lists()}
    if all(lists[key] == values for key, values in query_dict.lists()):
        return query_dict
    cleaned = query_dict.copy()
    for key, values in lists.items():
        cleaned.setlist(key, values)
    cleaned._mutable = False
    return cleaned


class ControlCharacterMiddleware:
    """Removes control characters from every submitted text field and query parameter in one place,
    so that no form or search, present or future, can be made to fail by them. Only form-encoded
    bodies are read here: a view that reads `request.body` itself still can."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _cleaned(request.GET)
        if request.method == "POST" and request.content_type in _FORM_TYPES:
            request.POST = _cleaned(request.POST)
        return self.get_response(request)
