"""Write-behind for rows a change only appends (trail entries, stage results, notifications, audit records …).

Inside `deferred()`, `insert(obj)` does not write at once: the row waits, and the waiting rows are written
together, one multi-row INSERT per table, when anything would see them:

- before any statement that names a table with waiting rows (a read of the trail sees the entry just
  appended), and before a savepoint is set;
- when the block ends, still inside the caller's transaction, so they commit or roll back with it.

`execute(sql, params, table)` defers a statement of raw SQL the same way (a log's rows and the UPDATE of its
head), and `update(obj, fields)` an UPDATE of a row the change holds (a case an action changed): waiting
statements run after the waiting rows, in the order they came.

A rollback to a savepoint drops the waiting rows (each savepoint first flushes, so every waiting row was
queued inside the one rolled back). On PostgreSQL a flush sends its INSERTs in one pipeline: one round trip
for all of them. Outside `deferred()`, `insert` writes at once. Only rows whose primary key nobody reads may
be deferred: a deferred row gets no id. The trigger is the table's name in the statement's text, so a statement
that reads a deferred table only through a view or a function would not see its waiting rows: call `flush()`
first."""

from __future__ import annotations

import functools
from contextlib import contextmanager

from django.db import connection, models

_ATTRIBUTE = "_onedoor_writebehind"


class _Queue:
    def __init__(self) -> None:
        self.rows: dict = {}  # model → [objects], in the order the models came
        self.raw: list = []  # (sql, params, many)
        self.tables: set[str] = set()
        self.flushing = False

    def add(self, objs) -> None:
        for obj in objs:
            model = type(obj)
            self.rows.setdefault(model, []).append(obj)
            self.tables.add(model._meta.db_table)

    def add_raw(self, statement, table: str) -> None:
        self.raw.append(statement)
        self.tables.add(table)

    def clear(self) -> None:
        self.rows, self.raw, self.tables = {}, [], set()

    def before(self, execute, sql, params, many, context):
        if self.tables and not self.flushing:
            head = sql.lstrip()[:24].upper()
            if head.startswith("ROLLBACK TO SAVEPOINT"):
                self.clear()
            elif head.startswith("SAVEPOINT") or any(table in sql for table in self.tables):
                self.flush()
        return execute(sql, params, many, context)

    def flush(self) -> None:
        if not self.tables:
            return
        pending, raw = self.rows, self.raw
        self.clear()
        statements = [statement for model, objs in pending.items() for statement in _insert_sql(model, objs)]
        statements += raw
        self.flushing = True
        try:
            _execute(statements)
        finally:
            self.flushing = False


_MAX_PARAMETERS = 65_535  # PostgreSQL's limit per statement (SQLite's is lower: bulk_batch_size says)


# Fields whose value, when it already has the field's own type (or is None), is the parameter itself: for
# these `get_db_prep_save` would only give the value back.
_PLAIN = (
    (models.BooleanField, bool),
    (models.CharField, str),
    (models.TextField, str),
    (models.IntegerField, int),
)


def _plain_type(field):
    """The type a value of `field` needs to go to the database as it is; None when it must be prepared."""
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    return next((kind for cls, kind in _PLAIN if isinstance(field, cls)), None)


@functools.cache
def _plan(model, vendor: str):
    """(head, row, fields, steps, relations) of the multi-row INSERT of `model`, computed once per model."""
    opts = model._meta
    fields = [f for f in opts.concrete_fields if not f.generated and f is not opts.auto_field]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    head = f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES "  # noqa: S608 (the model's names)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # pre_save only where a field overrides it (auto_now_add and the like set their value there)
    steps = [(f, f.attname, type(f).pre_save is not models.Field.pre_save, _plain_type(f)) for f in fields]
    relations = [f for f in fields if f.is_relation and f.many_to_one]
    return head, row, fields, steps, relations


def _link(obj, relations) -> None:
    """What `Model._prepare_related_fields_for_save` does for a new row: a related object assigned before it
    had an id gives its id now; an unsaved one is refused."""
    for field in relations:
        if not field.is_cached(obj):
            continue
        related = field.get_cached_value(obj)
        if related is None:
            continue
        if related.pk is None:
            raise ValueError(f"{type(obj).__name__}.{field.name}: the related object is not saved yet")
        if getattr(obj, field.attname) in field.empty_values:
            setattr(obj, field.name, related)


def _value(obj, field, attname: str, pre_save: bool, plain, *, add: bool = True):
    """One field's parameter, as `save()` prepares it: `pre_save` where the field overrides it, then
    `get_db_prep_save` unless the value already has the plain type the database takes."""
    value = field.pre_save(obj, add) if pre_save else getattr(obj, attname)
    if value is not None and type(value) is not plain:
        value = field.get_db_prep_save(value, connection=connection)
    return value


