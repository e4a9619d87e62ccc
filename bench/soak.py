"""Soak: thousands of learners using the site slowly, for a long time. By hand:

    .venv/bin/python bench/soak.py                  # 5,000 learners, 10 minutes
    .venv/bin/python bench/soak.py --minutes 2 --learners 500

Uses the bench database (as bench/run.py makes it: 10,000 learners; it is
prepared if missing) and gunicorn with the repository's gunicorn.conf.py (2
workers). Each simulated learner has a session made beforehand and walks a
journey again and again: dashboard, a course, a lesson, mark it complete, the
next lesson, mark it complete, the hours log, the new-entry form, log half an
hour; with a think time of 30-90 s (uniform) between steps. Learners start
spread over the first think time, so the load is steady from the first minute.

The harness is a heap of (due time, learner) and a pool of worker threads that
share the learners' sessions; a learner's next step is scheduled when its last
answer arrives. It reports per step and overall: count, p50/p95/p99, errors,
and how late steps were sent compared with their schedule (if the harness
itself falls behind, the latencies would understate what people see: the lag
says so). It also samples the gunicorn workers' memory.
"""

from __future__ import annotations

import argparse
import datetime
import heapq
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402
from bench.harness import Recorder, percentile  # noqa: E402

PROGRAM = "bench-program"
FORM = "application/x-www-form-urlencoded"
JOURNEY = [
    "dashboard",
    "course page",
    "lesson page",
    "lesson complete",
    "next lesson page",
    "lesson complete",
    "hours log",
    "hours form",
    "hours log entry",
]
KINDS = [step for step in dict.fromkeys(JOURNEY) if step != "next lesson page"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=5000)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--think", default="30,90", help="seconds between steps, min,max")
    parser.add_argument("--workers", type=int, default=48, help="harness threads")
    parser.add_argument("--data-learners", type=int, default=harness.FULL_LEARNERS)
    return parser.parse_args()


class Learner:
    __slots__ = ("session", "course", "lessons", "position", "step")

    def __init__(self, session, course, lessons, position):
        self.session, self.course, self.lessons = session, course, lessons
        self.position, self.step = position, random.randrange(len(JOURNEY))


def prepare(args):
    from courses.models import CoursePage, LessonPage
    from programs.models import ActivityType, Enrollment, Program

    active = list(
        Enrollment.objects.filter(program__slug=PROGRAM, status=Enrollment.Status.ACTIVE)
        .select_related("learner")
        .order_by("pk")
    )
    if len(active) < args.learners:
        sys.exit(f"Only {len(active)} active bench learners; ask for fewer.")
    chosen = random.Random(5).sample(active, args.learners)
    courses = []
    for course in CoursePage.objects.live().filter(slug__startswith="bench-course-"):
        lessons = [
            (lesson.url, lesson.pk)
            for lesson in LessonPage.objects.live().child_of(course).order_by("path")
        ]
        courses.append((course.url, lessons))
    program = Program.objects.get(slug=PROGRAM)
    form = {
        "domains": list(program.domain_requirements.values_list("domain_id", flat=True)),
        "activities": list(
            ActivityType.objects.filter(program=program, counts_as="practice").values_list(
                "pk", flat=True
            )
        ),
    }
    print(f"  making {len(chosen)} sessions", flush=True)
    sessions = harness.make_sessions([e.learner for e in chosen])
    learners = []
    for n, enrollment in enumerate(chosen):
        course, lessons = courses[n % len(courses)]
        learners.append(Learner(sessions[enrollment.learner_id], course, lessons, n % len(lessons)))
    return learners, form


