"""Run functions in threads at the same instant, for tests of races that only
PostgreSQL's row locks settle (SQLite serialises writers anyway)."""

import threading

import pytest
from django.db import connection

# Mark a module's tests: transactional (each thread needs its own committed
# view), PostgreSQL only.
postgresql_races = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks under real concurrency: runs in the PostgreSQL pass of CI",
    ),
]


def race(functions):
    """Start every function at once; return (results, errors) in call order."""
    barrier = threading.Barrier(len(functions))
    results, errors = [None] * len(functions), []

    def run(index, function):
        from django.db import connections

        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # collected and asserted by the caller
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors
