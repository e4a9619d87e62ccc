import os
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from training.models import HomePage

# CI runs the property and fuzz tests with a fixed seed (HYPOTHESIS_PROFILE=ci),
# so a red build always means a change broke something; runs by hand draw new
# examples each time and may find what the fixed seed does not.
hypothesis_settings.register_profile("ci", derandomize=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def _live_server_closes_idle_connections() -> None:
    """Chromium keeps its connections to the live server open between requests;
    each one holds a server thread reading for the next request, and after a
    browser test the teardown waits for every server thread
    (`finish_server_requests`), so it waited its full 15 s after every browser
    test (about 9 minutes of each database's CI run). A connection idle for
    IDLE_SECONDS is closed instead, as a production server would; the browser
    opens a new one for its next request."""
    from django.test import testcases

    class IdleClosingHandler(testcases.QuietWSGIRequestHandler):
        timeout = IDLE_SECONDS

        def handle_one_request(self):
            try:
                super().handle_one_request()
            except TimeoutError:
                self.close_connection = True

    testcases.QuietWSGIRequestHandler = IdleClosingHandler


IDLE_SECONDS = 2
_live_server_closes_idle_connections()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and TOTP reuse marks live in the cache (Redis in the
    # PostgreSQL run): every test starts from a clean slate.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_default_language():
    # A request in Spanish leaves Spanish active in the thread after the
    # response (LocaleMiddleware activates, nothing deactivates), so a service
    # called later in the same process spoke Spanish: a test's result must not
    # depend on which test ran before it.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _server_requests_finish_before_the_database_resets(request):
    # Set up after pytest-django's database fixture, so torn down before its
    # flush: the flush must not meet a request still being answered.
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from tests.browser.helpers import finish_server_requests

    finish_server_requests()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep serialized-rollback data reachable from every connection wrapper.

    Playwright's sync API runs an asyncio loop in the test thread; while it
    runs, Django's connection handler (an asgiref Local, contextvar-backed when
    a loop is running) hands out a fresh DatabaseWrapper, which lacks the
    serialized contents that `serialized_rollback=True` restores between
    transactional tests. Keeping them on the class fixes that for this run.
    """
    from django.db import connections

    for alias in connections:
        wrapper = connections[alias]
        contents = getattr(wrapper, "_test_serialized_contents", None)
        if contents is not None:
            type(wrapper)._test_serialized_contents = contents
    yield


def set_up_site():
    """The site structure a real deployment has after `manage.py setup_site`
    (every app's part: home page, catalogue, workflow, permissions)."""
    from django.core.management import call_command
    from wagtail.models import Site

    call_command("setup_site", verbosity=0, stdout=StringIO())

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def site(db):
    return set_up_site()


@contextmanager
def kept_for_the_module(django_db_blocker):
    """For a module-scoped fixture (named `..._for_module`): what it writes
    inside stays for the module's tests and is rolled back after the last one.
    Each test still runs in its own savepoint on top, so what one test changes
    the next never sees; such tests run last in their module (below)."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def home_page(site) -> HomePage:
    return site.root_page.specific


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Uploaded files on the local disk, as a deployment without a bucket keeps
    them (the test settings keep them in memory, which Wagtail's document view
    cannot send)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(scope="module")
def _demo_seeded_for_module(django_db_setup, django_db_blocker):
    # seed_demo takes ~12 s on a busy machine: once a module, not once a test.
    from django.core.management import call_command

    with kept_for_the_module(django_db_blocker):
        set_up_site()
        call_command("seed_demo", stdout=StringIO())
        yield


@pytest.fixture
def demo_seeded(_demo_seeded_for_module, db):
    """The site after `setup_site` and `seed_demo`, for tests that only read
    the demo content (or change it inside their own rollback)."""


@pytest.hookimpl(tryfirst=True)  # before pytest-django's, which groups by kind of database use
def pytest_collection_modifyitems(items):
    """Tests on module-wide data (a `..._for_module` fixture) run last in their
    module (otherwise in file order), so the module's other tests never start
    from that data."""
    modules: dict = {}
    for item in items:
        modules.setdefault(item.path, len(modules))

    def on_module_data(item) -> bool:
        return any(name.endswith("_for_module") for name in item.fixturenames)

    items.sort(key=lambda item: (modules[item.path], on_module_data(item)))


# --- Browser tests -----------------------------------------------------------
from pathlib import Path  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from Debian. Missing: skipped loudly, or a failure with
    REQUIRE_BROWSER=1 (CI), so a green run never hides untested journeys."""
    if not Path(CHROMIUM).exists():
        message = f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and REQUIRE_BROWSER=1 is set", pytrace=False)
        import warnings

        warnings.warn(f"SKIPPING BROWSER TESTS: {message}", stacklevel=1)
        pytest.skip(f"SKIPPED LOUDLY: {message}")
    # Playwright's sync API runs an event loop in this thread; the tests still
    # use the ORM synchronously between steps, which is safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def record_other_hosts(context) -> list[str]:
    """Collect every request the pages make to a host other than this machine:
    Peerpath loads nothing from a CDN, a tracker or a third-party player."""
    from urllib.parse import urlsplit

    outside: list[str] = []

    def on_request(request):
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if urlsplit(request.url).hostname not in {"127.0.0.1", "localhost"}:
            outside.append(request.url)

    context.on("request", on_request)
    return outside


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True)
    outside = record_other_hosts(context)
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"pages requested other hosts: {outside}"


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport=DESKTOP)
    outside = record_other_hosts(context)
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"pages requested other hosts: {outside}"


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so a fixture can tell after
    the test whether it failed (the journey test keeps a failure screenshot)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
