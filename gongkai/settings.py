"""The one settings module. Every deployment difference comes from the environment.

SQLite under ``var/`` is the embedded default; ``DATABASE_URL`` selects PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", PROJECT_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in var/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # Gongkai, in the order data flows (see docs/architecture.md).
    "gongkai.core",
    "gongkai.agencies",
    "gongkai.workdays",
    "gongkai.foi",
    "gongkai.publishing",
    "gongkai.service_catalog",
    "gongkai.powers",
    "gongkai.supervision",
    "gongkai.appeals",
    "gongkai.annual_report",
    "gongkai.report_audit",
    "gongkai.demo",
    # Wagtail: back office and portal.
    "wagtail.contrib.forms",
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
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while the back office writes; IMMEDIATE avoids
    # "database is locked" upgrades inside transactions.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The covering index of the reply clock (INCLUDE columns) is a PostgreSQL speed-up;
    # SQLite builds it without them, which is correct, so the warning only alarms newcomers.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Cache: Redis when REDIS_URL is set (several app processes share throttling counters),
# else memory of the one process (the embedded default).
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): lock a username+IP pair after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = envbool("AXES_ENABLED", True)
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"  # in Chinese, status 429

LANGUAGE_CODE = "zh-hans"
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True

# Uploads: the attachment checks in gongkai.core.uploads read these.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
GONGKAI_ATTACHMENT_MAX_BYTES = envint("GONGKAI_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)

# 年报体检 before an annual report is published (gongkai.annual_report.publication): a dotted
# path to audit(report object) -> findings; its error findings refuse publication. The
# audit app builds on annual_report, so it is plugged in here rather than imported there.
GONGKAI_PRE_PUBLICATION_AUDIT = os.environ.get("GONGKAI_PRE_PUBLICATION_AUDIT", "gongkai.report_audit.publish.audit_report_object")

# Security headers. HTTPS-only settings switch on with GONGKAI_HTTPS=1 behind a TLS proxy.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if envbool("GONGKAI_HTTPS", False):
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000

LOGIN_URL = "wagtailadmin_login"

WAGTAIL_SITE_NAME = "公开 · 政府信息公开平台"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_COMMENTS_ENABLED = True

# Rules that the law leaves open. Each default is documented in docs/rules.md.
GONGKAI_RULES = {
    # fees.md §5: the fee notice period pauses the reply clock (UNVERIFIED in 109号).
    "fee_period_stops_clock": envbool("GONGKAI_FEE_PERIOD_STOPS_CLOCK", True),
    # 条例第三十条: "合理的补正期限" is not fixed by law; working days allowed to correct.
    "correction_period_workdays": envint("GONGKAI_CORRECTION_PERIOD_WORKDAYS", 15),
    # Working days before the deadline at which an application counts as due soon.
    "due_soon_workdays": envint("GONGKAI_DUE_SOON_WORKDAYS", 5),
    # catalog-metadata.md §7: which decisions count as a 行政许可 处理决定 in 表二 (UNVERIFIED).
    # Values among approved (准予许可), denied (不予许可), not_accepted (不予受理).
    "licensing_decisions_counted": envlist("GONGKAI_LICENSING_DECISIONS_COUNTED", "approved,denied"),
    # 行政许可法第三十二条: working days to accept an application or ask for corrections.
    "service_acceptance_workdays": envint("GONGKAI_SERVICE_ACCEPTANCE_WORKDAYS", 5),
    # 行政许可法第四十条: approved licences are public; other item types may be added (事项类型代码).
    "service_publish_types": envlist("GONGKAI_SERVICE_PUBLISH_TYPES", "XK"),
    # 双随机一公开: working days from an inspection to the publication of its result (UNVERIFIED).
    "inspection_publish_workdays": envint("GONGKAI_INSPECTION_PUBLISH_WORKDAYS", 20),
}

# 政务服务事项 types (catalog-metadata.md §7): (事项类型代码, label). Empty = the built-in list
# of gongkai.service_catalog.rules.items.DEFAULT_ITEM_TYPES.
GONGKAI_SERVICE_ITEM_TYPES: list[tuple[str, str]] = []
# 权责清单 categories (catalog-metadata.md §8, UNVERIFIED). Empty = the 10 common categories.
GONGKAI_POWER_CATEGORIES: list[str] = []
# 互联网+监管 grades: (code, label, share of the grade's entities drawn per plan in percent).
# Empty = A 守法诚信 10% / B 一般 30% / C 重点 100% (gongkai.supervision.rules.DEFAULT_GRADES).
GONGKAI_SUPERVISION_GRADES: list[tuple[str, str, int]] = []

# 主动公开 (gongkai.publishing). The catalogue is the register of 规章/行政规范性文件 for 表二.
GONGKAI_DOCUMENT_REGISTER = "gongkai.publishing.register.CatalogueRegister"
# The portal's 政府信息公开年报 column lists the published annual reports.
GONGKAI_PUBLISHED_REPORTS = "gongkai.annual_report.publication.portal_listing"
# The review workflow publishes on completion without giving staff Wagtail's publish permission.
WAGTAIL_FINISH_WORKFLOW_ACTION = "gongkai.publishing.finish.publish_on_completion"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True  # an edit during review restarts the approvals
GONGKAI_PORTAL_CACHE_SECONDS = envint("GONGKAI_PORTAL_CACHE_SECONDS", 600)  # anonymous page cache; 0 = off
# The lean read path for anonymous readers (publishing.views.public); 0 = Wagtail serves all.
GONGKAI_PORTAL_LEAN = envbool("GONGKAI_PORTAL_LEAN", True)
# Its PostgreSQL statements prepared once per connection; set 0 behind a pooler in
# transaction mode (PgBouncer), which hands each statement to any server connection.
GONGKAI_PORTAL_PREPARED = envbool("GONGKAI_PORTAL_PREPARED", True)
# How long another process may show the portal's old menu without REDIS_URL (seconds).
GONGKAI_PORTAL_MAP_SECONDS = envint("GONGKAI_PORTAL_MAP_SECONDS", 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
