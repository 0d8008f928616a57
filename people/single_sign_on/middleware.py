from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from requests import RequestException

from people.single_sign_on import selectors
from people.single_sign_on.adapter import provider_trouble_page

# allauth's OpenID Connect views, where the school's provider is asked for its discovery document.
_VIEWS = {"openid_connect_login", "openid_connect_callback"}


class ProviderDownMiddleware:
    """The school's provider unreachable (refused, timed out) or answering nonsense where allauth does not
    catch it, on the way out (discovery) or back (before the token exchange): a clear page, not a 500.
    Nothing was made yet at those points: the person and their accounts are untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = request.resolver_match
        if match is None or match.url_name not in _VIEWS:
            return None
        if not isinstance(exception, RequestException | OAuth2Error | ValueError | KeyError):
            return None
        sign_in = selectors.school_sign_in_by_slug(slug=match.kwargs.get("provider_id", ""))
        down = isinstance(exception, RequestException)
        return provider_trouble_page(request, sign_in=sign_in, trouble="down" if down else "error")
