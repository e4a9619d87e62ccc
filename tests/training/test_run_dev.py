"""`make run` (`manage.py run_dev`): the development server with a task worker
beside it. The worker runs what is queued, and stopping the server by Ctrl+C,
SIGTERM or even SIGKILL leaves no process behind."""

import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from training.logging import QuietHousekeepingTasks

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def alive(pid: int) -> bool:
    """Running (not gone, and not a zombie waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def in_group(pgid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if fields[0] != "Z" and int(fields[2]) == pgid:
                pids.append(int(entry.name))
    return pids


def manage(env, *arguments) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=WAIT_SECONDS,
    )


@pytest.fixture(scope="module")
def dev_database(tmp_path_factory):
    """A dev-settings environment whose database holds the task table and one
    queued email (the console backend prints it)."""
    path = tmp_path_factory.mktemp("run_dev") / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "training.settings.dev",
        "DATABASE_URL": f"sqlite:///{path}",
        "PYTHONUNBUFFERED": "1",
    }
    manage(env, "migrate", "django_tasks_database", "--noinput")
    return env


def queue_email(env, subject: str) -> None:
    manage(
        env,
        "shell",
        "-c",
        "from training.tasks import send_email; "
        f"send_email.enqueue(subject={subject!r}, to=['learner@example.org'], body='Hello')",
    )


def wait_for(condition, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    pytest.fail(f"waited {WAIT_SECONDS} s for {what}")


def server_answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.parametrize(
    "stop",
    [
        pytest.param("ctrl-c", id="ctrl-c with the reloader, as make run"),
        pytest.param("sigterm", id="kill"),
        pytest.param("sigkill", id="kill -9"),
    ],
)
def test_run_dev_serves_runs_queued_tasks_and_stops_both(dev_database, tmp_path, stop):
    # The way `make run` runs shows the worker at work; the other two, how it stops.
    subject = "Queued before make run" if stop == "ctrl-c" else None
    if subject:
        queue_email(dev_database, subject)
    port = free_port()
    log_path = tmp_path / "run_dev.log"
    arguments = [f"127.0.0.1:{port}"] + ([] if stop == "ctrl-c" else ["--noreload"])
    with open(log_path, "w") as log:
        # Its own process group, as a terminal gives it: Ctrl+C reaches the group.
        server = subprocess.Popen(
            [sys.executable, "manage.py", "run_dev", *arguments],
            cwd=ROOT,
            env=dev_database,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    worker = None
    try:
        started = wait_for(
            lambda: re.search(r"Task worker started \(process (\d+)\)", log_path.read_text()),
            "the worker to start",
        )
        worker = int(started.group(1))
        wait_for(lambda: server_answers(port), "the web server to answer")
        if subject:
            # The worker sent the queued email (the console backend prints it).
            wait_for(lambda: f"Subject: {subject}" in log_path.read_text(), "the queued email")

        if stop == "ctrl-c":
            os.killpg(server.pid, signal.SIGINT)
        elif stop == "sigterm":
            server.terminate()
        else:
            server.kill()
        server.wait(timeout=WAIT_SECONDS)

        wait_for(lambda: not alive(worker), "the worker to stop")
        wait_for(lambda: not in_group(server.pid), "the web server's processes to stop")
        assert not server_answers(port)
        if stop != "sigkill":
            assert f"Task worker stopped (process {worker})" in log_path.read_text()
            assert server.returncode == 0
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        if worker and alive(worker):
            os.kill(worker, signal.SIGKILL)
    assert "stopped by itself" not in log_path.read_text()


def record(path: str, level=logging.INFO) -> logging.LogRecord:
    return logging.LogRecord(
        "django_tasks", level, "", 0, "Task id=%s path=%s state=%s", ("1", path, "RUNNING"), None
    )


def test_the_console_leaves_out_wagtails_housekeeping_tasks_but_not_ours_or_failures():
    quiet = QuietHousekeepingTasks()
    assert not quiet.filter(record("wagtail.tasks.update_reference_index_task"))
    assert not quiet.filter(record("modelsearch.tasks.insert_or_update_object_task"))
    assert quiet.filter(record("certificates.tasks.render_certificate"))
    assert quiet.filter(record("wagtail.tasks.update_reference_index_task", logging.ERROR))
