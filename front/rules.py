import rules

from people.rules import is_staff_member

# The living style page (/styleguide/): for the staff who build and check pages, not a pupil's page.
rules.add_rule("front.view_styleguide", is_staff_member)
