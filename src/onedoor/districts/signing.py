"""Each district signs its electronic certificates with its own Ed25519 key (onedoor.core.signing does the
cryptography). The private key is stored encrypted with the key-encryption key (settings.KEY_ENCRYPTION_KEYS,
Fernet: AES-128-CBC + HMAC-SHA256); the public keys, active and retired, are published so anyone can verify a
certificate, including one signed before the key was rotated."""

from __future__ import annotations

import functools
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from onedoor.core import signing
from onedoor.core.audit import audit
from onedoor.districts.models import District, SigningKey


@functools.lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("KEY_ENCRYPTION_KEYS is empty: set ONEDOOR_KEY_ENCRYPTION_KEY.")
    return MultiFernet([Fernet(key) for key in keys])


def _fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.KEY_ENCRYPTION_KEYS))


def _encrypt(private_key: Ed25519PrivateKey) -> str:
    return _fernet().encrypt(signing.private_key_to_bytes(private_key)).decode("ascii")


def _private_key(key: SigningKey) -> Ed25519PrivateKey:
    """Decrypt a stored key, and check it is the private half of the published public key (a row whose
    ciphertext was swapped for another key's must not sign under this key id)."""
    try:
        raw = _fernet().decrypt(key.private_key_encrypted.encode("ascii"))
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            f"Signing key {key.key_id} cannot be decrypted: ONEDOOR_KEY_ENCRYPTION_KEY must include the key "
            "it was encrypted with."
        ) from exc
    private_key = signing.private_key_from_bytes(raw)
    if signing.public_key_to_base64(private_key.public_key()) != key.public_key:
        raise ImproperlyConfigured(f"Signing key {key.key_id} does not match its published public key.")
    return private_key


def _active_key(district: District) -> SigningKey | None:
    return SigningKey.objects.filter(district=district, retired_at__isnull=True).first()


def _key_create(*, district: District, actor, action: str) -> SigningKey:
    private_key = signing.generate_private_key()
    public_key = private_key.public_key()
    key = SigningKey.objects.create(
        district=district,
        key_id=signing.key_id(public_key),
        public_key=signing.public_key_to_base64(public_key),
        private_key_encrypted=_encrypt(private_key),
    )
    audit(district=district, actor=actor, action=action, obj=key, data={"key_id": key.key_id})
    return key


def signing_key_for(district: District, actor=None) -> SigningKey:
    """The district's active signing key, created on first use. Two processes creating it at once: the
    database's one-active-key constraint lets one insert win; the other rolls back its savepoint and takes the
    winner's key (safe inside a caller's transaction)."""
    key = _active_key(district)
    if key is not None:
        return key
    try:
        with transaction.atomic():
            return _key_create(district=district, actor=actor, action="signing_key.created")
    except IntegrityError:
        key = _active_key(district)
        if key is None:
            raise
        return key


@transaction.atomic
def signing_key_rotate(*, district: District, actor=None) -> SigningKey:
    """Retire the active key (it keeps verifying what it signed) and create a new one."""
    retired = (
        SigningKey.objects.select_for_update().filter(district=district, retired_at__isnull=True).first()
    )
    if retired is not None:
        retired.retired_at = timezone.now()
        retired.save(update_fields=["retired_at"])
        audit(
            district=district,
            actor=actor,
            action="signing_key.retired",
            obj=retired,
            data={"key_id": retired.key_id},
        )
    return _key_create(district=district, actor=actor, action="signing_key.created")


def sign_for_district(district: District, payload: dict[str, Any], snapshot=None) -> tuple[str, str]:
    """Sign a payload with the district's active key: (key_id, base64url signature). With a
    `core.config_cache` snapshot the decrypted key is taken from the cache once the district has one (a key
    created by this call is not cached: its transaction may still roll back)."""
    if snapshot is not None:
        cached = snapshot.get(("signing_key", district.pk), lambda: _active_private_key(district))
        if cached is not None:
            key_id, private_key = cached
            return key_id, signing.sign(private_key, payload)
    key = signing_key_for(district)
    return key.key_id, signing.sign(_private_key(key), payload)


def _active_private_key(district: District):
    key = _active_key(district)
    return None if key is None else (key.key_id, _private_key(key))


def public_keys(district: District) -> QuerySet[SigningKey]:
    """Every key the district has used, active and retired, oldest first."""
    return SigningKey.objects.filter(district=district).order_by("created_at", "id")


def verify_for_district(district: District, payload: dict[str, Any], key_id: str, signature: str) -> bool:
    """True only when the district has a key with this id (active or retired) and the signature over this
    exact payload verifies with it."""
    if not isinstance(key_id, str) or len(key_id) != 16:
        return False
    key = SigningKey.objects.filter(district=district, key_id=key_id).first()
    if key is None:
        return False
    return signing.verify(signing.public_key_from_base64(key.public_key), payload, signature)


def active_private_key(district: District):
    """The district's active Ed25519 private key (created on first use), for signers above this layer (the
    transparency log's checkpoints)."""
    return _private_key(signing_key_for(district))