def do_step(rec: Recorder, port: int, learner: Learner, form: dict) -> None:
    kind = JOURNEY[learner.step]
    base = f"/programs/{PROGRAM}/hours/"
    session = learner.session
    url, lesson_id = learner.lessons[learner.position]
    if kind == "dashboard":
        rec.call(kind, port, "GET", "/dashboard/", session)
    elif kind == "course page":
        rec.call(kind, port, "GET", learner.course, session)
    elif kind in ("lesson page", "next lesson page"):
        rec.call("lesson page", port, "GET", url, session)
    elif kind == "lesson complete":
        rec.call(kind, port, "POST", f"/learning/lessons/{lesson_id}/complete/", session)
        learner.position = (learner.position + 1) % len(learner.lessons)
    elif kind == "hours log":
        rec.call(kind, port, "GET", base, session)
    elif kind == "hours form":
        rec.call(kind, port, "GET", f"{base}new/", session)
    elif kind == "hours log entry":
        day = datetime.date.today() - datetime.timedelta(days=random.randint(0, 6))
        body = urlencode(
            {
                "date": day.isoformat(),
                "hours": "0.25",
                "domain": random.choice(form["domains"]),
                "activity_type": random.choice(form["activities"]),
                "setting": "recovery community centre",
                "notes": "",
            }
        )
        rec.call(kind, port, "POST", f"{base}new/", session, body, FORM)
    learner.step = (learner.step + 1) % len(JOURNEY)


def worker_rss(server: harness.Server) -> list[float]:
    """Resident memory (MB) of gunicorn's worker processes."""
    result = subprocess.run(
        ["ps", "--ppid", str(server.process.pid), "-o", "rss="],
        capture_output=True,
        text=True,
    )
    return [int(x) / 1024 for x in result.stdout.split()]


