"""`make run`: the development web server with a task worker beside it.

Tasks are rows in the database, as in production (settings TASKS), so a
certificate PDF, an email or Wagtail's reference index waits for
`manage.py db_worker`. This command starts one as a child process, then runs
`runserver`; when the server stops (Ctrl+C, SIGTERM, SIGHUP) the worker is
asked to stop too (SIGTERM: it finishes the task in hand) and killed after
WORKER_STOP_SECONDS. On Linux the worker is also told to stop if this process
dies without cleaning up (SIGKILL), so no worker is left behind.

The worker does not reload on code changes (runserver does): restart after
changing what a task runs. With a task backend that runs tasks at once
(ImmediateBackend) there is no queue, and runserver runs alone.
"""

import os
import signal
import subprocess
import sys
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend

# A certificate render takes about a second; a stop waits this long for the
# task in hand before killing the worker (its task is then requeued by
# `requeue_stuck_tasks`, or asked again by the next download).
WORKER_STOP_SECONDS = 15

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def worker_command() -> list[str]:
    return [
        sys.executable,
        str(settings.BASE_DIR / "manage.py"),
        "db_worker",
        "--queue-name",
        "*",
        "--no-reload",
    ]


def stop_when_parent_dies() -> None:
    """Run in the worker between fork and exec: on Linux, the kernel sends it
    SIGTERM when this process dies, however it dies."""
    if sys.platform.startswith("linux"):
        import ctypes  # only here: the child needs it, and only on Linux

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start_worker() -> subprocess.Popen:
    # Its own session: a Ctrl+C in the terminal reaches the web server only, and
    # this process stops the worker once, after the server.
    return subprocess.Popen(
        worker_command(), start_new_session=True, preexec_fn=stop_when_parent_dies
    )


def stop_worker(worker: subprocess.Popen) -> int:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=WORKER_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    return worker.returncode


def exit_on_signal(signum, frame):
    raise SystemExit(0)


class Command(BaseCommand):
    help = (
        "Development: run the web server and a task worker (db_worker) beside it, as "
        "`make run` does. Ctrl+C stops both."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", default="", help="Address and port for runserver."
        )
        parser.add_argument(
            "--noreload",
            action="store_false",
            dest="use_reloader",
            help="Do not reload the web server on code changes.",
        )

    def handle(self, *args, addrport, use_reloader, **options):
        server_options = {"use_reloader": use_reloader}
        if addrport:
            server_options["addrport"] = addrport
        queued = isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)
        # runserver's reloader runs this command again in a child process
        # (DJANGO_AUTORELOAD_ENV set): the first one's worker serves both.
        if not queued or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            call_command("runserver", **server_options)
            return

        # SIGTERM and SIGHUP (a closed terminal) end the server like Ctrl+C, so
        # the worker is stopped below rather than left running.
        signal.signal(signal.SIGTERM, exit_on_signal)
        signal.signal(signal.SIGHUP, exit_on_signal)
        worker = start_worker()
        stopping = threading.Event()
        self.stdout.write(
            f"Task worker started (process {worker.pid}): it makes certificate PDFs and "
            "sends emails in the background."
        )
        threading.Thread(
            target=self.report_unexpected_stop, args=(worker, stopping), daemon=True
        ).start()
        try:
            call_command("runserver", **server_options)
        finally:
            stopping.set()
            stop_worker(worker)
            self.stdout.write(f"Task worker stopped (process {worker.pid}).")

    def report_unexpected_stop(self, worker: subprocess.Popen, stopping: threading.Event):
        code = worker.wait()
        if not stopping.is_set():
            self.stderr.write(
                f"The task worker stopped by itself (exit code {code}): certificate PDFs "
                "and emails wait until it runs again. See the lines above, then restart "
                "`make run`."
            )
