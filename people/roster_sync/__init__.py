"""Roster sync: a school's MIS feed (OneRoster 1.1, SDS v2.1, later a live API) kept in step with
its memberships — joiners created, movers updated, leavers' memberships ended."""

# Importing the formats registers them (people.roster_sync.feed.FORMATS).
from people.roster_sync import oneroster, sds  # noqa: F401
