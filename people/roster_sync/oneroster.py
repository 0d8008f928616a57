"""OneRoster 1.1 CSV bundles (IMS Global): the zip Groupcall Xporter and most UK MIS exports make.

manifest.csv says which files are there and whether each is `bulk` (everything) or `delta` (only
what changed, with `status` = `active` or `tobedeleted`). A pupil's form is the title of their
`homeroom` class; their year group comes from `grades` on the user (or on that class).
"""

from collections import defaultdict

from people.models import Role
from people.roster_sync.csv_bundle import (
    Table,
    bundle_open,
    duplicates_find,
    email_check,
    table_read,
    year_group_parse,
)
from people.roster_sync.feed import KnownRoster, Problem, RosterFeed, RosterFormat, SourcePerson, register

BASE = ("sourcedId", "status", "dateLastModified")
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # file -> (required, optional)
    "orgs.csv": ((*BASE, "name", "type"), ("identifier", "parentSourcedId")),
    "users.csv": (
        (*BASE, "enabledUser", "orgSourcedIds", "role", "username", "givenName", "familyName"),
        ("userIds", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password"),
    ),
    "classes.csv": (
        (*BASE, "title", "courseSourcedId", "classType", "schoolSourcedId", "termSourcedIds"),
        ("grades", "classCode", "location", "subjects", "subjectCodes", "periods"),
    ),
    "enrollments.csv": (
        (*BASE, "classSourcedId", "schoolSourcedId", "userSourcedId", "role"),
        ("primary", "beginDate", "endDate"),
    ),
    "academicSessions.csv": ((*BASE, "title", "type", "startDate", "endDate", "schoolYear"), ("parentSourcedId",)),
}
# Read by nobody here, but part of the spec: a bundle that carries them is still a valid bundle.
OTHER_FILES = {
    "courses.csv",
    "demographics.csv",
    "lineItems.csv",
    "results.csv",
    "categories.csv",
    "resources.csv",
    "classResources.csv",
    "courseResources.csv",
}
BULK_FILES = ("orgs.csv", "users.csv", "classes.csv", "enrollments.csv", "academicSessions.csv")
MODES = ("bulk", "delta", "absent")
STATUSES = ("active", "tobedeleted")
ORG_TYPES = ("department", "school", "district", "local", "state", "national")
CLASS_TYPES = ("homeroom", "scheduled")
SESSION_TYPES = ("calendarYear", "gradingPeriod", "schoolYear", "semester", "term")
USER_ROLES = {
    "student": Role.PUPIL,
    "teacher": Role.STAFF,
    "administrator": Role.STAFF,
    "aide": Role.STAFF,
    # Parents and carers are invited by staff (people.services.invitations), not imported.
    "guardian": None,
    "parent": None,
    "relative": None,
    "proctor": None,
}
EXTENSION_PREFIX = "metadata."
FORM_MAX_LENGTH = 20


def _manifest(files: dict[str, bytes]) -> tuple[dict[str, str], list[Problem]]:
    if "manifest.csv" not in files:
        return {}, [Problem("manifest.csv", None, "the bundle has no manifest.csv, which OneRoster 1.1 requires.")]
    table, problems = table_read("manifest.csv", files["manifest.csv"], required=("propertyName", "value"), optional=())
    if table is None:
        return {}, problems
    properties = {cells["propertyName"]: cells["value"] for _number, cells in table.rows}
    if properties.get("oneroster.version") != "1.1":
        problems.append(
            Problem("manifest.csv", None, f'oneroster.version is "{properties.get("oneroster.version", "")}", not 1.1.')
        )
    modes = {}
    for name in files:
        if name != "manifest.csv" and name not in COLUMNS and name not in OTHER_FILES:
            problems.append(Problem(name, None, "OneRoster 1.1 defines no file of this name."))
    for name in COLUMNS:
        mode = properties.get(f"file.{name.removesuffix('.csv')}", "absent")
        if mode not in MODES:
            problems.append(Problem("manifest.csv", None, f'file.{name.removesuffix(".csv")} is "{mode}".'))
            continue
        if mode != "absent" and name not in files:
            problems.append(Problem(name, None, f"the manifest lists this file as {mode} but it is not in the zip."))
        if mode == "absent" and name in files:
            problems.append(Problem(name, None, "the manifest says this file is absent but the zip has it."))
        modes[name] = mode
    if modes.get("users.csv") == "bulk":
        for name in BULK_FILES:
            if modes.get(name) == "absent" and name not in files:
                problems.append(Problem(name, None, "a full (bulk) export needs this file; it is missing."))
    return modes, problems


