"""Hand tasks whose worker died back to the queue.

django-tasks-db marks a task RUNNING when a worker claims it and never looks
at it again: if that worker is killed (a deploy, the OOM killer, a lost
machine), the task stays RUNNING for ever and nobody runs it. This command
finds tasks that have been RUNNING longer than any task should take and
puts them back to READY, so a live worker picks them up. A task that has
already lost its worker `--max-attempts` times is marked FAILED instead, so
one task that kills its worker cannot take every worker down in turn.

Caveat: a task still genuinely running after the threshold would run twice,
so the threshold (TASK_STUCK_AFTER_MINUTES) must exceed the longest task.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("peerpath.tasks")


class WorkerLost(Exception):
    """Recorded on a task given up after its worker stopped too many times."""


@dataclass
class RequeueOutcome:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def requeue_stuck_tasks(
    *, stuck_after: timedelta, max_attempts: int, now: datetime | None = None
) -> RequeueOutcome:
    """Reset RUNNING tasks started before now - stuck_after; returns their ids."""
    now = now or timezone.now()
    outcome = RequeueOutcome()
    stuck = DBTaskResult.objects.running().filter(started_at__lt=now - stuck_after)
    for task in stuck.order_by("started_at"):
        attempts = len(task.worker_ids)
        # Each update only applies if the row is unchanged since we read it:
        # a worker that finishes the task meanwhile wins, nothing is undone.
        unchanged = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        details = {
            "task_id": str(task.pk),
            "task_path": task.task_path,
            "started_at": task.started_at.isoformat(),
            "attempts": attempts,
            "worker_ids": task.worker_ids,
        }
        if attempts >= max_attempts:
            message = (
                f"The worker running this task stopped without finishing it {attempts} "
                f"times (last started {task.started_at.isoformat()}); it was not tried again."
            )
            if unchanged.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=message,
                return_value=None,
            ):
                outcome.failed.append(str(task.pk))
                logger.error("Gave up on stuck task %s", task.task_path, extra=details)
        elif unchanged.update(status=TaskResultStatus.READY, started_at=None):
            outcome.requeued.append(str(task.pk))
            logger.warning("Requeued stuck task %s", task.task_path, extra=details)
    return outcome


class Command(BaseCommand):
    help = (
        "Put tasks left RUNNING by a worker that died back in the queue "
        "(or mark them failed after --max-attempts lost workers)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=None,
            help="A task running longer than this has lost its worker "
            "(default: TASK_STUCK_AFTER_MINUTES, 15).",
        )
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=3,
            help="Give up (mark FAILED) once this many workers have stopped during the task.",
        )

    def handle(self, *args, minutes, max_attempts, **options):
        minutes = settings.TASK_STUCK_AFTER_MINUTES if minutes is None else minutes
        if minutes < 1:
            raise CommandError("--minutes must be at least 1.")
        if max_attempts < 1:
            raise CommandError("--max-attempts must be at least 1.")
        outcome = requeue_stuck_tasks(
            stuck_after=timedelta(minutes=minutes), max_attempts=max_attempts
        )
        self.stdout.write(
            f"Requeued {len(outcome.requeued)} stuck task(s); "
            f"gave up on {len(outcome.failed)} (RUNNING for more than {minutes} min)."
        )
