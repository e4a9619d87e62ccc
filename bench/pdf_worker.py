"""Certificate PDFs rendered and signed by the real task worker. By hand:

    .venv/bin/python bench/pdf_worker.py              # 1,000 renders for the memory check
    .venv/bin/python bench/pdf_worker.py --soak 100

Uses the bench database (bench/run.py makes it; so does this, if missing).
Starts `manage.py db_worker`, the django-tasks-db worker that production runs,
with bench/worker_settings.py (the bench settings with the database task
backend), and enqueues `certificates.tasks.render_certificate` for
certificates of the bench data (rows without PDFs: their PDF fields are
cleared first, so the task renders instead of skipping):

1. one task: the first render and sign after the worker started;
2. 20 more: their median;
3. `--soak` more, while the worker's resident memory is read every 100
   finished tasks.

Durations are the worker's own (each task result's start to finish: load the
certificate, render, sign, store the file). `--json` prints the numbers as the
last line, for bench/run.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402
from bench.certificates import SNAPSHOT  # noqa: E402

PROGRAM = "bench-program"
SAMPLE_EVERY = 100


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--renders", type=int, default=20, help="for the median")
    parser.add_argument("--soak", type=int, default=1000, help="renders for the memory check")
    parser.add_argument("--prepared", action="store_true", help="the bench database is ready")
    parser.add_argument("--json", action="store_true")
    return parser.parse_args()


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def certificates_without_pdfs(count: int) -> list[int]:
    """Ids of `count` live bench certificates, their PDFs cleared and their
    snapshots full (four domains, totals, a course), as a real one prints."""
    from certificates.models import Certificate

    ids = list(
        Certificate.objects.live()
        .filter(enrollment__program__slug=PROGRAM)
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    if len(ids) < count:
        sys.exit(f"Only {len(ids)} bench certificates; {count} needed.")
    Certificate.objects.filter(pk__in=ids).update(
        pdf="", pdf_sha256="", pdf_rendered_at=None, snapshot=SNAPSHOT
    )
    return ids


def enqueue(certificate_ids: list[int]) -> list:
    from certificates.tasks import render_certificate

    return [render_certificate.enqueue(certificate_id=pk).id for pk in certificate_ids]


def finished(result_ids: list) -> int:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    done = DBTaskResult.objects.filter(
        id__in=result_ids, status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
    )
    return done.count()


def wait_for(result_ids: list, worker, on_progress=None, timeout: float = 1800) -> list[float]:
    """Wait until every task has finished; their durations in seconds."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while True:
        count = finished(result_ids)
        if on_progress is not None:
            on_progress(count)
        if count == len(result_ids):
            break
        if worker.poll() is not None:
            sys.exit("db_worker stopped; see its log")
        if time.monotonic() > deadline:
            sys.exit(f"only {count} of {len(result_ids)} tasks finished in {timeout:.0f} s")
        time.sleep(0.05)
    rows = DBTaskResult.objects.filter(id__in=result_ids)
    failed = [row for row in rows if row.status != TaskResultStatus.SUCCESSFUL]
    if failed:
        sys.exit(f"{len(failed)} tasks failed, for example:\n{failed[0].traceback}")
    return [(row.finished_at - row.started_at).total_seconds() for row in rows]


def measure(env: dict[str, str], workdir: Path, renders: int, soak: int) -> dict:
    ids = certificates_without_pdfs(1 + renders + soak)
    log_path = workdir / "db_worker.log"
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [harness.PYTHON, "manage.py", "db_worker", "--interval", "0.05", "--no-startup-delay"],
            cwd=harness.ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            (first,) = wait_for(enqueue(ids[:1]), worker)
            median = statistics.median(wait_for(enqueue(ids[1 : 1 + renders]), worker))
            memory = [(0, rss_mb(worker.pid))]

            def sample(count: int) -> None:
                last = memory[-1][0]
                if count >= last + SAMPLE_EVERY or (count == soak and last < soak):
                    memory.append((count, rss_mb(worker.pid)))

            soak_ids = enqueue(ids[1 + renders :])
            wait_for(soak_ids, worker, on_progress=sample)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
    return {"first": first, "median": median, "renders": renders, "memory": memory}


def main() -> None:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="peerpath-bench-pdf-"))
    env = harness.environment(harness.database_url(harness.FULL_LEARNERS), workdir)
    env["DJANGO_SETTINGS_MODULE"] = "bench.worker_settings"
    if not args.prepared:
        harness.prepare_database(env, harness.FULL_LEARNERS)
    harness.django_setup(env)
    numbers = measure(env, workdir, args.renders, args.soak)
    (_, before), (_, after) = numbers["memory"][0], numbers["memory"][-1]
    if args.json:
        print(json.dumps(numbers))
        return
    print(
        f"PDF render + sign in db_worker: first {numbers['first'] * 1000:.0f} ms, median of "
        f"{args.renders} more {numbers['median'] * 1000:.0f} ms"
    )
    print(f"worker memory over {args.soak} renders: {before:.1f} -> {after:.1f} MB")
    print("  " + ", ".join(f"{n}: {mb:.1f}" for n, mb in numbers["memory"]))


if __name__ == "__main__":
    main()
