"""Model instances from plain SQL, as the ORM makes them, without building a query.

Every view reads a few rows by the same few statements (the signed-in user and profile, a
scenario with its items, a share link); the ORM builds each query's SQL anew each time, which
cost more than running it. These functions run fixed SQL that names every concrete field of the
model(s) in field order and make the instances as the ORM does (`Model.from_db`, each value
through the database's and the field's converters, found once per model).
"""

import functools

from django.db import DEFAULT_DB_ALIAS, connections


def columns(model, alias: str = "", using: str = DEFAULT_DB_ALIAS) -> str:
    """Every concrete column of `model` in field order, quoted (each `alias.` first if given):
    the SELECT list `rows_of` and `joined_rows_of` read."""
    quote = connections[using].ops.quote_name
    start = f"{alias}." if alias else ""
    return ", ".join(f"{start}{quote(field.column)}" for field in model._meta.concrete_fields)


def rows_of(model, sql: str, params: list, using: str = DEFAULT_DB_ALIAS) -> list:
    """The rows of `sql` (every concrete field of `model`, in field order) as `model` instances,
    as the ORM makes them (`Model.from_db`, each value through the database's and the field's
    converters) without building a query: for the few queries of every view."""
    return [made for (made,) in joined_rows_of((model,), sql, params, using)]


def joined_rows_of(
    models: tuple, sql: str, params: list, using: str = DEFAULT_DB_ALIAS
) -> list[tuple]:
    """As `rows_of` for rows that hold every concrete field of each of `models` in turn (a join):
    each row as a tuple of instances, one per model."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return []
    alias = connection.alias
    shapes, start = [], 0
    for model in models:
        names = [field.attname for field in model._meta.concrete_fields]
        shapes.append((model, start, start + len(names), names, _converters(alias, model)))
        start += len(names)
    made = []
    for row in rows:
        instances = []
        for model, first, end, names, convert in shapes:
            values = list(row[first:end])
            for index, converters, column in convert:
                value = values[index]
                for converter in converters:
                    value = converter(value, column, connection)
                values[index] = value
            instances.append(model.from_db(alias, names, values))
        made.append(tuple(instances))
    return made


@functools.cache
def _converters(alias: str, model) -> tuple:
    """Per column of `model` that needs them: its index, its converters and its expression, as
    Django's SQL compiler finds them (the backend's, then the field's from_db_value)."""
    found = []
    for index, field in enumerate(model._meta.concrete_fields):
        column = field.get_col(model._meta.db_table)
        converters = connections[alias].ops.get_db_converters(column)
        converters += column.get_db_converters(connections[alias])
        if converters:
            found.append((index, tuple(converters), column))
    return tuple(found)
