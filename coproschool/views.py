"""Views that belong to the site, not to one domain."""

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except DatabaseError as error:
        return f"error: {error.__class__.__name__}"


def _broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    try:
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        return "ok"
    except redis.RedisError as error:
        return f"error: {error.__class__.__name__}"


@never_cache
def healthz(request):
    """For load balancers and monitoring: 503 when the database cannot be reached."""
    database = _database_state()
    broker = _broker_state()
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database, "broker": broker}, status=status)
