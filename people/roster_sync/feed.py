"""What every roster source hands to the sync: the people it lists, the problems it found, and
whether it lists everyone (a full export) or only what changed (a delta).

A source is anything with a `read(*, data, known) -> RosterFeed`: today the CSV bundles of
OneRoster 1.1 and Microsoft SDS v2.1 (uploaded files), later a live feed (OneRoster REST, Wonde)
that fetches the same records over HTTP. The plan and the apply in `people.roster_sync.services`
only ever see a `RosterFeed`, so adding a source is one module and one `register` call.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from people.models import Role

SOURCE_ROLES = (Role.PUPIL, Role.STAFF)


@dataclass(frozen=True)
class Problem:
    file: str  # "" for the bundle as a whole
    row: int | None  # the line number a spreadsheet shows (header = 1); None for the whole file
    message: str

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row else "")
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self) -> dict:
        return {"file": self.file, "row": self.row, "message": self.message}


@dataclass
class SourcePerson:
    """One person as the source describes them. None means "this feed does not say" (a delta that
    only moves a pupil to another form): the stored value is kept."""

    source_id: str
    file: str
    row: int
    role: str | None = None  # Role.PUPIL or Role.STAFF
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    year_group: int | None = None
    form: str | None = None
    leaving: bool = False


@dataclass
class KnownRoster:
    """What earlier syncs of the school taught: a delta may name classes and people it does not repeat."""

    org_source_id: str = ""
    classes: dict[str, dict] = field(default_factory=dict)  # sourcedId -> {"title", "homeroom", "grade"}
    people: frozenset[str] = frozenset()  # source ids of the school's members


@dataclass
class RosterFeed:
    org_source_id: str = ""
    complete: bool = True  # everyone is listed, so members missing from it have left
    people: dict[str, SourcePerson] = field(default_factory=dict)
    classes: dict[str, dict] = field(default_factory=dict)
    ignored: int = 0  # records of people the school does not hold here (parents, other schools' staff)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class RosterFormat:
    key: str
    label: str
    help_text: str
    read: Callable[..., RosterFeed]  # read(*, data: bytes, known: KnownRoster) -> RosterFeed


FORMATS: dict[str, RosterFormat] = {}


def register(roster_format: RosterFormat) -> RosterFormat:
    FORMATS[roster_format.key] = roster_format
    return roster_format


def format_choices() -> list[tuple[str, str]]:
    return [(key, roster_format.label) for key, roster_format in FORMATS.items()]