def _statuses(table: Table, mode: str) -> list[Problem]:
    problems = []
    for number, cells in table.rows:
        if mode == "delta" and cells["status"] not in STATUSES:
            problems.append(Problem(table.name, number, f'status "{cells["status"]}" must be active or tobedeleted.'))
        elif mode == "bulk" and cells["status"] not in ("", "active"):
            problems.append(Problem(table.name, number, "a bulk file lists present records only: leave status empty."))
    return problems


def _enum(table: Table, column: str, allowed, records: dict[str, dict]) -> list[Problem]:
    return [
        Problem(table.name, cells["_row"], f'{column} "{cells[column]}" is not one of {", ".join(allowed)}.')
        for cells in records.values()
        if cells[column] not in allowed
    ]


def _school_org(orgs: dict[str, dict], known: KnownRoster) -> tuple[str, list[Problem]]:
    schools = [key for key, cells in orgs.items() if cells["type"] == "school" and cells["status"] != "tobedeleted"]
    if known.org_source_id and (not orgs or known.org_source_id in orgs):
        return known.org_source_id, []
    if len(schools) == 1:
        return schools[0], []
    if not schools:
        return "", [Problem("orgs.csv", None, "no org of type school: the bundle must hold the school.")]
    return "", [
        Problem(
            "orgs.csv",
            None,
            f"{len(schools)} schools ({', '.join(orgs[key]['name'] for key in schools)}): export one school's bundle.",
        )
    ]


def read(*, data: bytes, known: KnownRoster) -> RosterFeed:
    """Every problem of the bundle, by file and row; people only when there are none."""
    files, problems = bundle_open(data)
    if problems or not files:
        return RosterFeed(problems=problems or [Problem("", None, "The zip is empty.")])
    modes, problems = _manifest(files)
    if not modes:
        return RosterFeed(problems=problems)
    records: dict[str, dict[str, dict]] = {}
    for name, (required, optional) in COLUMNS.items():
        if name not in files or modes.get(name) == "absent":
            records[name] = {}
            continue
        table, table_problems = table_read(
            name, files[name], required=required, optional=optional, extension_prefix=EXTENSION_PREFIX
        )
        problems += table_problems
        if table is None:
            records[name] = {}
            continue
        problems += _statuses(table, modes[name])
        records[name], duplicate_problems = duplicates_find(table)
        problems += duplicate_problems
        enum_column = {
            "orgs.csv": ("type", ORG_TYPES),
            "classes.csv": ("classType", CLASS_TYPES),
            "academicSessions.csv": ("type", SESSION_TYPES),
            "users.csv": ("role", tuple(USER_ROLES)),
            "enrollments.csv": ("role", tuple(USER_ROLES)),
        }[name]
        problems += _enum(table, *enum_column, records[name])
    orgs, users, classes, enrollments = (
        records["orgs.csv"],
        records["users.csv"],
        records["classes.csv"],
        records["enrollments.csv"],
    )
    org_id, org_problems = _school_org(orgs, known)
    problems += org_problems
    known_orgs = set(orgs) | ({known.org_source_id} if known.org_source_id else set())

    all_classes = dict(known.classes)
    for key, cells in classes.items():
        if cells["schoolSourcedId"] not in known_orgs:
            problems.append(
                Problem(
                    "classes.csv",
                    cells["_row"],
                    f'the class\'s school "{cells["schoolSourcedId"]}" is not in orgs.csv.',
                )
            )
            continue
        if cells["status"] == "tobedeleted":
            all_classes.pop(key, None)
            continue
        if cells["schoolSourcedId"] != org_id:
            continue
        if cells["classType"] == "homeroom" and len(cells["title"]) > FORM_MAX_LENGTH:
            problems.append(
                Problem("classes.csv", cells["_row"], f"a form's title is at most {FORM_MAX_LENGTH} characters.")
            )
        all_classes[key] = {
            "title": cells["title"],
            "homeroom": cells["classType"] == "homeroom",
            "grade": year_group_parse(cells.get("grades", "").split(",")[0]),
        }

    feed = RosterFeed(org_source_id=org_id, complete=modes.get("users.csv") == "bulk", classes=all_classes)
    for key, cells in users.items():
        number = cells["_row"]
        user_orgs = [org.strip() for org in cells["orgSourcedIds"].split(",") if org.strip()]
        for org in user_orgs:
            if org not in known_orgs:
                problems.append(Problem("users.csv", number, f'org "{org}" is not in orgs.csv.'))
        role = USER_ROLES.get(cells["role"])
        if role is None or org_id not in user_orgs:
            feed.ignored += 1
            if org_id not in user_orgs and key in known.people:
                feed.people[key] = SourcePerson(key, "users.csv", number, leaving=True)  # moved to another school
            continue
        if cells["status"] == "tobedeleted":
            feed.people[key] = SourcePerson(key, "users.csv", number, role=role, leaving=True)
            continue
        for column, label in (("givenName", "givenName (first name)"), ("familyName", "familyName (last name)")):
            if not cells[column]:
                problems.append(Problem("users.csv", number, f"{label} is empty."))
            elif len(cells[column]) > 150:
                problems.append(Problem("users.csv", number, f"{label} is longer than 150 characters."))
        email = cells.get("email", "").lower()
        if email and not email_check(email):
            problems.append(Problem("users.csv", number, f'email "{email}" is not an email address.'))
        grade = cells.get("grades", "").split(",")[0].strip()
        year_group = year_group_parse(grade) if grade else None
        if role == Role.PUPIL and grade and year_group is None:
            problems.append(Problem("users.csv", number, f'grades "{grade}" is not a year group from 1 to 13.'))
        feed.people[key] = SourcePerson(
            key,
            "users.csv",
            number,
            role=role,
            first_name=cells["givenName"],
            last_name=cells["familyName"],
            email=email,
            year_group=year_group if role == Role.PUPIL else None,
            form="" if role == Role.PUPIL and modes.get("enrollments.csv") == "bulk" else None,
        )
    problems += _forms_from_enrollments(feed, enrollments, all_classes, known, users)
    problems += _emails_unique(feed)
    for person in feed.people.values():
        if (
            person.role == Role.PUPIL
            and not person.leaving
            and person.first_name is not None
            and person.year_group is None
        ):
            problems.append(
                Problem(person.file, person.row, "this pupil has no year group (grades on the user or the form).")
            )
    feed.problems = sorted(problems, key=lambda problem: (problem.file, problem.row or 0))
    return feed


