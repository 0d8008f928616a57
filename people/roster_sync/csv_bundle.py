"""Reading a zip of CSV files (the shape both OneRoster 1.1 and SDS v2.1 exports take): each file's
header checked against the columns its format defines, every row kept with its line number."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from people.roster_sync.feed import Problem

# A zip is small; what it expands to is checked before reading, so a zip bomb is refused unread.
MAX_EXPANDED_BYTES = 300 * 1024 * 1024
EMAIL_PATTERN = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
YEAR_PATTERN = re.compile(r"^(?:year|yr|y)?\s*0?(\d{1,2})$", re.IGNORECASE)


@dataclass
class Table:
    name: str
    rows: list[tuple[int, dict[str, str]]]  # (line number, cells by column)


def bundle_open(data: bytes) -> tuple[dict[str, bytes], list[Problem]]:
    """The zip's files by name (folders inside the zip are ignored), or the problem that stops reading."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return {}, [Problem("", None, "The upload is not a zip file. Upload the zip your export produced.")]
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if sum(info.file_size for info in infos) > MAX_EXPANDED_BYTES:
        return {}, [Problem("", None, "The zip expands to more than 300 MB: that is not a school roster.")]
    files: dict[str, bytes] = {}
    problems = []
    for info in infos:
        name = info.filename.rsplit("/", 1)[-1]
        if name.startswith(".") or info.filename.startswith("__MACOSX/"):
            continue  # what macOS adds when it zips a folder
        if name in files:
            problems.append(Problem(name, None, "the zip holds two files of this name."))
        files[name] = archive.read(info)
    return files, problems


def table_read(
    name: str, data: bytes, *, required: tuple[str, ...], optional: tuple[str, ...], extension_prefix: str = ""
) -> tuple[Table | None, list[Problem]]:
    """Read one CSV file. Headers are case-sensitive in both specs; a column neither format defines
    is refused (a misspelt "givenname" would otherwise import every pupil without a first name)."""
    try:
        # "utf-8-sig": a byte-order mark, as Excel writes, is not part of the first column's name.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        return None, [Problem(name, row, "the file is not UTF-8 text, as the format requires.")]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip() for column in next(reader)]
    except StopIteration:
        return None, [Problem(name, None, "the file is empty: it needs at least its header row.")]
    problems = []
    known = set(required) | set(optional)
    for column in header:
        if column not in known and not (extension_prefix and column.startswith(extension_prefix)):
            problems.append(Problem(name, 1, f'unknown column "{column}".'))
    for column in sorted({column for column in header if header.count(column) > 1}):
        problems.append(Problem(name, 1, f'the column "{column}" appears twice.'))
    missing = [column for column in required if column not in header]
    if missing:
        problems.append(Problem(name, 1, f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}."))
    if problems:
        return None, problems
    rows = []
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                problems.append(Problem(name, reader.line_num, f"{len(values)} values for {len(header)} columns."))
                continue
            rows.append(
                (reader.line_num, {column: value.strip() for column, value in zip(header, values, strict=True)})
            )
    except csv.Error as error:
        problems.append(Problem(name, reader.line_num, f"the file cannot be read as CSV ({error})."))
    return Table(name, rows), problems


def duplicates_find(table: Table, column: str = "sourcedId") -> tuple[dict[str, dict], list[Problem]]:
    """Rows by their id; a repeated id is a problem on the repeat (the source would mean two people)."""
    by_id: dict[str, dict] = {}
    first_row: dict[str, int] = {}
    problems = []
    for number, cells in table.rows:
        key = cells[column]
        if not key:
            problems.append(Problem(table.name, number, f"{column} is empty."))
        elif key in by_id:
            problems.append(Problem(table.name, number, f'{column} "{key}" is also on row {first_row[key]}.'))
        else:
            by_id[key] = {**cells, "_row": number}
            first_row[key] = number
    return by_id, problems


def year_group_parse(value: str) -> int | None:
    """ "7", "07", "Year 7", "Y7" → 7. UK feeds carry the National Curriculum year in the grade fields."""
    match = YEAR_PATTERN.match(value.strip())
    if match and 1 <= int(match.group(1)) <= 13:
        return int(match.group(1))
    return None


def email_check(value: str) -> bool:
    return bool(EMAIL_PATTERN.match(value))
