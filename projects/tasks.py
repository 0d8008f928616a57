"""Celery tasks of the projects app: adapters that call a service (STYLE: tasks are adapters)."""

from celery import shared_task


@shared_task(name="projects.close_due_decisions")
def close_due_decisions() -> int:
    """Close every decision whose closing time has passed. Safe to run often or twice: closing is a
    conditional update, so a decision is closed (and its result published) exactly once."""
    from projects.services.voting import decisions_close_due

    return decisions_close_due()
