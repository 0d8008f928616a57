"""Money as pupils write it: £320 for whole pounds, £12.50 otherwise (static/js/budget_ballot.js does the same)."""

from decimal import Decimal


def pounds(amount: Decimal | int | str) -> str:
    amount = Decimal(amount)
    return f"£{amount:.0f}" if amount == amount.to_integral_value() else f"£{amount:.2f}"
