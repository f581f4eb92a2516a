"""Newsroom settings: one module, every machine-specific value read from the environment.

With nothing set it runs on SQLite, the local-memory cache and local media files (the
embedded default). Every variable is listed, with its default, in README.md and .env.example.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
# Set by the test run only (tests/helpers/testing.py, before pytest-django loads these settings):
# the development key, the local-memory cache, no page cache.
TESTING = os.environ.get("NEWSROOM_TESTING") == "1"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 to use the development key on your own machine."
        )
    SECRET_KEY = "django-insecure-local-only"

ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

HTTPS = os.environ.get("DJANGO_HTTPS") == "1"
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# Load balancers check each app server over plain HTTP and take a redirect for a failure: the
# health checks are not moved to HTTPS (nor to NEWSROOM_SITE_URL, issue 17).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Which queue runs background work (issue 15; TASKS below): read here, since RQ's app is
# installed only when it is the one.
TASKS_URL = os.environ.get("NEWSROOM_TASKS_URL", "immediate" if TESTING else "database")
TASKS_ON_REDIS = TASKS_URL.startswith(("redis://", "rediss://", "unix://"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # full-text search on PostgreSQL; harmless on SQLite
    "taggit",
    "django_prose_editor",
    "reversion",
    "articles",
    "axes",  # login lockout (issue 7), set up below
    "django_tasks_db",  # the embedded task queue's table (issue 15), set up below
    *(["django_rq"] if TASKS_ON_REDIS else []),  # RQ's queues, with NEWSROOM_TASKS_URL=redis://
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Other allowed host names answer 301 to NEWSROOM_SITE_URL when it is set (issue 17).
    "articles.ops.middleware.CanonicalHostMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",  # SECURE_CSP below (issue 7)
    # A database that cannot be reached answers 503 with a static page, not a 500 (issue 7).
    "articles.ops.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Page cache hits, answered before the rest of the stack and the URL routing (issue 12).
    "articles.caching.hits.PageCacheMiddleware",
    # Before the session and CSRF middleware: a response setting a cookie is private (issue 14).
    "articles.ops.middleware.CookiesArePrivateMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # ETags for every page, and 304 Not Modified when the reader already has it (issue 6).
    "django.middleware.http.ConditionalGetMiddleware",
    "axes.middleware.AxesMiddleware",  # login lockout (issue 7): must be last
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

# Reader pages are Jinja2 (templates/site/, articles/templating.py: compiled templates, issue 6);
# the admin, the sitemaps and the static error pages are Django templates (templates/).
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "site"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "articles.reader.templating.environment",
            "context_processors": [
                "articles.reader.context_processors.site",
                "articles.reader.context_processors.breaking_news",
            ],
            "auto_reload": DEBUG,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",  # the admin's CSP nonce (issue 7)
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.reader.context_processors.site",
                "articles.reader.context_processors.breaking_news",
            ],
        },
    },
]

# Persistent connections to a database server in production (one per worker, checked before
# reuse: issue 6); SQLite only opens a file, and debugging and testing connect per request.
_DATABASE_URL = os.environ.get("DATABASE_URL", "")
_PERSISTENT = not (DEBUG or TESTING) and _DATABASE_URL.startswith(("postgres", "pgsql"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60" if _PERSISTENT else "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the content version, the sections menu and banner, and whole reader pages
# and story cards (articles/caching/), so every process serving the site must share it: Redis across
# machines; on one machine without Redis, files (gunicorn's workers are separate processes);
# the local-memory cache only where one process serves everything (debugging, tests).
if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = {
        # django-redis keeps one client per connection pool: Django's own RedisCache builds one
        # per call, and each builds ~170 reply handlers, a third of a cached page's time.
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}
    }
elif DEBUG or TESTING:
    # Room for the pages and story cards (five per story, caching/cards.py) of a demo site:
    # Django's default of 300 would evict them as fast as they are made.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    }
else:
    CACHES = {
        "default": {
            # Django's file cache, culled now and then rather than on every write.
            "BACKEND": "articles.caching.files.FileCache",
            "LOCATION": os.environ.get("NEWSROOM_CACHE_DIR", BASE_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},  # pages, and five cards per story shown
        }
    }

# Background work (issue 15): Django's own tasks framework (django.tasks), so the backend is a
# setting. Embedded default: django-tasks-db on this database, its worker started by `make run`
# (`manage.py run_worker`). At scale NEWSROOM_TASKS_URL=redis://host:6379/N: RQ through
# django-tasks-rq, with `manage.py rqworker` workers. Tests run tasks inline (ImmediateBackend),
# except those that start a real worker, which set NEWSROOM_TASKS_URL=database.
if TASKS_ON_REDIS:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    # A task still running after this long is stopped and counts as failed (then retried).
    RQ_QUEUES = {"default": {"URL": TASKS_URL, "DEFAULT_TIMEOUT": 900}}
elif TASKS_URL == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
elif TASKS_URL == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    raise ImproperlyConfigured(
        f"NEWSROOM_TASKS_URL must be database, immediate or a redis:// URL, not {TASKS_URL!r}"
    )
# A task the database worker started this many seconds ago and never finished (its worker
# died) is run again by the next worker that starts or looks (at-least-once delivery).
TASK_STALE_SECONDS = int(os.environ.get("NEWSROOM_TASK_STALE_SECONDS", "900"))

# Desk notifications by email (issue 15): the console when debugging, SMTP otherwise (Django
# 6.1's MAILERS).
_SMTP = {
    "host": os.environ.get("EMAIL_HOST", "localhost"),
    "port": int(os.environ.get("EMAIL_PORT", "25")),
    "username": os.environ.get("EMAIL_HOST_USER", ""),
    "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
    "use_tls": os.environ.get("EMAIL_USE_TLS") == "1",
    "timeout": 20,
}
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if DEBUG
    else {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": _SMTP}
}
DEFAULT_FROM_EMAIL = os.environ.get("NEWSROOM_FROM_EMAIL", "newsroom@localhost")

# Page caching (issue 6, articles/caching.py). Whole reader pages for visitors without a session,
# kept until any content changes (never stale) or the next scheduled story goes live.
PAGE_CACHE = os.environ.get("NEWSROOM_PAGE_CACHE", "0" if DEBUG or TESTING else "1") == "1"
PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "3600"))
# How late a cached story page's related stories may be to show a story just published in its
# section or tags (issue 12): publishing re-renders the listings at once, not every story page.
RELATED_STORIES_SECONDS = int(os.environ.get("NEWSROOM_RELATED_SECONDS", "300"))
# PostgreSQL's search ranks the newest this many stories first, reading older ones only when
# those give fewer than a page of results (articles/search_recent.py, issue 12).
SEARCH_RECENT_STORIES = int(os.environ.get("NEWSROOM_SEARCH_RECENT", "100000"))
# The story form's autosave and presence beat (issue 13): seconds between two; someone whose
# page has not said so for two beats has left.
EDITING_BEAT_SECONDS = float(os.environ.get("NEWSROOM_EDITING_BEAT_SECONDS", "30"))
# What reader pages tell browsers (max-age) and a CDN (s-maxage, stale-while-revalidate). Browsers
# ask again every time by default (a 304 when nothing changed): only a CDN can be purged.
CACHE_MAX_AGE = int(os.environ.get("NEWSROOM_CACHE_MAX_AGE", "0"))
CACHE_S_MAXAGE = int(os.environ.get("NEWSROOM_CACHE_S_MAXAGE", "300"))
CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("NEWSROOM_CACHE_SWR", "60"))
# Called with the cache tags of every change, to purge a CDN; the default only logs them.
CDN_PURGE = os.environ.get("NEWSROOM_CDN_PURGE", "articles.caching.log_purge")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# 24-hour times in the admin, as on the reader site (issue 13).
FORMAT_MODULE_PATH = ["articles.admin.formats"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# WhiteNoise indexes STATIC_ROOT when its middleware starts, and the test client starts the
# middleware for every test: under test (as when debugging) it looks a file up when asked instead.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = os.environ.get("NEWSROOM_SERVE_MEDIA", "1") == "1"
# Uploaded photo originals keep their metadata (GPS, camera), so they live apart from MEDIA_ROOT
# and only editors can fetch them; readers get the stripped renditions (issue 4).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("NEWSROOM_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# Their URLs: the staff-only view of the photo admin (admin:articles_captionedimage_original).
PRIVATE_MEDIA_URL = "/admin/articles/captionedimage/original/"
STORAGES = {
    # Local media: a failed write (disk full) leaves no half-written file behind.
    "default": {"BACKEND": "articles.photos.storage.MediaStorage"},
    "originals": {"BACKEND": "articles.photos.storage.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads larger than this are streamed to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Photo uploads: anything bigger, or with more pixels, is refused on the form (issue 4).
IMAGE_MAX_UPLOAD_BYTES = int(os.environ.get("NEWSROOM_IMAGE_MAX_MB", "25")) * 1024 * 1024
IMAGE_MAX_PIXELS = int(os.environ.get("NEWSROOM_IMAGE_MAX_MEGAPIXELS", "60")) * 1_000_000
# AVIF renditions (where Pillow can write them) are the smallest, but the encoder needs ~100 MB.
IMAGE_AVIF = os.environ.get("NEWSROOM_IMAGE_AVIF", "1") == "1"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TAGGIT_CASE_INSENSITIVE = True
# Tags typed in a form lose their control characters before they are looked up (issue 14).
TAGGIT_TAGS_FROM_STRING = "articles.cleaning.tags_from_string"

SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "The Harbour Ledger")
SITE_TAGLINE = os.environ.get("NEWSROOM_SITE_TAGLINE", "News from the harbour city, every hour")

# Reach (issue 5): the publisher identity that feeds, link previews and search engines show.
# Each is a full URL (https://cdn.example.com/logo.png) or a path under static/.
SITE_LOGO_URL = os.environ.get("NEWSROOM_SITE_LOGO_URL", "img/logo.png")
DEFAULT_SOCIAL_IMAGE = os.environ.get("NEWSROOM_DEFAULT_SOCIAL_IMAGE", "img/social-default.png")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# ---------------------------------------------------------------------------------------------
# Hardening (issue 7): headers and CSP, cookies, login lockout, sessions, database faults.
# Kept in one block so the other issues' settings merge around it.
# ---------------------------------------------------------------------------------------------
if not (DEBUG or TESTING) and SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is a 'django-insecure-' development key. Set it to a long random "
        "string in production (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

# Headers. HSTS covers subdomains; preloading is a promise for the whole domain that its owner
# makes (DJANGO_HSTS_PRELOAD=1), so until then check --deploy's reminder about it is silenced.
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and os.environ.get("DJANGO_HSTS_PRELOAD") == "1"
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD or not HTTPS else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Cookies: never readable by scripts, not sent on cross-site subrequests, HTTPS-only in
# production (SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE follow DJANGO_HTTPS above).
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# A signed-in session lasts one working day, then the editor signs in again.
SESSION_COOKIE_AGE = int(os.environ.get("NEWSROOM_SESSION_HOURS", "12")) * 60 * 60


def _origins(*urls):
    """The scheme://host of each absolute URL (a CDN for media or static files), for the CSP."""
    return sorted({f"{p.scheme}://{p.netloc}" for p in map(urlsplit, urls) if p.netloc})


