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

from gongkai.core.config import DEFAULTS

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
    "gongkai.participation",
    "gongkai.mailbox",
    "gongkai.events",
    "gongkai.openweek",
    "gongkai.opinion",
    "gongkai.evaluation",
    "gongkai.provisioning",
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
    # Only for its translations: Wagtail's admin uses its naturaltime ("30 秒之前").
    "django.contrib.humanize",
    # Needed on PostgreSQL for Wagtail's admin search index (postgres.E005); harmless on SQLite.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Public pages: ETag/304 around a full-page cache that publishing invalidates (core/pagecache).
    "django.middleware.http.ConditionalGetMiddleware",
    "gongkai.core.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
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

AUTH_PASSWORD_VALIDATORS: list[dict[str, Any]] = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time --------------------------------------------------------------------------
# One language, no pretend second one (docs/i18n.md, "Decision"): our text is written in Chinese
# and is its own msgid; the catalogue only completes Wagtail's and Django's. Hence no
# LocaleMiddleware: nothing for a browser's Accept-Language to choose between.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "gongkai" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# The admin is Chinese only (docs/i18n.md): one language and one time zone hide the account
# page's language and time-zone choices (a list of 600 English zone names).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
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
# No autosave (issue 12): on the create view it made pages (orphan drafts that then held the
# address), and every autosaved revision makes its user an author of the item, who may then
# no longer review or sign it (review.policies.authors_of). Staff save with the buttons.
WAGTAIL_AUTOSAVE_INTERVAL = 0
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
# Admin search only: substrings of titles, 发文字号, 索引号 (gongkai/search/admin_backend.py);
# the portal has its own index.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "gongkai.search.admin_backend"}}
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
    "SITE_DOMAIN": os.environ.get("GONGKAI_SITE_DOMAIN", DEFAULTS.site_domain),
    "SITE_ID_CODE": os.environ.get("GONGKAI_SITE_ID_CODE", DEFAULTS.site_id_code),
    # Share of an interpretation's text found verbatim in its policy above which the editor is
    # warned that it looks like an excerpt (形式化解读). See docs/interpretation-substance.md.
    "EXCERPT_WARN_RATIO": float(
        os.environ.get("GONGKAI_EXCERPT_WARN_RATIO", DEFAULTS.excerpt_warn_ratio)
    ),
    # Seconds a public page stays in the page cache (0 turns the cache off); see core/pagecache.
    "PAGE_CACHE_SECONDS": int(
        os.environ.get("GONGKAI_PAGE_CACHE_SECONDS", DEFAULTS.page_cache_seconds)
    ),
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
GONGKAI["ERROR_REPORT_LIMIT"] = int(
    os.environ.get("GONGKAI_ERROR_REPORT_LIMIT", DEFAULTS.error_report_limit)
)
GONGKAI["ERROR_REPORT_WINDOW"] = int(
    os.environ.get("GONGKAI_ERROR_REPORT_WINDOW", DEFAULTS.error_report_window)
)
# Behind a reverse proxy every request comes from the proxy: name the request header that
# carries the client's address (e.g. HTTP_X_REAL_IP); empty means REMOTE_ADDR.
GONGKAI["CLIENT_IP_HEADER"] = os.environ.get("GONGKAI_CLIENT_IP_HEADER", DEFAULTS.client_ip_header)

# --- API ---
# Open API (gongkai.api, docs/api.md): anonymous clients may make API_RATE_LIMIT requests per
# API_RATE_WINDOW seconds from one address (CLIENT_IP_HEADER above), counted in the default
# cache; authenticated staff are not limited.
GONGKAI["API_RATE_LIMIT"] = int(os.environ.get("GONGKAI_API_RATE_LIMIT", DEFAULTS.api_rate_limit))
GONGKAI["API_RATE_WINDOW"] = int(
    os.environ.get("GONGKAI_API_RATE_WINDOW", DEFAULTS.api_rate_window)
)

# --- Security: uploads and media (issue 11) ---
# Admin documents and images are served only through views that check who may see them
# (gongkai/core/policies.py); nothing serves MEDIA_ROOT directly, not even `make run`.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "gongkai.core.media_forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "gongkai.core.media_forms.ImageForm"
# Production: nginx sends image files from an `internal` location after Django's check
# (X-Accel-Redirect, docs/deployment.md); empty: Django streams them.
GONGKAI["MEDIA_ACCEL_REDIRECT"] = os.environ.get(
    "GONGKAI_MEDIA_ACCEL_REDIRECT", DEFAULTS.media_accel_redirect
)
if GONGKAI["MEDIA_ACCEL_REDIRECT"]:
    SENDFILE_BACKEND = "gongkai.core.sendfile"  # documents too (Wagtail's serve view)
# Request bodies: refused with 413 before they are read when the declared length exceeds the
# limit (gongkai/core/request_limits.py). The application form takes 5 files of 10 MB; the
# admin takes documents (videos of 政策解读 among them); everything else is small.
_MB = 1024 * 1024
GONGKAI["MAX_REQUEST_BYTES"] = int(os.environ.get("GONGKAI_MAX_REQUEST_MB", "3")) * _MB
GONGKAI["MAX_REQUEST_BYTES_BY_PREFIX"] = {
    "/ysqgk/": int(os.environ.get("GONGKAI_MAX_APPLICATION_REQUEST_MB", "52")) * _MB,
    "/admin/": int(os.environ.get("GONGKAI_MAX_ADMIN_REQUEST_MB", "200")) * _MB,
    "/admin/login/": 1 * _MB,  # before anyone is known
}
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "gongkai.core.request_limits.RequestBodyLimitMiddleware",
)
# Fields other than files held in memory at most 2.5 MB; files above 2.5 MB go to a temporary
# file while they are read; at most 10 files in one request (5 attachments on the form).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * _MB // 2
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * _MB // 2
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Zip containers (DOCX, XLSX, OFD, ZIP) are opened only if they inflate to at most this much,
# with no member expanding more than ZIP_MAX_RATIO times (gongkai/core/uploads.py).
# (defaults in gongkai/core/config.py: ZIP_MAX_UNCOMPRESSED_BYTES, ZIP_MAX_RATIO, ZIP_MAX_ENTRIES)

