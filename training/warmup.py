"""Work every web process would otherwise do on its first requests, done once
in gunicorn's master before it forks (gunicorn.conf.py, `preload_app`).

A worker that gunicorn starts or recycles (`max_requests`) is a fork of the
master, so whatever the master has compiled it has too. Without this, a new
worker's first page took 0.44 s instead of 10 ms (issue 20, bench/RESULTS.md):
compiling Peerpath's templates, filling the URL resolvers, and importing the
modules that Django, Wagtail and allauth load lazily. None of it reads the
database or anybody's data: published content is still kept per process
(training/content_cache.py), under the version the worker reads from Redis.
"""

from __future__ import annotations

import gc
import logging
import time
from pathlib import Path

logger = logging.getLogger(__name__)

# Template folders that hold Peerpath's own pages (the project's templates/
# and each app's templates/). Third-party templates compile on first use.
OUR_APPS = (
    "training",
    "courses",
    "assessments",
    "certificates",
    "programs",
    "practice",
    "renewals",
    "dashboard",
)


def _our_template_names() -> list[str]:
    from django.apps import apps
    from django.conf import settings

    folders = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    folders += [
        Path(apps.get_app_config(label).path) / "templates"
        for label in OUR_APPS
        if apps.is_installed(label)
    ]
    names = set()
    for folder in folders:
        if folder.is_dir():
            names.update(
                path.relative_to(folder).as_posix()
                for path in folder.rglob("*")
                if path.suffix in {".html", ".txt"}
            )
    return sorted(names)


def compile_templates() -> int:
    """Load (and so compile and keep, in the cached loader) every template of
    ours. A template that fails to compile is left for its page to report."""
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    compiled = 0
    for name in _our_template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue
        compiled += 1
    return compiled


def fill_url_resolvers() -> None:
    """Django builds the resolver's reverse lookup tables on first use."""
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 (building it is the point)


def fill_model_metadata() -> None:
    """Each model's field and relation lists, which Django builds on first use."""
    from django.apps import apps

    for model in apps.get_models():
        model._meta.get_fields()
        model._meta.concrete_fields  # noqa: B018
        model._meta.related_objects  # noqa: B018


def import_request_modules() -> None:
    """Modules Django imports on the first request: context processors, the
    message and session storages, the cache backends, the date formats."""
    from importlib import import_module

    from django.conf import settings
    from django.template import engines
    from django.utils import formats
    from django.utils.module_loading import import_string

    for engine in engines.all():
        if hasattr(engine, "engine"):  # Django's own template backend
            engine.engine.template_context_processors  # noqa: B018 (importing is the point)
    if "django.contrib.messages" in settings.INSTALLED_APPS:
        import_string(settings.MESSAGE_STORAGE)
    import_module(settings.SESSION_ENGINE)
    import_string(settings.SESSION_SERIALIZER)
    for cache in settings.CACHES.values():
        import_string(cache["BACKEND"])
    formats.get_format("DATE_FORMAT")


def import_cache_client() -> None:
    """Django imports the Redis client on the cache's first use (0.1 s). The
    import only: connections are opened by each worker (redis-py's pools are
    per process)."""
    from django.conf import settings

    if any("redis" in c.get("BACKEND", "").lower() for c in settings.CACHES.values()):
        import redis  # noqa: F401


def freeze_inherited_objects() -> int:
    """Move every object the master holds now (Django, Wagtail, the compiled
    templates: about 300,000) out of reach of the garbage collector's full
    passes, in the master and so in every worker forked from it.

    Without this a worker's full collection walks all of them, and with both
    of its threads stopped: 160-170 ms on this 2-core machine, a few times a
    minute under load, which was most of the lesson page's p99 (issue 21's
    benchmark, bench/RESULTS.md). Walking them also writes to each object's
    header, so the worker's copy of the master's memory stopped being shared.
    This is what the gc module's documentation advises before a fork without
    exec. Collect first, so nothing already garbage is kept for good."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def warm_process() -> None:
    """Everything above; a failure is logged and the server starts anyway
    (its workers then do the same work on their first requests)."""
    started = time.monotonic()
    try:
        import_cache_client()
        import_request_modules()
        compiled = compile_templates()
        fill_url_resolvers()
        fill_model_metadata()
        frozen = freeze_inherited_objects()
    except Exception:
        logger.warning("warming before fork failed; workers start cold", exc_info=True)
        return
    logger.info(
        "warmed before fork: %d templates, URL resolvers, models; %d objects frozen (%.0f ms)",
        compiled,
        frozen,
        (time.monotonic() - started) * 1000,
    )
