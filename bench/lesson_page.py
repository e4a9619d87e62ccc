"""How fast is a lesson page? Run by hand: `.venv/bin/python bench/lesson_page.py`.

1. Makes a temporary SQLite database (or uses DATABASE_URL if set: it is
   migrated and seeded, so point it at a scratch database), runs `migrate`,
   `setup_site` and `seed_demo`.
2. Signs the demo learner in (a session made beforehand, sent as a cookie) and
   picks the biggest lesson that learner may open.
3. Counts the queries one lesson page costs, in-process, with Django's
   CaptureQueriesContext.
4. Starts gunicorn (2 workers, 127.0.0.1, a free port) with bench.settings
   (DEBUG off) and measures the lesson page and a bare `HttpResponse("ok")`
   view in the same run: a fixed number of requests from a few threads, each
   request on a new loopback connection; bounded in count and in time.
5. Prints a table.

Options come from environment variables: BENCH_REQUESTS (per target, default
400), BENCH_CONCURRENCY (default 4), BENCH_TIME_LIMIT (seconds per target,
default 120).
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402
from bench.harness import manage  # noqa: E402

PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "400"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
TIME_LIMIT = float(os.environ.get("BENCH_TIME_LIMIT", "120"))
WARM_UP = 20
LEARNER = "learner@peerpath.test"


# --- In-process part: the learner, the lesson, the query count -------------------


@dataclass
class Target:
    url: str
    title: str
    blocks: int
    lessons_in_course: int
    session_cookie: str
    queries: int


def prepare_in_process(env: dict[str, str]) -> Target:
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT")})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from courses.models import LessonPage
    from courses.selectors import lesson_access
    from training.models import User

    learner = User.objects.get(email=LEARNER)
    if not LessonPage.objects.live().exists():
        make_fallback_course(learner)

    candidates = []
    for lesson in LessonPage.objects.live().order_by("path"):
        access = lesson_access(learner, lesson)
        if access.allowed and not access.locked:
            candidates.append((len(lesson.body), lesson, access))
    if not candidates:
        sys.exit("The demo learner may open no lesson: is the demo program seeded?")
    blocks, lesson, access = max(candidates, key=lambda item: item[0])

    client = Client()
    client.force_login(learner)
    url = lesson.get_url()
    response = client.get(url)  # warm-up: renditions, caches
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code} for the demo learner")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return Target(
        url=url,
        title=lesson.title,
        blocks=blocks,
        lessons_in_course=access.progress.total,
        session_cookie=client.cookies[settings.SESSION_COOKIE_NAME].value,
        queries=len(queries),
    )


def make_fallback_course(learner) -> None:
    """Until the demo curriculum exists: one course of five lessons, required by
    the learner's program."""
    from courses.models import CourseIndexPage, CoursePage, LessonPage, ProgramCourse

    enrollment = learner.enrollments.filter(status="active").select_related("program").first()
    if enrollment is None:
        sys.exit("seed_demo made no enrollment for the demo learner")
    course = CourseIndexPage.objects.get().add_child(
        instance=CoursePage(title="Bench course", slug="bench-course", summary="For the bench.")
    )
    for n in range(1, 6):
        body = [
            {"type": "heading", "value": {"text": f"Part {n}", "level": "h2"}},
            {"type": "rich_text", "value": "<p>Some words about peer support.</p>" * 5},
            {
                "type": "story",
                "value": {"storyteller": "Anonymous", "content_note": "None", "story": "<p>A</p>"},
            },
            {"type": "reflection", "value": {"question": "What stands out?", "guidance": ""}},
            {"type": "callout", "value": {"kind": "crisis", "text": ""}},
            {"type": "key_takeaways", "value": {"takeaways": ["One", "Two"]}},
        ]
        course.add_child(instance=LessonPage(title=f"Lesson {n}", slug=f"lesson-{n}", body=body))
    ProgramCourse.objects.create(program=enrollment.program, course=course, sort_order=99)
    print("  (no demo lessons found: made a five-lesson bench course)")


# --- The server and the load ---------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            GUNICORN,
            "training.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _ = request(port, "/healthz", cookie=None)
            if status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            sys.exit("gunicorn stopped while starting")
        time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not answer /healthz within 30 s")


def request(port: int, path: str, cookie: str | None) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Host": "127.0.0.1"}
        if cookie:
            headers["Cookie"] = f"sessionid={cookie}"
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


@dataclass
class Result:
    name: str
    latencies: list[float]
    errors: int
    seconds: float

    @property
    def count(self) -> int:
        return len(self.latencies)

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index] * 1000

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


def load(name: str, port: int, path: str, cookie: str | None) -> Result:
    for _ in range(WARM_UP):
        status, _ = request(port, path, cookie)
        if status != 200:
            sys.exit(f"{path} answered {status} during warm-up")
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = [REQUESTS]
    started = time.monotonic()
    deadline = started + TIME_LIMIT

    def worker():
        nonlocal errors
        while True:
            with lock:
                if remaining[0] <= 0 or time.monotonic() > deadline:
                    return
                remaining[0] -= 1
            begin = time.perf_counter()
            try:
                status, _ = request(port, path, cookie)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - begin
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors += 1

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(name, latencies, errors, time.monotonic() - started)


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="peerpath-bench-"))
    env = harness.environment(None, workdir, redis=False)
    server = None
    try:
        engine = env["DATABASE_URL"].split(":", 1)[0]
        origin = "from DATABASE_URL" if "DATABASE_URL" in os.environ else "temporary"
        print(f"Database: {engine} ({origin})")
        manage(env, "migrate", "--noinput")
        manage(env, "setup_site")
        manage(env, "seed_demo")
        target = prepare_in_process(env)
        port = free_port()
        server = start_gunicorn(env, port)
        print(f"  gunicorn: 2 workers on 127.0.0.1:{port}")
        lesson = load("lesson page", port, target.url, target.session_cookie)
        bare = load("bare view", port, "/bench/bare/", target.session_cookie)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(
        f"Lesson: {target.title!r} at {target.url} ({target.blocks} blocks, "
        f"{target.lessons_in_course} lessons in its course), signed in as {LEARNER}"
    )
    print(f"{REQUESTS} requests per target, {CONCURRENCY} concurrent clients, loopback")
    print()
    header = f"{'target':<14}{'ok':>6}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>9}"
    print(header)
    print("-" * len(header))
    for result in (lesson, bare):
        print(
            f"{result.name:<14}{result.count:>6}{result.errors:>8}"
            f"{result.percentile(50):>9.1f}{result.percentile(95):>9.1f}{result.rate:>9.1f}"
        )
    print()
    print(f"Queries per lesson page (in-process, CaptureQueriesContext): {target.queries}")
    if lesson.errors or bare.errors:
        sys.exit("Some requests failed.")


if __name__ == "__main__":
    main()
