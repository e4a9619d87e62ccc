"""Quiz submit under load. Run by hand against PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerpath_bench .venv/bin/python bench/quiz.py

(The database is migrated and seeded: point it at a scratch database.)

1. Seeds the demo site and makes 2 x BENCH_LEARNERS learners (default 50 each)
   enrolled in the demo program, each signed in beforehand (one session each;
   one password hash reused).
2. Starts gunicorn (bench.settings, 2 workers) on a free loopback port.
3. Scenario "together": BENCH_LEARNERS learners take the first demo quiz at the
   same time: start, answer every question (autosave), submit, with
   BENCH_THINK seconds (default 1-3, random) between steps.
4. Scenario "burst": the other BENCH_LEARNERS learners each start an attempt,
   then all submit at the same instant.
5. Prints p50/p95/p99 and errors per request type.
Bounded: every request has a 30 s timeout and each scenario stops after
BENCH_TIME_LIMIT seconds (default 300).
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402
from bench.harness import manage  # noqa: E402
from bench.lesson_page import free_port, start_gunicorn  # noqa: E402

LEARNERS = int(os.environ.get("BENCH_LEARNERS", "50"))
THINK = tuple(float(x) for x in os.environ.get("BENCH_THINK", "1,3").split(","))
TIME_LIMIT = float(os.environ.get("BENCH_TIME_LIMIT", "300"))
CHOICE = re.compile(r'name="q-([^"]+)"\s+id="[^"]+"\s+value="([^"]+)"')


def prepare(env: dict[str, str]) -> tuple[int, list[str], list[str]]:
    """Learners and their session cookies, in-process."""
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT")})
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.test import Client

    from assessments.models import QuizPage
    from programs.models import Enrollment, Program
    from training.models import User

    program = Program.objects.get(title="Certified Peer Recovery Mentor")
    cohort = program.cohorts.first()
    quiz = QuizPage.objects.live().filter(wait_minutes=0, time_limit_minutes__isnull=True).first()
    if quiz is None:
        sys.exit("No demo quiz without waiting time or time limit: is seed_demo complete?")
    password = make_password("bench-password-2026")
    cookies: list[str] = []
    for n in range(2 * LEARNERS):
        user, _ = User.objects.get_or_create(
            email=f"bench-learner-{n}@peerpath.test",
            defaults={"first_name": "Bench", "last_name": str(n), "password": password},
        )
        Enrollment.objects.get_or_create(learner=user, program=program, defaults={"cohort": cohort})
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return quiz.pk, cookies[:LEARNERS], cookies[LEARNERS:]


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)

    def call(self, kind, port, method, path, cookie, body=None, content_type=None):
        answer = harness.call(
            port, method, path, session=cookie, body=body, content_type=content_type
        )
        status, data, location, elapsed = (
            answer.status,
            answer.body,
            answer.location,
            answer.seconds,
        )
        with self.lock:
            if 200 <= status < 400:
                self.latencies[kind].append(elapsed)
            else:
                self.errors[kind] += 1
        return status, data, location


def think():
    time.sleep(random.uniform(*THINK))


def take_quiz(
    rec: Recorder, port: int, quiz_id: int, cookie: str, deadline: float, submit_gate=None
):
    status, _, location = rec.call(
        "start", port, "POST", f"/quizzes/quizzes/{quiz_id}/start/", cookie
    )
    if status != 302 or "/attempts/" not in location:
        return
    attempt_path = location.split("127.0.0.1", 1)[-1]
    status, page, _ = rec.call("take page", port, "GET", attempt_path, cookie)
    choices: dict[str, list[str]] = defaultdict(list)
    for question_id, choice_id in CHOICE.findall(page.decode()):
        choices[question_id].append(choice_id)
    answers = {qid: [random.choice(ids)] for qid, ids in choices.items()}
    if submit_gate is None:
        for question_id, chosen in answers.items():
            if time.monotonic() > deadline:
                return
            think()
            rec.call(
                "answer (autosave)",
                port,
                "POST",
                f"{attempt_path}answer/",
                cookie,
                body=json.dumps({"question": question_id, "choices": chosen}),
                content_type="application/json",
            )
        think()
    else:
        submit_gate.wait()
    form = urlencode([(f"q-{qid}", cid) for qid, ids in answers.items() for cid in ids])
    rec.call(
        "submit" if submit_gate is None else "submit (burst)",
        port,
        "POST",
        f"{attempt_path}submit/",
        cookie,
        body=form,
        content_type="application/x-www-form-urlencoded",
    )


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))] * 1000


def run_threads(targets) -> float:
    started = time.monotonic()
    threads = [threading.Thread(target=t) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIME_LIMIT + 60)
    return time.monotonic() - started


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="peerpath-bench-quiz-"))
    env = harness.environment(None, workdir, redis=False)
    if not env["DATABASE_URL"].startswith("postgres"):
        print("Note: DATABASE_URL is not PostgreSQL; the target is measured on PostgreSQL.")
    manage(env, "migrate", "--noinput")
    manage(env, "setup_site")
    manage(env, "seed_demo")
    quiz_id, together, burst = prepare(env)
    port = free_port()
    server = start_gunicorn(env, port)
    rec = Recorder()
    try:
        deadline = time.monotonic() + TIME_LIMIT
        seconds = run_threads(
            [
                (
                    lambda c=c: (
                        time.sleep(random.uniform(0, 3)),
                        take_quiz(rec, port, quiz_id, c, deadline),
                    )
                )
                for c in together
            ]
        )
        gate = threading.Barrier(len(burst))
        run_threads(
            [
                (lambda c=c: take_quiz(rec, port, quiz_id, c, deadline, submit_gate=gate))
                for c in burst
            ]
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    print()
    print(
        f"Quiz load: {LEARNERS} learners together ({seconds:.0f} s), then a burst of "
        f"{LEARNERS} submits; gunicorn 2 workers; {env['DATABASE_URL'].split(':')[0]}"
    )
    print(f"{'request':<20} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for kind in ["start", "take page", "answer (autosave)", "submit", "submit (burst)"]:
        values = rec.latencies.get(kind, [])
        print(
            f"{kind:<20} {len(values):>6} {percentile(values, 50):>8.1f} "
            f"{percentile(values, 95):>8.1f} {percentile(values, 99):>8.1f} "
            f"{rec.errors.get(kind, 0):>7}"
        )


if __name__ == "__main__":
    main()
