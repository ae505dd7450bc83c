"""OneDoor settings: one env-driven module (healthchecks style).

Environment:
  DATABASE_URL            default sqlite:///<repo>/var/onedoor.sqlite3 ; postgres://… for production
  ONEDOOR_SECRET_KEY      or ONEDOOR_SECRET_KEY_FILE; otherwise a key generated once under var/
  ONEDOOR_KEY_ENCRYPTION_KEY  or …_FILE: Fernet key(s) encrypting the districts' signing keys at rest,
                          comma-separated, newest first (older ones still decrypt); otherwise var/kek
  ONEDOOR_DEBUG           "1" only for the demo
  ONEDOOR_ALLOWED_HOSTS   comma-separated, default 127.0.0.1,localhost
  ONEDOOR_DEFAULT_DISTRICT  region code of the district public pages show by default (440604)
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("ONEDOOR_VAR_DIR", REPO_DIR / "var"))


def env(name: str, default: str | None = None) -> str | None:
    """A setting from the environment, or from the file named by NAME_FILE (docker/k8s secrets)."""
    if name in os.environ:
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    value = env("ONEDOOR_SECRET_KEY")
    if value:
        return value
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()


def _key_encryption_keys() -> list[str]:
    """Fernet keys (urlsafe base64 of 32 bytes) for the private signing keys stored in the database. The first
    encrypts; all decrypt, so a key can be rotated by prepending a new one."""
    value = env("ONEDOOR_KEY_ENCRYPTION_KEY")
    if not value:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path = VAR_DIR / "kek"
        if not path.exists():
            # Written whole under a temporary name, then linked into place: two processes starting at once
            # never see a half-written file, and the first link wins (the loser's key was never used).
            tmp = VAR_DIR / f".kek-{os.getpid()}-{secrets.token_hex(4)}"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii"))
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        value = path.read_text(encoding="utf-8")
    return [k.strip() for k in value.split(",") if k.strip()]


KEY_ENCRYPTION_KEYS = _key_encryption_keys()
DEBUG = env_bool("ONEDOOR_DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in (env("ONEDOOR_ALLOWED_HOSTS") or "127.0.0.1,localhost").split(",") if h.strip()
]
DEFAULT_DISTRICT = env("ONEDOOR_DEFAULT_DISTRICT", "440604")
# Citizen login: the provincial identity provider (OpenID Connect; docs/citizens.md). Empty: no citizen login.
ONEDOOR_OIDC_ISSUER = env("ONEDOOR_OIDC_ISSUER", "")
ONEDOOR_OIDC_CLIENT_ID = env("ONEDOOR_OIDC_CLIENT_ID", "")
ONEDOOR_OIDC_CLIENT_SECRET = env("ONEDOOR_OIDC_CLIENT_SECRET", "")
# The SMS / WeChat gateway (notifications/senders.py); the default writes to the staff outbox page.
ONEDOOR_NOTIFICATION_SENDER = env("ONEDOOR_NOTIFICATION_SENDER", "onedoor.notifications.senders.OutboxPage")
# Public progress lookups per client address per minute (page and API), against guessing case numbers.
ONEDOOR_PROGRESS_LOOKUPS_PER_MINUTE = int(env("ONEDOOR_PROGRESS_LOOKUPS_PER_MINUTE", "30") or 30)
# Reverse proxies in front that append the client to X-Forwarded-For (nginx: 1). 0: the client is REMOTE_ADDR,
# and X-Forwarded-For, which a client can write itself, is ignored (core/ratelimit.py).
ONEDOOR_NUM_PROXIES = int(env("ONEDOOR_NUM_PROXIES", "0") or 0)
NINJA_NUM_PROXIES = ONEDOOR_NUM_PROXIES
# The kiosk forgets the person after this many idle seconds, plus a visible warning of WARNING seconds.
ONEDOOR_KIOSK_IDLE_SECONDS = int(env("ONEDOOR_KIOSK_IDLE_SECONDS", "90") or 90)
ONEDOOR_KIOSK_WARNING_SECONDS = int(env("ONEDOOR_KIOSK_WARNING_SECONDS", "20") or 20)
# Largest file a citizen may upload for one material (bytes).
ONEDOOR_UPLOAD_MAX_BYTES = int(env("ONEDOOR_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)) or 5 * 1024 * 1024)
# 好差评: days after which an unrated visit or case counts as 基本满意 (Guangdong: 7); minutes a window's rating
# pad keeps asking about the visit it just finished.
ONEDOOR_RATING_DEFAULT_DAYS = int(env("ONEDOOR_RATING_DEFAULT_DAYS", "7") or 7)
ONEDOOR_RATING_PAD_MINUTES = int(env("ONEDOOR_RATING_PAD_MINUTES", "3") or 3)
# Witnesses of the transparency log (docs/ledger.md): a JSON list of {"name", "key", "url"} (key: the witness's
# verifier key, url: its submission prefix); a checkpoint is published only with QUORUM verified cosignatures
# (default: a majority of the witnesses; 0 when none: checkpoints are signed on request, without witnesses).
ONEDOOR_WITNESSES = json.loads(env("ONEDOOR_WITNESSES", "") or "[]")
ONEDOOR_WITNESS_QUORUM = int(
    env("ONEDOOR_WITNESS_QUORUM", "") or (len(ONEDOOR_WITNESSES) // 2 + 1 if ONEDOOR_WITNESSES else 0)
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "ninja",
    "onedoor.core",
    "onedoor.districts",
    "onedoor.catalog",
    "onedoor.people",
    "onedoor.cases",
    "onedoor.integrations",
    "onedoor.tickets",
    "onedoor.appointments",
    "onedoor.citizens",
    "onedoor.applications",
    "onedoor.notifications",
    "onedoor.kiosk",
    "onedoor.delivery",
    "onedoor.ledger",
    "onedoor.ratings",
    "onedoor.supervision",
    "onedoor.complaints",
    "onedoor.scores",
    "onedoor.demo",
    "onedoor.portal",
    "onedoor.staffdesk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "onedoor.core.middleware.RefuseNulCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Django 6 assumes https:// for a URL typed without a scheme; opt in now (and silence the warning).
FORMS_URLFIELD_ASSUME_HTTPS = True

ROOT_URLCONF = "onedoor.urls"
WSGI_APPLICATION = "onedoor.wsgi.application"
ASGI_APPLICATION = "onedoor.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "onedoor.portal.elder.elder_mode",
            ],
        },
    }
]

# Per-process memory cache (rendered guides, lookup counters); room for every guide of a large catalog in both
# languages. ONEDOOR_REDIS_URL shares it between processes and machines instead.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("ONEDOOR_REDIS_URL")}
        if env("ONEDOOR_REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 50_000}}
    )
}

# --- database -------------------------------------------------------------------------------------
_default_sqlite = f"sqlite:///{VAR_DIR / 'onedoor.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL") or _default_sqlite)}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _db["OPTIONS"] = {
        # WAL lets readers run beside the single writer; IMMEDIATE takes the write lock at BEGIN so two
        # writers queue on the busy timeout instead of failing with "database is locked" mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    _db["TEST"] = (
        {"NAME": str(VAR_DIR / "test_onedoor.sqlite3")} if env_bool("ONEDOOR_TEST_SQLITE_FILE") else {}
    )
else:
    # Persistent connections: measured here a two-row write went from ~165 req/s to ~1,000 req/s.
    _db["CONN_MAX_AGE"] = int(env("ONEDOOR_CONN_MAX_AGE", "60") or 60)
    # A reused connection is checked (one SELECT 1 round trip) at the first query of every request, so a
    # request after a database restart does not fail. Measured here: ~28 % of a one-case read's worker time.
    _db["CONN_HEALTH_CHECKS"] = env_bool("ONEDOOR_CONN_HEALTH_CHECKS", True)
    if env_bool("ONEDOOR_PG_SERVER_BINDING", True):
        # Parameters bound by the server, so psycopg prepares a statement the connection has run 5 times
        # (its prepare_threshold) and PostgreSQL stops planning it again: measured here, one case read went
        # from 1.9 ms to 0.25 ms of database time (its plan, with joins and subqueries, cost more than its run).
        _db["OPTIONS"] = {**_db.get("OPTIONS", {}), "server_side_binding": True, "prepare_threshold": 5}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# API tokens remembered per process on PostgreSQL, forgotten on the NOTIFY that any change to tokens, staff,
# roles or districts sends (onedoor/districts/token_cache.py). Off behind a pooler in transaction mode.
ONEDOOR_TOKEN_CACHE = env_bool("ONEDOOR_TOKEN_CACHE", True)

# --- auth -----------------------------------------------------------------------------------------
AUTH_USER_MODEL = "districts.Staff"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["onedoor.districts.auth.LockoutBackend"]
LOGIN_URL = "staff-login"
LOGIN_REDIRECT_URL = "staff-home"
LOGOUT_REDIRECT_URL = "staff-login"
# Lockout: after this many failures in a row the account is locked for the given minutes.
ONEDOOR_LOCKOUT_FAILURES = int(env("ONEDOOR_LOCKOUT_FAILURES", "5") or 5)
ONEDOOR_LOCKOUT_MINUTES = int(env("ONEDOOR_LOCKOUT_MINUTES", "15") or 15)

# Back-end delivery (docs/integrations.md): backoff, retry budget, circuit breaker, and the lease a worker holds
# on a message it is sending (timeout × 2 + this margin; a killed worker's messages are sent again after it).
ONEDOOR_OUTBOX_BACKOFF_SECONDS = float(env("ONEDOOR_OUTBOX_BACKOFF_SECONDS", "5") or 5)
ONEDOOR_OUTBOX_BACKOFF_CAP_SECONDS = float(env("ONEDOOR_OUTBOX_BACKOFF_CAP_SECONDS", "3600") or 3600)
ONEDOOR_OUTBOX_RETRY_HOURS = float(env("ONEDOOR_OUTBOX_RETRY_HOURS", "24") or 24)
ONEDOOR_OUTBOX_LEASE_MARGIN_SECONDS = float(env("ONEDOOR_OUTBOX_LEASE_MARGIN_SECONDS", "30") or 30)
ONEDOOR_BREAKER_THRESHOLD = int(env("ONEDOOR_BREAKER_THRESHOLD", "5") or 5)
ONEDOOR_BREAKER_COOLDOWN_SECONDS = float(env("ONEDOOR_BREAKER_COOLDOWN_SECONDS", "30") or 30)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SECURE = env_bool("ONEDOOR_SECURE_COOKIES", not DEBUG and env_bool("ONEDOOR_HTTPS"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- i18n -----------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("ONEDOOR_LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50
APP_NAME = _("OneDoor")
