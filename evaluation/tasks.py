"""Celery tasks of the evaluation app: adapters that call a service."""

from celery import shared_task


@shared_task(name="evaluation.purge_closed_drafts")
def purge_closed_drafts() -> int:
    """Run daily: unsent answers of surveys past their closing time are deleted."""
    from evaluation.services import drafts_purge_closed

    return drafts_purge_closed()
