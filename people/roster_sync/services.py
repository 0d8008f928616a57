"""Roster sync: compare a feed with the school's memberships (the plan), show it, apply it whole.

Upserts on the source's ids (`Membership.source_id`). Members the school already had before its
first sync are recognised by email, or a pupil by name, year group and form, and linked instead of
created twice. Leavers go through `membership_leave`, so retention runs from the day they left.
"""

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from audit.services import log_action
from people.models import Membership, Role, RosterSync, RosterSyncStatus, School, User
from people.privacy.services import ERASED_PREFIX, membership_leave
from people.roster_csv import pupil_match_key
from people.roster_sync.feed import FORMATS, KnownRoster, Problem, RosterFeed, SourcePerson
from people.services.credentials import usernames_generate

BATCH_SIZE = 1000
# The preview lists this many people; the counts above it cover everyone.
PREVIEW_LIST_LIMIT = 500
FIELDS = ("first_name", "last_name", "email", "year_group", "form")


class RosterSyncInvalid(Exception):
    """The feed has problems; nothing was saved. `problems` says which file and row, and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the roster")


class RosterSyncError(Exception):
    pass


@dataclass
class RosterPlan:
    joiners: list[SourcePerson] = field(default_factory=list)
    # (membership values as stored, values after the sync) for movers, renamed people and returners.
    changes: list[tuple[dict, dict]] = field(default_factory=list)
    leavers: list[dict] = field(default_factory=list)
    unchanged: int = 0
    ignored: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> dict:
        return {
            "new": len(self.joiners),
            "changed": len(self.changes),
            "leaving": len(self.leavers),
            "unchanged": self.unchanged,
            "ignored": self.ignored,
        }


def roster_known(*, school: School) -> KnownRoster:
    """What the school's applied syncs established, for reading a delta."""
    last = RosterSync.objects.filter(school=school, status=RosterSyncStatus.APPLIED).order_by("-applied_at").first()
    people = frozenset(
        Membership.objects.filter(school=school).exclude(source_id="").values_list("source_id", flat=True)
    )
    if last is None:
        return KnownRoster(people=people)
    return KnownRoster(org_source_id=last.org_source_id, classes=last.classes, people=people)


def _same_role(source_role: str, role: str) -> bool:
    return role == source_role or (source_role == Role.STAFF and role == Role.LEADER)