# Content Security Policy (Django's own middleware). Scripts and styles come only from this
# site, or inline with the per-request nonce that the admin's templates and media carry;
# reader pages use no nonce, so their header is the same for everyone (cacheable). JSON-LD
# blocks are data, not scripts: browsers neither run nor check them against script-src.
_asset_origins = _origins(MEDIA_URL, STATIC_URL)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE, *_asset_origins],
    "style-src": [CSP.SELF, CSP.NONCE, *_asset_origins],
    "img-src": [CSP.SELF, *_asset_origins],
    "font-src": [CSP.SELF, *_asset_origins],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Login lockout (django-axes): too many failed sign-ins for one account, or from one address,
# lock that account or address for the cool-off time. Admins clear a lockout by deleting its
# "access attempt" in the admin, or with `manage.py axes_reset_username NAME`. The app and its
# middleware are in INSTALLED_APPS and MIDDLEWARE above.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("NEWSROOM_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks
# A success clears only that account's own failures (articles/ops/signins.py, issue 14): axes's
# own reset would also clear every other account's failures from the same address.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "articles.reader.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "articles.ops.middleware.client_ip"
# After signing in with an unsafe or no `next`: the desk, not Django's /accounts/profile/ (a 404).
LOGIN_REDIRECT_URL = "admin:index"
# How many reverse proxies (load balancer, nginx) append to X-Forwarded-For in front of the
# app; 0 (the default) trusts only the connection's own address.
PROXY_COUNT = int(os.environ.get("NEWSROOM_PROXY_COUNT", "0"))

