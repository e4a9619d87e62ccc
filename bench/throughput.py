"""Throughput and latency with a compiled load generator (wrk), as ratios to a
plain Django view measured in the same run (issue 20).

    .venv/bin/python bench/throughput.py                      # this checkout
    .venv/bin/python bench/throughput.py --compare a92255c    # and an earlier commit, side by side
    .venv/bin/python bench/throughput.py --rounds 1 --seconds 5   # a quick look

What runs, on loopback, each under the repository's gunicorn.conf.py (gthread,
2 workers a core x 2 threads, worker recycling after GUNICORN_MAX_REQUESTS):

- the **plain view**: bench/plain/, a minimal Django project (startproject's
  middleware, no Peerpath app) rendering a small template, no session cookie;
- **Peerpath** (bench.settings: DEBUG off, PostgreSQL, Redis for the cache and
  sessions, as production) on its demo data (`migrate`, `setup_site`,
  `seed_demo`), signed in as the demo learner through the sign-in form:
  `/bench/bare/` (Peerpath's middleware, no view work), the demo lesson with
  the most blocks the learner may open, the dashboard and the hours log; the
  catalogue; `/verify/<code>/` anonymously, each request from another
  address through the pretend proxy (the production rate limit applies);
- with `--compare REF`, the same Peerpath cases for REF, from a git worktree
  of it with its own database (`peerpath_wrk_<REF>`), prepared by its own code.

Every case runs `wrk -t2 -c8 -d<seconds>s` once a round, in turn, for
`--rounds` rounds (the order alternates between rounds), after a short warm-up
that is not counted. A round's ratio divides the case's requests per second by
the plain view's in that round; the table gives the median round's ratio and
requests/s, the median of the rounds' p50/p95/p99 and the largest max. wrk
reports errors (connect, read, write, timeout) and answers other than 2xx/3xx
separately; a case whose first answer is not 200 stops the run. The machine's
load average before the run is printed, and a warning when it is not quiet.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402

DEMO_LEARNER = "learner@peerpath.test"
DEMO_PASSWORD = "peerpath-demo-2026"
DEMO_PROGRAM = "certified-peer-recovery-mentor"
# The demo lesson with the most blocks (12) that the demo learner may open.
DEMO_LESSON = (
    "/courses/accountability-without-judgment/open-questions-affirmations-reflections-summaries/"
)
WRK = shutil.which("wrk") or "/usr/bin/wrk"
PEERPATH_REDIS = "redis://127.0.0.1:6379/13"
COMPARED_REDIS = "redis://127.0.0.1:6379/14"

# wrk's Lua hooks: an optional list of paths to rotate through, an optional
# fresh X-Forwarded-For per request, and one JSON line of results at the end.
LUA = r"""
local paths = {}
local cookies = {}
local rotate_addresses = os.getenv("WRK_ROTATE_ADDRESSES") == "1"
for p in string.gmatch(os.getenv("WRK_PATHS") or "", "[^ ]+") do
  table.insert(paths, p)
end
for c in string.gmatch(os.getenv("WRK_COOKIES") or "", "[^ ]+") do
  table.insert(cookies, c)
end
local counter = 0

init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

