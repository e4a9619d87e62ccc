"""How staff pages scale with the number of learners. Run by hand:

    .venv/bin/python bench/scaling.py postgres://postgres@127.0.0.1:5432/peerpath_bench_1k \
        postgres://postgres@127.0.0.1:5432/peerpath_bench

Each argument is a database already holding `generate_bench_data` output (of
different volumes); bench/run.py makes them. For each database, in a fresh
process (Django is set up once per process) with bench.settings, in-process
through Django's test client (no HTTP, so the time is the page's own work):

- the coordinator's cohort report, first page (all learners, then one cohort);
- a supervisor's review queue (bench-supervisor-050, whom bench/run.py leaves
  alone), first page;
- the certificate verification queue, first page.

For each page: the queries (CaptureQueriesContext) and the median time of
BENCH_SCALING_REPEAT (default 5) requests after one warm-up request. Prints
one table with a column per database.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_SCALING_REPEAT", "5"))
PAGES = [
    ("cohort report, all learners", "coordinator@peerpath.test", "/admin/practice/report/"),
    ("cohort report, one cohort", "coordinator@peerpath.test", "COHORT"),
    (
        "supervisor review queue",
        "bench-supervisor-050@peerpath.test",
        "/admin/practice/review/",
    ),
    ("certificate verification queue", "coordinator@peerpath.test", "/admin/certification/queue/"),
]


def measure() -> dict:
    """In the child process: measure every page in the current database."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from programs.models import Cohort, Enrollment
    from training.models import User

    cohort = Cohort.objects.filter(program__slug="bench-program").order_by("name").first()
    learners = Enrollment.objects.filter(program__slug="bench-program").count()
    out = {"learners": learners, "pages": {}}
    for name, email, url in PAGES:
        if url == "COHORT":
            url = f"/admin/practice/report/?cohort={cohort.pk}"
        client = Client()
        client.force_login(User.objects.get(email=email))
        response = client.get(url)
        if response.status_code != 200:
            out["pages"][name] = {"error": response.status_code}
            continue
        times = []
        for _ in range(REPEAT):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
        out["pages"][name] = {
            "queries": len(queries),
            "ms": statistics.median(times) * 1000,
            "bytes": len(response.content),
        }
    return out


def run_child(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=str(ROOT),
        BENCH_SCALING_CHILD="1",
    )
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
    result = subprocess.run(
        [sys.executable, __file__], env=env, cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    if result.returncode != 0:
        sys.exit(f"Measuring {database_url} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def table(results: list[dict]) -> str:
    head = f"{'page (first page)':<32}" + "".join(
        f"{str(r['learners']) + ' learners':>26}" for r in results
    )
    lines = [head, f"{'':<32}" + "".join(f"{'ms':>16}{'queries':>10}" for _ in results)]
    lines.append("-" * len(lines[1]))
    for name, _, _ in PAGES:
        row = f"{name:<32}"
        for r in results:
            page = r["pages"][name]
            if "error" in page:
                row += f"{'HTTP ' + str(page['error']):>26}"
            else:
                row += f"{page['ms']:>16.1f}{page['queries']:>10}"
        lines.append(row)
    return "\n".join(lines)


def main(urls: list[str]) -> list[dict]:
    results = [run_child(url) for url in urls]
    print(table(results))
    return results


if __name__ == "__main__":
    if os.environ.get("BENCH_SCALING_CHILD"):
        print(json.dumps(measure()))
    else:
        if len(sys.argv) < 2:
            sys.exit(__doc__)
        main(sys.argv[1:])