def _values(obj, steps) -> list:
    return [_value(obj, *step) for step in steps]


def _insert_sql(model, objs) -> list[tuple[str, list, bool]]:
    """Multi-row INSERTs for `objs` (pks unset), without RETURNING. Each value is prepared by its field as
    `save()` prepares it (`pre_save`, then `get_db_prep_save`, which plain values skip); the ORM's compiler
    cost more than the statement's round trip."""
    head, row, fields, steps, relations = _plan(model, connection.vendor)
    size = max(min(connection.ops.bulk_batch_size(fields, objs), _MAX_PARAMETERS // len(fields)), 1)
    statements = []
    for start in range(0, len(objs), size):
        chunk, params = objs[start : start + size], []
        for obj in chunk:
            _link(obj, relations)
            params.extend(_values(obj, steps))
            obj._state.adding, obj._state.db = False, connection.alias
        statements.append((head + ", ".join([row] * len(chunk)), params, False))
    return statements


def _execute(statements) -> None:
    if connection.vendor == "postgresql" and len(statements) > 1:
        # One round trip: errors come back when the pipeline syncs, turned into Django's as usual.
        with (
            connection.wrap_database_errors,
            connection.connection.pipeline(),
            connection.cursor() as cursor,
        ):
            for statement in statements:
                _run(cursor, *statement)
        return
    with connection.cursor() as cursor:
        for statement in statements:
            _run(cursor, *statement)


def _run(cursor, sql, params, many) -> None:
    if many:
        cursor.executemany(sql, params)
    else:
        cursor.execute(sql, params)


def _by_model(objs) -> dict:
    """{model: [objects]}, in the order the models came."""
    groups: dict = {}
    for obj in objs:
        groups.setdefault(type(obj), []).append(obj)
    return groups


def insert(*objs) -> None:
    """Write these new rows now (with their ids), or with the next flush inside `deferred()` (without)."""
    queue = getattr(connection, _ATTRIBUTE, None)
    if queue is not None:
        queue.add(objs)
        return
    for model, group in _by_model(objs).items():
        model._default_manager.bulk_create(group)


def insert_now(*objs) -> None:
    """Write these new rows now and give them their ids: one INSERT … RETURNING per table and batch, built as
    the deferred rows' are (the ORM's compiler cost more than the statement's round trip)."""
    for model, group in _by_model(objs).items():
        if not connection.features.can_return_rows_from_bulk_insert:
            model._default_manager.bulk_create(group)
            continue
        pk = model._meta.pk
        returning = f" RETURNING {connection.ops.quote_name(pk.column)}"
        start = 0
        with connection.cursor() as cursor:
            for sql, params, _many in _insert_sql(model, group):
                cursor.execute(sql + returning, params)
                rows = cursor.fetchall()
                for obj, (value,) in zip(group[start : start + len(rows)], rows, strict=True):
                    setattr(obj, pk.attname, value)
                start += len(rows)


def update(obj, attnames) -> None:
    """UPDATE these fields of a stored row, found by its primary key: now, or with the next flush inside
    `deferred()` (after the waiting INSERTs). Each value is prepared as `save()` prepares it. For a row the
    change holds locked, or one only this change writes: the statement's row count is not read."""
    if not attnames:
        return
    opts = type(obj)._meta
    fields = [opts.get_field(attname) for attname in attnames]
    quote = connection.ops.quote_name
    values = [_value(obj, f, f.attname, True, _plain_type(f), add=False) for f in fields]
    sets = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(opts.db_table)} SET {sets} WHERE {quote(opts.pk.column)} = %s"  # noqa: S608
    execute(sql, [*values, obj.pk], opts.db_table)


def execute(sql: str, params, table: str, *, many: bool = False) -> None:
    """Run a statement that writes `table` now, or with the next flush inside `deferred()`."""
    queue = getattr(connection, _ATTRIBUTE, None)
    if queue is not None:
        queue.add_raw((sql, params, many), table)
        return
    with connection.cursor() as cursor:
        _run(cursor, sql, params, many)


def flush() -> None:
    """Write the waiting rows now (inside `deferred()`; otherwise there are none)."""
    queue = getattr(connection, _ATTRIBUTE, None)
    if queue is not None:
        queue.flush()


@contextmanager
def deferred():
    """Defer `insert`'s rows until something would see them; call inside the change's transaction."""
    if getattr(connection, _ATTRIBUTE, None) is not None:  # an outer block already defers
        yield
        return
    queue = _Queue()
    setattr(connection, _ATTRIBUTE, queue)
    try:
        with connection.execute_wrapper(queue.before):
            yield
            queue.flush()
    finally:
        setattr(connection, _ATTRIBUTE, None)
