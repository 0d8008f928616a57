"""Mass assignment: a POST that carries extra fields (`school`, `role`, `author`, `stage`, `user`,
`membership`, `project`...) pointing at another school or a higher role writes exactly what the same
POST without them writes, or nothing at all. Compared over every row of every app table."""

import pytest
from django.apps import apps
from django.db import models, transaction

from tests.security.payloads import NOT_EXERCISED, POSTS
from tests.security.route_expectations import ROUTES
from tests.security.urlwalk import url_for, url_routes

pytestmark = pytest.mark.django_db

APPS = ("people", "projects", "evaluation")
# Values that differ on every run by design (random secrets, hashes of them).
ERASED = "erased-"  # an erased account's username: "erased-" and random letters
RANDOM_FIELDS = {
    "password", "cards", "token", "ballot_salt", "voter_hash", "ballot_hash", "key", "image", "thumbnail",
    "receipt",  # the SHA-256 of a random receipt shown once to the voter (issue 18)
    "secret_hash", "code_hash",  # a badge's random secret and code, hashed (people.badges)
}  # fmt: skip
# A notification's exactly-once key and link hold the new row's id ("projects.joinrequest:4",
# "/sessions/4/") or the moment of a change: like a new id or a timestamp, they differ between runs.
KEY_FIELDS = {
    ("people.Notification", "subject"),
    ("people.Notification", "period"),
    ("people.Notification", "url"),
    ("people.EmailDelivery", "body"),  # holds the notification's link
}


def extra_fields(other) -> dict:
    """Fields no form offers, aimed at another school, another person, a higher role, a later stage."""
    return {
        "school": other.school.pk,
        "school_id": other.school.pk,
        "role": "leader",
        "is_safeguarding_lead": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "author": other.pupil.pk,
        "created_by": other.leader.pk,
        "stage": "completed",
        "user": other.leader.user.pk,
        "membership": other.staff.pk,
        "project": other.project.pk,
        "need": other.need.pk,
        "survey": other.survey.pk,
        "recipient": other.staff.pk,
        "status": "closed",
        "anonymous": "",
    }


def _models():
    return [model for app in APPS for model in apps.get_app_config(app).get_models()]


def _ceilings() -> dict:
    """The highest id of every table now: ids above it are rows the request created."""
    return {
        model: model.objects.aggregate(top=models.Max("pk"))["top"] or 0
        for model in _models()
        if isinstance(model._meta.pk, models.AutoField)  # random UUID keys are "set" anyway
    }


def _ids_hidden(value):
    """Ids inside JSON (an outbox message's {"export_id": 9}) differ between runs on PostgreSQL,
    whose sequences do not roll back."""
    if isinstance(value, dict):
        return {
            k: "id" if k == "id" or k.endswith("_id") or k.endswith("_ids") else _ids_hidden(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_ids_hidden(v) for v in value]
    return value


def _target(model_field):
    """The table an id in this field points into, if any."""
    if model_field.is_relation:
        return model_field.related_model
    if model_field.primary_key:
        return model_field.model
    if model_field.name == "id" and hasattr(model_field.model, "instance_type"):
        return model_field.model.instance_type  # simple_history: the historical row's original
    return None


def _cell(model_field, value, ceilings):
    if value is None:
        return None
    if model_field.name in RANDOM_FIELDS or (isinstance(value, str) and value.startswith(ERASED)):
        return "random"
    if (model_field.model._meta.label, model_field.name) in KEY_FIELDS:
        return "key"
    if isinstance(model_field, models.DateTimeField | models.UUIDField):
        return "set"  # when it happened differs between runs; that it happened does not
    if isinstance(value, memoryview):
        return bytes(value)  # a BinaryField's buffer would compare by its address
    if isinstance(model_field, models.JSONField):
        return _ids_hidden(value)
    target = _target(model_field)
    if target is not None and isinstance(value, int) and value > ceilings.get(target, 0):
        return "new"
    return value


def snapshot(ceilings) -> dict:
    state = {}
    for model in _models():
        fields = model._meta.concrete_fields
        rows = model.objects.values_list(*[f.attname for f in fields])
        state[model._meta.label] = sorted(
            repr([_cell(f, v, ceilings) for f, v in zip(fields, row, strict=True)]) for row in rows
        )
    return state


def post_and_snapshot(client, url, data, ceilings):
    with transaction.atomic():
        response = client.post(url, data)
        state = snapshot(ceilings)
        transaction.set_rollback(True)
    assert response.status_code < 500, f"{url}: {response.status_code}"
    return state


def _diff(a: dict, b: dict) -> dict:
    return {label: (a[label], b[label]) for label in a if a[label] != b[label]}


def test_every_declared_post_route_has_a_payload_or_a_reason():
    posting = {name for name, route in ROUTES.items() if "POST" in route.methods and ":" in name}
    posting -= {name for name in posting if name.startswith(("admin:", "account_"))}
    assert posting - set(POSTS) - set(NOT_EXERCISED) == set()


def test_extra_fields_change_nothing_on_any_form(world, other_world, role_clients):
    routes = {route.key: route for route in url_routes()}
    ceilings = _ceilings()
    baseline = snapshot(ceilings)
    problems = []
    for name, post in POSTS.items():
        url = url_for(routes[name], ROUTES[name], world) + post.query
        client = role_clients[post.role]
        clean = post_and_snapshot(client, url, post.data(world), ceilings)
        if clean == baseline:
            problems.append(f"{name}: the valid POST wrote nothing (fix tests/security/payloads.py)")
            continue
        data = post.data(world)
        data.update({key: value for key, value in extra_fields(other_world).items() if key not in data})
        with_extras = post_and_snapshot(client, url, data, ceilings)
        if with_extras not in (clean, baseline):
            problems.append(f"{name}: extra fields changed what was written: {_diff(clean, with_extras)}")
    assert not problems, "\n".join(problems)
