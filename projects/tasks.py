"""Celery tasks of the projects app: adapters that take ids and call a service (STYLE: tasks are adapters).

Queue them with `people.notifications.outbox.enqueue(task, **kwargs)`, never `.delay()` directly.
"""

from celery import shared_task


@shared_task(name="projects.close_due_decisions")
def close_due_decisions() -> int:
    """Periodic (Celery beat): queue the closing of every decision whose time is up; returns how many.

    Running it twice, or on two workers, is harmless: each close is a conditional update, so a
    decision is closed, counted and announced exactly once.
    """
    from projects.services.voting import decisions_queue_due

    return decisions_queue_due()


@shared_task(name="projects.close_decision")
def close_decision(*, decision_id: int) -> bool:
    from projects.models import Decision
    from projects.services.voting import decision_close

    return decision_close(decision=Decision(pk=decision_id))


@shared_task(name="projects.safeguarding_escalate")
def safeguarding_escalate() -> int:
    """Periodic (Celery beat): concerns no lead opened in time go to the deputies and the head, once each."""
    from projects.services.safeguarding import safeguarding_escalate_due

    return safeguarding_escalate_due()


@shared_task(name="projects.move_held_ballots")
def move_held_ballots() -> int:
    """Periodic (beat, every minute): held ballots into `Ballot` in shuffled batches of 5 or more."""
    from projects.services.holding import held_ballots_move_all

    return held_ballots_move_all()
