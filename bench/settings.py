"""Settings for bench/lesson_page.py: the development settings with DEBUG off
(so Django keeps no query log and templates are cached, as in production) and
a URLconf with a bare view to compare against."""

from training.settings.dev import *  # noqa: F401,F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The bench serves static files through the finders; no collectstatic needed.
import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

# Public verification is rate limited per client address (60 a minute). The
# bench stands behind a pretend proxy: verification lookups say which address
# they come from in X-Forwarded-For (a different one each), so the production
# limit and its cost apply unchanged. (Relaxing the limit for one address
# instead made allauth's per-address history tens of thousands of entries
# long, and reading and writing it cost more than the page.)
TRUSTED_PROXY_COUNT = ALLAUTH_TRUSTED_PROXY_COUNT = 1

# Sessions as in production (training/settings/production.py): read from Redis,
# written through to PostgreSQL.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
