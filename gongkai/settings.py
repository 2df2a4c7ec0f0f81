"""Django settings, read from the environment (see docs/architecture.md#settings).

Development needs nothing set: SQLite under var/, a generated secret key kept in var/.
Production (GONGKAI_ENV=production) refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))

ENVIRONMENT = os.environ.get("GONGKAI_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = os.environ.get("DEBUG", "0" if PRODUCTION else "1") == "1"


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when GONGKAI_ENV=production.")
    # Development: generate once and keep it, so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

_hosts = os.environ.get("ALLOWED_HOSTS", "")
if PRODUCTION and not _hosts:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when GONGKAI_ENV=production.")
ALLOWED_HOSTS = [h.strip() for h in _hosts.split(",") if h.strip()] or [
    "127.0.0.1",
    "localhost",
    "[::1]",
    "testserver",
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    # Our apps first, so that their templates and translations take precedence.
    "gongkai.core",
    "gongkai.organisations",
    "gongkai.library",
    "gongkai.servicecatalog",
    "gongkai.search",
    "gongkai.portal",
    "gongkai.demo",
    "gongkai.api",
    "gongkai.checker",
    "gongkai.review",
    "gongkai.workdays",
    "gongkai.letters",
    "gongkai.applications",
    "gongkai.reports",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
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
    # Open API (django-ninja); listed so that its docs page uses the bundled Swagger UI
    "ninja",
    # Background tasks (django.tasks API backport + database queue)
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Needed on PostgreSQL for Wagtail's admin search index (postgres.E005); harmless on SQLite.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Public pages: ETag/304 around a full-page cache that publishing invalidates (core/pagecache).
    "django.middleware.http.ConditionalGetMiddleware",
    "gongkai.core.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "gongkai.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "gongkai.portal.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "gongkai.wsgi.application"

# --- Database -----------------------------------------------------------------------------------
# SQLite is the embedded default; PostgreSQL is the production database. Both run the whole suite.
_default_sqlite = f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_sqlite), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Writers take the lock when their transaction begins, so that read-then-write
        # sequences (counters such as 索引号) serialise instead of failing with "database is
        # locked"; WAL lets readers go on while one writer works.
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    # Tests use a file, not shared-cache memory, so that concurrency tests see real locking.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_gongkai.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "gongkai" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]

# --- Static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Applicants' uploads and other private files: never under MEDIA_ROOT or STATIC_ROOT, never
# served by the web server; only views that check permissions stream them.
PRIVATE_ROOT = Path(os.environ.get("GONGKAI_PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail ------------------------------------------------------------------------------------
# 一事一审: an edit during review sends the item back through every step for the new revision.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "南昌市人民政府")
WAGTAILADMIN_BASE_URL = os.environ.get("GONGKAI_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ofd",
    "wps",
    "txt",
    "zip",
    "jpg",
    "png",
]
WAGTAIL_I18N_ENABLED = False
# The review workflow (issue: 先审后发) is configured by gongkai, not Wagtail's default one.
WAGTAIL_WORKFLOW_ENABLED = True
# Admin search only (see gongkai/core/admin_search.py); the portal has its own index.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "gongkai.core.admin_search"}}
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- Cache ------------------------------------------------------------------------------------------
# Shared by all server processes: the public page cache and its invalidation, rate limits.
# Default: files under var/cache (no server needed); GONGKAI_REDIS_URL for a Redis server.
CACHES: dict[str, dict[str, Any]]
if os.environ.get("GONGKAI_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["GONGKAI_REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# --- Background tasks ---------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "GONGKAI_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# --- Security -----------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGIN_URL = "wagtailadmin_login"

# --- Gongkai ------------------------------------------------------------------------------------
GONGKAI: dict[str, Any] = {
    # Shown in the 政府网站发展指引 page meta tags (SiteName, SiteDomain, SiteIDCode).
    "SITE_NAME": WAGTAIL_SITE_NAME,
    "SITE_DOMAIN": os.environ.get("GONGKAI_SITE_DOMAIN", "www.nc.gov.cn"),
    "SITE_ID_CODE": os.environ.get("GONGKAI_SITE_ID_CODE", "3601000001"),
    # Share of an interpretation's text found verbatim in its policy above which the editor is
    # warned that it looks like an excerpt (形式化解读). See docs/interpretation-substance.md.
    "EXCERPT_WARN_RATIO": float(os.environ.get("GONGKAI_EXCERPT_WARN_RATIO", "0.6")),
    # Seconds a public page stays in the page cache (0 turns the cache off); see core/pagecache.
    "PAGE_CACHE_SECONDS": int(os.environ.get("GONGKAI_PAGE_CACHE_SECONDS", "600")),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Portal ---
# 我为政府网站找错: at most ERROR_REPORT_LIMIT reports per client address per ERROR_REPORT_WINDOW
# seconds, counted in the default cache (shared by the server processes, see CACHES).
GONGKAI["ERROR_REPORT_LIMIT"] = int(os.environ.get("GONGKAI_ERROR_REPORT_LIMIT", "5"))
GONGKAI["ERROR_REPORT_WINDOW"] = int(os.environ.get("GONGKAI_ERROR_REPORT_WINDOW", "600"))
# Behind a reverse proxy every request comes from the proxy: name the request header that
# carries the client's address (e.g. HTTP_X_REAL_IP); empty means REMOTE_ADDR.
GONGKAI["CLIENT_IP_HEADER"] = os.environ.get("GONGKAI_CLIENT_IP_HEADER", "")

# --- API ---
# Open API (gongkai.api, docs/api.md): anonymous clients may make API_RATE_LIMIT requests per
# API_RATE_WINDOW seconds from one address (CLIENT_IP_HEADER above), counted in the default
# cache; authenticated staff are not limited.
GONGKAI["API_RATE_LIMIT"] = int(os.environ.get("GONGKAI_API_RATE_LIMIT", "120"))
GONGKAI["API_RATE_WINDOW"] = int(os.environ.get("GONGKAI_API_RATE_WINDOW", "60"))

# --- Security: authorisation (issue 11) ---
# Another unit's pages, drafts and files are answered as missing in the admin (page views by
# id, the page chooser, bulk actions): gongkai/library/admin_scope.py, decisions in
# gongkai/library/policies.py. After AuthenticationMiddleware (it reads request.user).
MIDDLEWARE = [*MIDDLEWARE, "gongkai.library.admin_scope.AdminObjectScopeMiddleware"]