# --- Security: identification, sessions, headers, mail, error pages (issue 11) ---
# GB/T 22239-2019 8.1.4.1 身份鉴别 (level 3): a) unique identities and password complexity with
# periodic change; b) 登录失败处理 — limit failed logins, end idle sessions; d) two factors
# (口令 + 密码技术) for administrators. See gongkai/accounts and docs/deployment.md.


def _env_flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in (
        "1",
        "true",
        "yes",
        "on",
    )


INSTALLED_APPS += [
    "gongkai.accounts",
    "axes",  # failed-login tracking and lockout (django-axes)
    "django_otp",  # second factor (django-otp) …
    "django_otp.plugins.otp_totp",  # … with TOTP devices (authenticator apps)
    "csp",  # Content-Security-Policy header (django-csp)
]
# The CSP header right after SecurityMiddleware, so that page-cache hits get it too; the
# account checks after authentication; axes last, as its documentation requires.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "gongkai.accounts.csp.SiteCSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "gongkai.accounts.middleware.StaffSessionMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")

AUTHENTICATION_BACKENDS = [
    "gongkai.accounts.lockout.LockoutBackend",  # refuses locked-out accounts and addresses first
    "django.contrib.auth.backends.ModelBackend",
]

# 登录失败处理: GONGKAI_LOGIN_FAILURE_LIMIT failures within GONGKAI_LOGIN_COOLOFF_MINUTES lock the
# account and, separately, the client address for that long after the last failure.
AXES_ENABLED = _env_flag("GONGKAI_LOGIN_LOCKOUT", True)
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
# The same 15 minutes under `make run` as in production: a newcomer locked out by mistake is
# unlocked at once by `gongkai axes-reset` (README).
AXES_COOLOFF_TIME = float(os.environ.get("GONGKAI_LOGIN_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [
    p.strip()
    for p in os.environ.get("GONGKAI_LOGIN_LOCKOUT_BY", "username,ip_address").split(",")
    if p.strip()
]
AXES_CLIENT_IP_CALLABLE = "gongkai.accounts.lockout.login_client_ip"  # GONGKAI_CLIENT_IP_HEADER
AXES_LOCKOUT_CALLABLE = "gongkai.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True  # consecutive failures count, as 登录失败处理 means
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # SQLite and PostgreSQL alike
AXES_VERBOSE = False

# 口令复杂度: at least GONGKAI_PASSWORD_MIN_LENGTH characters from three of four kinds.
GONGKAI_PASSWORD_MIN_LENGTH = int(os.environ.get("GONGKAI_PASSWORD_MIN_LENGTH", "10"))
for _validator in AUTH_PASSWORD_VALIDATORS:
    if _validator["NAME"].endswith(".MinimumLengthValidator"):
        _validator["OPTIONS"] = {"min_length": GONGKAI_PASSWORD_MIN_LENGTH}
AUTH_PASSWORD_VALIDATORS += [
    {"NAME": "gongkai.accounts.passwords.CharacterClassValidator"},
    # Not a check: records when a password changes, for the expiry below.
    {"NAME": "gongkai.accounts.passwords.PasswordChangeRecorder"},
]
# 定期更换: staff whose password is older than this many days must change it (0: never).
GONGKAI_PASSWORD_MAX_AGE_DAYS = int(
    os.environ.get("GONGKAI_PASSWORD_MAX_AGE_DAYS", "90" if PRODUCTION else "0")
)
# 超时自动退出: a staff session idle this many minutes is logged out (0: never).
GONGKAI_STAFF_IDLE_MINUTES = int(os.environ.get("GONGKAI_STAFF_IDLE_MINUTES", "30"))
# Two factors for staff: required in production, optional (enrol in the account menu) elsewhere.
GONGKAI_REQUIRE_2FA = _env_flag("GONGKAI_REQUIRE_2FA", PRODUCTION)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Avatars from Gravatar would send staff e-mail hashes to a foreign server and break the CSP.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Headers. TLS (GONGKAI_TLS, on by default in production) turns on HSTS, the redirect to
# https and secure cookies; behind nginx the X-Forwarded-Proto header says a request was https.
GONGKAI_TLS = _env_flag("GONGKAI_TLS", PRODUCTION)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = GONGKAI_TLS
CSRF_COOKIE_SECURE = GONGKAI_TLS
if GONGKAI_TLS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = _env_flag("GONGKAI_HSTS_PRELOAD", False)
    SECURE_SSL_REDIRECT = _env_flag("GONGKAI_SSL_REDIRECT", True)
# Only our own scripts and styles on public pages; the admin policy is in gongkai/accounts/csp.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# Mail: files under var/mail in development (nothing to install; read them there), SMTP from
# the environment in production.
if PRODUCTION:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _env_flag("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = _env_flag("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
    )
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Security: authorisation (issue 11) ---
# Another unit's pages, drafts and files are answered as missing in the admin (page views by
# id, the page chooser, bulk actions): gongkai/library/admin_scope.py, decisions in
# gongkai/library/policies.py. After AuthenticationMiddleware (it reads request.user).
MIDDLEWARE = [*MIDDLEWARE, "gongkai.library.admin_scope.AdminObjectScopeMiddleware"]
