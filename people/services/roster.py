"""Roster import: upload a pupil list, preview it, confirm it all-or-nothing, print login cards."""

from dataclasses import fields
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone

from audit.services import log_action
from people.badges.services import badges_issue_for_new_pupils
from people.models import Membership, Role, RosterImport, RosterImportStatus, School, User
from people.roster_csv import RosterRow, RowError, parse_roster, pupil_match_key
from people.services.credentials import one_time_password_generate, one_time_password_hash, usernames_generate

ROW_NEW = "new"
ROW_EXISTING = "existing"
# One-time passwords are secrets: kept for printing a week after the cards were first opened,
# two weeks if nobody opens them. A preview nobody confirmed is dropped after a day.
CARDS_KEEP_AFTER_VIEWING = timedelta(days=7)
CARDS_KEEP_UNVIEWED = timedelta(days=14)
PREVIEW_KEEP = timedelta(days=1)
BATCH_SIZE = 500


class RosterInvalid(Exception):
    """The list has problems; nothing was saved. `errors` says which rows and why."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s) in the pupil list")


class RosterImportError(Exception):
    pass


def _rows_check(*, school: School, rows: list[RosterRow]) -> tuple[list[dict], list[RowError]]:
    """Compare the rows with the database: new pupil, already in the school, or a username clash."""
    usernames = {row.username for row in rows if row.username}
    pupil_here = Membership.objects.filter(user=OuterRef("pk"), school=school, role=Role.PUPIL)
    owners = {
        user["lower"]: user
        for user in User.objects.annotate(lower=Lower("username"), is_pupil_here=Exists(pupil_here))
        .filter(lower__in=usernames)
        .values("lower", "first_name", "last_name", "is_pupil_here")
    }
    pupils_here = {
        pupil_match_key(*values)
        for values in Membership.objects.filter(school=school, role=Role.PUPIL).values_list(
            "user__first_name", "user__last_name", "year_group", "form"
        )
    }
    checked, errors = [], []
    for row in rows:
        status = ROW_NEW
        if row.username and row.username in owners:
            owner = owners[row.username]
            same_person = (owner["first_name"].casefold(), owner["last_name"].casefold()) == (
                row.first_name.casefold(),
                row.last_name.casefold(),
            )
            if owner["is_pupil_here"] and same_person:
                status = ROW_EXISTING
            else:
                errors.append(RowError(row.row, f'username "{row.username}" is already used by someone else.'))
                continue
        elif not row.username and _match_key(row) in pupils_here:
            status = ROW_EXISTING
        checked.append({**row.as_dict(), "status": status})
    return checked, errors


def _match_key(row: RosterRow) -> tuple:
    return pupil_match_key(row.first_name, row.last_name, row.year_group, row.form)


def _sorted(errors: list[RowError]) -> list[RowError]:
    return sorted(errors, key=lambda error: error.row or 0)


def roster_import_preview(*, school: School, uploaded_by: Membership, data: bytes, file_name: str) -> RosterImport:
    """Check the whole file; keep its rows for the preview only if there is no problem at all."""
    parsed = parse_roster(data)
    checked, db_errors = _rows_check(school=school, rows=parsed.rows)
    errors = _sorted(parsed.errors + db_errors)
    if errors:
        raise RosterInvalid(errors)
    return RosterImport.objects.create(school=school, uploaded_by=uploaded_by, file_name=file_name[:255], rows=checked)


def _stored_rows(roster_import: RosterImport) -> list[RosterRow]:
    names = {field.name for field in fields(RosterRow)}
    return [RosterRow(**{key: value for key, value in row.items() if key in names}) for row in roster_import.rows]


@transaction.atomic
def roster_import_confirm(*, roster_import: RosterImport, actor: Membership) -> RosterImport:
    """Create every new pupil of the preview, or none: the rows are checked again first, since the
    school may have changed since the preview."""
    roster_import = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
    if roster_import.status != RosterImportStatus.PREVIEW:
        raise RosterImportError("This list has already been imported.")
    # One import at a time per school, so two overlapping lists confirmed together cannot both add
    # the same pupil. NO KEY UPDATE still lets other rows that reference the school be inserted.
    school = School.objects.select_for_update(no_key=True).get(pk=roster_import.school_id)
    checked, errors = _rows_check(school=school, rows=_stored_rows(roster_import))
    if errors:
        raise RosterInvalid(_sorted(errors))

    new_rows = [row for row in checked if row["status"] == ROW_NEW]
    generated = iter(
        usernames_generate(
            [(row["first_name"], row["last_name"]) for row in new_rows if not row["username"]],
            reserved={row["username"] for row in checked if row["username"]},
        )
    )
    passwords = [one_time_password_generate() for _ in new_rows]
    hashes = [one_time_password_hash(password) for password in passwords]
    users = User.objects.bulk_create(
        [
            User(
                username=row["username"] or next(generated),
                first_name=row["first_name"],
                last_name=row["last_name"],
                email=None,
                password=password_hash,
                must_change_password=True,
            )
            for row, password_hash in zip(new_rows, hashes, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    pupils = Membership.objects.bulk_create(
        [
            Membership(user=user, school=school, role=Role.PUPIL, year_group=row["year_group"], form=row["form"])
            for user, row in zip(users, new_rows, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    badges = badges_issue_for_new_pupils(pupils=pupils, actor=actor)
    now = timezone.now()
    roster_import.status = RosterImportStatus.CONFIRMED
    roster_import.confirmed_at = now
    roster_import.created_count = len(new_rows)
    roster_import.skipped_count = len(checked) - len(new_rows)
    roster_import.cards = [
        {
            "name": f"{row['first_name']} {row['last_name']}",
            "year_group": row["year_group"],
            "form": row["form"],
            "username": user.username,
            "password": password,
            **badge.as_card(),
        }
        for row, user, password, badge in zip(new_rows, users, passwords, badges, strict=True)
    ]
    roster_import.cards_expire_at = now + CARDS_KEEP_UNVIEWED
    roster_import.save()
    log_action(actor=actor.user, verb="roster.import", target=roster_import, data={"pupils_added": len(new_rows)})
    return roster_import


def roster_import_cards_viewed(*, roster_import: RosterImport) -> None:
    """The cards were opened for printing: from now on they are kept for a week at most."""
    if roster_import.cards is None or roster_import.cards_first_viewed_at:
        return
    now = timezone.now()
    roster_import.cards_first_viewed_at = now
    roster_import.cards_expire_at = min(roster_import.cards_expire_at, now + CARDS_KEEP_AFTER_VIEWING)
    roster_import.save(update_fields=["cards_first_viewed_at", "cards_expire_at"])


def roster_import_clear_cards(*, roster_import: RosterImport) -> None:
    """Staff printed the cards and delete the one-time passwords straight away."""
    RosterImport.objects.filter(pk=roster_import.pk, cards__isnull=False).update(
        cards=None, cards_cleared_at=timezone.now()
    )


def roster_import_clear_expired_cards(*, now: datetime | None = None) -> int:
    """Delete one-time passwords past their time, and previews nobody confirmed.

    For a periodic task: one conditional UPDATE, so a retry or a second worker changes nothing.
    Returns how many imports had their cards cleared.
    """
    now = now or timezone.now()
    cleared = RosterImport.objects.filter(cards__isnull=False, cards_expire_at__lte=now).update(
        cards=None, cards_cleared_at=now
    )
    RosterImport.objects.filter(status=RosterImportStatus.PREVIEW, created_at__lt=now - PREVIEW_KEEP).delete()
    return cleared
