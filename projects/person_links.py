"""What a pupil's page (people:detail) links to here: their portfolio and record of achievement."""

from people.person_links import PersonLink, person_link_register

for label, url_name in [
    ("Portfolio: everything they did", "projects:portfolio"),
    ("Record of achievement (PDF)", "projects:portfolio_record"),
]:
    person_link_register(PersonLink(label, url_name, rule="projects.view_portfolio", pupils_only=True))
