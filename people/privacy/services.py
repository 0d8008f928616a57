"""Data rights and retention: a person's export, their erasure, the scheduled purge, and the switch
for special-category data. What is personal, why and for how long is in people/privacy/data_inventory.py.

Erasure keeps what the school needs as aggregates — ballots and anonymous answers (which have no
link to anyone anyway), who-voted and who-answered records for turnout counts, backings, project
memberships — but turns the account into an anonymous "Former member" that cannot sign in, deletes
what only served the person (inbox, emails, preferences, drafts, personal goals, guardian links,
invitations), hides their name on what they wrote and unlinks their named survey answers, which
then count as anonymous ones.
"""

import secrets
from collections import defaultdict
from datetime import date

from allauth.socialaccount.models import SocialAccount
from django.apps import apps
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from audit.services import log_action
from people.consent.services import pupil_consent_refresh
from people.models import (
    Badge,
    CalendarFeed,
    EmailDelivery,
    GuardianLink,
    Membership,
    Notification,
    NotificationPreference,
    ParentInvitation,
    School,
    SenStatus,
    StaffInvitation,
    User,
)
from people.privacy.data_inventory import INVENTORY, SECRET_FIELDS
from people.privacy.erasure import ERASERS

ERASED_PREFIX = "erased-"
MAX_RETENTION_YEARS = 25
ERASED_FIRST_NAME, ERASED_LAST_NAME = "Former", "member"
NOT_IN_EXPORT = [
    "Anonymous survey answers and secret ballots: nothing links them to you, by design, so nobody can find yours.",
    "Passwords, one-time passwords and sign-in tokens: secrets, kept only as hashes or cleared.",
    "Safeguarding records about you: kept by the school's safeguarding lead under its child-protection policy; "
    "ask the school.",
]


class PrivacyError(Exception):
    """A data-rights request the rules do not allow; the message says why."""


@transaction.atomic
def person_export(*, user: User, actor: Membership | None = None) -> dict:
    """Everything the inventory says is about `user`: per model, why it is kept and the rows.

    Values are as the database returns them (dates, decimals, UUIDs): serialise with DjangoJSONEncoder.
    Who exported whose data goes into the audit log of `actor`'s school.
    """
    if actor:
        log_action(actor=actor.user, verb="export.person", target=actor.school, person=user)
    records: dict[str, dict] = {}
    for key, record in INVENTORY.items():
        if not record.subject:
            continue
        model = apps.get_model(key.split(":")[0])
        fields = [name for name in record.fields if name not in SECRET_FIELDS]
        rows = list(model.objects.filter(**{record.subject: user.pk}).distinct().order_by("pk").values("pk", *fields))
        if record.link:  # files are linked, not inlined: the link opens them for their owner, signed in
            for row in rows:
                row["link"] = reverse(record.link, args=[row["pk"], *record.link_args])
        if rows:
            records[key] = {
                "purpose": record.purpose,
                "lawful_basis": record.basis,
                "retention": record.retention,
                "rows": rows,
            }
    return {
        "person": {"username": user.username, "name": user.get_full_name(), "email": user.email},
        "exported_at": timezone.now(),
        "records": records,
        "not_included": NOT_IN_EXPORT,
    }


def is_erased(user: User) -> bool:
    return user.username.startswith(ERASED_PREFIX) and not user.is_active