def _forms_from_enrollments(
    feed: RosterFeed, enrollments: dict[str, dict], classes: dict[str, dict], known: KnownRoster, users: dict
) -> list[Problem]:
    """A pupil's form is their homeroom class. A delta's tobedeleted homeroom enrolment, with no new
    one, takes them out of their form."""
    problems = []
    homerooms: dict[str, list[tuple[bool, str, dict]]] = defaultdict(list)
    removed: set[str] = set()
    for cells in enrollments.values():
        number = cells["_row"]
        class_id, user_id = cells["classSourcedId"], cells["userSourcedId"]
        if class_id not in classes:
            problems.append(Problem("enrollments.csv", number, f'class "{class_id}" is not in classes.csv.'))
            continue
        if user_id not in users and user_id not in known.people:
            problems.append(Problem("enrollments.csv", number, f'user "{user_id}" is not in users.csv.'))
            continue
        if not classes[class_id]["homeroom"] or cells["role"] != "student":
            continue
        if cells["status"] == "tobedeleted":
            removed.add(user_id)
        else:
            homerooms[user_id].append((cells.get("primary") != "true", classes[class_id]["title"], classes[class_id]))
    for user_id in removed | set(homerooms):
        person = feed.people.get(user_id)
        if person is None:
            if user_id in users:
                continue  # a record this school does not hold (another school, a parent)
            person = feed.people[user_id] = SourcePerson(user_id, "enrollments.csv", 0, role=Role.PUPIL)
        if person.leaving:
            continue
        if homerooms.get(user_id):
            _not_primary, title, homeroom = min(homerooms[user_id], key=lambda item: item[:2])
            person.form = title
            if person.year_group is None and person.first_name is not None:
                person.year_group = homeroom["grade"]
        else:
            person.form = ""
    return problems


def _emails_unique(feed: RosterFeed) -> list[Problem]:
    seen: dict[str, SourcePerson] = {}
    problems = []
    for person in feed.people.values():
        if not person.email:
            continue
        if person.email in seen:
            problems.append(
                Problem(person.file, person.row, f'email "{person.email}" is also on row {seen[person.email].row}.')
            )
        else:
            seen[person.email] = person
    return problems


register(
    RosterFormat(
        key="oneroster",
        label="OneRoster 1.1 (CSV zip)",
        help_text="The zip of manifest.csv, orgs.csv, users.csv, classes.csv, enrollments.csv and "
        "academicSessions.csv your MIS or Groupcall Xporter exports. Full and delta exports both work.",
        read=read,
    )
)
