"""Settings shared by every environment. dev/test/production import from here."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "training",
    "programs",
    "practice",
    "courses",
    "assessments",
    "certificates",
    "renewals",
    "dashboard",
    # Trainers translate pages (issue 21); its locales app replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "training.content_cache.ContentCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "training.middleware.LanguageMiddleware",
    "training.middleware.SessionIdleTimeoutMiddleware",
    "training.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "training.csp.PathBasedCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "training.middleware.StaffAdminGuardMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "training.urls"
# Forms find their templates through TEMPLATES, so templates/forms/ (our field
# and form layout) is used by `{{ form }}` on the public site.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "training.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "training.context_processors.site_roles",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite is the embedded default so a newcomer needs no server. With Django's
# defaults about one in six concurrent writes fails with "database is locked";
# WAL lets readers and one writer work at once, IMMEDIATE takes the write lock
# at BEGIN (so a transaction never has to upgrade its lock and deadlock), and
# the busy timeout makes a writer wait for the lock instead of failing.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_from_env(default_sqlite_path: Path) -> dict:
    url = env_str("DATABASE_URL")
    if url is None:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": default_sqlite_path,
            "OPTIONS": SQLITE_OPTIONS,
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except ValueError as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL we understand: {error}"
        ) from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = SQLITE_OPTIONS
    else:
        config["CONN_HEALTH_CHECKS"] = True
        # A firewalled or wrong host fails within seconds instead of hanging a
        # request or a deploy (libpq waits for ever by default). A URL's own
        # ?connect_timeout= wins.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 10)
    return config


DATABASES = {"default": database_from_env(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
# allauth's rate limits and its TOTP reuse check live in the cache, so in a
# multi-process deployment the cache must be shared (Redis).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "training.cache.PeerpathRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "peerpath"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Published content (pages, sites, lesson lists) kept in each web process under
# a version number in the cache (training/content_cache.py). The version must be
# shared by every process that can change content (web, worker, scheduler), so
# this is on only with Redis; the test settings turn it on (one process).
PEERPATH_CONTENT_CACHE = env_bool("PEERPATH_CONTENT_CACHE", bool(REDIS_URL))
# The coordinator's cockpit keeps its per-program figures (a read of every
# approved hours entry) this long; 0 counts them on every visit (dashboard/cockpit.py).
COCKPIT_FIGURES_SECONDS = env_int("COCKPIT_FIGURES_SECONDS", 120)

# --- Users and accounts ---------------------------------------------------
AUTH_USER_MODEL = "training.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "programs.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "training.forms.SignupForm"
# The same forms with their labels in sentence case (issue #19).
ACCOUNT_FORMS = {
    "login": "training.account_forms.LoginForm",
    "change_password": "training.account_forms.ChangePasswordForm",
    "reset_password_from_key": "training.account_forms.ResetPasswordKeyForm",
}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Same neutral "check your inbox" answer whether or not an email is known.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Peerpath] "
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Adding, removing or making an address primary (and so where password resets
# go) asks for the password, or an authenticator code, again once the sign-in
# is older than ACCOUNT_REAUTHENTICATION_TIMEOUT (allauth's 300 seconds): a
# browser left signed in cannot hand the account to someone else.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# allauth's default rate limits stay on (login failures, sign-ups, resets...);
# they are kept in the cache configured above. Ours: public certificate lookups
# per client address (the same real-address rule as allauth's), and certificate
# PDF downloads per person and per client address.
ACCOUNT_RATE_LIMITS = {
    "verify_certificate": env_str("VERIFY_RATE_LIMIT", "60/m/ip"),
    "download_certificate": env_str("CERTIFICATE_DOWNLOAD_RATE_LIMIT", "10/m/user,30/m/ip"),
    # Each check of an uploaded PDF costs a child process: fewer than lookups.
    "verify_upload": env_str("VERIFY_UPLOAD_RATE_LIMIT", "10/m/ip"),
}

MFA_ADAPTER = "programs.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Peerpath"

# --- Sessions -------------------------------------------------------------
# A session ends after this many seconds without a request (sliding window).
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 2 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
# Moving the expiry forward costs a session write: do it at most this often
# (and at least every tenth of the timeout, training/middleware.py).
SESSION_TOUCH_INTERVAL = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en"
# Every language Peerpath has a catalogue for (docs/translating.md says how to
# add one), each named in its own language, as the switcher shows it.
AVAILABLE_LANGUAGES = [("en", "English"), ("es", "Español")]
# The languages offered: PEERPATH_LANGUAGES (codes, comma-separated), every
# available one by default; `en` alone for an English-only site. The tests run
# with every available language.
_offered = env_list("PEERPATH_LANGUAGES", [code for code, _name in AVAILABLE_LANGUAGES])
_unknown = set(_offered) - {code for code, _name in AVAILABLE_LANGUAGES}
if _unknown or "en" not in _offered:
    raise ImproperlyConfigured(
        f"PEERPATH_LANGUAGES={','.join(_offered)}: it must include en, and only these: "
        f"{', '.join(code for code, _name in AVAILABLE_LANGUAGES)}"
    )
LANGUAGES = [(code, name) for code, name in AVAILABLE_LANGUAGES if code in _offered]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Course content in the languages offered (wagtail-localize). A page is served
# at its English URL in every language: training.views.serve_page routes in the
# default locale's tree and training.page_translations swaps in the reader's
# translation where there is one (docs/translating.md).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The languages setup_site gives a home page and catalogue of their own (so
# trainers can translate courses under them) and seed_demo a Spanish course.
# Tests start without (each test's setup stays small) and opt in.
PEERPATH_TRANSLATED_LANGUAGES = [code for code, _name in LANGUAGES if code != LANGUAGE_CODE]
# The switcher's choice for people not signed in (signed-in people keep theirs
# in their profile): a year, sent only to this site.
LANGUAGE_COOKIE_NAME = "peerpath_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------
STATIC_URL = "/static/"
# collectstatic writes here and WhiteNoise serves from here (overridable so a
# read-only release directory can collect elsewhere).
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Continuing-education proofs: private, outside MEDIA_ROOT and with no URL;
# renewals.views serves each one to its owner and to coordinators only.
CE_PROOF_ROOT = Path(env_str("CE_PROOF_ROOT", str(BASE_DIR / "private")))
CE_PROOF_MAX_BYTES = 5 * 1024 * 1024
# The logos, seals and signature images printed on certificates: private like
# CE proofs (no URL); the PDF renderer embeds their bytes (certificates.images).
CERTIFICATE_IMAGE_ROOT = Path(env_str("CERTIFICATE_IMAGE_ROOT", str(BASE_DIR / "private")))
CERTIFICATE_IMAGE_MAX_BYTES = 1024 * 1024
CERTIFICATE_IMAGE_MAX_PIXELS = 4_000_000
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Email ----------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Peerpath <no-reply@peerpath.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Background tasks -----------------------------------------------------
# As in production, a task (a certificate PDF, an email, Wagtail's reference
# index) is a row in the database, run by `manage.py db_worker`, so no request
# waits for it. `make run` (`manage.py run_dev`) starts a worker beside the web
# server; with `runserver` alone, queued tasks wait until a worker runs. The
# test settings run tasks immediately instead.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Scheduled jobs. `manage.py run_daily` runs PEERPATH_DAILY_COMMANDS in order
# (one failing does not stop the others); `manage.py run_scheduler` runs it once
# a day at PEERPATH_DAILY_HOUR (local time, TIME_ZONE) and
# PEERPATH_FREQUENT_COMMANDS every PEERPATH_FREQUENT_MINUTES. Each entry is a
# management command name, or [name, arg, ...]. Apps add theirs here.
PEERPATH_DAILY_COMMANDS = [
    # A task whose worker died stays "running" for ever: hand it back.
    ["requeue_stuck_tasks"],
    # Database-backed sessions leave expired rows behind.
    ["clearsessions"],
    # Quiz attempts whose time ran out while nobody was looking.
    ["close_expired_attempts"],
    # One email per supervisor with entries waiting for review.
    ["send_supervisor_digests"],
    # One email per coordinator listing new requests to join a program.
    ["send_join_request_digests"],
    # Certificate PDFs whose render failed or whose task was lost.
    ["render_pending_certificates"],
    # 90, 60 and 30 days before a certificate expires, each once.
    ["send_expiry_reminders"],
]
PEERPATH_FREQUENT_COMMANDS = [
    ["requeue_stuck_tasks"],
    # Wagtail's scheduled publishing (go-live and expiry dates on pages).
    ["publish_scheduled"],
]
PEERPATH_DAILY_HOUR = env_int("PEERPATH_DAILY_HOUR", 3)
PEERPATH_FREQUENT_MINUTES = env_int("PEERPATH_FREQUENT_MINUTES", 10)
# A task running longer than this is taken to have lost its worker.
TASK_STUCK_AFTER_MINUTES = env_int("TASK_STUCK_AFTER_MINUTES", 15)

# --- Wagtail --------------------------------------------------------------
WAGTAIL_SITE_NAME = "Peerpath"
# The site's public address: printed on certificates, in email links, and the
# host of the credential issuer's did:web. Production requires an https one.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
# Staff sign in through allauth so that TOTP cannot be skipped; Wagtail's own
# login, password change and reset views are switched off or redirected.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "mp4",
    "webm",
    "vtt",
]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Documents always go through Wagtail's serve view, which checks who may open
# them (courses/wagtail_hooks.py) and answers byte ranges (training/ranges.py).
# Never "direct": a link straight to the file would skip the check. Production
# with a bucket redirects to a signed URL after the check (settings/storage.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail shows staff avatars from gravatar.com by default, which tells a third
# party (by a hash of their email) who works in the admin and when. Staff get
# Wagtail's built-in initials avatar instead, and the admin loads nothing from
# another host (see the admin Content Security Policy below).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Content Security Policy (django-csp 4) --------------------------------
# Two policies, chosen by path in training.csp.PathBasedCSPMiddleware. The
# public site runs no inline script or style at all. The Wagtail admin needs
# inline <script> (its date, page and task choosers and InlinePanel start from
# one) and inline <style> (Draftail); docs/deploy.md lists what was measured.
# Inline event handlers (onclick=...) are refused everywhere. `media_sources`
# are the object storage origins (production) that images and videos come from.
ADMIN_CSP_PATH_PREFIX = "/admin/"
# sha256 of "return;", the ontouchstart handler Jcrop sets to probe for touch.
JCROP_TOUCH_PROBE_HASH = "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"


def content_security_policies(
    media_sources: list[str] | tuple[str, ...] = (), report_uri: str | None = None
) -> tuple[dict, dict]:
    """(public, admin) policies in django-csp's CONTENT_SECURITY_POLICY shape."""
    media = list(media_sources)
    common = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "script-src-attr": ["'none'"],
        "style-src": ["'self'"],
        # data: for the QR code allauth shows when someone sets up two-step sign-in.
        "img-src": ["'self'", "data:", *media],
        "media-src": ["'self'", *media],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
    if report_uri:
        common["report-uri"] = [report_uri]
    admin = {
        **common,
        "script-src": ["'self'", "'unsafe-inline'"],
        # Still no inline event handlers, except the one harmless handler the
        # focal-point cropper (Jcrop) sets to detect touch support.
        "script-src-attr": ["'unsafe-hashes'", JCROP_TOUCH_PROBE_HASH],
        "style-src": ["'self'", "'unsafe-inline'"],
        # The multiple-upload form previews a chosen image from a blob: URL.
        "img-src": ["'self'", "blob:", *media],
    }
    return {"DIRECTIVES": common}, {"DIRECTIVES": admin}


CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY = content_security_policies(
    report_uri=env_str("CSP_REPORT_URI")
)

# --- Security defaults (production tightens) -------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# Number of trusted proxies in front of the app, each adding one address to
# X-Forwarded-For. allauth takes the real client address from it for its rate
# limits, and so does every limit of ours (they use allauth's), so this one
# variable configures them all. 0: REMOTE_ADDR, the header is ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "filters": {"no_deprecations": {"()": "training.entry_warnings.DropDeprecationRecords"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Libraries' deprecation notices are for developers (the tests), not
        # for the operator's log (training/entry_warnings.py).
        "py.warnings": {"filters": ["no_deprecations"]},
        "django.db.backends": {"level": "WARNING"},
        # One line per task state change is noise in the console.
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Certificates -----------------------------------------------------------
# PEM key and certificate for PAdES signatures on certificate PDFs. Development
# and tests generate a self-signed pair once; production requires real ones.
CERTIFICATE_SIGNING_KEY = env_str("CERTIFICATE_SIGNING_KEY")
CERTIFICATE_SIGNING_CERT = env_str("CERTIFICATE_SIGNING_CERT")
CERTIFICATE_SIGNING_KEY_PASSPHRASE = env_str("CERTIFICATE_SIGNING_KEY_PASSPHRASE")
# The certificates between the signing certificate and its root (PEM, optional):
# carried in every signature and, with a timestamp authority, in its validation data.
CERTIFICATE_SIGNING_CHAIN = env_str("CERTIFICATE_SIGNING_CHAIN")
CERTIFICATE_SIGNING_AUTO_GENERATE = False
CERTIFICATE_SIGNING_DIR = BASE_DIR / "var" / "signing"
# An RFC 3161 timestamp authority (its URL). When set, PDFs are signed PAdES
# B-LT: a trusted timestamp and the validation data are embedded, so the
# signature stays checkable after the signing certificate expires. If the
# authority does not answer, the render fails and is tried again: never an
# untimestamped signature instead (docs/certificates.md).
CERTIFICATE_TIMESTAMP_URL = env_str("CERTIFICATE_TIMESTAMP_URL", "")
CERTIFICATE_TIMESTAMP_TIMEOUT = env_int("CERTIFICATE_TIMESTAMP_TIMEOUT", 10)
# PEM file with the root certificate(s) of the timestamp authority's chain.
CERTIFICATE_TIMESTAMP_ROOTS = env_str("CERTIFICATE_TIMESTAMP_ROOTS", "")
# A certificate PDF is rendered in a child process of the task worker; one that
# takes longer is stopped (the task fails, and is retried once).
CERTIFICATE_RENDER_TIME_LIMIT_SECONDS = env_int("CERTIFICATE_RENDER_TIME_LIMIT_SECONDS", 60)
# "Check a PDF" on /verify/ (certificates.pdf_check): an uploaded PDF of at most
# VERIFY_UPLOAD_MAX_BYTES, kept in memory and never stored, is read in a child
# process stopped after VERIFY_UPLOAD_SECONDS and allowed VERIFY_UPLOAD_MEMORY_MB
# more memory than it starts with.
VERIFY_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
VERIFY_UPLOAD_SECONDS = env_int("VERIFY_UPLOAD_SECONDS", 10)
VERIFY_UPLOAD_MEMORY_MB = env_int("VERIFY_UPLOAD_MEMORY_MB", 256)
# Ed25519 key (PEM) that signs Open Badges 3.0 credentials; its public key is
# published in /.well-known/did.json. Development and tests generate one in
# CERTIFICATE_SIGNING_DIR (CERTIFICATE_SIGNING_AUTO_GENERATE); production
# requires it. Keys rotated out stay published (paths of PEM public or private
# keys), so the credentials they signed still verify.
CREDENTIAL_SIGNING_KEY = env_str("CREDENTIAL_SIGNING_KEY")
CREDENTIAL_RETIRED_KEYS = env_list("CREDENTIAL_RETIRED_KEYS")
