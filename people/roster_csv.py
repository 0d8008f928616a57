"""Reading a pupil list (CSV) into rows, with every problem reported by row number and reason.

This module only reads the file; checks against the database (usernames taken, pupils already in
the school) are in `people.services.roster`. Row numbers are the line numbers a spreadsheet shows:
the header is row 1, the first pupil row 2.
"""

import csv
import re
from dataclasses import asdict, dataclass

from people.models import YEAR_GROUPS

REQUIRED_COLUMNS = {
    "first_name": "First name",
    "last_name": "Last name",
    "year_group": "Year group",
    "form": "Form",
}
OPTIONAL_COLUMNS = {"username": "Username"}

# Header spellings seen in school exports, after lower-casing and turning "_", "-" and runs of
# spaces into one space.
COLUMN_ALIASES = {
    "first name": "first_name",
    "firstname": "first_name",
    "forename": "first_name",
    "given name": "first_name",
    "last name": "last_name",
    "lastname": "last_name",
    "surname": "last_name",
    "family name": "last_name",
    "year group": "year_group",
    "yeargroup": "year_group",
    "year": "year_group",
    "form": "form",
    "form class": "form",
    "class": "form",
    "tutor group": "form",
    "username": "username",
    "user name": "username",
}
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}
NAME_MAX_LENGTH = 150
FORM_MAX_LENGTH = 20
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9._-]{3,30}$")
YEAR_PATTERN = re.compile(r"^(?:year|yr|y)?\s*(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the whole file (e.g. empty)
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}: {self.message}" if self.row else self.message


@dataclass
class RosterRow:
    row: int
    first_name: str
    last_name: str
    year_group: int
    form: str
    username: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ParsedRoster:
    rows: list[RosterRow]
    errors: list[RowError]


def _normalise_header(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", name.strip().lower())


def _decode(data: bytes) -> tuple[str | None, RowError | None]:
    try:
        # "utf-8-sig" drops the byte-order mark Excel writes at the start of "CSV UTF-8" files.
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        return None, RowError(
            row,
            f"the file is not UTF-8 text (unexpected byte 0x{data[error.start]:02x}). "
            'In Excel use "Save as" → "CSV UTF-8 (comma delimited)".',
        )


def _read_header(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    columns: dict[str, int] = {}
    errors = []
    for index, name in enumerate(header):
        key = COLUMN_ALIASES.get(_normalise_header(name))
        if key is None:
            continue  # Extra columns (date of birth, notes…) are ignored.
        if key in columns:
            errors.append(RowError(1, f'the column "{name.strip()}" appears twice.'))
        columns[key] = index
    missing = [label for key, label in REQUIRED_COLUMNS.items() if key not in columns]
    if missing:
        errors.append(
            RowError(
                1,
                f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}. "
                "The first row must name the columns: First name, Last name, Year group, Form (and optionally "
                "Username).",
            )
        )
    return columns, errors


def _wrong_delimiter(first_line: str) -> RowError | None:
    if "," in first_line:
        return None
    for delimiter, name in OTHER_DELIMITERS.items():
        if delimiter in first_line:
            return RowError(
                1,
                f"the columns are separated by {name}, not commas. "
                'Save the file as "CSV (comma delimited)" and upload it again.',
            )
    return None


def parse_year_group(value: str) -> int | None:
    match = YEAR_PATTERN.match(value.strip())
    if match and int(match.group(1)) in YEAR_GROUPS:
        return int(match.group(1))
    return None


def _read_row(number: int, values: list[str], columns: dict[str, int], width: int) -> RosterRow | list[RowError]:
    if any(value.strip() for value in values[width:]):  # Empty trailing cells from Excel are harmless.
        return [RowError(number, "this row has more values than the header. Put names containing commas in quotes.")]
    cells = {key: (values[index].strip() if index < len(values) else "") for key, index in columns.items()}
    errors = []
    for key in ("first_name", "last_name"):
        if not cells[key]:
            errors.append(RowError(number, f"{REQUIRED_COLUMNS[key].lower()} is empty."))
        elif len(cells[key]) > NAME_MAX_LENGTH:
            errors.append(RowError(number, f"{REQUIRED_COLUMNS[key].lower()} is longer than {NAME_MAX_LENGTH}."))
    year_group = parse_year_group(cells["year_group"])
    if year_group is None:
        errors.append(
            RowError(
                number,
                f'unknown year group "{cells["year_group"]}". Use a number from {YEAR_GROUPS[0]} to {YEAR_GROUPS[-1]}.',
            )
        )
    if len(cells["form"]) > FORM_MAX_LENGTH:
        errors.append(RowError(number, f"form is longer than {FORM_MAX_LENGTH} characters."))
    username = cells.get("username", "")
    if username and not USERNAME_PATTERN.match(username):
        errors.append(
            RowError(number, f'username "{username}" must be 3 to 30 letters, digits, dots, dashes or underscores.')
        )
    if errors:
        return errors
    return RosterRow(
        row=number,
        first_name=cells["first_name"],
        last_name=cells["last_name"],
        year_group=year_group,
        form=cells["form"],
        username=username.lower(),
    )


def _duplicates_in_file(rows: list[RosterRow]) -> list[RowError]:
    errors = []
    seen_usernames: dict[str, int] = {}
    seen_pupils: dict[tuple, int] = {}
    for row in rows:
        if row.username:
            if row.username in seen_usernames:
                errors.append(
                    RowError(row.row, f'username "{row.username}" is also on row {seen_usernames[row.username]}.')
                )
            else:
                seen_usernames[row.username] = row.row
            continue
        key = pupil_match_key(row.first_name, row.last_name, row.year_group, row.form)
        if key in seen_pupils:
            errors.append(
                RowError(
                    row.row,
                    f"repeats row {seen_pupils[key]} (same name, year group and form). "
                    "If these are two pupils, give each a username.",
                )
            )
        else:
            seen_pupils[key] = row.row
    return errors


def pupil_match_key(first_name: str, last_name: str, year_group: int | None, form: str) -> tuple:
    """How a row without a username is recognised as a pupil the school already has."""
    return (first_name.strip().casefold(), last_name.strip().casefold(), year_group, form.strip().casefold())


def parse_roster(data: bytes) -> ParsedRoster:
    """Read the uploaded bytes. Never raises for bad input: problems come back as `errors`."""
    text, error = _decode(data)
    if error:
        return ParsedRoster([], [error])
    if not text.strip():
        return ParsedRoster([], [RowError(None, "The file is empty. Upload a CSV with a header and a row per pupil.")])
    lines = text.splitlines()
    first_line = next(line for line in lines if line.strip())
    delimiter_error = _wrong_delimiter(first_line)
    if delimiter_error:
        return ParsedRoster([], [delimiter_error])

    reader = csv.reader(lines)
    header = next(reader)
    columns, errors = _read_header(header)
    if errors:
        return ParsedRoster([], errors)
    rows: list[RosterRow] = []
    try:
        for values in reader:
            number = reader.line_num
            if not any(value.strip() for value in values):
                continue  # Blank lines, often at the end of an export.
            result = _read_row(number, values, columns, len(header))
            if isinstance(result, RosterRow):
                rows.append(result)
            else:
                errors.extend(result)
    except csv.Error as csv_error:
        errors.append(RowError(reader.line_num, f"the file cannot be read as CSV ({csv_error})."))
    if not rows and not errors:
        errors.append(RowError(None, "The file has a header but no pupils."))
    errors.extend(_duplicates_in_file(rows))
    errors.sort(key=lambda e: e.row or 0)
    return ParsedRoster(rows, errors)
