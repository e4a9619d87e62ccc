"""bench/pdf_worker.py's settings: the bench settings with production's task
backend (django-tasks-db), so `manage.py db_worker` runs the real tasks."""

from bench.settings import *  # noqa: F401,F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
