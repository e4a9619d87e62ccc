"""Production: everything from the environment; refuses to start half-configured.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL.
See docs/deploy.md for every variable.
"""

from .base import *  # noqa: F401,F403
from .env import env_bool, env_int, env_list, env_required, env_str

SECRET_KEY = env_required("SECRET_KEY", "set a long random value (see docs/deploy.md)")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env_required("ALLOWED_HOSTS", "list the host names this site answers to, comma-separated")
env_required("DATABASE_URL", "production runs on PostgreSQL, e.g. postgres://user@host/peerpath")
# Rate limits, the TOTP reuse check and sessions must be shared across processes.
env_required("REDIS_URL", "production keeps rate limits and sessions in Redis")

DEBUG = False
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
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

if env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
