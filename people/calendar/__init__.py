"""Private calendar feeds (iCalendar, RFC 5545): each person's sessions, deadlines, goals and closing
votes and surveys, at a secret address their calendar app subscribes to.

people keeps the address (`CalendarFeed`), writes the iCalendar text (`ical`) and serves it
(`views`); what goes in it comes from the apps above, which register a source each
(`sources.calendar_source`): projects (sessions, tasks, goals, votes) and evaluation (surveys).
A source returns only what that person may see in their school.
"""
