"""Run the daily jobs (settings.PEERPATH_DAILY_COMMANDS) in order.

One job failing is logged and the others still run; the command then exits
with an error naming the jobs that did not finish, so cron or systemd notices.
Run it once a day from cron or a systemd timer, or let `run_scheduler` do it.
"""

import logging
import time
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

logger = logging.getLogger("peerpath.scheduler")


def command_line(entry: str | Sequence[str]) -> list[str]:
    """A PEERPATH_*_COMMANDS entry ("name" or ["name", "--option", ...]) as a list."""
    return [entry] if isinstance(entry, str) else [str(part) for part in entry]


def run_commands(commands: Iterable[str | Sequence[str]], *, stdout=None) -> list[str]:
    """Run each management command in turn; return the names of those that failed."""
    failed = []
    for entry in commands:
        name, *args = command_line(entry)
        started = time.monotonic()
        # A long-running scheduler must not reuse a connection the database closed.
        close_old_connections()
        try:
            call_command(name, *args, stdout=stdout)
        except (Exception, SystemExit):  # one job failing must not stop the others
            failed.append(name)
            logger.exception("Scheduled job %s did not finish", name, extra={"job": name})
        else:
            logger.info(
                "Scheduled job %s finished",
                name,
                extra={"job": name, "seconds": round(time.monotonic() - started, 2)},
            )
        finally:
            close_old_connections()
    return failed


class Command(BaseCommand):
    help = "Run the daily jobs in PEERPATH_DAILY_COMMANDS, continuing past failures."

    def handle(self, *args, **options):
        commands = list(settings.PEERPATH_DAILY_COMMANDS)
        failed = run_commands(commands, stdout=self.stdout)
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(commands)} daily jobs did not finish: "
                f"{', '.join(failed)} (see the log for why)."
            )
        self.stdout.write(f"All {len(commands)} daily jobs finished.")
