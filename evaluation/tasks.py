"""Celery tasks of the evaluation app: adapters that call a service."""

from celery import shared_task


@shared_task(name="evaluation.purge_closed_drafts")
def purge_closed_drafts() -> int:
    """Run daily: unsent answers of surveys past their closing time are deleted."""
    from evaluation.services import drafts_purge_closed

    return drafts_purge_closed()


@shared_task(name="evaluation.report_export_make")
def report_export_make(export_id: int) -> bool:
    """Make one report PDF. Safe to run twice: the export is claimed before any work."""
    from evaluation.reports.exports import report_export_make as make

    return make(export_id=export_id)


@shared_task(name="evaluation.termly_reports")
def termly_reports() -> int:
    """Run daily: after a term ends, each school's report for it, and word to its leaders (once)."""
    from evaluation.reports.exports import termly_reports_make

    return termly_reports_make()


@shared_task(name="evaluation.close_due_surveys")
def close_due_surveys() -> int:
    """Periodic (Celery beat): close the surveys past their closing time; a rerun closes nothing twice."""
    from evaluation.services import surveys_close_due

    return surveys_close_due()


@shared_task(name="evaluation.move_held_answers")
def move_held_answers() -> int:
    """Periodic (beat, every minute): held survey answers into the results in shuffled batches of 5+."""
    from evaluation.holding import held_responses_move_all

    return held_responses_move_all()
