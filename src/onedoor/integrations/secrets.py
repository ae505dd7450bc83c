"""Connector secrets encrypted at rest (Fernet: AES-128-CBC + HMAC-SHA256, from `cryptography`) under a key
derived from the deployment's secret key with HKDF. A secret is entered once and never shown again; rotating
ONEDOOR_SECRET_KEY means entering the connectors' secrets again (docs/integrations.md)."""

from __future__ import annotations

import base64
import secrets as random

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"onedoor connector secrets").derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str:
    return _fernet().decrypt(sealed.encode()).decode()


def new_secret() -> str:
    return random.token_urlsafe(32)
