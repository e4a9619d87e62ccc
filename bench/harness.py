"""What bench/run.py and bench/soak.py share: the database, the server, sessions
made beforehand, an HTTP client that records latencies, and percentiles.

Every request is a fresh loopback connection (http.client), bounded by a 30 s
timeout. Only the expected status counts as an answer (200 for a page, a
redirect after a form POST); anything else, a broken connection included, is an
error.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/peerpath_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
FULL_LEARNERS = 10_000
# A fixed CSRF secret sent as both cookie and header: Django accepts the raw
# 32-character secret, so no page has to be fetched first.
CSRF = "benchcsrfsecretbenchcsrfsecret12"
ENTRY_IDS = re.compile(r'name="entries" value="(\d+)"')


def database_url(learners: int) -> str:
    """DATABASE_URL if set; otherwise peerpath_bench for the full volume and
    peerpath_bench_<learners> for another (one volume per database: the
    generator refuses to mix them)."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    if learners == FULL_LEARNERS:
        return DEFAULT_DATABASE
    return f"{DEFAULT_DATABASE}_{learners}"


def environment(db_url: str | None, workdir: Path, *, redis: bool = True) -> dict[str, str]:
    """The environment manage.py and gunicorn run with. `db_url` None: DATABASE_URL
    if set, else a SQLite file in `workdir`; `redis` False leaves REDIS_URL as it
    is (the single-process benches: lesson_page, quiz, certificates)."""
    env = dict(os.environ)
    if db_url is None:
        db_url = env.get("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    if redis:
        env["REDIS_URL"] = os.environ.get("REDIS_URL", DEFAULT_REDIS)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def ensure_database(db_url: str) -> None:
    """Create the PostgreSQL database if it is missing (the server must run)."""
    if not db_url.startswith("postgres"):
        return
    import psycopg

    parts = urlsplit(db_url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        conn.execute(f'CREATE DATABASE "{name}"')
        print(f"  created the database {name}")


def manage(env: dict[str, str], *args: str, timeout: int = 1800) -> str:
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    print(f"  manage.py {' '.join(args):<40} {time.monotonic() - started:6.1f} s", flush=True)
    return result.stdout


def prepare_database(env: dict[str, str], learners: int, *, certificates: int | None = None):
    """Migrate, set up, seed the demo and generate the bench data (each step
    idempotent, so a second run reuses the data)."""
    ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput")
    manage(env, "setup_site")
    manage(env, "seed_demo")
    scale = learners / FULL_LEARNERS
    manage(
        env,
        "generate_bench_data",
        f"--learners={learners}",
        f"--hours={round(200_000 * scale)}",
        f"--certificates={certificates if certificates is not None else round(5_000 * scale)}",
    )


def django_setup(env: dict[str, str]) -> None:
    """Set Django up in this process against the bench database (for sessions
    and the query counts)."""
    for key in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT"):
        os.environ[key] = env[key]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_sessions(users) -> dict[int, str]:
    """A signed-in session for each user, made directly in the session store
    (as a login would leave it), keyed by user id: session key."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store_class = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    backend = settings.AUTHENTICATION_BACKENDS[0]
    sessions = {}
    for user in users:
        store = store_class()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = backend
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store["_last_touch"] = int(time.time())
        store.create()
        sessions[user.pk] = store.session_key
    return sessions


# --- The server -------------------------------------------------------------------


def web_workers() -> int:
    """gunicorn's worker processes: WEB_CONCURRENCY, else gunicorn.conf.py's 2 a core."""
    return int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1))


def server_shape() -> str:
    """gunicorn's workers and threads as the bench runs it."""
    threads = os.environ.get("GUNICORN_THREADS") or 2
    return f"gunicorn {web_workers()} workers x {threads} threads"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the repository's gunicorn.conf.py (gthread workers,
    max_requests recycling, JSON access log), 2 workers a core, bench.settings, on a
    free loopback port. Its log goes to a file, not the terminal."""

    def __init__(
        self,
        env: dict[str, str],
        workdir: Path,
        workers: int | None = None,
        *,
        app: str = "training.wsgi:application",
        cwd: Path = ROOT,
        name: str = "gunicorn",
    ):
        # WEB_CONCURRENCY and GUNICORN_THREADS from the environment try other
        # shapes; by default gunicorn.conf.py's (2 per core x 2 threads). `app`
        # and `cwd` serve another WSGI application (bench/throughput.py's plain
        # view, or an earlier checkout of Peerpath) with the same settings.
        workers = workers or web_workers()
        self.port = free_port()
        self.log_path = workdir / f"{name}.log"
        server_env = dict(env, BIND=f"127.0.0.1:{self.port}", WEB_CONCURRENCY=str(workers))
        server_env.setdefault("GUNICORN_LOG_LEVEL", "warning")
        self.workers = workers
        self.log = open(self.log_path, "w")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [GUNICORN, "-c", str(cwd / "gunicorn.conf.py"), app],
            cwd=cwd,
            env=server_env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if call(self.port, "GET", "/healthz").status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                sys.exit(f"gunicorn stopped while starting; see {self.log_path}")
            time.sleep(0.25)
        self.stop()
        sys.exit("gunicorn did not answer /healthz within 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# --- Requests -----------------------------------------------------------------------


class Answer:
    __slots__ = ("status", "body", "location", "seconds")

    def __init__(self, status, body, location, seconds):
        self.status, self.body, self.location, self.seconds = status, body, location, seconds

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400

    def path(self) -> str:
        """The Location header as a path on this host."""
        return urlsplit(self.location).path if self.location else ""


def call(
    port, method, path, session=None, body=None, content_type=None, extra_headers=None
) -> Answer:
    headers = {"Host": "127.0.0.1", **(extra_headers or {})}
    cookies = []
    if session:
        cookies.append(f"sessionid={session}")
    if method != "GET":
        cookies.append(f"csrftoken={CSRF}")
        headers["X-CSRFToken"] = CSRF
    if cookies:
        headers["Cookie"] = "; ".join(cookies)
    if content_type:
        headers["Content-Type"] = content_type
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    began = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        status, location = response.status, response.getheader("Location", "")
    except OSError:
        status, data, location = 0, b"", ""
    finally:
        connection.close()
    return Answer(status, data, location, time.perf_counter() - began)


class Recorder:
    """Latencies and errors per request kind, from many threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_samples: dict[str, list[str]] = defaultdict(list)
        self.seconds: dict[str, float] = {}

    def call(
        self,
        kind,
        port,
        method,
        path,
        session=None,
        body=None,
        content_type=None,
        expect=None,
        extra_headers=None,
    ):
        """One request; an answer other than `expect` (by default 200 for GET,
        a redirect for a form POST) counts as an error."""
        if expect is None:
            expect = (200,) if method == "GET" else (302, 303)
        answer = call(port, method, path, session, body, content_type, extra_headers)
        with self.lock:
            if answer.status in expect:
                self.latencies[kind].append(answer.seconds)
            else:
                self.errors[kind] += 1
                if len(self.error_samples[kind]) < 3:
                    self.error_samples[kind].append(
                        f"{answer.status} {method} {path} {answer.location}".strip()
                    )
        return answer

    def count(self, kind) -> int:
        return len(self.latencies.get(kind, [])) + self.errors.get(kind, 0)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[index] * 1000
