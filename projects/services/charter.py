"""Writes for the power-sharing charter. Each save is a version in the charter's history."""

from decimal import Decimal

from django.db import transaction

from audit.services import log_action
from people.models import Membership
from projects.errors import NotAllowed
from projects.models import Charter

CHARTER_FIELDS = ("term", "may_decide", "budget_money", "budget_time", "budget_space", "red_lines", "accepted_risks")


@transaction.atomic
def charter_save(*, leader: Membership, term: str, may_decide: str, budget_money: Decimal, **fields: str) -> Charter:
    """Create or edit the school's charter. `fields`: budget_time, budget_space, red_lines, accepted_risks."""
    if not leader.is_leader:
        raise NotAllowed("Only school leaders set the charter.")
    unknown = set(fields) - set(CHARTER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown charter fields: {', '.join(sorted(unknown))}")
    if budget_money < 0:
        raise NotAllowed("The money envelope cannot be negative.")
    values = {"term": term.strip(), "may_decide": may_decide.strip(), "budget_money": budget_money}
    values |= {name: value.strip() for name, value in fields.items()}
    charter, created = Charter.objects.update_or_create(school=leader.school, defaults={**values, "updated_by": leader})
    log_action(actor=leader.user, verb="charter.save", target=charter, data={"created": created})
    return charter
