"""Data rights pages: a person downloads their own data; staff download a pupil's (subject access)."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from people.access import require_rule
from people.services.privacy import person_export
from people.views import _person_or_404


def _json_download(user, filename_stem: str) -> HttpResponse:
    body = json.dumps(person_export(user=user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}-{day}.json"'
    add_never_cache_headers(response)  # personal data must not stay in a shared computer's cache
    return response


@login_required
def my_data(request):
    """Everything coproschool holds about the signed-in person, as JSON."""
    return _json_download(request.user, "my-data")


@require_rule("people.export_person_data")
def person_data(request, pk: int):
    """A pupil's data for staff answering a subject access request (from the pupil's page)."""
    person = _person_or_404(request, pk, pupil_only=True)
    return _json_download(person.user, f"data-{person.user.username}")
