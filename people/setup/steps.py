"""The setup checklist's steps, as a registry: each app registers the steps it owns (people here,
the charter in projects.setup_steps), so this app never imports a higher one.

A step is done when its `is_done(school)` says so, read from the school's own records, never from a
tick box: the checklist cannot claim what is not true.
"""

from collections.abc import Callable
from dataclasses import dataclass

from audit.models import LogEntry
from people.models import Membership, Role, RosterImport, School, SchoolSignIn, StaffInvitation


@dataclass(frozen=True)
class SetupStep:
    key: str
    order: int
    title: str
    explanation: str
    url_name: str  # where the step is done
    is_done: Callable[[School], bool]


STEPS: dict[str, SetupStep] = {}


def register_setup_step(step: SetupStep) -> SetupStep:
    STEPS[step.key] = step
    return step


def _has_safeguarding_lead(school: School) -> bool:
    return Membership.objects.filter(school=school, is_active=True, is_safeguarding_lead=True).exists()


def _pupils_can_sign_in(school: School) -> bool:
    # Done once single sign-on is set, once an import's login cards were opened for printing, or once a
    # pupil has signed in (a school that handed out passwords another way).
    return (
        SchoolSignIn.objects.filter(school=school).exists()
        or RosterImport.objects.filter(school=school, cards_first_viewed_at__isnull=False).exists()
        or Membership.objects.filter(school=school, role=Role.PUPIL, user__last_login__isnull=False).exists()
    )


def _has_pupils(school: School) -> bool:
    return Membership.objects.filter(school=school, role=Role.PUPIL, is_active=True).exists()


def _has_staff(school: School) -> bool:
    others = Membership.objects.filter(school=school, role=Role.STAFF, is_active=True).exists()
    return others or StaffInvitation.objects.filter(school=school, role=Role.STAFF).exists()


def _consent_chosen(school: School) -> bool:
    # The school's default list stands until a leader has looked at it and saved their choice.
    return LogEntry.objects.filter(school_id=school.pk, verb="consent.scopes").exists()


register_setup_step(
    SetupStep(
        "safeguarding_leads",
        10,
        "Name the safeguarding leads",
        "Every concern goes to them at once, so name at least one designated safeguarding lead.",
        "people:setup_safeguarding_leads",
        _has_safeguarding_lead,
    )
)
register_setup_step(
    SetupStep(
        "roster",
        30,
        "Import the roster",
        "Upload your pupil list from the school's information system.",
        "people:roster_upload",
        _has_pupils,
    )
)
register_setup_step(
    SetupStep(
        "sign_in",
        40,
        "Choose how pupils sign in: single sign-on or login cards",
        "Pupils sign in with the school's Google or Microsoft accounts, or with a printed login card each.",
        "people:setup_sign_in",
        _pupils_can_sign_in,
    )
)
register_setup_step(
    SetupStep(
        "staff",
        50,
        "Invite staff",
        "Invite the staff who will facilitate projects. Each gets an email to make their account.",
        "people:setup_staff",
        _has_staff,
    )
)
register_setup_step(
    SetupStep(
        "consent",
        60,
        "Choose what needs a parent's consent",
        "Decide which things need a parent's agreement. Parents and pupils see exactly these.",
        "people:school_privacy",
        _consent_chosen,
    )
)
