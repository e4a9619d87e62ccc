import pytest

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    """Tasks as production queues them: rows in the database, so a queued email
    or render shows up as a row (tests otherwise run tasks immediately)."""
    settings.TASKS = DATABASE_TASKS
    return settings


@pytest.fixture
def keep_signal_handlers():
    # db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
    import signal

    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)
