"""`make bench`: every benchmark of issues 8 and 20 in one run.

    .venv/bin/python bench/run.py                   # 10,000 learners (database peerpath_bench)
    .venv/bin/python bench/run.py --learners 1000   # quicker (database peerpath_bench_1000)
    .venv/bin/python bench/run.py --compare a92255c # first, this checkout and a92255c side by side

0. With --compare REF (`make bench` passes BENCH_COMPARE, a92255c by default):
   bench/throughput.py on the demo data, this checkout and REF side by side,
   every page a ratio to the plain Django view (bench/plain/) in the same run.
1. Database: DATABASE_URL, or PostgreSQL peerpath_bench on 127.0.0.1 (created
   if missing); REDIS_URL, or redis://127.0.0.1:6379/13. Migrates, runs
   setup_site and seed_demo, and `generate_bench_data` (10,000 learners, 20
   courses of 8 lessons, 200,000 hours entries, 5,000 certificates; fewer with
   --learners, in proportion). Each step is idempotent: a second run reuses
   the data.
2. Sessions made beforehand in the session store (no password hashing during
   the run); in-process, with Django's test client and CaptureQueriesContext,
   the queries one request of each kind costs.
3. PDF: the task worker (`manage.py db_worker`, bench/pdf_worker.py) renders
   and signs certificates: the first render after it started, the median of
   20 more, and its memory over 1,000 renders (--pdf-soak).
4. gunicorn (the repository's gunicorn.conf.py, 4 workers x 2 threads on 2 cores,
   bench.settings: DEBUG off, behind a pretend proxy so verification lookups
   come from many addresses) on loopback, and:
   - pages, driven by wrk (compiled; bench/throughput.py), 8 connections, in
     alternating rounds with the plain Django view: /bench/bare/, catalogue,
     course pages, lesson pages (a different signed-in learner on each
     request), and anonymous /verify/<code>/;
   - journeys, driven by the Python harness (its own CPU is printed, to show it
     is not the limit): quiz, 50 learners together with 1-3 s between steps
     (start, answer each question, submit), then "quiz burst": 50 others start
     (all at once), and submit at one instant; hours, for 60 s, 20 learners log
     and submit entries (1-3 s between steps) while 5 supervisors open their
     queue and approve 5 entries at a time.
5. Scaling (--no-scaling skips): the cohort report, the review queue and the
   certificate verification queue at 1,000 and at this run's volume
   (bench/scaling.py; the 1,000-learner database is made once).
Prints the tables. Every request is bounded (30 s timeout) and every scenario
by a time limit. gunicorn is stopped at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness, throughput  # noqa: E402
from bench.harness import Recorder, percentile  # noqa: E402

CHOICE = re.compile(r'name="q-([^"]+)"\s+id="[^"]+"\s+value="([^"]+)"')
PROGRAM = "bench-program"
FORM = "application/x-www-form-urlencoded"
SCALING_SUPERVISOR = "bench-supervisor-050@peerpath.test"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=harness.FULL_LEARNERS)
    parser.add_argument("--connections", type=int, default=8, help="wrk's connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--rounds", type=int, default=3, help="wrk rounds (cases alternate)")
    parser.add_argument("--seconds", type=int, default=15, help="per wrk case and round")
    parser.add_argument("--warm-seconds", type=int, default=3, help="per wrk case, not counted")
    parser.add_argument(
        "--compare",
        metavar="REF",
        help="first, bench/throughput.py on the demo data for this checkout and REF, side by side",
    )
    parser.add_argument("--time-limit", type=float, default=120, help="seconds per journey")
    parser.add_argument("--quiz-learners", type=int, default=50)
    parser.add_argument("--think", default="1,3", help="seconds between steps, min,max")
    parser.add_argument("--hours-learners", type=int, default=20)
    parser.add_argument("--hours-supervisors", type=int, default=5)
    parser.add_argument("--hours-seconds", type=float, default=60)
    parser.add_argument("--pdf-soak", type=int, default=1000, help="renders for the memory check")
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument(
        "--only",
        default="browsing,quiz,hours,pdf",
        help="parts to run, comma-separated (browsing, quiz, hours, pdf); scaling has --no-scaling",
    )
    parser.add_argument("--json", help="also write the results to this file")
    return parser.parse_args()


# --- Fixtures (in-process) -------------------------------------------------------------


class Fixtures:
    """Who does what, with which session, on which URL."""


def gather(args) -> Fixtures:
    from django.contrib.auth.models import Group

    from assessments.models import Attempt, QuizPage
    from certificates.models import Certificate
    from courses.models import CourseIndexPage, CoursePage, LessonPage
    from programs.models import ActivityType, Enrollment, Program
    from training.models import User

    f = Fixtures()
    # Different learners each run, so the hours they log never pile up on the
    # same people's days (the daily cap).
    rnd = random.Random()
    active = list(
        Enrollment.objects.filter(program__slug=PROGRAM, status=Enrollment.Status.ACTIVE)
        .select_related("learner")
        .order_by("pk")
    )
    sample = rnd.sample(active, min(len(active), 400 + args.hours_learners + 1))
    browsers = [e.learner for e in sample[:400]]
    f.hours_learners = [e.learner for e in sample[400 : 400 + args.hours_learners]]
    f.query_learner = sample[-1].learner
    # Supervisors at random too (their queues empty as runs approve), never the
    # one bench/scaling.py measures.
    supervisors = User.objects.filter(email__startswith="bench-supervisor-").exclude(
        email=SCALING_SUPERVISOR
    )
    f.supervisors = rnd.sample(list(supervisors), min(args.hours_supervisors, len(supervisors)))
    f.query_supervisor = User.objects.get(pk=sample[-1].supervisor_id)

    bench_courses = CoursePage.objects.live().filter(slug__startswith="bench-course-")
    f.catalogue = CourseIndexPage.objects.get().url
    f.courses = [c.url for c in bench_courses]
    f.lessons = [
        lesson.url
        for lesson in LessonPage.objects.live().filter(url_path__contains="/bench-course-")
    ]
    f.codes = list(Certificate.objects.live().values_list("code", flat=True)[:1000])

    program = Program.objects.get(slug=PROGRAM)
    f.domains = list(program.domain_requirements.values_list("domain_id", flat=True))
    f.activities = list(
        ActivityType.objects.filter(program=program, counts_as="practice").values_list(
            "pk", flat=True
        )
    )

    # Quiz takers: their own accounts in the demo program (its quizzes), with
    # earlier runs' attempts removed so attempt limits never refuse them.
    from django.contrib.auth.hashers import make_password

    demo = Program.objects.get(title="Certified Peer Recovery Mentor")
    cohort = demo.cohorts.first()
    quiz = QuizPage.objects.live().filter(wait_minutes=0, time_limit_minutes__isnull=True).first()
    if quiz is None:
        sys.exit("No demo quiz without waiting time or time limit: is seed_demo complete?")
    f.quiz_id = quiz.pk
    password = make_password("bench-password-2026")
    learner_group = Group.objects.get(name="Learner")
    takers = []
    for n in range(2 * args.quiz_learners + 1):
        user, _ = User.objects.get_or_create(
            email=f"bench-quiz-{n:03d}@peerpath.test",
            defaults={"first_name": "Quiz", "last_name": str(n), "password": password},
        )
        user.groups.add(learner_group)
        Enrollment.objects.get_or_create(learner=user, program=demo, defaults={"cohort": cohort})
        takers.append(user)
    Attempt.objects.filter(learner__in=takers).delete()
    # The demo quizzes open after their course's lessons (lessons_first): the
    # takers have read them (idempotent, so a second run adds nothing).
    from courses.services import lesson_complete

    lessons = LessonPage.objects.live().child_of(quiz.get_parent()).specific().order_by("path")
    for user in takers:
        for lesson in lessons:
            lesson_complete(learner=user, lesson=lesson)
    f.query_quiz_taker = takers.pop()

    sessions = harness.make_sessions(browsers + f.hours_learners + f.supervisors + takers)
    f.browser_sessions = [sessions[u.pk] for u in browsers]
    f.hours_sessions = [sessions[u.pk] for u in f.hours_learners]
    f.supervisor_sessions = [sessions[u.pk] for u in f.supervisors]
    f.together = [sessions[u.pk] for u in takers[: args.quiz_learners]]
    f.burst = [sessions[u.pk] for u in takers[args.quiz_learners :]]
    return f


def hours_form(f: Fixtures, rnd=random) -> str:
    from django.utils import timezone

    day = timezone.localdate() - datetime.timedelta(days=rnd.randint(0, 6))
    return urlencode(
        {
            "date": day.isoformat(),
            "hours": "0.5",
            "domain": rnd.choice(f.domains),
            "activity_type": rnd.choice(f.activities),
            "setting": "recovery community centre",
            "notes": "",
        }
    )


def count_queries(f: Fixtures) -> dict[str, int]:
    """Queries per request of each kind, in-process with the test client (one
    warm-up request first for pages)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts: dict[str, int] = {}

    def measure(kind, client, method, path, data=None, content_type=None, warm=True):
        send = client.get if method == "GET" else client.post
        kwargs = {} if data is None else {"data": data}
        if content_type:
            kwargs["content_type"] = content_type
        if warm and method == "GET":
            send(path, **kwargs)
        with CaptureQueriesContext(connection) as queries:
            response = send(path, **kwargs)
        if response.status_code >= 400:
            sys.exit(f"{method} {path} answered {response.status_code} in the query pass")
        counts[kind] = len(queries)
        return response

    learner = Client()
    learner.force_login(f.query_learner)
    measure("bare view", learner, "GET", "/bench/bare/")
    measure("catalogue", learner, "GET", f.catalogue)
    measure("course page", learner, "GET", f.courses[0])
    measure("lesson page", learner, "GET", f.lessons[0])
    measure("verification", Client(), "GET", f"/verify/{f.codes[0]}/")

    taker = Client()
    taker.force_login(f.query_quiz_taker)
    response = measure("quiz: start", taker, "POST", f"/quizzes/quizzes/{f.quiz_id}/start/")
    attempt = urlsplit(response["Location"]).path
    page = measure("quiz: take page", taker, "GET", attempt)
    choices = defaultdict(list)
    for qid, cid in CHOICE.findall(page.content.decode()):
        choices[qid].append(cid)
    qid = next(iter(choices))
    measure(
        "quiz: answer",
        taker,
        "POST",
        f"{attempt}answer/",
        json.dumps({"question": qid, "choices": choices[qid][:1]}),
        "application/json",
    )
    measure(
        "quiz: submit",
        taker,
        "POST",
        f"{attempt}submit/",
        urlencode([(f"q-{q}", ids[0]) for q, ids in choices.items()]),
        FORM,
    )

    base = f"/programs/{PROGRAM}/hours/"
    measure("hours: form", learner, "GET", f"{base}new/")
    measure("hours: log entry", learner, "POST", f"{base}new/", hours_form(f), FORM)
    log = measure("hours: log page", learner, "GET", f"{base}?status=draft")
    ids = harness.ENTRY_IDS.findall(log.content.decode())[:1]
    measure("hours: submit", learner, "POST", f"{base}submit/", urlencode({"entries": ids}), FORM)
    supervisor = Client()
    supervisor.force_login(f.query_supervisor)
    measure("hours: review queue", supervisor, "GET", "/admin/practice/review/")
    measure(
        "hours: approve",
        supervisor,
        "POST",
        "/admin/practice/review/approve/",
        urlencode({"entries": ids}),
        FORM,
    )
    return counts


