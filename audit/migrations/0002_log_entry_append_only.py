from django.db import migrations

# Refuse UPDATE and DELETE at the database level, so no code path (update(), raw SQL, admin) can rewrite history.
POSTGRES_UP = """
CREATE FUNCTION audit_logentry_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit log entries are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_logentry_append_only BEFORE UPDATE OR DELETE ON audit_logentry
    FOR EACH ROW EXECUTE FUNCTION audit_logentry_refuse_change();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS audit_logentry_append_only ON audit_logentry;
DROP FUNCTION IF EXISTS audit_logentry_refuse_change();
"""
SQLITE_UP = [
    "CREATE TRIGGER audit_logentry_no_update BEFORE UPDATE ON audit_logentry "
    "BEGIN SELECT RAISE(ABORT, 'audit log entries are append-only'); END;",
    "CREATE TRIGGER audit_logentry_no_delete BEFORE DELETE ON audit_logentry "
    "BEGIN SELECT RAISE(ABORT, 'audit log entries are append-only'); END;",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_logentry_no_update;", "DROP TRIGGER IF EXISTS audit_logentry_no_delete;"]


def install(apps, schema_editor):
    statements = [POSTGRES_UP] if schema_editor.connection.vendor == "postgresql" else SQLITE_UP
    for statement in statements:
        schema_editor.execute(statement)


def remove(apps, schema_editor):
    statements = [POSTGRES_DOWN] if schema_editor.connection.vendor == "postgresql" else SQLITE_DOWN
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_log_entry")]
    operations = [migrations.RunPython(install, remove)]
