"""Two web processes on one host (staging next to production, a blue-green
deploy) run side by side from gunicorn.conf.py: neither takes over anything of
the other's, such as gunicorn's per-user control socket."""

import http.client
import os
import socket
import subprocess
import time

import pytest

from tests.training.test_settings_and_health import ROOT, production_environment

from .test_startup_errors import GUNICORN, gunicorn_environment

# Production settings check Redis at start-up: the one the developers' machines
# and CI run (the database CI's PostgreSQL run uses, when none is given).
LOCAL_REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthz(port: int) -> int | None:
    """The status of /healthz as the proxy would ask for it, or None while
    nothing answers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request(
            "GET",
            "/healthz",
            headers={"Host": "peerpath.example.org", "X-Forwarded-Proto": "https"},
        )
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def wait_for(port: int, process: subprocess.Popen, seconds: float = 90) -> int | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        status = healthz(port)
        if status is not None:
            return status
        time.sleep(0.5)
    return None


@pytest.fixture
def shared_home(tmp_path):
    """One user's home and runtime directory, where gunicorn would put a
    control socket by default: both instances run as this same user."""
    home = tmp_path / "home"
    home.mkdir()
    return home


def test_two_instances_on_one_host_both_keep_serving(tmp_path, shared_home):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError:
        pytest.skip("no local Redis to start the production web process with")
    base = {
        **production_environment(tmp_path / "signing"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'peerpath.sqlite3'}",
        "REDIS_URL": LOCAL_REDIS,
        "HOME": str(shared_home),
        "XDG_RUNTIME_DIR": str(shared_home),
    }
    ports = [free_port(), free_port()]
    processes = []
    try:
        for number, port in enumerate(ports):
            env = gunicorn_environment(
                {**base, "BIND": f"127.0.0.1:{port}"}, tmp_path / f"web{number}"
            )
            processes.append(
                subprocess.Popen(
                    GUNICORN, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
                )
            )
            assert wait_for(port, processes[-1]) == 200
        # The first still answers after the second started, and so does the second.
        assert [healthz(port) for port in ports] == [200, 200]
        # Nothing was created where a control socket shared by both would go.
        assert list(shared_home.rglob("*.ctl")) == []
        assert all(process.poll() is None for process in processes)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
