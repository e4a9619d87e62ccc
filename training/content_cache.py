"""Published content, kept in each web process until someone changes it.

Every learner's page starts the same way: find the Wagtail site, walk the URL
to the page, load the page and its course, check page privacy, list the
course's lessons. That is the same published content for everybody and it
changes only when someone edits it, yet it cost nine of a lesson page's
fourteen queries. So each process keeps those objects in memory, under a
*content version* number that lives in the shared cache (Redis):

- every save or delete of a page, a site, a privacy setting, an image, a
  document, a site setting or a program's configuration bumps the version
  (`bump`, through `watch`), once at once and once more after the transaction
  commits, so another process can't keep what it read between the two;
- a request reads the version once, the first time it needs cached content,
  and uses what this process keeps for that version; a newer version starts
  empty.

Programs' configuration (required courses, hours requirements, domains,
certification settings) is kept the same way: it is the same for everyone and
changes rarely. What the learner did (progress, enrollment, reflections,
hours, attempts) is never cached here.

The cache is on when the cache backend is shared between processes (Redis;
`PEERPATH_CONTENT_CACHE`, see training/settings/base.py) and only inside a
request that came through `ContentCacheMiddleware`. Anywhere else (a
management command, a task) `remember` just computes, and so does a request
once it has changed content itself (what it reads may not be committed yet).
Kept objects are shared by every request of the process: read them, never
change or save them.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction

T = TypeVar("T")
logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"
# Entries per version: pages, sites, lesson lists. A site has a few hundred
# pages; the bound only stops a crawl of odd URLs from growing memory.
MAX_ENTRIES = 5_000
# Versions kept at once: a request that began just before a change finishes
# with the version it started with.
KEPT_VERSIONS = 3

# Per request (and per thread: gunicorn's gthread workers serve one request a
# thread): None outside a request, else {"version": int, "changed": bool}.
_request: ContextVar[dict | None] = ContextVar("peerpath_content_request", default=None)
_lock = threading.Lock()
_stores: OrderedDict[int, dict] = OrderedDict()


def enabled() -> bool:
    return getattr(settings, "PEERPATH_CONTENT_CACHE", False)


def _read_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # First use, or the cache lost the key (a Redis restart): start from a
        # random number so no process mistakes old entries for current ones.
        cache.add(VERSION_KEY, secrets.randbits(60), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _entries_for(version: int) -> dict:
    with _lock:
        entries = _stores.get(version)
        if entries is None:
            entries = _stores[version] = {}
            while len(_stores) > KEPT_VERSIONS:
                _stores.popitem(last=False)
        return entries


def remember(key: tuple, compute: Callable[[], T]) -> T:
    """The value kept for `key` under the current content version, computed
    (and kept) if this process has none. Outside a cacheable request: compute."""
    state = _request.get()
    if state is None or state["changed"]:
        # After this request changed content, what it reads may be uncommitted
        # (and may yet be rolled back): never keep that for other requests.
        return compute()
    entries = _entries_for(state["version"])
    try:
        return entries[key]
    except KeyError:
        pass
    value = compute()
    if len(entries) >= MAX_ENTRIES:
        entries.clear()
    entries[key] = value
    return value


def _bump_now() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # No version yet (or the cache lost it): any new random number will do.
        cache.set(VERSION_KEY, secrets.randbits(60), timeout=None)
    state = _request.get()
    if state is not None:
        # A request that changed content reads it afresh for the rest of it.
        state["changed"] = True


def bump() -> None:
    """Content changed: every process drops what it kept. Now, so this
    process sees the change at once, and again when the transaction commits,
    so content another process read before the commit is not kept."""
    if not enabled():
        return
    _bump_now()
    transaction.on_commit(_bump_now)


class ContentCacheMiddleware:
    """Marks requests as ones that may use kept content, and gives Wagtail the
    kept Site for the host (Wagtail looks it up for every page, and its lookup
    is a query). After CommonMiddleware, which has already refused hosts not
    in ALLOWED_HOSTS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        try:
            version = _read_version()
        except Exception:  # the cache backend's own errors: Redis is down
            # Serve from the database alone; /healthz says what is wrong.
            logger.warning("content cache: the cache did not answer", exc_info=True)
            return self.get_response(request)
        token = _request.set({"version": version, "changed": False})
        try:
            try:
                site_for_request(request)
                # Wagtail reads the sites' root paths from the cache for every
                # page URL it builds; keep them here too (a Redis round trip less).
                request._wagtail_cached_site_root_paths = remember(
                    ("site-root-paths",), _site_root_paths
                )
            except DatabaseError:
                # The database is down: let the view fail its own way (/healthz
                # answers 503), not here.
                pass
            return self.get_response(request)
        finally:
            _request.reset(token)


def _site_root_paths():
    # Deferred (here and below): apps.py modules import this one before Django
    # has loaded any models, and wagtail.models needs the app registry.
    from wagtail.models import Site

    return Site.get_site_root_paths()


def site_for_request(request):
    """Wagtail's Site for this request's host, kept per host and port."""
    from wagtail.models import Site

    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    host = request._get_raw_host()
    site = remember(("site", host, request.get_port()), lambda: Site.find_for_request(request))
    request._wagtail_site = site
    return site


class KeptContentPage:
    """For page models: page privacy settings are kept with the content, so
    serving a page doesn't query its ancestors and their restrictions each
    time (Wagtail's check_view_restrictions runs before every page)."""

    def get_view_restrictions(self):
        # Wagtail's own queryset, evaluated once and kept: serving iterates its
        # rows without a query (building it costs one: Wagtail reads the
        # ancestors), and the admin's callers (copying or translating a page,
        # the privacy dialog) still get a queryset: `.exists()` answers from
        # the rows, `.order_by()` queries afresh. Nothing changes a kept one.
        restrictions = super().get_view_restrictions
        if _request.get() is None:
            return restrictions()

        def evaluated():
            queryset = restrictions()
            len(queryset)  # fills its result cache
            return queryset

        return remember(("view-restrictions", self.pk), evaluated)


def _changed(sender, **kwargs):
    bump()


def watch(*models) -> None:
    """Bump the version whenever a row of these models is saved or deleted.
    Each app watches the models its kept values are read from (its AppConfig)."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        uid = f"peerpath-content-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete", weak=False)


def connect_signals() -> None:
    """Watch Wagtail's content (TrainingConfig.ready)."""
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site, get_page_models

    # Publishing, unpublishing and moving all save the page, so saves cover
    # them (a move's later changes to the pages below it are covered by the
    # bump when its transaction commits). Renditions are left out on purpose:
    # one is made the first time an image is shown at a size, which changes no
    # content (pages don't keep them).
    watch(
        Page,
        *get_page_models(),
        Site,
        PageViewRestriction,
        get_image_model(),
        get_document_model(),
        # Site settings show in kept lesson blocks (the crisis callout's helpline).
        *settings_registry,
    )