def _ticks(pid: int, with_children: bool = False) -> int:
    """CPU clock ticks a process has used (with its reaped children's)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    # After the command: state is field 0, utime 11, stime 12, cutime 13, cstime 14.
    used = int(fields[11]) + int(fields[12])
    return used + (int(fields[13]) + int(fields[14]) if with_children else 0)


def _pids(name: str) -> list[int]:
    result = subprocess.run(["pgrep", "-x", name], capture_output=True, text=True)
    return [int(pid) for pid in result.stdout.split()]


def cpu_snapshot(server: harness.Server) -> dict[str, float]:
    """CPU seconds used so far by gunicorn (master, its reaped workers and the
    running ones), PostgreSQL, Redis and this harness, and by the whole machine
    (busy and in all, from /proc/stat)."""
    hertz = os.sysconf("SC_CLK_TCK")
    master = server.process.pid
    workers = subprocess.run(
        ["ps", "--ppid", str(master), "-o", "pid="], capture_output=True, text=True
    ).stdout.split()
    machine = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    oldest = subprocess.run(["pgrep", "-o", "-x", "postgres"], capture_output=True, text=True)
    postmaster = int(oldest.stdout.split()[0]) if oldest.stdout.split() else None
    idle = machine[3] + machine[4]
    return {
        "gunicorn": (_ticks(master, True) + sum(_ticks(int(w)) for w in workers)) / hertz,
        # The postmaster (the oldest postgres process) with its reaped children:
        # backends that closed during the soak (a gunicorn worker recycled)
        # count too.
        "PostgreSQL": sum(
            _ticks(pid, with_children=(pid == postmaster)) for pid in _pids("postgres")
        )
        / hertz,
        "Redis": sum(_ticks(pid) for pid in _pids("redis-server")) / hertz,
        "harness": _ticks(os.getpid()) / hertz,
        "machine busy": (sum(machine) - idle) / hertz,
        "machine": sum(machine) / hertz,
    }


def soak(rec, port, learners, form, args, server):
    low, high = (float(x) for x in args.think.split(","))
    start = time.monotonic()
    end = start + args.minutes * 60
    heap = [(start + random.uniform(0, high), n) for n in range(len(learners))]
    heapq.heapify(heap)
    lock = threading.Lock()
    lags: list[float] = []
    memory = [(0.0, worker_rss(server))]
    cpu_before = cpu_snapshot(server)
    next_sample = start + 60

    def run(n, due):
        sent = time.monotonic()
        try:
            do_step(rec, port, learners[n], form)
        finally:
            with lock:
                lags.append(max(0.0, sent - due))
                heapq.heappush(heap, (time.monotonic() + random.uniform(low, high), n))

    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        while True:
            now = time.monotonic()
            if now >= next_sample:
                memory.append((now - start, worker_rss(server)))
                answers = sum(len(v) for v in rec.latencies.values())
                print(
                    f"  {int((now - start) / 60)} min: {answers} answers, "
                    f"{sum(rec.errors.values())} errors",
                    flush=True,
                )
                next_sample += 60
            if now >= end:
                break
            with lock:
                due = heap[0][0] if heap else now + 0.05
                if due <= now:
                    due, n = heapq.heappop(heap)
                else:
                    n = None
            if n is None:
                time.sleep(min(0.05, due - now))
                continue
            pool.submit(run, n, due)
        seconds = time.monotonic() - start
    memory.append((time.monotonic() - start, worker_rss(server)))
    cpu_after = cpu_snapshot(server)
    cpu = {key: cpu_after[key] - cpu_before[key] for key in cpu_before}
    return seconds, lags, memory, cpu


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="peerpath-soak-"))
    env = harness.environment(harness.database_url(args.data_learners), workdir)
    print(f"Soak: {args.learners} learners, {args.minutes:g} min, think {args.think} s")
    server = None
    try:
        harness.prepare_database(env, args.data_learners)
        harness.django_setup(env)
        learners, form = prepare(args)
        server = harness.Server(env, workdir)
        print(f"  gunicorn on 127.0.0.1:{server.port}, {server.workers} workers", flush=True)
        rec = Recorder()
        seconds, lags, memory, cpu = soak(rec, server.port, learners, form, args, server)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(
        f"{args.learners} learners for {seconds / 60:.1f} min, think {args.think} s, "
        f"{harness.server_shape()}, {args.workers} harness threads"
    )
    head = (
        f"{'step':<18}{'count':>7}{'req/s':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'max ms':>9}{'errors':>7}"
    )
    print(head)
    print("-" * len(head))
    everything: list[float] = []
    for kind in KINDS:
        values = rec.latencies.get(kind, [])
        everything += values
        print(
            f"{kind:<18}{rec.count(kind):>7}{len(values) / seconds:>7.1f}"
            f"{percentile(values, 50):>9.1f}{percentile(values, 95):>9.1f}"
            f"{percentile(values, 99):>9.1f}{max(values, default=0) * 1000:>9.0f}"
            f"{rec.errors.get(kind, 0):>7}"
        )
    errors = sum(rec.errors.values())
    print(
        f"{'all':<18}{len(everything) + errors:>7}{len(everything) / seconds:>7.1f}"
        f"{percentile(everything, 50):>9.1f}{percentile(everything, 95):>9.1f}"
        f"{percentile(everything, 99):>9.1f}{max(everything, default=0) * 1000:>9.0f}{errors:>7}"
    )
    slow = sum(1 for value in everything if value > 1.0)
    print(f"requests slower than 1 s: {slow} (issue 20: none)")
    print(
        f"harness lag (sent after due): p50 {percentile(lags, 50):.0f} ms, "
        f"p95 {percentile(lags, 95):.0f} ms, max {max(lags, default=0) * 1000:.0f} ms"
    )
    print(
        "gunicorn worker memory (MB) by minute: "
        + "; ".join(f"{t / 60:.0f}: {', '.join(f'{m:.0f}' for m in rss)}" for t, rss in memory)
    )
    # Where the two cores went: CPU seconds per second of the soak (2.0 = both cores).
    print(
        "CPU (cores busy on average): "
        + ", ".join(
            f"{name} {cpu[name] / seconds:.2f}"
            for name in ("gunicorn", "PostgreSQL", "Redis", "harness", "machine busy")
        )
        + f" of {cpu['machine'] / seconds:.2f}"
    )
    for kind, samples in rec.error_samples.items():
        if samples:
            print(f"  errors in {kind}: {'; '.join(samples)}")


if __name__ == "__main__":
    main()
