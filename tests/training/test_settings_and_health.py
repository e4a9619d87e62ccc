import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "-production-like-secret-Zq8v3WmN0pLr7Ys2Tx",
    "ALLOWED_HOSTS": "peerpath.example.org",
    "DATABASE_URL": "postgres://peerpath@db.internal:5432/peerpath",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "EMAIL_HOST": "smtp.internal",
    "SITE_URL": "https://peerpath.example.org",
    # Filled in by production_environment() (a self-signed pair and an Ed25519
    # key in a temp dir).
    "CERTIFICATE_SIGNING_KEY": "",
    "CERTIFICATE_SIGNING_CERT": "",
    "CREDENTIAL_SIGNING_KEY": "",
}

# Variables the production settings read: a developer's own values must not
# leak into these subprocesses (each test sets exactly what it means to).
PRODUCTION_VARIABLES = {
    *PRODUCTION_ENV,
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ACCESS_KEY_ID",
    "AWS_S3_SECRET_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "MEDIA_CSP_SOURCES",
    "CSP_REPORT_URI",
    "SECRET_KEY_FALLBACKS",
    "TRUSTED_PROXY_COUNT",
    "CREDENTIAL_RETIRED_KEYS",
    "STATIC_ROOT",
    "MEDIA_ROOT",
}


def production_environment(signing_directory: Path) -> dict[str, str]:
    """Everything production requires, and nothing else, with a self-signed
    certificate signing pair and an Ed25519 credential key written to
    `signing_directory`."""
    from certificates.credential_keys import generate_development_key
    from certificates.signing import generate_self_signed

    key, cert = generate_self_signed(signing_directory)
    return {
        **PRODUCTION_ENV,
        "CERTIFICATE_SIGNING_KEY": str(key),
        "CERTIFICATE_SIGNING_CERT": str(cert),
        "CREDENTIAL_SIGNING_KEY": str(generate_development_key(signing_directory)),
    }


@pytest.fixture(scope="module")
def production_env(tmp_path_factory) -> dict[str, str]:
    return production_environment(tmp_path_factory.mktemp("signing"))


def run_manage(*args, env_overrides: dict, settings="training.settings.production"):
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE=settings, **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "EMAIL_HOST",
        "SITE_URL",
        "CERTIFICATE_SIGNING_KEY",
        "CERTIFICATE_SIGNING_CERT",
        "CREDENTIAL_SIGNING_KEY",
    ],
)
def test_production_refuses_to_start_without_required_settings(missing, production_env):
    env = {k: v for k, v in production_env.items() if k != missing}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    lines = [line for line in result.stderr.strip().splitlines() if line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Peerpath cannot start:")
    assert missing in lines[0]


def test_a_malformed_database_url_stops_start_up_with_one_line(production_env):
    env = {**production_env, "DATABASE_URL": "not-a-url"}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert result.stderr.strip().startswith("Peerpath cannot start: DATABASE_URL")
    assert "Traceback" not in result.stderr


def test_check_deploy_is_clean_with_production_settings(production_env):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=production_env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    # Silenced on purpose, each with its reason in production.py: HSTS preload
    # (an agency's decision) and SAMEORIGIN framing (Wagtail's live preview).
    assert "(2 silenced)" in result.stdout


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not():
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "print(Client().get('/healthz').status_code)"
    )
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="training.settings.test",
        DATABASE_URL="sqlite:////nonexistent-directory/peerpath.sqlite3",
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "503", result.stdout + result.stderr


def test_sqlite_is_tuned_for_concurrent_writers(settings):
    from training.settings.base import SQLITE_OPTIONS

    assert SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in SQLITE_OPTIONS["init_command"]
    assert SQLITE_OPTIONS["timeout"] >= 5


def test_postgresql_connections_give_up_within_seconds(monkeypatch, tmp_path):
    """An unreachable database host fails fast (libpq would wait for ever), unless
    the URL chooses its own timeout; connections are health-checked and reused."""
    from training.settings.base import database_from_env

    monkeypatch.setenv("DATABASE_URL", "postgres://peerpath@db.internal:5432/peerpath")
    config = database_from_env(tmp_path / "unused.sqlite3")
    assert config["OPTIONS"]["connect_timeout"] == 10
    assert config["CONN_HEALTH_CHECKS"] is True and config["CONN_MAX_AGE"] == 60

    monkeypatch.setenv("DATABASE_URL", "postgres://peerpath@db.internal/peerpath?connect_timeout=3")
    assert str(database_from_env(tmp_path / "unused.sqlite3")["OPTIONS"]["connect_timeout"]) == "3"
