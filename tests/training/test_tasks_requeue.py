"""Background tasks in production: django-tasks-db rows, `db_worker`, and the
commands that keep them moving (requeue_stuck_tasks, run_daily, run_scheduler)."""

import datetime
import signal
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from training.management.commands.requeue_stuck_tasks import requeue_stuck_tasks
from training.management.commands.run_scheduler import (
    claim_daily_run,
    daily_run_due,
    frequent_run_due,
)

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    """Tasks as production runs them: rows in the database, run by db_worker."""
    settings.TASKS = DATABASE_TASKS
    return settings


@pytest.fixture
def keep_signal_handlers():
    # db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def email_task_row(
    *, status, started_minutes_ago=None, workers=("worker-that-died",), to="a@x.org"
):
    """A send_email task row as the database backend writes it, in any state."""
    now = timezone.now()
    return DBTaskResult.objects.create(
        task_path="training.tasks.send_email",
        args_kwargs={
            "args": [],
            "kwargs": {"subject": "Your hours were approved", "to": [to], "body": "Well done."},
        },
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        status=status,
        started_at=(
            None
            if started_minutes_ago is None
            else now - datetime.timedelta(minutes=started_minutes_ago)
        ),
        worker_ids=list(workers),
    )


def run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0
    )


# --- requeue_stuck_tasks ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_left_running_by_a_dead_worker_is_requeued_and_then_runs_exactly_once(
    database_tasks, keep_signal_handlers
):
    stuck = email_task_row(status=TaskResultStatus.RUNNING, started_minutes_ago=60)

    # No worker picks up a RUNNING row by itself: the email would never go.
    run_worker()
    assert len(mail.outbox) == 0
    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.RUNNING

    out = StringIO()
    call_command("requeue_stuck_tasks", stdout=out)
    assert "Requeued 1 stuck task(s)" in out.getvalue()
    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.READY
    assert stuck.started_at is None

    run_worker()
    run_worker()  # a second pass finds nothing left to do
    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.SUCCESSFUL
    assert stuck.return_value == 1
    assert [message.subject for message in mail.outbox] == ["Your hours were approved"]
    # Both workers are on record: the one that died and the one that finished.
    assert stuck.worker_ids[0] == "worker-that-died"
    assert len(stuck.worker_ids) == 2


@pytest.mark.django_db
def test_recent_running_tasks_and_finished_or_waiting_tasks_are_left_alone(database_tasks):
    recent = email_task_row(status=TaskResultStatus.RUNNING, started_minutes_ago=5)
    waiting = email_task_row(status=TaskResultStatus.READY, workers=())
    done = email_task_row(status=TaskResultStatus.SUCCESSFUL, started_minutes_ago=90)
    before = {row.pk: (row.status, row.started_at) for row in (recent, waiting, done)}

    call_command("requeue_stuck_tasks", stdout=StringIO())

    after = {
        row.pk: (row.status, row.started_at) for row in DBTaskResult.objects.filter(pk__in=before)
    }
    assert after == before


@pytest.mark.django_db
def test_the_threshold_is_an_option(database_tasks):
    row = email_task_row(status=TaskResultStatus.RUNNING, started_minutes_ago=7)
    call_command("requeue_stuck_tasks", "--minutes", "10", stdout=StringIO())
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING
    call_command("requeue_stuck_tasks", "--minutes", "5", stdout=StringIO())
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY


@pytest.mark.django_db
def test_a_task_that_keeps_losing_its_worker_is_given_up_with_a_reason(database_tasks, caplog):
    row = email_task_row(
        status=TaskResultStatus.RUNNING, started_minutes_ago=60, workers=("w1", "w2", "w3")
    )
    outcome = requeue_stuck_tasks(stuck_after=datetime.timedelta(minutes=15), max_attempts=3)
    assert outcome.failed == [str(row.pk)] and outcome.requeued == []
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.finished_at is not None
    assert "stopped without finishing it 3 times" in row.traceback
    assert row.exception_class_path.endswith("requeue_stuck_tasks.WorkerLost")
    # The task result reads back as failed, with the reason as its error.
    assert row.task_result.errors[0].traceback == row.traceback
    assert any(r.levelname == "ERROR" and r.task_id == str(row.pk) for r in caplog.records)


@pytest.mark.django_db
def test_requeueing_logs_what_it_did(database_tasks, caplog):
    row = email_task_row(status=TaskResultStatus.RUNNING, started_minutes_ago=30)
    call_command("requeue_stuck_tasks", stdout=StringIO())
    [entry] = [r for r in caplog.records if r.name == "peerpath.tasks"]
    assert entry.levelname == "WARNING"
    assert entry.task_id == str(row.pk)
    assert entry.task_path == "training.tasks.send_email"
    assert entry.attempts == 1