# --- PDF (in the task worker, bench/pdf_worker.py) --------------------------------------------


def pdf_numbers(env, soak: int) -> dict:
    result = subprocess.run(
        [harness.PYTHON, "bench/pdf_worker.py", "--prepared", "--json", f"--soak={soak}"],
        cwd=harness.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        sys.exit(f"PDF benchmark failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Scenarios under gunicorn ----------------------------------------------------------


def browsing(port: int, gunicorn_log: Path, f, args, workdir: Path) -> dict:
    """The pages, driven by wrk (bench/throughput.py), as ratios to the plain
    Django view served by the same gunicorn settings in the same run: each
    request from a different learner of the bench program (sessions made
    beforehand), over the bench courses and lessons; verification lookups
    anonymous, each from another address through the pretend proxy (the
    production rate limit per address applies, bench.settings)."""
    from bench import throughput
    from bench.throughput import Case

    plain = throughput.plain_server(workdir)
    try:
        cookies = [f"sessionid={session}" for session in f.browser_sessions]
        verify_paths = [f"/verify/{code}/" for code in f.codes]
        cases = [
            throughput.plain_case(plain),
            Case("peerpath", "/bench/bare/ (signed in)", port, "/bench/bare/", cookies=cookies),
            Case("peerpath", "catalogue", port, f.catalogue, cookies=cookies),
            Case("peerpath", "course page", port, f.courses[0], paths=f.courses, cookies=cookies),
            Case("peerpath", "lesson page", port, f.lessons[0], paths=f.lessons, cookies=cookies),
            Case(
                "peerpath",
                "verification (anonymous)",
                port,
                verify_paths[0],
                paths=verify_paths,
                rotate_addresses=True,
            ),
        ]
        recycled = throughput.measure_cases(cases, args, workdir, [plain.log_path, gunicorn_log])
    finally:
        plain.stop()
    return {"rows": throughput.summarise(cases), "workers_recycled": recycled}


class HarnessCPU:
    """This process's own CPU time over a scenario, as a share of one core: the
    Python harness must not be what limits the journeys it drives."""

    def __init__(self):
        self.shares: dict[str, float] = {}

    def measure(self, name, scenario, *scenario_args):
        cpu_before, wall_before = time.process_time(), time.monotonic()
        scenario(*scenario_args)
        wall = time.monotonic() - wall_before
        self.shares[name] = (time.process_time() - cpu_before) / wall if wall else 0.0


def run_threads(targets, limit: float) -> float:
    started = time.monotonic()
    threads = [threading.Thread(target=t, daemon=True) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, limit - (time.monotonic() - started)) + 60)
    return time.monotonic() - started


def take_quiz(rec, port, quiz_id, session, think, deadline, gate=None):
    prefix = "quiz: " if gate is None else "quiz burst: "
    start = rec.call(f"{prefix}start", port, "POST", f"/quizzes/quizzes/{quiz_id}/start/", session)
    attempt = start.path()
    if start.status != 302 or "/attempts/" not in attempt:
        return
    page = rec.call(f"{prefix}take page", port, "GET", attempt, session)
    choices = defaultdict(list)
    for qid, cid in CHOICE.findall(page.body.decode()):
        choices[qid].append(cid)
    answers = {qid: [random.choice(ids)] for qid, ids in choices.items()}
    if gate is None:
        for qid, chosen in answers.items():
            if time.monotonic() > deadline:
                return
            think()
            rec.call(
                "quiz: answer",
                port,
                "POST",
                f"{attempt}answer/",
                session,
                json.dumps({"question": qid, "choices": chosen}),
                "application/json",
                expect=(200,),
            )
        think()
    else:
        try:
            gate.wait(timeout=120)
        except threading.BrokenBarrierError:
            pass
    form = urlencode([(f"q-{qid}", cid) for qid, ids in answers.items() for cid in ids])
    rec.call(f"{prefix}submit", port, "POST", f"{attempt}submit/", session, form, FORM)


def quiz(rec, port, f, args, think):
    limit = args.time_limit * 3
    deadline = time.monotonic() + limit
    together = run_threads(
        [
            lambda s=s: (
                time.sleep(random.uniform(0, 3)),
                take_quiz(rec, port, f.quiz_id, s, think, deadline),
            )
            for s in f.together
        ],
        limit,
    )
    for kind in ("quiz: start", "quiz: take page", "quiz: answer", "quiz: submit"):
        rec.seconds[kind] = together
    gate = threading.Barrier(len(f.burst))
    burst = run_threads(
        [lambda s=s: take_quiz(rec, port, f.quiz_id, s, think, deadline, gate) for s in f.burst],
        limit,
    )
    for kind in ("quiz burst: start", "quiz burst: take page", "quiz burst: submit"):
        rec.seconds[kind] = burst


def hours(rec, port, f, args, think):
    base = f"/programs/{PROGRAM}/hours/"
    deadline = time.monotonic() + args.hours_seconds

    def learner(session):
        time.sleep(random.uniform(0, 3))
        while time.monotonic() < deadline:
            rec.call("hours: form", port, "GET", f"{base}new/", session)
            think()
            rec.call("hours: log entry", port, "POST", f"{base}new/", session, hours_form(f), FORM)
            log = rec.call("hours: log page", port, "GET", f"{base}?status=draft", session)
            ids = harness.ENTRY_IDS.findall(log.body.decode())
            think()
            if ids:
                rec.call(
                    "hours: submit",
                    port,
                    "POST",
                    f"{base}submit/",
                    session,
                    urlencode({"entries": ids}, doseq=True),
                    FORM,
                )
            think()

    def supervisor(session):
        time.sleep(random.uniform(0, 3))
        while time.monotonic() < deadline:
            queue = rec.call("hours: review queue", port, "GET", "/admin/practice/review/", session)
            ids = harness.ENTRY_IDS.findall(queue.body.decode())[:5]
            think()
            if ids:
                rec.call(
                    "hours: approve",
                    port,
                    "POST",
                    "/admin/practice/review/approve/",
                    session,
                    urlencode({"entries": ids}, doseq=True),
                    FORM,
                )
            think()

    seconds = run_threads(
        [lambda s=s: learner(s) for s in f.hours_sessions]
        + [lambda s=s: supervisor(s) for s in f.supervisor_sessions],
        args.hours_seconds + 60,
    )
    for kind in (
        "hours: form",
        "hours: log entry",
        "hours: log page",
        "hours: submit",
        "hours: review queue",
        "hours: approve",
    ):
        rec.seconds[kind] = seconds


# --- The table -------------------------------------------------------------------------------

ORDER = [
    ("quiz: start", "quiz: start"),
    ("quiz: take page", "quiz: take page"),
    ("quiz: answer", "quiz: answer"),
    ("quiz: submit", "quiz: submit"),
    ("quiz burst: start", "quiz: start"),
    ("quiz burst: take page", "quiz: take page"),
    ("quiz burst: submit", "quiz: submit"),
    ("hours: form", "hours: form"),
    ("hours: log entry", "hours: log entry"),
    ("hours: log page", "hours: log page"),
    ("hours: submit", "hours: submit"),
    ("hours: review queue", "hours: review queue"),
    ("hours: approve", "hours: approve"),
]


def rows(rec: Recorder, queries: dict[str, int]) -> list[dict]:
    out = []
    for kind, query_kind in ORDER:
        if not rec.count(kind):
            continue  # a part left out with --only
        values = rec.latencies.get(kind, [])
        seconds = rec.seconds.get(kind)
        rate = len(values) / seconds if seconds else float("nan")
        out.append(
            {
                "scenario": kind,
                "requests": rec.count(kind),
                "rate": rate,
                "p50": percentile(values, 50),
                "p95": percentile(values, 95),
                "p99": percentile(values, 99),
                "errors": rec.errors.get(kind, 0),
                "queries": queries.get(query_kind),
            }
        )
    return out


def print_table(table: list[dict], pdf: dict, scaling_text: str | None, context: str) -> None:
    print()
    print(context)
    head = (
        f"{'scenario':<27}{'reqs':>6}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'errors':>7}{'queries':>8}"
    )
    print(head)
    print("-" * len(head))
    for r in table:
        queries = "-" if r["queries"] is None else str(r["queries"])
        print(
            f"{r['scenario']:<27}{r['requests']:>6}{r['rate']:>8.1f}{r['p50']:>9.1f}"
            f"{r['p95']:>9.1f}{r['p99']:>9.1f}{r['errors']:>7}{queries:>8}"
        )
    if pdf:
        memory = pdf["memory"]
        print(f"{'PDF render + sign, first':<27}{1:>6}{'':>8}{pdf['first'] * 1000:>9.1f}")
        print(
            f"{'PDF render + sign, median':<27}{pdf['renders']:>6}{'':>8}"
            f"{pdf['median'] * 1000:>9.1f}"
        )
        print(
            f"PDF worker memory over {memory[-1][0]} renders: {memory[0][1]:.1f} MB -> "
            f"{memory[-1][1]:.1f} MB ({memory[-1][1] - memory[0][1]:+.1f} MB; peak "
            f"{max(m for _, m in memory):.1f} MB)"
        )
    print("Journeys (Python harness, bench/harness.py): req/s is the load the simulated people")
    print("offered, not a capacity; the pages' capacity is the wrk table above.")
    print("queries: one request of that kind in-process (test client, CaptureQueriesContext).")
    if scaling_text:
        print()
        print("Scaling (in-process, first page, median of 5):")
        print(scaling_text)


def measure_scaling(env, workdir, args, database_given, small, small_url) -> dict:
    from bench import scaling as scaling_module

    urls = [env["DATABASE_URL"]]
    if args.learners != small and not database_given:
        small_env = harness.environment(small_url, workdir)
        harness.prepare_database(small_env, small)
        urls.insert(0, small_url)
    results = [scaling_module.run_child(url) for url in urls]
    return {"results": results, "text": scaling_module.table(results)}


def main() -> None:
    args = parse_args()
    low, high = (float(x) for x in args.think.split(","))

    def think():
        time.sleep(random.uniform(low, high))

    workdir = Path(tempfile.mkdtemp(prefix="peerpath-bench-"))
    # Read before Django's set-up copies the bench database into the environment.
    database_given = bool(os.environ.get("DATABASE_URL"))
    small = 1000  # the scaling comparison's other volume
    small_url = harness.database_url(small)
    env = harness.environment(harness.database_url(args.learners), workdir)
    print(f"Database {env['DATABASE_URL']}, cache {env['REDIS_URL']}")
    load_before = os.getloadavg()
    compared = None
    if args.compare:
        # First, on a quiet machine: both versions' demo data, side by side.
        compared = throughput.measure(args)
    server = None
    try:
        harness.prepare_database(env, args.learners)
        harness.django_setup(env)
        f = gather(args)
        queries = count_queries(f)
        parts = set(args.only.split(","))
        pdf = {}
        if "pdf" in parts:
            print("  query counts measured; rendering PDFs in the task worker", flush=True)
            pdf = pdf_numbers(env, args.pdf_soak)
        server = harness.Server(dict(env, GUNICORN_LOG_LEVEL="info"), workdir)
        print(f"  gunicorn on 127.0.0.1:{server.port}, {server.workers} workers", flush=True)
        rec = Recorder()
        cpu = HarnessCPU()
        pages = None
        if "browsing" in parts:
            pages = browsing(server.port, server.log_path, f, args, workdir)
            print("  pages (wrk) done", flush=True)
        if "quiz" in parts:
            cpu.measure("quiz", quiz, rec, server.port, f, args, think)
            print("  quiz done", flush=True)
        if "hours" in parts:
            cpu.measure("hours", hours, rec, server.port, f, args, think)
        server.stop()
        server = None
        table = rows(rec, queries)
        scaling = None
        if not args.no_scaling:
            try:
                scaling = measure_scaling(env, workdir, args, database_given, small, small_url)
            except SystemExit as error:  # the table above still gets printed
                print(f"Scaling not measured: {error}")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    context = (
        f"{args.learners} learners; {harness.server_shape()}; PostgreSQL + Redis on this "
        f"machine; {os.cpu_count()} CPUs; load average before {load_before[0]:.2f}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    if compared:
        throughput.report(compared)
        print()
    if pages:
        wrk_context = (
            f"Pages at {args.learners} learners, wrk -t{args.threads} -c{args.connections}, "
            f"{args.rounds} rounds of {args.seconds} s a case, alternating; a different "
            f"learner on each request"
        )
        throughput.print_table(pages["rows"], wrk_context)
        recycled = ", ".join(f"{k}: {v}" for k, v in pages["workers_recycled"].items())
        print(f"Workers recycled (max_requests) while measuring: {recycled}")
    print_table(table, pdf, scaling["text"] if scaling else None, context)
    if cpu.shares:
        shares = ", ".join(f"{name} {share:.0%}" for name, share in cpu.shares.items())
        print(f"The Python harness's own CPU, as a share of one core: {shares}")
    errors = {k: v for k, v in rec.error_samples.items() if v}
    if errors:
        print("\nSome requests failed, for example:")
        for kind, samples in errors.items():
            print(f"  {kind}: {'; '.join(samples)}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "context": context,
                    "table": table,
                    "pages": pages,
                    "compared": compared,
                    "harness_cpu": cpu.shares,
                    "pdf": pdf,
                    "scaling": scaling and scaling["results"],
                },
                indent=1,
                default=str,
            )
        )


if __name__ == "__main__":
    main()
