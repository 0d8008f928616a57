import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproschool.settings")
application = get_asgi_application()

from coproschool.celery import beat_start_in_process  # noqa: E402 (needs the settings loaded above)

beat_start_in_process()
