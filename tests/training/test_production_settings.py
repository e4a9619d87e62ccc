"""Production settings, read in a fresh process with only the environment a
deployment would give it. Nothing here touches the network: constructing the
S3 storage and signing a URL happen locally."""

import json
import re
import textwrap
from pathlib import Path

import pytest

from .test_settings_and_health import production_environment, run_manage

S3_ENV = {
    "AWS_STORAGE_BUCKET_NAME": "peerpath-media",
    "AWS_S3_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE",
    "AWS_S3_SECRET_ACCESS_KEY": "secret-example-secret-example",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
    "AWS_S3_REGION_NAME": "eu-west-1",
}


@pytest.fixture(scope="module")
def production_env(tmp_path_factory) -> dict[str, str]:
    return production_environment(tmp_path_factory.mktemp("signing"))


def shell(code: str, env: dict) -> dict:
    """Run `code` in `manage.py shell` with production settings; it prints JSON."""
    result = run_manage("shell", "-c", textwrap.dedent(code), env_overrides=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Object storage ------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["AWS_S3_ACCESS_KEY_ID", "AWS_S3_SECRET_ACCESS_KEY"])
def test_a_bucket_without_credentials_stops_start_up_with_one_line(missing, production_env):
    env = {**production_env, **S3_ENV}
    del env[missing]
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Peerpath cannot start: {missing} is not set")
    assert "AWS_STORAGE_BUCKET_NAME" in lines[0]


def test_with_a_bucket_media_and_certificates_go_to_private_s3_storage(production_env):
    found = shell(
        """
        import json
        from django.conf import settings
        from django.core.files.storage import storages
        from certificates.models import Certificate
        storage = storages["default"]
        url = storage.url("certificates/2026/PP-TEST.pdf")
        print(json.dumps({
            "class": type(storage).__module__ + "." + type(storage).__name__,
            "pdf_storage": type(Certificate._meta.get_field("pdf").storage).__name__,
            "bucket": storage.bucket_name,
            "acl": storage.default_acl,
            "overwrite": storage.file_overwrite,
            "url": url,
            "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
            "admin_media_src": settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"],
            "documents": settings.WAGTAILDOCS_SERVE_METHOD,
        }))
        """,
        {**production_env, **S3_ENV},
    )
    assert found["class"] == "storages.backends.s3.S3Storage"
    # The certificate's FileField uses the default storage, resolved lazily.
    assert found["pdf_storage"] == "DefaultStorage"
    assert found["bucket"] == "peerpath-media"
    assert found["acl"] == "private"
    assert found["overwrite"] is False
    # Private objects are reached through a signed URL that expires.
    assert found["url"].startswith("https://objects.example.net/peerpath-media/certificates/")
    assert "X-Amz-Signature=" in found["url"] and "X-Amz-Expires=3600" in found["url"]
    # Browsers may load media from the bucket, and from nowhere else new.
    assert found["img_src"] == [
        "'self'",
        "data:",
        "https://objects.example.net",
        "https://peerpath-media.objects.example.net",
    ]
    assert "https://objects.example.net" in found["admin_media_src"]
    # Documents: the serve view checks who asks, then redirects to a signed URL.
    assert found["documents"] == "redirect"


def test_without_a_bucket_media_stays_on_the_local_disk(production_env, tmp_path):
    found = shell(
        """
        import json
        from django.conf import settings
        from django.core.files.storage import storages
        print(json.dumps({
            "class": type(storages["default"]).__name__,
            "root": str(settings.MEDIA_ROOT),
            "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
            "documents": settings.WAGTAILDOCS_SERVE_METHOD,
        }))
        """,
        {**production_env, "MEDIA_ROOT": str(tmp_path)},
    )
    assert found == {
        "class": "FileSystemStorage",
        "root": str(tmp_path),
        "img_src": ["'self'", "data:"],
        "documents": "serve_view",
    }


# --- Certificate signing ----------------------------------------------------------------


def test_a_signing_key_path_that_is_not_a_file_stops_start_up(production_env, tmp_path):
    env = {**production_env, "CERTIFICATE_SIGNING_KEY": str(tmp_path / "missing-key.pem")}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert result.stderr.strip() == (
        f"Peerpath cannot start: CERTIFICATE_SIGNING_KEY names {tmp_path / 'missing-key.pem'}, "
        "which is not a readable file"
    )


# --- The site's address ------------------------------------------------------------------


@pytest.mark.parametrize(
    "site_url",
    [
        # The development default: it would be printed on every certificate.
        "http://127.0.0.1:8000",
        "http://peerpath.example.org",
        "peerpath.example.org",
        "https://peerpath.example.org/training/",
        "https://peerpath.example.org:port",
        "https://",
    ],
)
def test_production_refuses_a_site_url_that_is_not_an_https_address(site_url, production_env):
    result = run_manage("check", env_overrides={**production_env, "SITE_URL": site_url})
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "Peerpath cannot start: SITE_URL must be the site's https address with no path, "
        f"e.g. https://peerpath.example.org, not {site_url!r}"
    )