@transaction.atomic
def person_erase(*, user: User, actor: Membership | None = None) -> None:
    """Erase `user` (right to erasure, or the end of retention when `actor` is None) keeping the school's
    aggregate results; each of their schools' audit logs records it."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if is_erased(user):
        return
    memberships = list(user.memberships.all())
    mine = [membership.pk for membership in memberships]
    for membership in memberships:
        log_action(
            actor=actor.user if actor else None,
            verb="person.erase",
            target=membership,
            data={"retention": actor is None},
            person=user,
        )
    Notification.objects.filter(Q(recipient__in=mine) | Q(about__in=mine)).delete()
    EmailDelivery.objects.filter(recipient__in=mine).delete()
    NotificationPreference.objects.filter(membership__in=mine).delete()
    CalendarFeed.objects.filter(membership__in=mine).delete()
    # The link to their school account (single sign-on) holds the provider's copy of their name and address.
    SocialAccount.objects.filter(user=user).delete()
    Badge.objects.filter(membership__in=mine).delete()  # a badge still printed on a card signs nobody in
    children = list(Membership.objects.filter(guardian_links__parent__in=mine).exclude(pk__in=mine))
    GuardianLink.objects.filter(Q(parent__in=mine) | Q(pupil__in=mine)).delete()
    for child in children:  # an erased parent's answers no longer gate their child
        pupil_consent_refresh(pupil=child)
    invitations = Q(pupil__in=mine) | Q(accepted_by=user)
    if user.email:
        invitations |= Q(email__iexact=user.email)
    ParentInvitation.objects.filter(invitations).delete()
    staff_invitations = Q(accepted_by=user) | (Q(email__iexact=user.email) if user.email else Q(pk__in=[]))
    StaffInvitation.objects.filter(staff_invitations).delete()
    for erase in ERASERS:  # what the apps above people keep of them (people.privacy.erasure)
        erase(mine)
    Membership.objects.filter(pk__in=mine).update(
        is_active=False,
        left_on=Coalesce("left_on", Value(timezone.localdate())),  # an earlier leaving date stays
        form="",
        sen_status="",
        pupil_premium=None,
        is_safeguarding_lead=False,
        is_deputy_safeguarding_lead=False,
    )
    user.username = ERASED_PREFIX + secrets.token_hex(8)
    user.first_name, user.last_name = ERASED_FIRST_NAME, ERASED_LAST_NAME
    user.email = None
    user.is_active = False  # ends their sessions too: inactive users are signed out on the next request
    user.is_staff = user.is_superuser = False
    user.last_login = None
    user.must_change_password = False
    user.easy_read = user.easy_read_offer_answered = False
    user.set_unusable_password()
    user.save()


@transaction.atomic
def membership_leave(*, membership: Membership, on: date | None = None) -> Membership:
    """Record that someone left the school: the retention period runs from `on` (today by default)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.is_active = False
    membership.left_on = on or timezone.localdate()
    membership.save(update_fields=["is_active", "left_on"])
    return membership


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def privacy_purge(*, today: date | None = None) -> int:
    """Erase everyone whose every membership ended more than their school's retention period ago.

    Idempotent: erased people are skipped, so a retried or doubled run erases nobody twice.
    """
    today = today or timezone.localdate()
    left = (
        Membership.objects.filter(is_active=False, left_on__isnull=False)
        .exclude(user__memberships__is_active=True)
        .exclude(user__username__startswith=ERASED_PREFIX)
        .select_related("school")
    )
    ends: dict[int, list[date]] = defaultdict(list)
    for membership in left:
        ends[membership.user_id].append(_years_after(membership.left_on, membership.school.retention_years))
    # People with a membership that has no leaving date yet are not due.
    undated = set(
        Membership.objects.filter(user__in=list(ends), left_on__isnull=True).values_list("user_id", flat=True)
    )
    due = [user_id for user_id, dates in ends.items() if user_id not in undated and max(dates) <= today]
    for user in User.objects.filter(pk__in=due):
        person_erase(user=user)
    return len(due)


@transaction.atomic
def school_set_special_category(*, school: School, actor: Membership, enabled: bool, basis: str = "") -> School:
    """Switch SEN and pupil-premium recording on (with the lawful basis written down) or off.

    Switching off clears what was stored for every pupil: data not needed is not kept.
    """
    if not actor.is_leader or actor.school_id != school.pk:
        raise PrivacyError("Only the school's leaders decide whether special-category data is recorded.")
    school = School.objects.select_for_update().get(pk=school.pk)
    if enabled:
        if not basis.strip():
            raise PrivacyError("Write down the lawful basis (Article 6 and Article 9) before switching this on.")
        school.special_category_enabled = True
        school.special_category_basis = basis.strip()
        school.special_category_enabled_at = timezone.now()
    else:
        school.special_category_enabled = False
        Membership.objects.filter(school=school).update(sen_status="", pupil_premium=None)
    school.save(update_fields=["special_category_enabled", "special_category_basis", "special_category_enabled_at"])
    return school


@transaction.atomic
def school_set_retention(*, school: School, actor: Membership, years: int) -> School:
    if not actor.is_leader or actor.school_id != school.pk:
        raise PrivacyError("Only the school's leaders set how long data is kept.")
    if not 0 <= years <= MAX_RETENTION_YEARS:
        raise PrivacyError(f"Choose between 0 and {MAX_RETENTION_YEARS} years.")
    School.objects.filter(pk=school.pk).update(retention_years=years)
    school.retention_years = years
    return school


@transaction.atomic
def pupil_set_special_category(
    *, pupil: Membership, actor: Membership, sen_status: str, pupil_premium: bool | None
) -> Membership:
    """Record a pupil's SEN status and pupil premium; refused unless the school has a recorded basis."""
    school = School.objects.select_for_update().get(pk=pupil.school_id)
    if not school.special_category_enabled:
        raise PrivacyError("This school does not record SEN or pupil premium.")
    if not actor.is_staff_member or actor.school_id != school.pk:
        raise PrivacyError("Only the school's staff record this.")
    if not pupil.is_pupil:
        raise PrivacyError("Only pupils have SEN and pupil-premium records.")
    if sen_status not in SenStatus.values:
        raise PrivacyError("Choose an SEN status from the list.")
    pupil.sen_status = sen_status
    pupil.pupil_premium = pupil_premium
    pupil.save(update_fields=["sen_status", "pupil_premium"])
    return pupil
