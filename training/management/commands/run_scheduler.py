"""A small long-running scheduler for platforms without cron (the Procfile's
`scheduler`): `run_daily` once a day at PEERPATH_DAILY_HOUR (local time), and
PEERPATH_FREQUENT_COMMANDS every PEERPATH_FREQUENT_MINUTES.

Run one scheduler per deployment. If two run by mistake, the daily run is still
claimed once per day through the shared cache (Redis), so it runs once.
A machine with cron or systemd timers can call `run_daily` from them instead
(docs/deploy.md).
"""

import datetime
import logging
import signal
import time

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from .run_daily import run_commands

logger = logging.getLogger("peerpath.scheduler")


def daily_run_due(now: datetime.datetime, last_run_on: datetime.date | None, hour: int) -> bool:
    """Is it time for today's daily run?

    Due from `hour` o'clock (in `now`'s time zone) until it has run today. A
    scheduler started after that hour catches up on today's run at once."""
    return now.hour >= hour and last_run_on != now.date()


def frequent_run_due(
    now: datetime.datetime, last_run_at: datetime.datetime | None, every_minutes: int
) -> bool:
    """Is it time for the frequent jobs? At start, then every `every_minutes`."""
    return last_run_at is None or now - last_run_at >= datetime.timedelta(minutes=every_minutes)


def claim_daily_run(day: datetime.date) -> bool:
    """True for the first scheduler to ask for `day` (cache.add is atomic in Redis)."""
    return cache.add(f"peerpath:daily-run:{day.isoformat()}", "claimed", timeout=36 * 60 * 60)


class Command(BaseCommand):
    help = (
        "Run run_daily once a day at PEERPATH_DAILY_HOUR and the frequent jobs every "
        "PEERPATH_FREQUENT_MINUTES; runs until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tick", type=float, default=30.0, help="Seconds between checks (default 30)."
        )

    def handle(self, *args, tick, **options):
        hour = settings.PEERPATH_DAILY_HOUR
        every = settings.PEERPATH_FREQUENT_MINUTES
        if not 0 <= hour <= 23:
            raise CommandError(f"PEERPATH_DAILY_HOUR must be between 0 and 23, not {hour}.")
        if every < 1:
            raise CommandError(f"PEERPATH_FREQUENT_MINUTES must be at least 1, not {every}.")

        self.stopping = False
        # Finish the job in hand on SIGTERM (a deploy) instead of dying midway.
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        logger.info(
            "Scheduler started: daily jobs at %02d:00 %s, frequent jobs every %d min",
            hour,
            settings.TIME_ZONE,
            every,
        )

        last_daily_on: datetime.date | None = None
        last_frequent_at: datetime.datetime | None = None
        while not self.stopping:
            now = timezone.localtime()
            if frequent_run_due(now, last_frequent_at, every):
                last_frequent_at = now
                run_commands(settings.PEERPATH_FREQUENT_COMMANDS, stdout=self.stdout)
            if not self.stopping and daily_run_due(now, last_daily_on, hour):
                last_daily_on = now.date()
                if claim_daily_run(now.date()):
                    try:
                        call_command("run_daily", stdout=self.stdout)
                    except CommandError as error:  # already logged job by job
                        logger.error("Daily run incomplete: %s", error)
                else:
                    logger.info("Daily run for %s already claimed elsewhere", now.date())
            self._sleep(tick)
        logger.info("Scheduler stopped")

    def _stop(self, signum, frame):
        self.stopping = True

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(1.0, deadline - time.monotonic()))
