"""The one place Celery is wired to Django (STYLE: Celery wiring lives here only)."""

import os
import threading

from celery import Celery, beat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproschool.settings")

app = Celery("coproschool")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# How long the in-process beat may sleep between looks at its schedule (the shortest job is a minute).
IN_PROCESS_BEAT_INTERVAL = 5

_in_process_beat = None
_in_process_beat_lock = threading.Lock()


class InProcessBeat(threading.Thread):
    """Celery beat in a daemon thread: it dies with the web process, and `stop()` ends it cleanly."""

    def __init__(self, scheduler_cls: str):
        super().__init__(name="in-process-beat", daemon=True)
        self.service = beat.Service(app, scheduler_cls=scheduler_cls, max_interval=IN_PROCESS_BEAT_INTERVAL)

    def run(self) -> None:
        from django.db import connections

        try:
            self.service.start()
        finally:
            connections.close_all()  # this thread's own connections

    def stop(self) -> None:
        self.service.stop(wait=True)
        self.join()


def beat_start_in_process() -> InProcessBeat | None:
    """Run Celery beat in a thread of this web process, when settings.SCHEDULE_IN_PROCESS says so.

    The embedded install (no REDIS_URL) has no broker, no worker and no beat: tasks are eager, so
    whatever beat sends runs right here. Called by wsgi.py and asgi.py, so it starts in the process
    that serves requests: under runserver that is the autoreloader's child (the watching parent
    never loads the application), and never under pytest. The schedule and each entry's last run
    are the production ones (django-celery-beat's DatabaseScheduler), so a restart neither skips
    nor repeats a daily job; and every job is idempotent, so two processes running it is harmless.
    """
    from django.conf import settings

    global _in_process_beat
    if not settings.SCHEDULE_IN_PROCESS:
        return None
    with _in_process_beat_lock:
        if _in_process_beat is None:
            # Beat sends a task it does not know to the broker, where nobody listens in this install;
            # known tasks run eagerly. A worker imports every app's tasks at start; do it here too.
            app.loader.import_default_modules()
            _in_process_beat = InProcessBeat(settings.CELERY_BEAT_SCHEDULER)
            _in_process_beat.start()
    return _in_process_beat
