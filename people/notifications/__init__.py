"""Notifications: the in-app inbox, emails (single or weekly digest), reminders and the task outbox.

Other apps use two entry points: `services.notify(...)` to tell people something exactly once, and
`outbox.enqueue(task, **kwargs)` to queue any Celery task safely (never `.delay()` directly).
"""
