"""Settings of the stand-in provincial identity provider (see onedoor/idp/__init__.py). From the environment:

IDP_DATABASE_URL   default sqlite:///<repo>/var/idp.sqlite3
IDP_KEY_FILE       the RSA key that signs ID tokens; default <repo>/var/idp-rsa.pem (made on first use)
IDP_SECRET_KEY     Django's secret key; default: derived from the RSA key file
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import dj_database_url
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[3]
VAR = ROOT / "var"


def _key() -> str:
    path = Path(os.environ.get("IDP_KEY_FILE") or VAR / "idp-rsa.pem")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        path.write_bytes(pem)
        path.chmod(0o600)
    return path.read_text()


OIDC_KEY = _key()
SECRET_KEY = os.environ.get("IDP_SECRET_KEY") or hashlib.sha256(OIDC_KEY.encode()).hexdigest()
DEBUG = os.environ.get("IDP_DEBUG") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oauth2_provider",
    "onedoor.idp.apps.Config",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "onedoor.idp.urls"
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
            ]
        },
    }
]
DATABASES = {
    "default": dj_database_url.parse(os.environ.get("IDP_DATABASE_URL") or f"sqlite:///{VAR / 'idp.sqlite3'}")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True
LOGIN_URL = "/accounts/login/"
SESSION_COOKIE_NAME = "idp_session"  # not OneDoor's, even on the same host
CSRF_COOKIE_NAME = "idp_csrftoken"
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": OIDC_KEY,
    "PKCE_REQUIRED": True,
    "SCOPES": {"openid": "OpenID Connect", "profile": "name and ID number"},
    "OAUTH2_VALIDATOR_CLASS": "onedoor.idp.claims.Validator",
    "ACCESS_TOKEN_EXPIRE_SECONDS": 600,
}
