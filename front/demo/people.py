"""The demo school that `make run` loads: "Demo Academy" and its people. Safe to run again."""

from django.contrib.auth.hashers import make_password
from django.db import transaction

from people.models import ConsentStatus, GuardianLink, Membership, Role, School, User

DEMO_PASSWORD = "coproduce"
DEMO_PUPIL_COUNT = 90
DEMO_FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Finn",
    "Grace",
    "Hassan",
    "Isla",
    "Jack",
    "Kai",
    "Layla",
    "Mo",
    "Nia",
    "Oscar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tara",
    "Umar",
    "Violet",
    "Wes",
    "Xena",
    "Yusuf",
    "Zara",
    "Leo",
    "Maya",
    "Noah",
    "Ruby",
]
DEMO_LAST_NAMES = ["Adeyemi", "Brown", "Chen", "Davies", "Evans", "Khan", "Patel", "Smith", "Taylor"]
DEMO_ADULTS = [
    ("leader@demo.school", "Lena", "Okafor", Role.LEADER, False),
    ("staff@demo.school", "Sam", "Rivera", Role.STAFF, False),
    ("staff2@demo.school", "Priya", "Shah", Role.STAFF, True),
    ("parent@demo.school", "Pat", "Jones", Role.PARENT, False),
]


def _demo_user(*, username: str, email: str | None, first: str, last: str, password_hash: str) -> User:
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "email": email,
            "first_name": first,
            "last_name": last,
            "password": password_hash,
            "must_change_password": False,
        },
    )
    return user


@transaction.atomic
def seed_people() -> School:
    school, _ = School.objects.get_or_create(slug="demo-academy", defaults={"name": "Demo Academy"})
    # One hash for every demo account: hashing 94 passwords separately takes half a minute.
    password_hash = make_password(DEMO_PASSWORD)
    adults = {}
    for email, first, last, role, is_dsl in DEMO_ADULTS:
        user = _demo_user(username=email, email=email, first=first, last=last, password_hash=password_hash)
        adults[role, email], _ = Membership.objects.update_or_create(
            user=user, role=role, defaults={"school": school, "is_safeguarding_lead": is_dsl}
        )
    pupils = []
    for number in range(1, DEMO_PUPIL_COUNT + 1):
        year_group = 7 + (number - 1) % 3
        user = _demo_user(
            username=f"pupil{number}",
            email=None,
            first=DEMO_FIRST_NAMES[(number - 1) % len(DEMO_FIRST_NAMES)],
            last=DEMO_LAST_NAMES[(number - 1) % len(DEMO_LAST_NAMES)],
            password_hash=password_hash,
        )
        membership, _ = Membership.objects.update_or_create(
            user=user,
            role=Role.PUPIL,
            defaults={"school": school, "year_group": year_group, "form": f"{year_group}{'AB'[number % 2]}"},
        )
        pupils.append(membership)
    parent = adults[Role.PARENT, "parent@demo.school"]
    GuardianLink.objects.get_or_create(
        school=school,
        parent=parent,
        pupil=pupils[0],
        defaults={"consent_status": ConsentStatus.GIVEN, "consent_changed_at": school.created_at},
    )
    return school
