"""gunicorn's master compiles Peerpath's templates and imports what a first
request needs before it forks (training/warmup.py), so a worker started by
max_requests recycling does not spend its first page doing it (issue 20:
0.44 s for the first lesson page of a new worker, 10 ms after)."""

import json
import os
import socket
import subprocess
import sys

import pytest

from tests.access.test_gunicorn_instances import LOCAL_REDIS, free_port, wait_for
from tests.access.test_startup_errors import GUNICORN, gunicorn_environment
from tests.training.test_settings_and_health import ROOT, production_environment

PROBE = """
import django
django.setup()
from django.db import connection
from django.template import engines
from training.warmup import warm_process

# No CaptureQueriesContext: it would open a connection itself (and fail
# where the configured database is only the tests' one, as in CI).
queries = []
with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql)):
    warm_process()
loader = engines["django"].engine.template_loaders[0]
compiled = {key.split(":", 1)[0] for key in loader.get_template_cache}
resolver_filled = bool(__import__("django.urls").urls.get_resolver()._populated)
import gc
print(json.dumps({"queries": len(queries), "compiled": sorted(compiled),
                  "frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects()),
                  "resolver": resolver_filled, "connected": connection.connection is not None}))
"""


def warm_in_a_fresh_process() -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "training.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", "import json\n" + PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_master_compiles_every_page_template_and_reads_no_data():
    warmed = warm_in_a_fresh_process()
    compiled = set(warmed["compiled"])
    for name in (
        "base.html",
        "courses/lesson_page.html",
        "dashboard/dashboard.html",
        "practice/log.html",
        "certificates/verify.html",
    ):
        assert name in compiled, name
    assert len(compiled) > 100
    assert warmed["resolver"] is True
    # Nothing of anybody's: no query at all, not even a connection opened.
    assert warmed["queries"] == 0
    assert warmed["connected"] is False


def test_what_workers_inherit_is_kept_out_of_their_full_collections():
    """Found by issue 21's benchmark: a worker's full garbage collection walked
    the ~300,000 objects it inherited from the master, with its threads stopped
    (160-170 ms each time, the lesson page's p99). The master freezes them."""
    warmed = warm_in_a_fresh_process()
    assert warmed["frozen"] > 100_000
    # What a full collection still walks is what was made after the freeze.
    assert warmed["tracked"] * 20 < warmed["frozen"]


def test_gunicorn_warms_in_the_master_before_forking(tmp_path):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError:
        pytest.skip("no local Redis to start the production web process with")
    port = free_port()
    env = gunicorn_environment(
        {
            **production_environment(tmp_path / "signing"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'peerpath.sqlite3'}",
            "REDIS_URL": LOCAL_REDIS,
            "BIND": f"127.0.0.1:{port}",
            "GUNICORN_CONTROL_SOCKET": "",
        },
        tmp_path,
    )
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as output:
        process = subprocess.Popen(GUNICORN, cwd=ROOT, env=env, stdout=output, stderr=output)
        try:
            assert wait_for(port, process) == 200
        finally:
            process.terminate()
            process.wait(timeout=30)
    lines = log.read_text().splitlines()
    warmed = [line for line in lines if "warmed before fork" in line]
    booted = [i for i, line in enumerate(lines) if "Booting worker" in line]
    # Once, in the master, and before the first worker was forked.
    assert len(warmed) == 1, lines[-20:]
    assert booted and lines.index(warmed[0]) < booted[0]