def roster_plan(*, school: School, feed: RosterFeed) -> RosterPlan:
    """What applying `feed` would do. Read-only; problems found against the database are added."""
    plan = RosterPlan(ignored=feed.ignored, problems=list(feed.problems))
    if plan.problems:
        return plan
    members = list(
        Membership.objects.filter(school=school)
        .exclude(role=Role.PARENT)
        .values(
            "pk",
            "user_id",
            "role",
            "source_id",
            "year_group",
            "form",
            "is_active",
            "user__first_name",
            "user__last_name",
            "user__email",
            "user__username",
        )
    )
    for member in members:
        member["first_name"], member["last_name"] = member.pop("user__first_name"), member.pop("user__last_name")
        member["email"], member["username"] = (member.pop("user__email") or "").lower(), member.pop("user__username")
    by_source = {member["source_id"]: member for member in members if member["source_id"]}
    unlinked = [member for member in members if not member["source_id"] and member["is_active"]]
    by_email = {member["email"]: member for member in unlinked if member["email"]}
    by_pupil_key = {
        pupil_match_key(m["first_name"], m["last_name"], m["year_group"], m["form"]): m
        for m in unlinked
        if m["role"] == Role.PUPIL
    }
    emails_wanted: dict[str, tuple[SourcePerson, int | None]] = {}  # email -> (person, their user)
    targets: dict[int, tuple[dict, dict, SourcePerson]] = {}  # membership pk -> (stored, target, person)
    for person in feed.people.values():
        member = by_source.get(person.source_id)
        if member is not None and member["username"].startswith(ERASED_PREFIX):
            member = None  # erased after leaving: if they come back they are a new account
        if member is None and not person.leaving and person.first_name is not None:
            member = (by_email.pop(person.email, None) if person.email else None) or by_pupil_key.pop(
                pupil_match_key(person.first_name, person.last_name, person.year_group, person.form or ""), None
            )
            if member is not None and member["role"] == Role.PUPIL != person.role:
                member = None
        if member is None:
            if not person.leaving and person.first_name is not None:
                plan.joiners.append(person)
                if person.email:
                    emails_wanted[person.email] = (person, None)
            else:
                plan.unchanged += 1
            continue
        if person.role and not _same_role(person.role, member["role"]):
            plan.problems.append(
                Problem(
                    person.file,
                    person.row,
                    f"{member['first_name']} {member['last_name']} is {member['role']} "
                    f"here but {person.role} in the feed; change their role by hand first.",
                )
            )
            continue
        if person.leaving:
            if member["is_active"]:
                plan.leavers.append(member)
            else:
                plan.unchanged += 1
            continue
        if not member["is_active"] and person.first_name is None:
            plan.unchanged += 1
            continue
        target = {name: member[name] for name in FIELDS}
        target.update({name: getattr(person, name) for name in FIELDS if getattr(person, name) is not None})
        if member["role"] != Role.PUPIL:
            target["year_group"] = None
        target["source_id"], target["is_active"] = person.source_id, True
        if target["email"] and target["email"] != member["email"]:
            emails_wanted[target["email"]] = (person, member["user_id"])
        targets[member["pk"]] = (member, target, person)
    if feed.complete:
        listed = set(feed.people)
        for member in members:
            if member["source_id"] and member["is_active"] and member["source_id"] not in listed:
                plan.leavers.append(member)
    if emails_wanted:
        owners = dict(
            User.objects.annotate(lower=Lower("email")).filter(lower__in=list(emails_wanted)).values_list("lower", "pk")
        )
        for email, (person, user_id) in emails_wanted.items():
            owner = owners.get(email)
            if owner is not None and owner != user_id:
                plan.problems.append(Problem(person.file, person.row, f'email "{email}" belongs to another account.'))
    for member, target, _person in targets.values():
        stored = {name: member[name] for name in FIELDS} | {
            "source_id": member["source_id"],
            "is_active": member["is_active"],
        }
        if stored == target:
            plan.unchanged += 1
        else:
            plan.changes.append((member, target))
    plan.problems.sort(key=lambda problem: (problem.file, problem.row or 0))
    return plan


def _listing(plan: RosterPlan) -> list[dict]:
    """The people the preview names, joiners first: what staff check before applying."""
    rows = [
        {"kind": "new", "name": f"{p.first_name} {p.last_name}", "role": p.role, "year_group": p.year_group,
         "form": p.form or ""}
        for p in plan.joiners[:PREVIEW_LIST_LIMIT]
    ]  # fmt: skip
    for member, target in plan.changes[: PREVIEW_LIST_LIMIT - len(rows)]:
        what = [name.replace("_", " ") for name in FIELDS if member[name] != target[name]]
        if not member["is_active"]:
            what.insert(0, "returns")
        rows.append(
            {"kind": "changed", "name": f"{target['first_name']} {target['last_name']}", "role": member["role"],
             "year_group": target["year_group"], "form": target["form"], "what": ", ".join(what) or "linked to the MIS"}
        )  # fmt: skip
    for member in plan.leavers[: max(PREVIEW_LIST_LIMIT - len(rows), 0)]:
        rows.append(
            {"kind": "leaving", "name": f"{member['first_name']} {member['last_name']}", "role": member["role"],
             "year_group": member["year_group"], "form": member["form"]}
        )  # fmt: skip
    return rows


