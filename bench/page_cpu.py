"""CPU per request of one page, in-process (no server, no load generator):
Django's handler with the full middleware, the demo learner signed in.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerpath_wrk \\
    REDIS_URL=redis://127.0.0.1:6379/13 \\
    .venv/bin/python bench/page_cpu.py /dashboard/ [--requests 300] [--profile out.prof] [--sql]

Uses the database `bench/throughput.py` prepared (`peerpath_wrk`; for a compared
commit `peerpath_wrk_<ref>`, run from its worktree). Prints the CPU and wall
time per request after 30 uncounted ones, and the queries of one request;
`--profile` writes a cProfile of the same number of requests (read it with
`python -m pstats`). bench/RESULTS.md, issue 20, names what it found."""

from __future__ import annotations

import argparse
import cProfile
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--who", default="learner@peerpath.test", help="an email, or 'anonymous'")
    parser.add_argument("--profile", help="write a cProfile of the measured requests here")
    parser.add_argument("--sql", action="store_true", help="print the queries of one request")
    args = parser.parse_args()

    client = Client(HTTP_HOST="127.0.0.1")
    if args.who != "anonymous":
        client.force_login(get_user_model().objects.get(email=args.who))
    for _ in range(30):
        response = client.get(args.path)
    if response.status_code != 200:
        sys.exit(f"{args.path} answered {response.status_code} {response.get('Location', '')}")

    # Counted with an execute wrapper: with DEBUG off, the query log stays empty.
    queries: list[str] = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        client.get(args.path)

    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(args.requests):
        client.get(args.path)
    cpu = (time.process_time() - cpu) / args.requests * 1000
    wall = (time.perf_counter() - wall) / args.requests * 1000
    print(
        f"{args.path}: {cpu:.2f} ms CPU, {wall:.2f} ms wall a request, {len(queries)} queries, "
        f"{len(response.content):,} bytes"
    )
    if args.sql:
        for sql in queries:
            print("  ", sql[:200])
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.requests):
            client.get(args.path)
        profile.disable()
        profile.dump_stats(args.profile)
        print(f"profile of {args.requests} requests: {args.profile}")


if __name__ == "__main__":
    main()
