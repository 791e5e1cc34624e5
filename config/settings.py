"""Commentariat settings: one file, configured through environment variables.

DATABASE_URL   PostgreSQL to use; unset means a private embedded server in var/pgdata
SECRET_KEY     required when DEBUG is off; a development key is used otherwise
DEBUG          true/false (default false)
ALLOWED_HOSTS  comma-separated host names (default: localhost names)
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_float, env_int, env_list, env_rate, env_str, local_secret_key, release_id

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
DATABASE_URL = env_str("DATABASE_URL")
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DATABASE_URL:
        raise ImproperlyConfigured("SECRET_KEY must be set when DATABASE_URL is (see README: Configuration)")
    # A private installation keeps a random key of its own next to its database.
    SECRET_KEY = local_secret_key(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "django_htmx",
    "template_partials",
    "csp",
    "simple_history",
    "axes",
    "articles",
]

# Long editor actions (re-tagging, re-extraction) are recorded jobs run by a worker, `manage.py
# db_worker`, from django-tasks' database backend (articles/models/jobs.py). After "articles", whose
# db_worker (the same command, plus recovery of jobs whose worker died) wins over the backend's own.
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The benchmark harness (bench/): its commands only, no models or URLs; the app never imports it.
INSTALLED_APPS += ["bench"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' pages from the cache, before the rest of the stack runs.
    "articles.page_cache.ReaderPageCacheMiddleware",
    # Searches, exports and failed logins per address; after the page cache, so a page it serves
    # costs nothing and is not counted (articles/ratelimit.py).
    "articles.ratelimit.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Usernames are compared normalised (NFKC, case-folded, trimmed): " Editor" is "editor".
    "articles.auth.NormalisedUsernameBackend",
]
# Guessing passwords: the sixth wrong password for an account *from one address* locks that
# account from that address for an hour; the editor still logs in from anywhere else, so nobody
# can lock an editor out from afar. Trying many names from one address meets the per-address
# limit on failed logins instead (RATE_LIMITS["login"]).
AXES_FAILURE_LIMIT = 6
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = 1
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_LOCKOUT_CALLABLE = "articles.auth.lockout_response"  # the template, with Retry-After
AXES_USERNAME_CALLABLE = "articles.auth.axes_username"  # counted under the normalised name
AXES_CLIENT_IP_CALLABLE = "articles.ratelimit.client_ip"  # the rate limits' address, proxy-aware
AXES_VERBOSE = False

# The client's address: REMOTE_ADDR, or behind a proxy the X-Forwarded-For entry written by the
# outermost of PROXY_COUNT trusted proxies (articles/ratelimit.py; django-axes uses the same).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
PROXY_COUNT = env_int("PROXY_COUNT", 1)
# Requests per address per fixed window (REQUESTS/SECONDS, or "off"); past it, 429 + Retry-After.
RATE_LIMITS = {
    "search": env_rate("RATE_LIMIT_SEARCH", "60/60"),  # /search/ and any ?q= (cached pages not counted)
    "export": env_rate("RATE_LIMIT_EXPORT", "20/600"),  # ?format=md, csv or json
    "pdf": env_rate("RATE_LIMIT_PDF", "5/600"),  # ?format=pdf
    "login": env_rate("RATE_LIMIT_LOGIN", "20/900"),  # failed logins, whatever the username
    # Milliseconds of server time per address building pages the page cache did not have: a reader
    # spends a few hundred a minute, a client looping expensive URLs its whole share in seconds.
    "server_time": env_rate("RATE_LIMIT_SERVER_TIME", "20000/60"),
}
RATE_LIMIT_CACHE = "ratelimit"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))}
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://…)")
else:
    PGDATA = VAR_DIR / "pgdata"
    DATABASES = {
        "default": {
            "ENGINE": "config.embedded_db",
            "NAME": env_str("DATABASE_NAME", "commentariat"),
            "USER": "postgres",
            "HOST": str(PGDATA),  # the Unix socket lives in the data folder
            "PGDATA": str(PGDATA),
            "CONN_MAX_AGE": 60,
        }
    }
# Web requests are bounded: a statement running longer than this is cancelled and the reader told
# so (articles/bounded.py); commands and jobs lift it to COMMAND_STATEMENT_TIMEOUT_MS (0: none).
STATEMENT_TIMEOUT_MS = env_int("STATEMENT_TIMEOUT_MS", 5_000)
COMMAND_STATEMENT_TIMEOUT_MS = env_int("COMMAND_STATEMENT_TIMEOUT_MS", 0)
DATABASES["default"].setdefault("OPTIONS", {})
DATABASES["default"]["OPTIONS"]["options"] = (
    f"{DATABASES['default']['OPTIONS'].get('options', '')} -c statement_timeout={STATEMENT_TIMEOUT_MS}".strip()
)
# Exports made inside the request: past these a reader is asked to narrow the filters (never a cut file).
EXPORT_MAX_ROWS = env_int("EXPORT_MAX_ROWS", 20_000)  # CSV, JSON and Markdown
# WeasyPrint lays out about 40 quotes a second: past REPORT_BACKGROUND_PDF_ITEMS a PDF is made by the
# job worker, not in the request, so 1,000 (about 25 s of a worker's time) is no risk to readers.
EXPORT_MAX_PDF_ITEMS = env_int("EXPORT_MAX_PDF_ITEMS", 1000)
# PDFs made at once by all workers together; the next is refused (503, Retry-After) instead of
# waiting, so PDFs never hold every worker.
EXPORT_PDF_AT_ONCE = env_int("EXPORT_PDF_AT_ONCE", 1)
# Reports: exports past these sizes are made by the job worker; the reader gets a page that follows
# the job and links the file when it is made (articles/reports.py). Identical requests share one
# file until the data changes; files are deleted REPORT_KEEP_HOURS after they are made.
# Measured on 2 cores at load 9-10 (README: Reports): a 50-quote person PDF took 7-9 s in the request
# (a 10-quote one 2.5 s; `make bench`'s idle machine lays out about 45 a second); CSV ran at 1,500-2,000
# rows a second (idle: about 4,000), so 5,000 rows hold a web worker 1-3.5 s.
REPORT_BACKGROUND_PDF_ITEMS = env_int("REPORT_BACKGROUND_PDF_ITEMS", 50)
REPORT_BACKGROUND_ROWS = env_int("REPORT_BACKGROUND_ROWS", 5_000)  # CSV, JSON, Markdown
REPORT_KEEP_HOURS = env_int("REPORT_KEEP_HOURS", 24)
REPORT_JOBS_PER_CLIENT = env_int("REPORT_JOBS_PER_CLIENT", 3)  # queued or running per address; then 429
# Where report files go: a folder every app host and worker shares (or another storage backend).
REPORTS_ROOT = Path(env_str("REPORTS_ROOT", str(VAR_DIR / "reports")))
# Two test runs at once (say, two checkouts) need databases of their own.
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", f"test_{DATABASES['default']['NAME']}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Counts, charts and whole pages are cached in PostgreSQL, shared by every process on every host, and
# left behind when the data changes: their keys carry the archive's generation (articles/summaries.py).
# Two tables, so that a flood of distinct pages can only push out other pages. Keys start with the
# release (RELEASE, else the git commit), so every host of one release shares them and a new
# release starts afresh. The tables are made by migrations.
RELEASE = release_id(BASE_DIR)
CACHES = {
    "default": {  # summaries (facets, counts, charts) and the generation
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "commentariat_cache",
        "KEY_PREFIX": RELEASE,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    "pages": {  # whole pages for anonymous readers, about 50 KB each
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "commentariat_pages",
        "KEY_PREFIX": RELEASE,
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    },
    "ratelimit": {  # request counts per address and window (articles/ratelimit.py); no release prefix,
        # so a deploy does not reset them; a flood of addresses culls only other counts
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "commentariat_ratelimit",
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    },
}
# Whole pages for anonymous readers, from that cache (articles/page_cache.py).
PAGE_CACHE = env_bool("PAGE_CACHE", not DEBUG)  # off while developing: template edits show at once
# What a reader page shows of the archive, for every visitor, per process (articles/page_cache.py fragment).
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", not DEBUG)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = False  # English only; translation lookups cost every template variable a little
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))  # where collectstatic puts them
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing folder before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "reports": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": REPORTS_ROOT}},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploads in the admin are read into memory and checked by the importer's size limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
IMPORT_MAX_BYTES = 5 * 1024 * 1024
# Caps far above any real article (the corpus articles have at most 33 passages, 21 quotes and
# paragraphs of 600 characters) and below what makes extraction or a page take minutes: a file
# beyond them is refused with its name and the reason.
IMPORT_MAX_PASSAGES = env_int("IMPORT_MAX_PASSAGES", 2000)
IMPORT_MAX_QUOTES = env_int("IMPORT_MAX_QUOTES", 2000)
IMPORT_MAX_PASSAGE_CHARS = env_int("IMPORT_MAX_PASSAGE_CHARS", 50_000)
# How like a word of a name a search must be (pg_trgm's word_similarity_threshold, set on every
# connection and as the database's default): at 0.5 “Garlauskus” finds Garlauskas.
TRIGRAM_THRESHOLD = env_float("TRIGRAM_THRESHOLD", 0.5, low=0, high=1)
# An article's admin page posts three fields per passage (its id, article and kind).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 3 * IMPORT_MAX_PASSAGES + 1000

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# HTTPS. In production (DEBUG off, on an external database or behind the TLS proxy) cookies go
# over HTTPS only, browsers are told to use nothing else for a year (HSTS) and, behind the proxy,
# plain HTTP is redirected. A local run (DEBUG, or gunicorn on 127.0.0.1 as `make bench` runs it)
# does none of that: it is served over plain HTTP. `manage.py check --deploy` is clean in the
# README's deployment (tests/hostile/test_deploy_settings.py).
PRODUCTION = not DEBUG and (bool(DATABASE_URL) or BEHIND_PROXY)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", BEHIND_PROXY and not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if SESSION_COOKIE_SECURE and not DEBUG else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Asking to be preloaded into browsers is the domain owner's commitment, not a default a release
# should make for them (removal takes months); SECURE_HSTS_PRELOAD=true opts in.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
