"""Development: SQLite, console email, tasks queued in the database for the
worker that `make run` (`manage.py run_dev`) starts beside the web server."""

from .base import *  # noqa: F401,F403
from .env import env_list, env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# Hashed static names are for production; dev serves files as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
CERTIFICATE_SIGNING_AUTO_GENERATE = True

# Seeding publishes dozens of pages; one INFO line each drowns `make run`'s output.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
# The task worker that `make run` starts logs each task it runs: Wagtail's own
# (the reference and search indexes, hundreds after seeding) are left out.
LOGGING["filters"]["quiet_housekeeping_tasks"] = {  # noqa: F405
    "()": "training.logging.QuietHousekeepingTasks"
}
LOGGING["loggers"]["django_tasks"]["filters"] = ["quiet_housekeeping_tasks"]  # noqa: F405
