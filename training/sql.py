"""Hand-written SQL, for the few queries that every page asks.

Building a query through the ORM can take longer than the database takes to
answer it (bench/RESULTS.md); for those few, plain SQL is worth it. Table and
column names come from the models, so a renamed field or table follows."""

from django.db import connections, router


def connection_for(model):
    """The connection that reads `model`."""
    return connections[router.db_for_read(model)]


def table(connection, model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column(connection, model, field_name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field_name).column)


def first_column(connection, query: str, params: list) -> list:
    """The first value of each row that `query` returns."""
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return [row[0] for row in cursor.fetchall()]