# SQLite (the embedded default) under concurrent editors: write-ahead logging lets readers
# carry on while one editor saves, and IMMEDIATE transactions queue writers instead of
# failing with "database is locked".
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# The content API (issue 16, articles/api/): requests per minute per client (its key, else its
# address as PROXY_COUNT finds it); keys get more.
API_RATE_ANONYMOUS = int(os.environ.get("NEWSROOM_API_RATE_ANONYMOUS", "120"))
API_RATE_KEYED = int(os.environ.get("NEWSROOM_API_RATE_KEYED", "1200"))

# The one origin of every absolute URL readers, crawlers and feeds see: canonical links, og:url,
# JSON-LD, sitemaps, feed links and feed GUIDs, e.g. https://news.example.com (issue 17). Empty
# (a laptop): each request's own origin, except feed GUIDs, which take the first ALLOWED_HOSTS name
# that is not a pattern (articles.reader.feeds.guid_domain), never the request's. When set, a
# request under another allowed host name is moved there with a 301
# (articles.ops.middleware.CanonicalHostMiddleware); `manage.py check --deploy` warns without it.
SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "").strip().rstrip("/")
_site = urlsplit(SITE_URL)
if SITE_URL and (
    _site.scheme not in ("http", "https")
    or not _site.netloc
    or SITE_URL != f"{_site.scheme}://{_site.netloc}"
):
    raise ImproperlyConfigured(
        f"NEWSROOM_SITE_URL must be an origin such as https://news.example.com, not {SITE_URL!r}"
    )
