"""How long the preview of a program's new requirements takes. Run by hand:

    .venv/bin/python bench/requirements_preview.py            # 10,000 learners
    .venv/bin/python bench/requirements_preview.py --learners 1000

The database is the one bench/run.py uses for that volume (peerpath_bench or
peerpath_bench_<learners>, or DATABASE_URL), prepared here the same way if it
is missing. In a child process with bench.settings, for the bench program
(every generated learner is enrolled in it), two changes are previewed:

- the practice hours asked for raised by one;
- one more required course (one of the generated courses not yet required).

Each is timed BENCH_PREVIEW_REPEAT times (default 5) after one warm-up, through
`certificates.requirements_preview.requirements_change_preview` itself (the
view adds the form's own save and page), with its queries counted. The change
is always rolled back: the database is left as it was. Prints one JSON line
per change: learners looked at, queries, median and slowest seconds, and the
counts the preview found.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_PREVIEW_REPEAT", "5"))


def measure() -> list[dict]:
    """In the child process: time both previews in the current database."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.db.models import F
    from django.test.utils import CaptureQueriesContext

    from certificates.requirements_preview import requirements_change_preview
    from courses.models import CoursePage, ProgramCourse
    from programs.models import Enrollment, Program

    program = Program.objects.get(slug="bench-program")
    learners = Enrollment.objects.filter(program=program, status=Enrollment.Status.ACTIVE).count()
    required = ProgramCourse.objects.filter(program=program).values("course_id")
    extra = CoursePage.objects.live().exclude(pk__in=required).first()

    def raise_hours():
        Program.objects.filter(pk=program.pk).update(
            practice_hours_required=F("practice_hours_required") + 1
        )

    def add_course():
        ProgramCourse.objects.create(program=program, course=extra, sort_order=999)

    changes = [("practice hours + 1", raise_hours)]
    if extra is not None:
        changes.append((f"one more required course ({extra.title})", add_course))
    results = []
    for label, change in changes:
        requirements_change_preview(program=program, apply_change=change)  # warm-up
        times, queries, preview = [], 0, None
        for _ in range(REPEAT):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                preview = requirements_change_preview(program=program, apply_change=change)
                times.append(time.perf_counter() - started)
            queries = len(captured)
        results.append(
            {
                "change": label,
                "active learners": learners,
                "queries": queries,
                "median s": round(statistics.median(times), 3),
                "slowest s": round(max(times), 3),
                "becoming eligible": len(preview.becoming_eligible),
                "no longer eligible": len(preview.no_longer_eligible),
                "certified": preview.certified,
            }
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench import harness

    url = harness.database_url(args.learners)
    env = harness.environment(url, Path(tempfile.mkdtemp()), redis=False)
    harness.prepare_database(env, args.learners)
    env["BENCH_PREVIEW_CHILD"] = "1"
    result = subprocess.run(
        [sys.executable, __file__], env=env, cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    if result.returncode != 0:
        sys.exit(f"Measuring failed:\n{result.stderr[-3000:]}")
    for line in result.stdout.strip().splitlines():
        print(line)


if __name__ == "__main__":
    if os.environ.get("BENCH_PREVIEW_CHILD"):
        for row in measure():
            print(json.dumps(row))
    else:
        main()
