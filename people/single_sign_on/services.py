"""Writes of single sign-on: a leader sets (or stops) the school's sign-in, and each sign-in through the
school's provider is matched to a membership or refused. Both are audited."""

import re
import uuid
from urllib.parse import urlsplit

from django.db import transaction

from audit.services import log_action
from people.models import Membership, School, SchoolSignIn, SignInProvider

# Anyone can have an address at these: they never prove that an account is the school's.
PUBLIC_DOMAINS = frozenset(
    {"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "aol.com"}
)
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class SignInSetupError(Exception):
    """The sign-in settings cannot be saved as given; the message says why, in words for the form's `field`."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class SignInRefused(Exception):
    """An account the school's provider vouched for that may not sign in here; `message` is for the person."""

    def __init__(self, reason: str, message: str, domain: str = ""):
        super().__init__(message)
        self.reason, self.message, self.domain = reason, message, domain


def refusal_messages(*, school: str, domain: str) -> dict[str, str]:
    """What the refused person reads, by reason: what happened and what to do instead."""
    return {
        "other_tenant": f"This Microsoft account is not from {school}. Sign in with your school account.",
        "unverified": "We cannot tell that this account is yours: its email address is not checked. "
        "Ask your school's IT team.",
        "other_domain": f"This is not a {school} account. Sign in with your school account. It ends in @{domain}.",
        "unknown_account": f"{school} has nobody with this account yet. Ask your teacher or the school office "
        "to add you. Or sign in with your username and password.",
    }


def _refused(reason: str, sign_in: SchoolSignIn, domain: str = "") -> SignInRefused:
    messages = refusal_messages(school=sign_in.school.name, domain=sign_in.email_domains[0])
    return SignInRefused(reason, messages[reason], domain=domain)


# What the "What happened" page says was refused (audit.sentences, "sign_in.sso_refused").
REFUSAL_KINDS = {
    "other_domain": "an account of another domain",
    "other_tenant": "an account of another Microsoft organisation",
    "unverified": "an account whose email address is not confirmed",
    "unknown_account": "an account that matches nobody at the school",
}


def email_domains_parse(text: str) -> list[str]:
    """ "hillside.sch.uk, @pupils.hillside.sch.uk" -> the domains, lower case; SignInSetupError when one is not."""
    domains = []
    for raw in re.split(r"[\s,;]+", text.strip()):
        domain = raw.strip().lstrip("@").lower().rstrip(".")
        if not domain:
            continue
        if not _DOMAIN.match(domain):
            raise SignInSetupError(f"“{raw}” is not a domain. Write it like hillside.sch.uk.")
        if domain in PUBLIC_DOMAINS:
            raise SignInSetupError(f"Anyone can have a {domain} address. Give your school's own domain.")
        if domain not in domains:
            domains.append(domain)
    if not domains:
        raise SignInSetupError("Give at least one email domain of your school, like hillside.sch.uk.")
    return domains


def _issuer_problem(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return ""
    if parts.scheme == "http" and parts.hostname in _LOOPBACK:
        return ""  # a provider on this machine (development and the tests)
    return "The issuer URL must start with https:// (the provider's address, as its documentation gives it)."


@transaction.atomic
def school_sign_in_set(
    *,
    school: School,
    actor: Membership,
    provider: str,
    email_domains: list[str],
    client_id: str,
    client_secret: str = "",
    tenant_id: str = "",
    issuer_url: str = "",
    display_name: str = "",
) -> SchoolSignIn:
    """Set exactly how the school's people sign in with its accounts. A blank secret keeps the saved one."""
    if actor.school_id != school.pk or not actor.is_leader:
        raise SignInSetupError("Only a leader of the school can choose how its people sign in.")
    if provider not in SignInProvider.values:
        raise SignInSetupError("Choose Google, Microsoft or another OpenID Connect provider.", "provider")
    sign_in = SchoolSignIn.objects.select_for_update().filter(school=school).first() or SchoolSignIn(school=school)
    tenant_id, issuer_url = tenant_id.strip().lower(), issuer_url.strip()
    if provider == SignInProvider.MICROSOFT:
        try:
            tenant_id = str(uuid.UUID(tenant_id))
        except ValueError:
            raise SignInSetupError(
                "The tenant id looks like 8-4-4-4-12 letters and digits. Find it in Entra ID, under Overview.",
                "tenant_id",
            ) from None
    else:
        tenant_id = ""
    if provider == SignInProvider.OIDC:
        if problem := _issuer_problem(issuer_url):
            raise SignInSetupError(problem, "issuer_url")
    else:
        issuer_url = ""
    if not client_id.strip():
        raise SignInSetupError("Give the client id of the app you registered with the provider.", "client_id")
    if not client_secret and not sign_in.client_secret:
        raise SignInSetupError("Give the client secret of the app you registered with the provider.", "client_secret")
    sign_in.provider, sign_in.email_domains = provider, email_domains
    sign_in.tenant_id, sign_in.issuer_url = tenant_id, issuer_url
    sign_in.display_name = display_name.strip() if provider == SignInProvider.OIDC else ""
    sign_in.client_id = client_id.strip()
    sign_in.client_secret = client_secret or sign_in.client_secret
    sign_in.updated_by = actor
    sign_in.save()
    log_action(
        actor=actor.user,
        verb="setup.sign_in",
        target=sign_in,
        data={"kind": sign_in.get_provider_display(), "domains": email_domains},
    )
    return sign_in


@transaction.atomic
def school_sign_in_remove(*, school: School, actor: Membership) -> None:
    """Stop single sign-on: people sign in with a username and password again."""
    if actor.school_id != school.pk or not actor.is_leader:
        raise SignInSetupError("Only a leader of the school can choose how its people sign in.")
    sign_in = SchoolSignIn.objects.select_for_update().filter(school=school).first()
    if sign_in is None:
        return
    log_action(actor=actor.user, verb="setup.sign_in_off", target=sign_in)
    sign_in.delete()


def _identity(*, sign_in: SchoolSignIn, claims: dict) -> str:
    """The school address the provider vouches for, or SignInRefused when it vouches for none of the school's."""
    if sign_in.provider == SignInProvider.MICROSOFT:
        # Entra ID has no email_verified: its tenant vouches for its user names (UPN), so the tenant is checked.
        if str(claims.get("tid", "")).lower() != sign_in.tenant_id:
            raise _refused("other_tenant", sign_in)
        identity = claims.get("preferred_username") or claims.get("upn") or claims.get("email") or ""
    else:
        identity = claims.get("email") or ""
        if claims.get("email_verified") is not True:
            raise _refused("unverified", sign_in)
    identity = str(identity).strip()
    domain = identity.rpartition("@")[2].lower() if "@" in identity else ""
    # Google: a personal account may carry any confirmed address; only a Workspace account has `hd`.
    hosted = str(claims.get("hd", "")).lower() if sign_in.provider == SignInProvider.GOOGLE else domain
    if not domain or domain not in sign_in.email_domains or hosted not in sign_in.email_domains:
        raise _refused("other_domain", sign_in, domain)
    return identity


def _membership(*, sign_in: SchoolSignIn, identity: str, linked_user_id: int | None) -> Membership:
    membership = (
        Membership.objects.filter(
            school_id=sign_in.school_id, is_active=True, user__is_active=True, user__email__iexact=identity
        )
        .select_related("user", "school")
        .order_by("pk")
        .first()
    )
    # An account linked before stays linked to its person: a changed address never moves it to someone else.
    if membership is None or (linked_user_id is not None and membership.user_id != linked_user_id):
        raise _refused("unknown_account", sign_in, identity.rpartition("@")[2].lower())
    return membership


def sso_sign_in_match(*, sign_in: SchoolSignIn, claims: dict, linked_user_id: int | None = None) -> Membership:
    """The active membership of the school whose verified address (or UPN) the provider vouched for.

    Refusals raise SignInRefused and are audited (who stays unknown: only the domain is kept).
    Not atomic on purpose: the refusal's audit entry must stay although the sign-in fails.
    """
    try:
        identity = _identity(sign_in=sign_in, claims=claims)
        membership = _membership(sign_in=sign_in, identity=identity, linked_user_id=linked_user_id)
    except SignInRefused as refusal:
        log_action(
            actor=None,
            verb="sign_in.sso_refused",
            target=sign_in,
            data={"kind": REFUSAL_KINDS[refusal.reason], "reason": refusal.reason, "domain": refusal.domain},
        )
        raise
    log_action(
        actor=membership.user,
        verb="sign_in.sso",
        target=sign_in,
        person=membership.user,
        data={"kind": sign_in.get_provider_display()},
    )
    return membership
