"""Test settings: fast hashing, mail kept in memory, tasks run immediately."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import database_from_env

SECRET_KEY = "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# With DATABASE_URL unset the suite runs on SQLite (in memory); CI sets it to
# PostgreSQL for the second run.
DATABASES = {"default": database_from_env(":memory:")}
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
CERTIFICATE_SIGNING_AUTO_GENERATE = True
# One self-signed pair per machine for the test runs (never committed).
CE_PROOF_ROOT = Path(tempfile.gettempdir()) / f"peerpath-test-ce-proofs-{os.getpid()}"
CERTIFICATE_IMAGE_ROOT = Path(tempfile.gettempdir()) / f"peerpath-test-cert-images-{os.getpid()}"
CERTIFICATE_SIGNING_DIR = Path(tempfile.gettempdir()) / "peerpath-test-signing"
# One process: the in-memory cache is shared by everything that changes content.
PEERPATH_CONTENT_CACHE = True
# Counted on every visit, so a test sees the numbers it has just made
# (tests/dashboard/test_coordinator_home.py turns the cache on to test it).
COCKPIT_FIGURES_SECONDS = 0
# Tasks run in the request that queues them; a test that needs the queue itself
# (rows in the database, run by db_worker) sets the database backend
# (`database_tasks` fixture in tests/training/test_tasks_requeue.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Every language with a catalogue, offered or not (issue 21's tests).
LANGUAGES = AVAILABLE_LANGUAGES  # noqa: F405
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A test that needs the Spanish home page, catalogue or demo course asks for it.
PEERPATH_TRANSLATED_LANGUAGES: list[str] = []
