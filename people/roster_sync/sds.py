"""Microsoft School Data Sync v2.1 CSV: orgs.csv, users.csv and roles.csv (classes.csv and
enrollments.csv when classes are synced too). Every upload is the full set (SDS has no delta
files), so members missing from it have left. SDS has no form groups: it sets year groups (from
`grade` in roles.csv) and leaves forms as they are.
"""

from people.models import Role
from people.roster_sync.csv_bundle import bundle_open, duplicates_find, email_check, table_read, year_group_parse
from people.roster_sync.feed import KnownRoster, Problem, RosterFeed, RosterFormat, SourcePerson, register

COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # file -> (required, optional)
    "orgs.csv": (("sourcedId", "name", "type"), ("parentSourcedId",)),
    "users.csv": (
        ("sourcedId", "username"),
        (
            "familyName",
            "givenName",
            "middleName",
            "preferredGivenName",
            "preferredMiddleName",
            "preferredFamilyName",
            "activeDirectoryMatchId",
            "email",
            "password",
            "phone",
            "sms",
            "userNumber",
        ),
    ),
    "roles.csv": (
        ("userSourcedId", "orgSourcedId", "role"),
        ("sessionSourcedId", "grade", "isPrimary", "roleStartDate", "roleEndDate"),
    ),
    "classes.csv": (
        ("sourcedId", "orgSourcedId", "title"),
        ("sessionSourcedIds", "courseSourcedId", "code", "subject", "periods", "location"),
    ),
    "enrollments.csv": (("classSourcedId", "userSourcedId", "role"), ()),
    "academicSessions.csv": (("sourcedId", "title", "type", "schoolYear", "startDate", "endDate"), ()),
}
REQUIRED_FILES = ("orgs.csv", "users.csv", "roles.csv")
OPTIONAL_FILES = {"courses.csv", "demographics.csv", "userFlags.csv", "relationships.csv"}
PUPIL_ROLES = {"student"}
# SDS v2.1's staff roles (its enumeration, less student, guardian-like and alumni ones).
STAFF_ROLES = {
    "principal", "chair", "professor", "researcher", "adjunct", "affiliate", "occupationalTherapist",
    "physicalTherapist", "speechTherapist", "visionTherapist", "paraprofessional", "specialServices", "advisor",
    "proctor", "nurse", "officeStaff", "lecturer", "itAdmin", "administrator", "teacher", "faculty", "staff",
    "teacherAssistant", "assistant", "instructor", "substitute", "coach",
}  # fmt: skip
OTHER_ROLES = {"alumni", "other"}


def read(*, data: bytes, known: KnownRoster) -> RosterFeed:
    files, problems = bundle_open(data)
    if problems or not files:
        return RosterFeed(problems=problems or [Problem("", None, "The zip is empty.")])
    for name in files:
        if name not in COLUMNS and name not in OPTIONAL_FILES:
            problems.append(Problem(name, None, "SDS v2.1 defines no file of this name."))
    for name in REQUIRED_FILES:
        if name not in files:
            problems.append(Problem(name, None, "SDS v2.1 needs this file; it is missing."))
    if ("classes.csv" in files) != ("enrollments.csv" in files):
        problems.append(Problem("", None, "classes.csv and enrollments.csv come together: the zip has only one."))
    tables = {}
    for name, (required, optional) in COLUMNS.items():
        if name in files:
            tables[name], table_problems = table_read(name, files[name], required=required, optional=optional)
            problems += table_problems
    if problems:
        return RosterFeed(problems=problems)
    orgs, org_problems = duplicates_find(tables["orgs.csv"])
    users, user_problems = duplicates_find(tables["users.csv"])
    problems += org_problems + user_problems
    schools = [key for key, cells in orgs.items() if cells["type"].lower() == "school"]
    if known.org_source_id in orgs:
        org_id = known.org_source_id
    elif len(schools) == 1:
        org_id = schools[0]
    else:
        org_id = ""
        problems.append(Problem("orgs.csv", None, f"{len(schools)} orgs of type school: export exactly one school."))
    if "classes.csv" in tables:
        for number, cells in tables["classes.csv"].rows:
            if cells["orgSourcedId"] not in orgs:
                problems.append(
                    Problem("classes.csv", number, f'the class\'s school "{cells["orgSourcedId"]}" is not in orgs.csv.')
                )

    feed = RosterFeed(org_source_id=org_id, complete=True)
    roles: dict[str, tuple[int, str, str]] = {}
    for number, cells in tables["roles.csv"].rows:
        role = cells["role"]
        if cells["userSourcedId"] not in users:
            problems.append(Problem("roles.csv", number, f'user "{cells["userSourcedId"]}" is not in users.csv.'))
        if cells["orgSourcedId"] not in orgs:
            problems.append(Problem("roles.csv", number, f'org "{cells["orgSourcedId"]}" is not in orgs.csv.'))
        if role not in PUPIL_ROLES | STAFF_ROLES | OTHER_ROLES:
            problems.append(Problem("roles.csv", number, f'unknown role "{role}".'))
        elif cells["orgSourcedId"] == org_id and role not in OTHER_ROLES:
            kind = Role.PUPIL if role in PUPIL_ROLES else Role.STAFF
            previous = roles.get(cells["userSourcedId"])
            if previous and previous[1] != kind:
                problems.append(Problem("roles.csv", number, f"a pupil and staff at once (see row {previous[0]})."))
            roles[cells["userSourcedId"]] = (number, kind, cells.get("grade", ""))
    emails: dict[str, int] = {}
    for key, cells in users.items():
        if key not in roles:
            feed.ignored += 1
            continue
        number = cells["_row"]
        _role_row, role, grade = roles[key]
        for column in ("givenName", "familyName"):
            if not cells.get(column):
                problems.append(Problem("users.csv", number, f"{column} is empty."))
        email = (cells.get("email") or "").lower()
        if email and not email_check(email):
            problems.append(Problem("users.csv", number, f'email "{email}" is not an email address.'))
        elif email in emails:
            problems.append(Problem("users.csv", number, f'email "{email}" is also on row {emails[email]}.'))
        elif email:
            emails[email] = number
        year_group = None
        if role == Role.PUPIL:
            year_group = year_group_parse(grade)
            if year_group is None:
                problems.append(Problem("roles.csv", _role_row, f'grade "{grade}" is not a year group from 1 to 13.'))
        feed.people[key] = SourcePerson(
            key,
            "users.csv",
            number,
            role=role,
            first_name=cells.get("givenName", ""),
            last_name=cells.get("familyName", ""),
            email=email,
            year_group=year_group,
        )
    feed.problems = sorted(problems, key=lambda problem: (problem.file, problem.row or 0))
    return feed


register(
    RosterFormat(
        key="sds",
        label="Microsoft School Data Sync v2.1 (CSV zip)",
        help_text="The zip of orgs.csv, users.csv and roles.csv (with classes.csv and enrollments.csv if you have "
        "them) that you upload to School Data Sync.",
        read=read,
    )
)
