"""How fast is the coordinator's admin home (the cockpit, issue #19)? Run by hand:

    .venv/bin/python bench/coordinator_home.py                 # 10,000 learners
    .venv/bin/python bench/coordinator_home.py --learners 1000

1. The database is the one bench/run.py uses for that volume (peerpath_bench or
   peerpath_bench_<learners>, or DATABASE_URL), prepared the same way if it is
   missing: migrate, setup_site, seed_demo, then `generate_bench_data` (bulk
   inserts: 10,000 learners in cohorts, 200,000 hours entries, 5,000
   certificates, all in one program beside the demo's).
2. In-process: the queries the home costs the demo coordinator
   (CaptureQueriesContext) and the cockpit's own numbers, as a check that the
   page shows the generated learners.
3. gunicorn (bench.settings, DEBUG off, gunicorn.conf.py's shape) serves
   `/admin/` with the coordinator's session, and the bare `HttpResponse("ok")`
   view beside it; wrk (/usr/bin/wrk) measures each for BENCH_WRK_SECONDS
   (default 20) with BENCH_WRK_CONNECTIONS (default 1: a program has a handful
   of coordinators) connections; the bare view first.
   The home's latency is also given as a multiple of the bare view's, which
   separates the page's cost from the machine's.

Prints one JSON line. The target (issue #19): median latency at most 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402

WRK = shutil.which("wrk") or "/usr/bin/wrk"
SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "20"))
# One coordinator at a time by default: a program has a handful of them.
CONNECTIONS = int(os.environ.get("BENCH_WRK_CONNECTIONS", "1"))
COORDINATOR = "coordinator@peerpath.test"
TARGET_MS = 300
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def in_process() -> tuple[str, int, dict]:
    """The coordinator's session, the queries of one home page, and the numbers."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from dashboard.cockpit import coordinator_cockpit
    from programs.models import Enrollment
    from training.models import User

    coordinator = User.objects.get(email=COORDINATOR)
    session = harness.make_sessions([coordinator])[coordinator.pk]
    client = Client()
    client.force_login(coordinator)
    response = client.get("/admin/")
    if response.status_code != 200 or b"cockpit-waiting" not in response.content:
        sys.exit(f"The coordinator's home did not show the cockpit ({response.status_code})")
    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/")
    cockpit = coordinator_cockpit()
    bench = next(p for p in cockpit.programs if p.title == "Bench program")
    numbers = {
        "enrollments": Enrollment.objects.count(),
        "bench program funnel": [count for _, _, count in bench.funnel.stages()],
        "bench program cohorts": len(bench.cohorts),
        "verification queue": cockpit.waiting.verification,
        "expiring in 90 days": cockpit.expiring_total,
    }
    return session, len(queries), numbers


def wrk(port: int, path: str, session: str | None = None) -> dict:
    """wrk's requests/s and latency percentiles (ms) for `path`."""
    command = [
        WRK,
        f"-t{min(2, CONNECTIONS)}",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--latency",
        "--timeout",
        "30s",
    ]
    if session:
        command += ["-H", f"Cookie: sessionid={session}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS + 60,
    ).stdout
    requests = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if requests is None:
        sys.exit(f"wrk's output was not understood:\n{output}")
    result = {"requests/s": float(requests.group(1))}
    for label, name in (("50%", "p50 ms"), ("90%", "p90 ms"), ("99%", "p99 ms")):
        found = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if found is None:
            sys.exit(f"wrk's output was not understood:\n{output}")
        result[name] = round(float(found.group(1)) * UNITS[found.group(2)], 1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non-2xx"] = int(errors.group(1)) if errors else 0
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=harness.FULL_LEARNERS)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-cockpit-"))
    env = harness.environment(harness.database_url(args.learners), workdir)
    harness.prepare_database(env, args.learners)
    harness.django_setup(env)
    session, queries, numbers = in_process()
    with harness.Server(env, workdir) as server:
        # The bare view first: requests wrk leaves in flight when it stops
        # would otherwise still hold the workers while the next run starts.
        bare = wrk(server.port, "/bench/bare/")
        home = wrk(server.port, "/admin/", session)
    print(
        json.dumps(
            {
                "learners": args.learners,
                "server": harness.server_shape(),
                "wrk": f"{CONNECTIONS} connections, {SECONDS} s",
                "home queries": queries,
                "coordinator home": home,
                "bare view": bare,
                "p50 ratio to bare": round(home["p50 ms"] / bare["p50 ms"], 1),
                "target p50 ms": TARGET_MS,
                "met": home["p50 ms"] <= TARGET_MS and home["non-2xx"] == 0,
                **numbers,
            }
        )
    )


if __name__ == "__main__":
    main()
