"""Fast inserts for the benchmark seeder: COPY on PostgreSQL, bulk_create elsewhere (SQLite in tests).

Rows are plain tuples for the fields named; every other column gets its model default (called per
row when the default is callable, e.g. a UUID), so COPY sees complete rows although the models'
defaults live in Python. Primary keys are given by the caller (`IdBlock`), so related rows can be
built without reading anything back; `sequences_reset` puts the id sequences past them afterwards.
"""

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

CHUNK = 20_000


class IdBlock:
    """Hands out primary keys for a model after the highest one already in the table."""

    def __init__(self, model: type[models.Model]):
        self.next = (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1

    def take(self) -> int:
        self.next += 1
        return self.next - 1


def _missing_fields(model, fields: Sequence[str]) -> tuple[list, list]:
    """The concrete fields not given: (fields with one value for all rows, fields computed per row)."""
    given = set(fields)
    constant, per_row = [], []
    now = timezone.now()
    for field in model._meta.concrete_fields:
        if field.attname in given or (field.primary_key and not field.has_default()):
            continue  # an auto-increment key left out is numbered by the database
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            constant.append((field, now))
        elif field.has_default() and callable(field.default):
            per_row.append(field)
        else:
            constant.append((field, field.get_default()))
    return constant, per_row


def _csv_value(value):
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | dict):
        return json.dumps(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    return value


def insert(model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert `rows` (tuples in the order of `fields`, attnames like "school_id"); returns the count."""
    constant, per_row = _missing_fields(model, fields)
    if connection.vendor != "postgresql":
        extra = {field.attname: value for field, value in constant}
        objs = [model(**extra, **dict(zip(fields, row, strict=True))) for row in rows]
        model.objects.bulk_create(objs, batch_size=2000)
        return len(objs)
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    columns = [by_attname[name].column for name in fields]
    columns += [field.column for field, _ in constant] + [field.column for field in per_row]
    tail = [_csv_value(value) for _, value in constant]
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({quoted}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
    count = 0
    with connection.cursor() as cursor:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow([*(_csv_value(v) for v in row), *tail, *(_csv_value(f.get_default()) for f in per_row)])
            count += 1
            if count % CHUNK == 0:
                _flush(cursor, sql, buffer)
                buffer = io.StringIO()
                writer = csv.writer(buffer)
        _flush(cursor, sql, buffer)
    return count


def _flush(cursor, sql: str, buffer: io.StringIO) -> None:
    if buffer.tell():
        buffer.seek(0)
        cursor.cursor.copy_expert(sql, buffer)


def sequences_reset(model_list: Iterable[type[models.Model]]) -> None:
    """After rows with explicit ids, move each id sequence past the highest id (what loaddata does)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def statistics_refresh() -> None:
    """Give PostgreSQL's planner statistics for the new rows (and index-only scans a visibility map).

    Without it the planner sees the tables as nearly empty until autovacuum comes round, and picks
    sequential scans that made the first bench runs several times slower than the data deserves.
    VACUUM cannot run inside a transaction (the test suite's), where ANALYZE alone is done.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
