"""Hand-written SQL, for the few queries that every page asks.

Building a query through the ORM can take longer than the database takes to
answer it (bench/RESULTS.md); for those few, plain SQL is worth it. Table and
column names come from the models, so a renamed field or table follows."""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass

from django.db import connections, router
from django.db.models.query import get_related_populators


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


class KeptQuery:
    """An ORM query compiled once per database and run again with new values.

    For the few queries that every page asks with different values (the
    reader's own reflections on a lesson, say): building the query through the
    ORM costs more than running it (bench/RESULTS.md). `build` makes the
    queryset from its values by name; it is called once per database with
    stand-ins (values no real row has), the SQL and the ORM's own row handling
    are kept, and each call puts the real values where the stand-ins were.
    The rows come back as the ORM would give them (model instances, their
    select_related rows and annotations, the ORM's converters). Only
    querysets of model instances; each value an int, a str or a datetime used
    as is (no lists: their length would change the SQL)."""

    # Stand-ins by type: no real id, text or time is one of these.
    _STAND_INS = {
        int: lambda n: 7_340_000_000_000_000_000 + n,
        str: lambda n: f"\x1fkept-query-{n}\x1f",
        datetime.datetime: lambda n: datetime.datetime(1901, 2, 3, 4, 5, n, tzinfo=datetime.UTC),
    }

    def __init__(self, build, **kinds: type):
        self.build = build
        self.kinds = kinds
        self._kept: dict[str, _Kept] = {}

    def all(self, **values) -> list:
        if values.keys() != self.kinds.keys():
            raise TypeError(f"KeptQuery takes {sorted(self.kinds)}, not {sorted(values)}")
        model = self._model()
        connection = connection_for(model)
        kept = self._kept.get(connection.alias)
        if kept is None:
            kept = self._kept[connection.alias] = self._compile(connection)
        params = list(kept.params)
        for name, indexes in kept.slots.items():
            value = self._prepared(name, values[name], connection)
            for index in indexes:
                params[index] = value
        # The kept compiler is shared; this copy talks to this thread's connection.
        compiler = copy.copy(kept.compiler)
        compiler.connection = connection
        with connection.cursor() as cursor:
            cursor.execute(kept.sql, params)
            rows = cursor.fetchall()
        if compiler.has_extra_select:
            rows = [row[: compiler.col_count] for row in rows]
        found = []
        start, end = kept.model_columns
        for row in compiler.results_iter(results=[rows]):
            instance = kept.model.from_db(connection.alias, kept.init_list, row[start:end])
            for populator in kept.related_populators:
                populator.populate(row, instance)
            for name, position in kept.annotations.items():
                setattr(instance, name, row[position])
            found.append(instance)
        return found

    def _model(self):
        if not hasattr(self, "_built_model"):
            self._built_model = self.build(**self._stand_ins()).model
        return self._built_model

    def _stand_ins(self) -> dict:
        return {
            name: self._STAND_INS[kind](number)
            for number, (name, kind) in enumerate(self.kinds.items())
        }

    def _prepared(self, name: str, value, connection):
        kind = self.kinds[name]
        if kind is int:
            return int(value)  # "abc" raises ValueError, as the ORM would
        if kind is str:
            return str(value)
        return connection.ops.adapt_datetimefield_value(value)

    def _compile(self, connection) -> _Kept:
        stand_ins = self._stand_ins()
        queryset = self.build(**stand_ins)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = {}
        for name, stand_in in stand_ins.items():
            wanted = self._prepared(name, stand_in, connection)
            slots[name] = [i for i, param in enumerate(params) if param == wanted]
            if not slots[name]:
                raise ValueError(f"KeptQuery: the value {name!r} is not a parameter of {sql}")
        klass_info, select = compiler.klass_info, compiler.select
        fields = klass_info["select_fields"]
        return _Kept(
            sql=sql,
            params=tuple(params),
            slots=slots,
            compiler=compiler,
            model=klass_info["model"],
            model_columns=(fields[0], fields[-1] + 1),
            init_list=[column[0].target.attname for column in select[fields[0] : fields[-1] + 1]],
            related_populators=get_related_populators(klass_info, select, connection.alias),
            annotations=dict(compiler.annotation_col_map or {}),
        )


@dataclass(frozen=True)
class _Kept:
    sql: str
    params: tuple
    slots: dict
    compiler: object
    model: type
    model_columns: tuple
    init_list: list
    related_populators: list
    annotations: dict