@pytest.mark.django_db
@pytest.mark.parametrize("option", [["--minutes", "0"], ["--max-attempts", "0"]])
def test_nonsense_options_are_refused_and_change_nothing(database_tasks, option):
    row = email_task_row(status=TaskResultStatus.RUNNING, started_minutes_ago=60)
    with pytest.raises(CommandError, match="must be at least 1"):
        call_command("requeue_stuck_tasks", *option, stdout=StringIO())
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


# --- run_daily ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_daily_runs_every_job_in_order_and_keeps_going_after_a_failure(database_tasks, caplog):
    database_tasks.PEERPATH_DAILY_COMMANDS = [
        ["requeue_stuck_tasks"],
        ["no_such_command_for_this_test"],
        ["prune_db_task_results", "--min-age-days", "30"],
        "clearsessions",
    ]
    stuck = email_task_row(status=TaskResultStatus.RUNNING, started_minutes_ago=60)
    old = email_task_row(status=TaskResultStatus.SUCCESSFUL, started_minutes_ago=60 * 24 * 40)
    DBTaskResult.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=40)
    )
    recent = email_task_row(status=TaskResultStatus.SUCCESSFUL, started_minutes_ago=60)
    DBTaskResult.objects.filter(pk=recent.pk).update(finished_at=timezone.now())

    with pytest.raises(CommandError) as error:
        call_command("run_daily", stdout=StringIO())

    assert str(error.value) == (
        "1 of 4 daily jobs did not finish: no_such_command_for_this_test (see the log for why)."
    )
    # The jobs before and after the failing one both ran.
    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.READY
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
    assert DBTaskResult.objects.filter(pk=recent.pk).exists()
    finished = [r.job for r in caplog.records if r.name == "peerpath.scheduler"]
    assert finished == [
        "requeue_stuck_tasks",
        "no_such_command_for_this_test",
        "prune_db_task_results",
        "clearsessions",
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_daily_with_the_configured_jobs_finishes(settings):
    out = StringIO()
    call_command("run_daily", stdout=out)
    assert f"All {len(settings.PEERPATH_DAILY_COMMANDS)} daily jobs finished." in out.getvalue()


def test_every_configured_job_is_a_command_that_exists(settings):
    from training.management.commands.run_daily import command_line

    known = get_commands()
    configured = [
        *settings.PEERPATH_DAILY_COMMANDS,
        *settings.PEERPATH_FREQUENT_COMMANDS,
        ["prune_db_task_results"],  # production's addition
    ]
    for entry in configured:
        assert command_line(entry)[0] in known, entry


# --- run_scheduler: is it time yet? -------------------------------------------------------

TZ = datetime.timezone(datetime.timedelta(hours=-5))


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    ("now", "last_run_on", "due"),
    [
        (at(10, 2, 59), None, False),  # before the hour: wait
        (at(10, 3, 0), None, True),  # the hour has come
        (at(10, 3, 1), datetime.date(2026, 3, 10), False),  # already ran today
        (at(10, 23, 59), datetime.date(2026, 3, 9), True),  # started late: catch up today
        (at(11, 0, 30), datetime.date(2026, 3, 10), False),  # past midnight, before the hour
        (at(11, 3, 0), datetime.date(2026, 3, 10), True),  # the next day at the hour
    ],
)
def test_daily_run_is_due_once_a_day_from_the_configured_hour(now, last_run_on, due):
    assert daily_run_due(now, last_run_on, hour=3) is due


@pytest.mark.parametrize(
    ("last_run_at", "due"),
    [(None, True), (at(10, 9, 51), False), (at(10, 9, 50), True), (at(10, 8, 0), True)],
)
def test_frequent_jobs_are_due_at_start_and_then_every_few_minutes(last_run_at, due):
    assert frequent_run_due(at(10, 10, 0), last_run_at, every_minutes=10) is due


def test_only_one_scheduler_claims_each_day():
    day = datetime.date(2026, 3, 10)
    assert claim_daily_run(day) is True
    assert claim_daily_run(day) is False
    assert claim_daily_run(day + datetime.timedelta(days=1)) is True


# --- Procfile ---------------------------------------------------------------------------------


def test_the_procfile_runs_web_worker_scheduler_and_release_with_real_commands():
    processes = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line
    )
    assert set(processes) == {"web", "worker", "scheduler", "release"}
    assert processes["web"].strip() == "gunicorn -c gunicorn.conf.py training.wsgi"
    known = get_commands()
    for name, command in processes.items():
        for part in command.split("&&"):
            words = part.split()
            if "manage.py" in words:
                assert words[words.index("manage.py") + 1] in known, (name, part)
    assert "manage.py db_worker" in processes["worker"]
    assert "manage.py run_scheduler" in processes["scheduler"]
    release = processes["release"]
    assert release.index("migrate") < release.index("setup_site") < release.index("collectstatic")
    for name in ("worker", "scheduler", "release"):
        assert "training.settings.production" in processes[name]
