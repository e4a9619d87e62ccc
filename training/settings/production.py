"""Production: everything from the environment; refuses to start half-configured.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, EMAIL_HOST,
SITE_URL (https), CERTIFICATE_SIGNING_KEY, CERTIFICATE_SIGNING_CERT,
CREDENTIAL_SIGNING_KEY; with AWS_STORAGE_BUCKET_NAME also AWS_S3_ACCESS_KEY_ID
and AWS_S3_SECRET_ACCESS_KEY.
See docs/deploy.md for every variable.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import STORAGES, content_security_policies
from .env import env_bool, env_int, env_list, env_required, env_str
from .storage import document_serve_method, media_storage_from_env

SECRET_KEY = env_required("SECRET_KEY", "set a long random value (see docs/deploy.md)")
# Earlier keys, still accepted for signed values (sessions, password reset
# links) while they expire; new values are signed with SECRET_KEY only.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env_required("ALLOWED_HOSTS", "list the host names this site answers to, comma-separated")
env_required("DATABASE_URL", "production runs on PostgreSQL, e.g. postgres://user@host/peerpath")
# Rate limits, the TOTP reuse check and sessions must be shared across processes.
env_required("REDIS_URL", "production keeps rate limits and sessions in Redis")
# The web process and the start-up commands (manage.py) stop with one line when
# the database or Redis does not answer (training/startup.py).
PEERPATH_CHECK_SERVICES_AT_START = True

DEBUG = False

# Certificates print it, emails link to it, and the credential issuer's did:web
# is its host: the loopback default of development would be printed on every
# certificate, and a verifier resolves did:web over https only.
SITE_URL = env_required("SITE_URL", "the site's public address, e.g. https://peerpath.example.org")
_site = urlsplit(SITE_URL)
try:
    _site.port  # noqa: B018 - raises on a port that is not a number
    _site_is_https_root = (
        _site.scheme == "https"
        and bool(_site.hostname)
        and _site.path in ("", "/")
        and not (_site.query or _site.fragment or _site.username)
    )
except ValueError:
    _site_is_https_root = False
if not _site_is_https_root:
    raise ImproperlyConfigured(
        f"SITE_URL must be the site's https address with no path, "
        f"e.g. https://peerpath.example.org, not {SITE_URL!r}"
    )
WAGTAILADMIN_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Sessions: read from Redis, written through to PostgreSQL. A Redis restart or
# eviction then costs a cache miss, not everyone's sign-in (and a learner's
# place in a timed quiz); the write-through is cheap because
# SessionIdleTimeoutMiddleware touches a session at most once a minute.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading HSTS is hard to undo and affects every subdomain: it is the
# agency's decision, so it is off unless asked for (silences security.W021).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Wagtail's live preview shows the page in a same-origin iframe, so frames stay
# allowed from our own origin (X_FRAME_OPTIONS = SAMEORIGIN, CSP frame-ancestors 'self').
SILENCED_SYSTEM_CHECKS = ["security.W019"]
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")
if env_bool("BEHIND_TLS_PROXY", True):
    # The proxy terminates TLS and says so in this header (see docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Without SMTP, mail would go to the console backend: live password-reset and
# confirmation links in the web log, and no mail for anyone.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_required("EMAIL_HOST", "account mail (sign-up, password reset) is sent through it")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# --- Background tasks: rows in PostgreSQL, run by `manage.py db_worker` -------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Finished task rows are only a log; keep a month of them (failed ones too, so
# a failure can still be looked into the next week).
PEERPATH_DAILY_COMMANDS = [
    *PEERPATH_DAILY_COMMANDS,  # noqa: F405
    ["prune_db_task_results", "--min-age-days", "30"],
]

# --- Files ----------------------------------------------------------------------
_media_storage, _media_sources = media_storage_from_env()
STORAGES = {**STORAGES, "default": _media_storage}
WAGTAILDOCS_SERVE_METHOD = document_serve_method(_media_storage)
CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY = content_security_policies(
    media_sources=_media_sources, report_uri=env_str("CSP_REPORT_URI")
)


# --- Certificate signing --------------------------------------------------------
def _readable_file(name: str, path: str) -> str:
    if not (Path(path).is_file() and os.access(path, os.R_OK)):
        raise ImproperlyConfigured(f"{name} names {path}, which is not a readable file")
    return path


def _signing_file(name: str, what: str) -> str:
    why = f"certificate PDFs are signed with it: the path of the {what}"
    return _readable_file(name, env_required(name, why))


CERTIFICATE_SIGNING_KEY = _signing_file("CERTIFICATE_SIGNING_KEY", "PEM private key")
CERTIFICATE_SIGNING_CERT = _signing_file("CERTIFICATE_SIGNING_CERT", "PEM certificate")
CERTIFICATE_SIGNING_AUTO_GENERATE = False


# Open Badges 3.0 credentials: the keys are read here, so that a wrong file
# stops start-up rather than the first credential or /.well-known/did.json
# (certificates/credential_keys.py loads them).
def _ed25519_file(name: str, path: str, *, public_allowed: bool) -> str:
    pem = Path(_readable_file(name, path)).read_bytes()
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        try:
            key = serialization.load_pem_public_key(pem) if public_allowed else None
        except ValueError:
            key = None
    allowed = (Ed25519PrivateKey, Ed25519PublicKey) if public_allowed else Ed25519PrivateKey
    if not isinstance(key, allowed):
        what = (
            "PEM public or unencrypted private key"
            if public_allowed
            else "unencrypted PEM private key"
        )
        raise ImproperlyConfigured(
            f"{name} names {path}, which is not an Ed25519 {what} (see docs/deploy.md)"
        )
    return path


CREDENTIAL_SIGNING_KEY = _ed25519_file(
    "CREDENTIAL_SIGNING_KEY",
    env_required(
        "CREDENTIAL_SIGNING_KEY",
        "Open Badges credentials are signed with it: the path of an Ed25519 PEM private key",
    ),
    public_allowed=False,
)
CREDENTIAL_RETIRED_KEYS = [
    _ed25519_file("CREDENTIAL_RETIRED_KEYS", path, public_allowed=True)
    for path in env_list("CREDENTIAL_RETIRED_KEYS")
]

# --- Logs: one JSON object per line on stdout -----------------------------------
LOGGING = {
    **LOGGING,  # noqa: F405 - the levels per logger from base.py
    "formatters": {"json": {"()": "training.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
}
