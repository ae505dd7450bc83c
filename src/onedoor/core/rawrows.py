"""Model instances from plain SQL rows, for the few hot reads where building the ORM query costs more than
running it (API token authentication, one case shown through the API). The instances are what the ORM would
give: every value goes through the backend's and the field's converters (aware datetimes on SQLite too), and
a row may carry only some of a model's columns (the others are deferred, as with `.only()`)."""

from __future__ import annotations

from functools import cache

from django.db import connection


@cache
def _loader(model, attnames: tuple[str, ...] | None, vendor: str):
    # In the model's field order whatever order `attnames` has: Model.from_db expects it so for a partial row.
    wanted = None if attnames is None else set(attnames)
    fields = [
        f for f in model._meta.concrete_fields if wanted is None or f.attname in wanted or f.name in wanted
    ]
    if wanted is not None and len(fields) != len(wanted):
        raise ValueError(f"{model.__name__} has no column among {sorted(wanted)} for some of them")
    steps = []
    for field in fields:
        column = field.get_col(model._meta.db_table)
        steps.append((column, connection.ops.get_db_converters(column) + field.get_db_converters(connection)))
    return [f.attname for f in fields], [f.column for f in fields], steps


def columns(model, alias: str, attnames: tuple[str, ...] | None = None) -> str:
    """`alias.col, …` for the model's concrete columns (or those of `attnames`), in the loader's order."""
    return ", ".join(f"{alias}.{c}" for c in _loader(model, attnames, connection.vendor)[1])


def width(model, attnames: tuple[str, ...] | None = None) -> int:
    return len(_loader(model, attnames, connection.vendor)[0])


def convert(model, attname: str, value):
    """One raw value of `model.attname` as the ORM gives it."""
    _names, _cols, steps = _loader(model, (attname,), connection.vendor)
    column, converters = steps[0]
    for converter in converters:
        value = converter(value, column, connection)
    return value


def instance(model, row, start: int, attnames: tuple[str, ...] | None = None):
    """(instance, next start): the model instance from `row[start:]`, laid out as `columns()` wrote it."""
    names, _cols, steps = _loader(model, attnames, connection.vendor)
    values = []
    for (column, converters), value in zip(steps, row[start : start + len(steps)], strict=True):
        for converter in converters:
            value = converter(value, column, connection)
        values.append(value)
    return model.from_db(connection.alias, names, values), start + len(steps)


def first(model, where: str, params, *, lock: bool = False):
    """The first `model` row matching `where` (SQL over alias `t`, values as parameters), or None; `lock`: held
    until the transaction ends (FOR UPDATE, where the database has it)."""
    sql = f"SELECT {columns(model, 't')} FROM {model._meta.db_table} t WHERE {where} LIMIT 1"  # noqa: S608 (the model's names; the caller's fixed SQL)
    if lock and connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else instance(model, row, 0)[0]
