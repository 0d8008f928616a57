"""allauth's social accounts, one OpenID Connect app per school, built from its SchoolSignIn (never stored
as allauth's SocialApp rows): the app's provider_id is the school's slug, so each school has its own
login and callback URL (/accounts/oidc/<slug>/login/callback/) and no session decides which school."""

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import AuthProcess
from allauth.socialaccount.providers.base.constants import AuthError
from django.shortcuts import render
from requests import RequestException

from people.models import SchoolSignIn
from people.single_sign_on import providers, selectors
from people.single_sign_on.services import SignInRefused, sso_sign_in_match

OIDC = "openid_connect"


def social_app(sign_in: SchoolSignIn) -> SocialApp:
    return SocialApp(
        provider=OIDC,
        provider_id=sign_in.school.slug,
        name=providers.button_label(sign_in).removeprefix("Sign in with "),
        client_id=sign_in.client_id,
        secret=sign_in.client_secret,
        settings={
            "server_url": providers.issuer_url(sign_in),
            "fetch_userinfo": providers.fetch_userinfo(sign_in),
            "oauth_pkce_enabled": True,
        },
    )


def claims_of(extra_data: dict) -> dict:
    """The id token's claims over the userinfo's: the id token is the one checked for issuer and audience."""
    if "id_token" not in extra_data and "userinfo" not in extra_data:
        return dict(extra_data)  # an account stored by allauth before 65.11
    return {**extra_data.get("userinfo", {}), **extra_data.get("id_token", {})}


def refusal_page(request, *, sign_in: SchoolSignIn | None, message: str, status: int = 403):
    context = {"message": message, "school": sign_in.school if sign_in else None}
    return render(request, "people/single_sign_on/refused.html", context, status=status)


class SchoolSocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None) -> list[SocialApp]:
        # Only a school's own app, looked up by its slug; allauth's login pages never list every school.
        if provider in (None, OIDC):
            return []
        sign_in = selectors.school_sign_in_by_slug(slug=provider)
        if sign_in is None or (client_id and client_id != sign_in.client_id):
            return []
        return [social_app(sign_in)]

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False  # the school makes accounts (roster, invitations); its provider only vouches for them

    def pre_social_login(self, request, sociallogin) -> None:
        sign_in = selectors.school_sign_in_by_slug(slug=sociallogin.account.provider)
        if sign_in is None or sociallogin.state.get("process", AuthProcess.LOGIN) != AuthProcess.LOGIN:
            raise ImmediateHttpResponse(
                refusal_page(request, sign_in=sign_in, message="Start again from your school's sign-in page.")
            )
        linked_user_id = sociallogin.user.pk if sociallogin.is_existing else None
        try:
            membership = sso_sign_in_match(
                sign_in=sign_in, claims=claims_of(sociallogin.account.extra_data), linked_user_id=linked_user_id
            )
        except SignInRefused as refusal:
            raise ImmediateHttpResponse(refusal_page(request, sign_in=sign_in, message=refusal.message)) from None
        if linked_user_id is None:
            # The first sign-in links the provider's account to the person, so later ones find it by its id.
            sociallogin.connect(request, membership.user)

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None) -> None:
        sign_in = selectors.school_sign_in_by_slug(slug=provider.app.provider_id) if provider.app else None
        if error == AuthError.CANCELLED:
            raise ImmediateHttpResponse(provider_trouble_page(request, sign_in=sign_in, trouble="cancelled"))
        trouble = "down" if isinstance(exception, RequestException) else "error"
        raise ImmediateHttpResponse(provider_trouble_page(request, sign_in=sign_in, trouble=trouble))


TROUBLE_STATUS = {"cancelled": 200, "error": 400, "down": 502}


def provider_trouble_page(request, *, sign_in: SchoolSignIn | None, trouble: str):
    """The school's provider did not sign the person in: they stopped, it answered wrongly, or it is down."""
    context = {"school": sign_in.school if sign_in else None, "trouble": trouble}
    return render(request, "people/single_sign_on/trouble.html", context, status=TROUBLE_STATUS[trouble])
