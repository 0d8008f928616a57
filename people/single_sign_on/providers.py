"""What each kind of provider needs: where its OpenID Connect discovery lives, what its button says,
and which of its claims prove that an account is the school's."""

from urllib.parse import urlsplit

from people.models import SchoolSignIn, SignInProvider

GOOGLE_ISSUER = "https://accounts.google.com"
MICROSOFT_LOGIN = "https://login.microsoftonline.com"


def issuer_url(sign_in: SchoolSignIn) -> str:
    if sign_in.provider == SignInProvider.GOOGLE:
        return GOOGLE_ISSUER
    if sign_in.provider == SignInProvider.MICROSOFT:
        # A tenant's own v2.0 issuer: its discovery names only that tenant as the id token's issuer.
        return f"{MICROSOFT_LOGIN}/{sign_in.tenant_id}/v2.0"
    return sign_in.issuer_url.rstrip("/")


def provider_origin(sign_in: SchoolSignIn) -> str:
    """The origin the browser is sent to for signing in (the page's CSP lets its form go there)."""
    parts = urlsplit(issuer_url(sign_in))
    return f"{parts.scheme}://{parts.netloc}"


def button_label(sign_in: SchoolSignIn) -> str:
    if sign_in.provider == SignInProvider.GOOGLE:
        return "Sign in with Google"
    if sign_in.provider == SignInProvider.MICROSOFT:
        return "Sign in with Microsoft"
    return f"Sign in with {sign_in.display_name or 'your school account'}"


def fetch_userinfo(sign_in: SchoolSignIn) -> bool:
    # Google's and Microsoft's id tokens carry every claim checked (hd, tid); another provider may keep
    # the email for its userinfo endpoint.
    return sign_in.provider == SignInProvider.OIDC
