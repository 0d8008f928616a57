"""A pupil's portfolio: everything they did, across needs, projects, ideas, decisions and delivery.

One query per kind of entry, whatever the pupil did (tests/projects/test_portfolio.py counts them).
Hidden content is the pupil's own to see, marked as hidden; nobody else sees it here. Whether others
may see that the pupil wrote something anonymous is `Authored.author_visible_to`, the one anonymity
rule. Votes come from `VoterRecord`: that she voted, never how (ballots have no link to voters).
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from people.models import Membership
from projects.models import (
    Attendance,
    AttendanceStatus,
    Authored,
    Backing,
    Goal,
    Idea,
    IdeaComment,
    Need,
    NeedComment,
    PeerRole,
    Project,
    ProjectMembership,
    Task,
    TaskStatus,
    VoterRecord,
)

# A comment is shown by its first words: enough to recognise it, not a copy of the thread.
COMMENT_EXCERPT_WORDS = 12


@dataclass(frozen=True)
class Entry:
    text: str
    where: str = ""  # the project or need it belongs to
    on: date | None = None
    url: str = ""
    hidden: bool = False  # only ever True for the pupil themself


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    entries: list[Entry]
    empty: str = "None yet."


@dataclass
class Portfolio:
    pupil: Membership
    sections: list[Section]
    produced_on: date = field(default_factory=timezone.localdate)

    @property
    def since(self) -> date | None:
        """The day of the earliest entry: where the record's period starts."""
        days = [entry.on for section in self.sections for entry in section.entries if entry.on]
        return min(days, default=None)

    def shown_to_others(self) -> "Portfolio":
        """Without what is hidden from others: the record of achievement is taken away and shown."""
        sections = [replace(s, entries=[e for e in s.entries if not e.hidden]) for s in self.sections]
        return replace(self, sections=sections)

    @property
    def period(self) -> str:
        end = date_format(self.produced_on, "j F Y")
        return f"{date_format(self.since, 'j F Y')} to {end}" if self.since else f"Up to {end}"


def _day(moment: datetime | date | None) -> date | None:
    return timezone.localdate(moment) if isinstance(moment, datetime) else moment


def _shown(item, *, mine: bool, viewer: Membership) -> bool:
    """The pupil sees all they wrote; others never see it hidden, nor anonymous unless they may know
    who wrote it (staff may: `author_visible_to`)."""
    if mine:
        return True
    return not item.is_hidden and (not isinstance(item, Authored) or item.author_visible_to(viewer))


def _excerpt(body: str) -> str:
    words = body.split()
    return " ".join(words[:COMMENT_EXCERPT_WORDS]) + ("…" if len(words) > COMMENT_EXCERPT_WORDS else "")


def portfolio_for(*, pupil: Membership, viewer: Membership) -> Portfolio:
    """The pupil's portfolio as `viewer` may read it (the rule `projects.view_portfolio` is checked first)."""
    mine = viewer.pk == pupil.pk

    def keep(items):
        items = list(items)
        for item in items:
            if isinstance(item, Authored) and item.author_id == pupil.pk:
                item.author = pupil  # her consent decides whether her name shows: no query per item
        return [item for item in items if _shown(item, mine=mine, viewer=viewer)]

    # A hidden need or idea stays out with what the pupil did on it, unless it is the pupil's own
    # and the pupil is reading.
    visible_need = Q(need__hidden_at__isnull=True) | (Q(need__author=pupil) if mine else Q(pk__in=[]))
    visible_idea = Q(idea__hidden_at__isnull=True) | (Q(idea__authors=pupil) if mine else Q(pk__in=[]))

    def url(obj) -> str:
        # Links for the pupil, who can open all of it; a parent or staff member may not (a goal is
        # its pupil's, staff's and parents' only, a session its members' and staff's).
        return obj.get_absolute_url() if mine else ""

    needs = keep(Need.objects.filter(author=pupil).order_by("created_at", "pk"))
    backed = Backing.objects.filter(visible_need, membership=pupil).select_related("need").order_by("created_at")
    places = ProjectMembership.objects.filter(membership=pupil).select_related("project").order_by("joined_at")
    proposed = Project.objects.filter(created_by=pupil).order_by("created_at", "pk")
    ideas = keep(
        Idea.objects.filter(Q(authors=pupil) | Q(created_by=pupil))
        .select_related("project")
        .distinct()
        .order_by("created_at", "pk")
    )
    need_comments = keep(
        NeedComment.objects.filter(visible_need, author=pupil).select_related("need").order_by("created_at", "pk")
    )
    idea_comments = keep(
        IdeaComment.objects.filter(visible_idea, author=pupil)
        .select_related("idea__project")
        .distinct()
        .order_by("created_at", "pk")
    )
    votes = VoterRecord.objects.filter(membership=pupil).select_related("decision__project").order_by("voted_on")
    tasks = Task.objects.filter(owners=pupil, status=TaskStatus.DONE).select_related("project").order_by("done_on")
    attended = (
        Attendance.objects.filter(membership=pupil, status=AttendanceStatus.PRESENT)
        .select_related("session__project")
        .order_by("session__held_on", "pk")
    )
    peer_roles = PeerRole.objects.filter(holder=pupil).select_related("project", "supports__user").order_by("since")
    goals = Goal.objects.filter(pupil=pupil, met_on__isnull=False).order_by("met_on", "pk")

    sections = [
        Section(
            "needs",
            "Needs raised",
            [Entry(n.title, n.get_status_display(), _day(n.created_at), url(n), n.is_hidden) for n in needs],
        ),
        Section(
            "backed",
            "Needs backed",
            [Entry(b.need.title, "", _day(b.created_at), url(b.need)) for b in backed],
        ),
        Section(
            "projects",
            "Projects and roles",
            [
                Entry(f"{pm.get_role_display()} in {pm.project.title}", "", _day(pm.joined_at), url(pm.project))
                for pm in places
            ]
            + [
                Entry(
                    f"{role.get_kind_display()} in {role.project.title}"
                    + (f", supporting {role.supports.user.display_name}" if role.supports else ""),
                    "",
                    role.since,
                    url(role.project),
                )
                for role in peer_roles
            ],
        ),
        Section(
            "proposed",
            "Projects proposed",
            [Entry(p.title, p.get_stage_display(), _day(p.created_at), url(p)) for p in proposed],
        ),
        Section(
            "ideas",
            "Ideas",
            [Entry(i.title, i.project.title, _day(i.created_at), url(i), i.is_hidden) for i in ideas],
        ),
        Section(
            "comments",
            "Comments",
            [
                Entry(_excerpt(c.body), target.title, _day(c.created_at), url(c), c.is_hidden)
                for c, target in sorted(
                    [(c, c.need) for c in need_comments] + [(c, c.idea) for c in idea_comments],
                    key=lambda pair: pair[0].created_at,
                )
            ],
        ),
        Section(
            "votes",
            "Votes cast",
            [
                Entry(f"Voted in “{r.decision.title}”", r.decision.project.title, r.voted_on, url(r.decision))
                for r in votes
            ],
        ),
        Section(
            "tasks",
            "Tasks done",
            [Entry(t.title, t.project.title, t.done_on, url(t.project)) for t in tasks],
        ),
        Section(
            "sessions",
            "Sessions attended",
            [Entry(a.session.place, a.session.project.title, a.session.held_on, url(a.session)) for a in attended],
        ),
        Section(
            "goals",
            "Goals met",
            [Entry(g.goal, "", g.met_on, url(g)) for g in goals],
        ),
    ]
    return Portfolio(pupil=pupil, sections=sections)
