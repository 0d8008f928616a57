import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AppendOnlyError, LogEntry
from audit.services import log_action
from projects.models import Stage
from projects.services.stages import project_move_stage

pytestmark = pytest.mark.django_db


def test_an_override_writes_one_entry_without_the_reason(project, facilitator):
    project_move_stage(project=project, actor=facilitator, to_stage=Stage.CO_DESIGN, override=True, reason="Term ends")
    (entry,) = LogEntry.objects.all()
    assert entry.verb == "stage.override" and entry.actor == facilitator.user and entry.target_id == project.pk
    assert entry.data["to"] == Stage.CO_DESIGN and "Term ends" not in str(entry.data)


def test_the_model_refuses_to_change_or_delete_an_entry(project, facilitator):
    entry = log_action(actor=facilitator.user, verb="stage.move", target=project, data={})
    entry.verb = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.parametrize("statement", ["UPDATE audit_logentry SET verb = 'x'", "DELETE FROM audit_logentry"])
def test_the_database_refuses_update_and_delete(project, facilitator, statement):
    log_action(actor=facilitator.user, verb="stage.move", target=project, data={})
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert LogEntry.objects.get().verb == "stage.move"
