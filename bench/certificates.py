"""Certificate PDFs and public verification. Run by hand:

    .venv/bin/python bench/certificates.py            # temporary SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerpath_bench \
        .venv/bin/python bench/certificates.py

1. PDF: in a fresh process, the first render-and-sign after start-up, then the
   median of BENCH_PDF_RENDERS (default 20) more, then the process's resident
   memory before and every 100 of BENCH_PDF_SOAK (default 1,000) further renders.
   (`--pdf-only` does just this against an existing bench database and prints
   JSON: bench/run.py uses it.)
2. Verification: /verify/<code>/ for an issued certificate under gunicorn
   (2 workers) next to the bare view, same run, loopback only; plus the
   queries one verification costs.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402
from bench.harness import manage  # noqa: E402
from bench.lesson_page import free_port, load, start_gunicorn  # noqa: E402

RENDERS = int(os.environ.get("BENCH_PDF_RENDERS", "20"))
SOAK = int(os.environ.get("BENCH_PDF_SOAK", "1000"))
# What a real certificate prints: four domains, totals, a course.
SNAPSHOT = {
    "name": "Riley Morgan",
    "credential": "Certified Peer Recovery Mentor",
    "program": "Certified Peer Recovery Mentor",
    "issuer": "Peerpath Training Collective",
    "coordinator": "Casey Brennan",
    "domains": [
        {"domain": "Advocacy", "training_hours": "10", "practice_hours": "125"},
        {
            "domain": "Mentoring and Education",
            "training_hours": "10",
            "practice_hours": "125",
        },
        {
            "domain": "Recovery and Wellness Support",
            "training_hours": "10",
            "practice_hours": "125",
        },
        {
            "domain": "Ethical Responsibility",
            "training_hours": "16",
            "practice_hours": "125",
        },
    ],
    "training_hours_total": "46",
    "practice_hours_total": "500",
    "supervision_hours": "25",
    "courses": [{"title": "Sharing Lived Experience with Purpose"}],
}


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(env):
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT")})
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from certificates.codes import new_code
    from certificates.models import Certificate
    from programs.models import Enrollment
    from training.models import User

    enrollment = Enrollment.objects.select_related("program").first()
    coordinator = User.objects.get(email="coordinator@peerpath.test")
    today = timezone.localdate()
    certificate = Certificate.objects.create(
        enrollment=enrollment,
        code=new_code(),
        snapshot={
            **SNAPSHOT,
            "credential": enrollment.program.credential_title,
            "program": enrollment.program.title,
        },
        issued_on=today,
        expires_on=today.replace(year=today.year + 2),
        issued_by=coordinator,
    )
    client = Client()
    client.get(f"/verify/{certificate.code}/")
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/verify/{certificate.code}/")
    return certificate, len(queries)


def pdf_numbers(certificate, renders: int = RENDERS, soak: int = SOAK, step: int = 100):
    """First render after start-up, the median of `renders` more, and the
    resident memory after those (the baseline) and every `step` of `soak`
    further renders."""
    from certificates.rendering import render_signed_pdf

    started = time.perf_counter()
    render_signed_pdf(certificate)
    first = time.perf_counter() - started
    times = []
    for _ in range(renders):
        started = time.perf_counter()
        render_signed_pdf(certificate)
        times.append(time.perf_counter() - started)
    memory = [(0, rss_mb())]
    for n in range(1, soak + 1):
        render_signed_pdf(certificate)
        if n % step == 0 or n == soak:
            memory.append((n, rss_mb()))
    return first, statistics.median(times), memory


def pdf_only() -> None:
    """For bench/run.py, in a fresh process against an existing bench database:
    an issued certificate (not saved again) carrying a full snapshot, rendered
    and signed; prints the numbers as JSON."""
    import json

    import django

    django.setup()
    from certificates.models import Certificate

    certificate = Certificate.objects.live().select_related("enrollment__program").first()
    certificate.snapshot = {**SNAPSHOT, "name": certificate.snapshot.get("name") or "Riley Morgan"}
    first, median, memory = pdf_numbers(certificate)
    print(json.dumps({"first": first, "median": median, "renders": RENDERS, "memory": memory}))


def main():
    workdir = Path(tempfile.mkdtemp(prefix="peerpath-bench-cert-"))
    env = harness.environment(None, workdir, redis=False)
    manage(env, "migrate", "--noinput")
    manage(env, "setup_site")
    manage(env, "seed_demo")
    certificate, queries = prepare(env)
    first, median, memory = pdf_numbers(certificate)
    (_, before), (_, after) = memory[0], memory[-1]
    port = free_port()
    server = start_gunicorn(env, port)
    try:
        verify = load("verification page", port, f"/verify/{certificate.code}/", None)
        bare = load("bare view", port, "/bench/bare/", None)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print()
    print(
        f"PDF render + sign: first {first * 1000:.0f} ms, median of {RENDERS} more "
        f"{median * 1000:.0f} ms; RSS {before:.1f} MB -> {after:.1f} MB over {SOAK} renders"
    )
    print(f"Verification: {queries} queries per page")
    print(f"{'target':<20} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for result in (verify, bare):
        print(
            f"{result.name:<20} {result.rate:>8.1f} {result.percentile(50):>8.1f} "
            f"{result.percentile(95):>8.1f} {result.errors:>7}"
        )
    print(f"verification / bare view: {verify.rate / bare.rate:.0%} of the requests/s")


if __name__ == "__main__":
    if "--pdf-only" in sys.argv:
        pdf_only()
    else:
        main()
