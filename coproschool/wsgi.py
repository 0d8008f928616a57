import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproschool.settings")
application = get_wsgi_application()

from coproschool.celery import beat_start_in_process  # noqa: E402 (needs the settings loaded above)

beat_start_in_process()
