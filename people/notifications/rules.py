"""Who may do what with notifications (imported by the views, so registered before any request)."""

import rules

from people.rules import is_staff_member

rules.add_rule("notifications.view_failed_emails", is_staff_member)
rules.add_rule("notifications.retry_email", is_staff_member)