def roster_sync_preview(
    *, school: School, uploaded_by: Membership, source_format: str, data: bytes, file_name: str
) -> RosterSync:
    """Read and plan the upload; keep it as a preview only if there is no problem at all."""
    if source_format not in FORMATS:
        raise RosterSyncInvalid([Problem("", None, "Choose the format of the export.")])
    feed = FORMATS[source_format].read(data=data, known=roster_known(school=school))
    plan = roster_plan(school=school, feed=feed)
    if plan.problems:
        raise RosterSyncInvalid(plan.problems)
    return RosterSync.objects.create(
        school=school,
        uploaded_by=uploaded_by,
        source_format=source_format,
        file_name=file_name[:255],
        data=data,
        counts=plan.counts,
        changes=_listing(plan),
        org_source_id=feed.org_source_id,
        classes=feed.classes,
    )


@transaction.atomic
def roster_sync_apply(*, sync: RosterSync, actor: Membership) -> RosterSync:
    """Apply the preview, all of it or nothing. The feed is planned again first: the school may
    have changed since the preview (a pupil added by hand, another sync applied)."""
    sync = RosterSync.objects.select_for_update().get(pk=sync.pk)
    if sync.status != RosterSyncStatus.PREVIEW:
        raise RosterSyncError("This roster has already been applied.")
    # One sync at a time per school; NO KEY UPDATE still lets rows referencing the school be inserted.
    school = School.objects.select_for_update(no_key=True).get(pk=sync.school_id)
    feed = FORMATS[sync.source_format].read(data=bytes(sync.data), known=roster_known(school=school))
    plan = roster_plan(school=school, feed=feed)
    if plan.problems:
        raise RosterSyncInvalid(plan.problems)
    _joiners_create(school=school, joiners=plan.joiners)
    _changes_save(changes=plan.changes)
    for member in plan.leavers:
        membership_leave(membership=Membership(pk=member["pk"]))
    sync.status = RosterSyncStatus.APPLIED
    sync.applied_at = timezone.now()
    sync.counts = plan.counts
    sync.org_source_id = feed.org_source_id
    sync.classes = feed.classes
    sync.data = b""  # the export holds everyone's details: not kept once applied
    sync.save()
    log_action(actor=actor.user, verb="roster.sync", target=sync, data={"counts": sync.counts})
    return sync


def _joiners_create(*, school: School, joiners: list[SourcePerson]) -> None:
    # Freed source ids of erased former members, so a returner can be linked again.
    Membership.objects.filter(
        school=school, source_id__in=[p.source_id for p in joiners], user__username__startswith=ERASED_PREFIX
    ).update(source_id="")
    usernames = usernames_generate([(p.first_name, p.last_name) for p in joiners], reserved=set())
    # No password: staff sign in with the school's accounts or reset by email; pupils get a card.
    users = User.objects.bulk_create(
        [
            User(
                username=username,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email or None,
                password=make_password(None),
            )
            for person, username in zip(joiners, usernames, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                school=school,
                role=person.role,
                year_group=person.year_group if person.role == Role.PUPIL else None,
                form=person.form or "",
                source_id=person.source_id,
            )
            for user, person in zip(users, joiners, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )


def _changes_save(*, changes: list[tuple[dict, dict]]) -> None:
    users, memberships = [], []
    for member, target in changes:
        users.append(
            User(pk=member["user_id"], first_name=target["first_name"], last_name=target["last_name"],
                 email=target["email"] or None)
        )  # fmt: skip
        memberships.append(
            Membership(pk=member["pk"], year_group=target["year_group"], form=target["form"],
                       source_id=target["source_id"], is_active=True, left_on=None)
        )  # fmt: skip
    User.objects.bulk_update(users, ["first_name", "last_name", "email"], batch_size=BATCH_SIZE)
    Membership.objects.bulk_update(
        memberships, ["year_group", "form", "source_id", "is_active", "left_on"], batch_size=BATCH_SIZE
    )
