"""Configuration errors stop start-up with one clear line, not a traceback.

Already covered in tests/training: a missing required variable and a malformed
DATABASE_URL (test_settings_and_health.py), a bucket without credentials and an
unreadable signing key (test_production_settings.py). Here: a well-formed
DATABASE_URL or REDIS_URL pointing at something that does not answer, for the
release command (`manage.py migrate`) and for the web process (gunicorn, which
loads training/wsgi.py once in its master).

Port 1 on 127.0.0.1 is closed on any machine we run on: the connection is
refused at once, so these tests do not wait on timeouts.
"""

import os
import subprocess
import sys

import pytest

from tests.training.test_settings_and_health import (
    PRODUCTION_VARIABLES,
    ROOT,
    production_environment,
    run_manage,
)

UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:1/peerpath"
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture(scope="module")
def production_env(tmp_path_factory) -> dict[str, str]:
    return production_environment(tmp_path_factory.mktemp("signing"))


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A database that always answers, so a test can make Redis the only problem."""
    return f"sqlite:///{tmp_path / 'peerpath.sqlite3'}"


def assert_one_clear_line(result, *expected: str) -> str:
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("Peerpath cannot start:"), line
    for text in expected:
        assert text in line, line
    return line


GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "training.wsgi"]


def gunicorn_environment(env_overrides: dict, tmp_path) -> dict[str, str]:
    """The environment of the web process as the Procfile starts it."""
    static_root = tmp_path / "static"
    static_root.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_VARIABLES}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "training.settings.production",
            "STATIC_ROOT": str(static_root),
            "BIND": "127.0.0.1:0",
            "WEB_CONCURRENCY": "1",
            **env_overrides,
        }
    )
    return env


def run_gunicorn(env_overrides: dict, tmp_path):
    """Start the web process as the Procfile does; it must stop by itself."""
    return subprocess.run(
        GUNICORN,
        cwd=ROOT,
        env=gunicorn_environment(env_overrides, tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_unreachable_database_stops_migrate_with_one_line(production_env):
    result = run_manage(
        "migrate",
        "--noinput",
        env_overrides={**production_env, "DATABASE_URL": UNREACHABLE_DATABASE},
    )
    line = assert_one_clear_line(result, "DATABASE_URL", "cannot be reached")
    # The driver's own reason, so the operator knows where to look.
    assert "port 1" in line and "refused" in line.lower()


def test_unreachable_redis_stops_migrate_with_one_line(production_env, sqlite_url):
    result = run_manage(
        "migrate",
        "--noinput",
        env_overrides={
            **production_env,
            "DATABASE_URL": sqlite_url,
            "REDIS_URL": UNREACHABLE_REDIS,
        },
    )
    line = assert_one_clear_line(result, "REDIS_URL", "cannot be reached")
    assert "127.0.0.1:1" in line


@pytest.mark.parametrize(
    "variable, value, named",
    [
        ("DATABASE_URL", UNREACHABLE_DATABASE, "DATABASE_URL"),
        ("REDIS_URL", UNREACHABLE_REDIS, "REDIS_URL"),
    ],
)
def test_the_web_process_stops_with_one_line_when_a_service_does_not_answer(
    variable, value, named, production_env, sqlite_url, tmp_path
):
    env = {**production_env, "DATABASE_URL": sqlite_url, variable: value}
    result = run_gunicorn(env, tmp_path)
    assert_one_clear_line(result, named, "cannot be reached")


def test_check_deploy_still_runs_without_the_services(production_env):
    """`check --deploy` inspects configuration only (a build step may have no
    database): the service checks belong to start-up, not to it."""
    env = {**production_env, "DATABASE_URL": UNREACHABLE_DATABASE, "REDIS_URL": UNREACHABLE_REDIS}
    result = run_manage("check", "--deploy", env_overrides=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cannot be reached" not in result.stderr


def test_migrate_runs_when_the_services_answer(production_env, sqlite_url):
    """The checks let a healthy start through (needs a Redis: REDIS_URL). `--plan`
    goes through the same start-up checks without spending a minute migrating."""
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.skip("needs a running Redis: set REDIS_URL")
    result = run_manage(
        "migrate",
        "--plan",
        env_overrides={**production_env, "DATABASE_URL": sqlite_url, "REDIS_URL": redis_url},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Planned operations" in result.stdout
    assert "cannot be reached" not in result.stderr


# A library's deprecation notice, raised before Django is set up (as pyHanko's
# import of cryptography's DSA did) and after (once Django routes warnings
# into logging), next to a warning an operator should still see.
WARN_LIKE_A_LIBRARY = """
import warnings
from cryptography.utils import CryptographyDeprecationWarning
class LibraryRemovedWarning(PendingDeprecationWarning):
    pass
warnings.warn("DSA is deprecated", CryptographyDeprecationWarning)
warnings.warn("old API", LibraryRemovedWarning)
warnings.warn("an operator should read this", UserWarning)
"""


@pytest.mark.parametrize(
    "settings_module", ["training.settings.dev", "training.settings.production"]
)
def test_library_deprecations_stay_out_of_what_an_operator_sees(
    settings_module, production_env, sqlite_url
):
    env = {**production_env, "DATABASE_URL": sqlite_url}
    result = run_manage(
        "shell", "-c", WARN_LIKE_A_LIBRARY, env_overrides=env, settings=settings_module
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "an operator should read this" in output
    assert "DSA is deprecated" not in output
    assert "old API" not in output


def test_an_operator_who_asks_for_warnings_sees_them(production_env, sqlite_url):
    env = {**production_env, "DATABASE_URL": sqlite_url, "PYTHONWARNINGS": "default"}
    result = run_manage(
        "shell", "-c", WARN_LIKE_A_LIBRARY, env_overrides=env, settings="training.settings.dev"
    )
    assert "DSA is deprecated" in result.stdout + result.stderr