def test_the_site_url_is_the_base_of_links_and_of_the_issuer_did(production_env):
    found = shell(
        """
        import json
        from django.conf import settings
        from certificates.credential_keys import issuer_did
        print(json.dumps({
            "site": settings.SITE_URL,
            "admin": settings.WAGTAILADMIN_BASE_URL,
            "did": issuer_did(),
        }))
        """,
        {**production_env, "SITE_URL": "https://training.example.org:8443"},
    )
    assert found == {
        "site": "https://training.example.org:8443",
        "admin": "https://training.example.org:8443",
        "did": "did:web:training.example.org%3A8443",
    }


# --- Secrets, sessions, tasks, proxies ---------------------------------------------------


def test_secret_key_fallbacks_sessions_cache_and_tasks_come_from_the_environment(
    production_env,
):
    found = shell(
        """
        import json
        from django.conf import settings
        print(json.dumps({
            "fallbacks": settings.SECRET_KEY_FALLBACKS,
            "session_engine": settings.SESSION_ENGINE,
            "cache": settings.CACHES["default"]["BACKEND"],
            "cache_location": settings.CACHES["default"]["LOCATION"],
            "tasks": settings.TASKS["default"]["BACKEND"],
            "db_health_checks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
            "db_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
            "daily": [entry[0] for entry in settings.PEERPATH_DAILY_COMMANDS],
        }))
        """,
        {
            **production_env,
            "SECRET_KEY_FALLBACKS": "old-key-one-Zq8v3WmN0pLr7Ys2Tx, old-key-two-Zq8v3WmN0pLr7Ys2",
            "DB_CONN_MAX_AGE": "120",
        },
    )
    assert found["fallbacks"] == ["old-key-one-Zq8v3WmN0pLr7Ys2Tx", "old-key-two-Zq8v3WmN0pLr7Ys2"]
    # Sessions survive a Redis restart: cached in Redis, kept in PostgreSQL.
    assert found["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert found["cache"] == "training.cache.PeerpathRedisCache"
    assert found["cache_location"] == "redis://cache.internal:6379/0"
    assert found["tasks"] == "django_tasks_db.DatabaseBackend"
    assert found["db_health_checks"] is True
    assert found["db_max_age"] == 120
    assert found["daily"][0] == "requeue_stuck_tasks"
    assert "prune_db_task_results" in found["daily"]


@pytest.mark.parametrize(
    ("count", "expected"),
    [("0", "10.0.0.2"), ("1", "203.0.113.7"), ("2", "198.51.100.4")],
)
def test_trusted_proxy_count_picks_the_real_client_address_for_every_limit(
    count, expected, production_env
):
    # A client may send its own X-Forwarded-For; each trusted proxy appends the
    # address it saw. Only TRUSTED_PROXY_COUNT entries from the right are trusted.
    found = shell(
        """
        import json
        from allauth.account.adapter import get_adapter
        from django.conf import settings
        from django.test import RequestFactory
        request = RequestFactory().get(
            "/verify/",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.66, 198.51.100.4, 203.0.113.7",
        )
        print(json.dumps({
            "setting": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
            "client_ip": get_adapter().get_client_ip(request),
        }))
        """,
        {**production_env, "TRUSTED_PROXY_COUNT": count},
    )
    assert found == {"setting": int(count), "client_ip": expected}


# --- Static files ------------------------------------------------------------------------


def test_collectstatic_builds_hashed_compressed_files_with_production_settings(
    production_env, tmp_path
):
    static_root = tmp_path / "static"
    result = run_manage(
        "collectstatic",
        "--noinput",
        "-v",
        "0",
        env_overrides={**production_env, "STATIC_ROOT": str(static_root)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css" and hashed.startswith("css/site.")
    assert (static_root / hashed).is_file()
    # WhiteNoise serves the pre-compressed copy to browsers that accept it.
    assert (static_root / f"{hashed}.gz").is_file()
    assert "wagtailadmin/js/core.js" in manifest["paths"]


# --- Logs ----------------------------------------------------------------------------------


def test_production_logs_are_json_lines_on_stdout(production_env):
    result = run_manage(
        "shell",
        "-c",
        "import logging; logging.getLogger('peerpath.check').warning("
        "'Disk is %s full', '91%', extra={'volume': 'media'})",
        env_overrides=production_env,
    )
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    entry = next(e for e in entries if e["logger"] == "peerpath.check")
    assert entry["level"] == "WARNING"
    assert entry["message"] == "Disk is 91% full"
    assert entry["volume"] == "media"
    assert "peerpath.check" not in result.stderr


# --- Documentation ----------------------------------------------------------------------


def test_every_environment_variable_read_in_production_is_documented():
    root = Path(__file__).resolve().parents[2]
    read = set()
    for source in [*(root / "training" / "settings").glob("*.py"), root / "gunicorn.conf.py"]:
        text = source.read_text()
        read |= set(re.findall(r"env_(?:str|int|bool|list|required)\(\s*\"([A-Z0-9_]+)\"", text))
        read |= set(re.findall(r"(?:environ\.get|_int)\(\s*[\"']([A-Z0-9_]+)[\"']", text))
    assert {"SECRET_KEY", "AWS_S3_ACCESS_KEY_ID", "WEB_CONCURRENCY", "BIND"} <= read
    documented = set(re.findall(r"`([A-Z0-9_]+)`", (root / "docs" / "deploy.md").read_text()))
    assert sorted(read - documented) == []
