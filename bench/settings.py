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

# Public verification is rate limited per address; the load test sends every
# request from 127.0.0.1, so the bench relaxes it (only here).
ACCOUNT_RATE_LIMITS = {"verify_certificate": "1000000/m/ip"}