request = function()
  counter = counter + 1
  local path = nil
  if #paths > 0 then
    path = paths[(counter % #paths) + 1]
  end
  if #cookies > 0 then
    -- A different person on each request, in turn (sessions made beforehand).
    wrk.headers["Cookie"] = cookies[(counter * 7 % #cookies) + 1]
  end
  if rotate_addresses then
    wrk.headers["X-Forwarded-For"] = string.format(
      "10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  end
  return wrk.format(nil, path)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"timeout": %d, "status": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass
class Case:
    version: str  # "plain", "this checkout" or the compared ref
    name: str
    port: int
    path: str
    cookie: str = ""
    paths: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)
    rotate_addresses: bool = False
    rounds: list[dict] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name if self.version == "plain" else f"{self.version}: {self.name}"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compare", metavar="REF", help="also measure this commit, side by side")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=15, help="per case and round")
    parser.add_argument("--warm-seconds", type=int, default=3, help="per case, not counted")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument(
        "--cases",
        help="only the Peerpath cases whose name holds one of these words, comma-separated "
        "(e.g. 'lesson,bare'); the plain view always runs",
    )
    parser.add_argument("--json", help="also write the results to this file")
    return parser.parse_args(argv)


# --- Preparing a version ------------------------------------------------------------------


def database_url(label: str) -> str:
    name = "peerpath_wrk" if label == "this checkout" else f"peerpath_wrk_{label}"
    return f"postgres://postgres@127.0.0.1:5432/{re.sub(r'[^A-Za-z0-9_]', '_', name)}"


def prepare(env: dict[str, str], cwd: Path) -> None:
    """Migrate, set up and seed the demo with that version's own code; each
    step is idempotent, so a second run reuses the database."""
    harness.ensure_database(env["DATABASE_URL"])
    for args in (["migrate", "--noinput"], ["setup_site"], ["seed_demo"]):
        started = time.monotonic()
        result = subprocess.run(
            [harness.PYTHON, "manage.py", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if result.returncode != 0:
            sys.exit(f"{cwd}: manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        print(f"  {cwd.name}: manage.py {' '.join(args):<20} {time.monotonic() - started:5.1f} s")


# This checkout is installed in the virtualenv in editable mode: its finder
# answers for any module an earlier checkout lacks (courses.wagtail_hooks, say),
# which would mix the two versions. The earlier checkout's processes drop it.
SITECUSTOMIZE = """
import sys
def ours(hook):
    return "__editable__" not in getattr(hook, "__module__", "")
sys.meta_path[:] = [f for f in sys.meta_path if ours(f)]
sys.path_hooks[:] = [h for h in sys.path_hooks if ours(h)]
"""


def worktree(ref: str, workdir: Path) -> tuple[Path, str]:
    """A checkout of `ref` and the PYTHONPATH its processes run with."""
    path = workdir / f"peerpath-{ref}"
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--force", str(path), ref],
        cwd=harness.ROOT,
        check=True,
        capture_output=True,
    )
    shim = workdir / f"shim-{ref}"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SITECUSTOMIZE)
    return path, f"{path}{os.pathsep}{shim}"


def remove_worktree(path: Path) -> None:
    subprocess.run(
        ["git", "worktree", "remove", "--force", str(path)], cwd=harness.ROOT, capture_output=True
    )


def sign_in(port: int, email: str, password: str) -> str:
    """A session for `email`, through the sign-in form, as a person gets one."""

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = urlencode({"login": email, "password": password, "csrfmiddlewaretoken": harness.CSRF})
    connection.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Host": "127.0.0.1",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={harness.CSRF}",
            "X-CSRFToken": harness.CSRF,
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
    )
    response = connection.getresponse()
    response.read()
    cookies = response.headers.get_all("Set-Cookie") or []
    connection.close()
    for cookie in cookies:
        if cookie.startswith("sessionid="):
            return cookie.split(";", 1)[0].split("=", 1)[1]
    sys.exit(f"signing in as {email} on port {port} gave no session ({response.status})")


def peerpath_cases(version: str, port: int, codes: list[str]) -> list[Case]:
    session = sign_in(port, DEMO_LEARNER, DEMO_PASSWORD)
    cookie = f"sessionid={session}"
    cases = [
        Case(version, "/bench/bare/ (anonymous)", port, "/bench/bare/"),
        Case(version, "/bench/bare/ (signed in)", port, "/bench/bare/", cookie),
        Case(version, "lesson page (12 blocks)", port, DEMO_LESSON, cookie),
        Case(version, "dashboard", port, "/dashboard/", cookie),
        Case(version, "hours log", port, f"/programs/{DEMO_PROGRAM}/hours/", cookie),
        Case(version, "catalogue", port, "/courses/", cookie),
    ]
    if codes:
        cases.append(
            Case(
                version,
                "verification (anonymous)",
                port,
                f"/verify/{codes[0]}/",
                paths=[f"/verify/{code}/" for code in codes],
                rotate_addresses=True,
            )
        )
    for case in cases:
        answer = harness.call(port, "GET", case.path, case.cookie.removeprefix("sessionid="))
        if answer.status != 200:
            sys.exit(f"{case.label}: GET {case.path} answered {answer.status} {answer.location}")
    return cases


def demo_codes(env: dict[str, str], cwd: Path) -> list[str]:
    """Codes of the demo's live certificates, read with that version's code."""
    script = (
        "import django; django.setup();"
        "from certificates.models import Certificate;"
        "live = Certificate.objects.filter(revoked_at__isnull=True);"
        "print(' '.join(live.values_list('code', flat=True)))"
    )
    result = subprocess.run(
        [harness.PYTHON, "-c", script], cwd=cwd, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        print(f"  (no verification case for {cwd.name}: {result.stderr.strip()[-200:]})")
        return []
    return result.stdout.split()


# --- Running wrk -------------------------------------------------------------------------


def run_wrk(case: Case, seconds: int, args, script: Path) -> dict:
    env = dict(os.environ, WRK_PATHS=" ".join(case.paths), WRK_COOKIES=" ".join(case.cookies))
    env["WRK_ROTATE_ADDRESSES"] = "1" if case.rotate_addresses else "0"
    command = [
        WRK,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        "-H",
        "Host: 127.0.0.1",
    ]
    if case.cookie:
        command += ["-H", f"Cookie: {case.cookie}"]
    command.append(f"http://127.0.0.1:{case.port}{case.path}")
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=seconds + 60)
    line = next((x for x in result.stdout.splitlines() if x.startswith("{")), None)
    if result.returncode != 0 or line is None:
        sys.exit(f"wrk failed for {case.label}:\n{result.stdout}\n{result.stderr}")
    numbers = json.loads(line)
    numbers["rate"] = numbers["requests"] / (numbers["duration_us"] / 1e6)
    return numbers


def measure_cases(cases: list[Case], args, workdir: Path, logs: list[Path]) -> dict[str, int]:
    """Warm each case (not counted), then `args.rounds` rounds of every case in
    turn, the order reversed every other round. Returns the workers each
    server's log says were started while measuring (max_requests recycling)."""
    script = workdir / "report.lua"
    script.write_text(LUA)
    print(
        f"  {len(cases)} cases; warming each for {args.warm_seconds} s, then {args.rounds} "
        f"rounds of {args.seconds} s",
        flush=True,
    )
    for case in cases:
        run_wrk(case, args.warm_seconds, args, script)
    boots_before = {log: worker_boots(log) for log in logs}
    for round_number in range(args.rounds):
        order = cases if round_number % 2 == 0 else list(reversed(cases))
        for case in order:
            case.rounds.append(run_wrk(case, args.seconds, args, script))
        print(f"  round {round_number + 1} of {args.rounds} done", flush=True)
    return {log.stem: worker_boots(log) - boots_before[log] for log in logs}


def plain_server(workdir: Path) -> harness.Server:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.plain.settings")
    env["PYTHONPATH"] = str(harness.ROOT)
    env["GUNICORN_LOG_LEVEL"] = "info"
    return harness.Server(env, workdir, app="bench.plain.wsgi:application", name="plain")


def plain_case(server: harness.Server) -> Case:
    return Case("plain", "plain Django view (startproject middleware)", server.port, "/plain/")


def worker_boots(log: Path) -> int:
    return log.read_text(errors="replace").count("Booting worker")


def summarise(cases: list[Case]) -> list[dict]:
    plain = next(c for c in cases if c.version == "plain")
    rows = []
    for case in cases:
        ratios = [r["rate"] / p["rate"] for r, p in zip(case.rounds, plain.rounds, strict=True)]
        middle = sorted(range(len(ratios)), key=ratios.__getitem__)[len(ratios) // 2]
        rows.append(
            {
                "version": case.version,
                "case": case.name,
                "path": case.path,
                "requests": sum(r["requests"] for r in case.rounds),
                "rate": case.rounds[middle]["rate"],
                "ratio": ratios[middle],
                "ratios": ratios,
                "p50": statistics.median(r["p50_us"] for r in case.rounds) / 1000,
                "p95": statistics.median(r["p95_us"] for r in case.rounds) / 1000,
                "p99": statistics.median(r["p99_us"] for r in case.rounds) / 1000,
                "max": max(r["max_us"] for r in case.rounds) / 1000,
                "errors": sum(
                    r["connect"] + r["read"] + r["write"] + r["timeout"] for r in case.rounds
                ),
                "non_2xx_3xx": sum(r["status"] for r in case.rounds),
            }
        )
    return rows


def print_table(rows: list[dict], context: str) -> None:
    print()
    print(context)
    head = (
        f"{'case':<46}{'req/s':>8}{'x plain':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'max ms':>8}{'errors':>7}{'non-2xx':>8}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        label = r["case"] if r["version"] == "plain" else f"{r['version']}: {r['case']}"
        print(
            f"{label[:46]:<46}{r['rate']:>8.0f}{r['ratio']:>9.3f}{r['p50']:>8.1f}"
            f"{r['p95']:>8.1f}{r['p99']:>8.1f}{r['max']:>8.0f}{r['errors']:>7}"
            f"{r['non_2xx_3xx']:>8}"
        )


# --- The run ------------------------------------------------------------------------------


def measure(args) -> dict:
    if not os.path.exists(WRK):
        sys.exit("wrk is missing: sudo apt-get install wrk")
    load_before = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="peerpath-wrk-"))
    servers: list[harness.Server] = []
    trees: list[Path] = []
    versions = [("this checkout", harness.ROOT, str(harness.ROOT), PEERPATH_REDIS)]
    try:
        if args.compare:
            ref = subprocess.run(
                ["git", "rev-parse", "--short", args.compare],
                cwd=harness.ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            tree, python_path = worktree(ref, workdir)
            trees.append(tree)
            versions.append((ref, tree, python_path, COMPARED_REDIS))

        plain = plain_server(workdir)
        servers.append(plain)
        cases = [plain_case(plain)]

        for label, cwd, python_path, redis_url in versions:
            env = harness.environment(database_url(label), workdir)
            env.update(REDIS_URL=redis_url, PYTHONPATH=python_path, GUNICORN_LOG_LEVEL="info")
            env["MEDIA_ROOT"] = str(workdir / f"media-{label.replace(' ', '-')}")
            prepare(env, cwd)
            codes = demo_codes(env, cwd)
            name = f"gunicorn-{label.replace(' ', '-')}"
            server = harness.Server(env, workdir, cwd=cwd, name=name)
            servers.append(server)
            chosen = peerpath_cases(label, server.port, codes)
            if getattr(args, "cases", None):
                words = [word.strip() for word in args.cases.split(",") if word.strip()]
                chosen = [case for case in chosen if any(word in case.name for word in words)]
            cases += chosen

        recycled = measure_cases(cases, args, workdir, [srv.log_path for srv in servers])
    finally:
        for server in servers:
            server.stop()
        for tree in trees:
            remove_worktree(tree)
        shutil.rmtree(workdir, ignore_errors=True)

    rows = summarise(cases)
    max_requests = os.environ.get("GUNICORN_MAX_REQUESTS", "5000")
    context = (
        f"wrk -t{args.threads} -c{args.connections}, {args.rounds} rounds of {args.seconds} s a "
        f"case, alternating; {harness.server_shape()}, max_requests {max_requests} (+ jitter); "
        f"PostgreSQL + Redis on this machine; {os.cpu_count()} CPUs; load average before "
        f"{load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    return {"context": context, "rows": rows, "workers_recycled": recycled}


def report(result: dict) -> None:
    print_table(result["rows"], result["context"])
    recycled = ", ".join(f"{k}: {v}" for k, v in result["workers_recycled"].items())
    print(f"Workers recycled (max_requests) while measuring: {recycled}")
    print("x plain: the case's requests/s over the plain view's, in the same round (median round).")


def main(argv=None) -> None:
    args = parse_args(argv)
    if os.getloadavg()[0] > 0.5:
        print(f"Note: the machine is not quiet (load average {os.getloadavg()[0]:.2f}).")
    result = measure(args)
    report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
