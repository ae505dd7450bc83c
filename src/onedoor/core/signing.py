"""Ed25519 signatures over canonical JSON: the signed payloads of electronic certificates (电子证照), receipts
and later ledger checkpoints. Pure functions, no database.

What is signed is the *canonical JSON* of the payload, so any party can recompute the same bytes:

    json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    encoded as UTF-8.

That is: object keys sorted by code point, no whitespace at all, non-ASCII characters (Chinese names) written
as themselves, not as \\uXXXX escapes; NaN and infinities refused. Payloads should hold strings, integers,
booleans, null, lists and objects only: write dates as ISO 8601 strings and amounts as strings, because
floats print differently across languages.

Encodings:
  signature   base64url of the 64 signature bytes, without "=" padding (as in JWS, RFC 7515); verify()
              also accepts padded input
  public key  standard base64 of the raw 32-byte public key (RFC 8032 encoding), 44 characters
  key id      the first 8 bytes of SHA-256(raw public key), as 16 lowercase hex characters
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

ALGORITHM = "Ed25519"


def canonical_json(payload: dict[str, Any]) -> bytes:
    """The exact bytes that are signed (see the module docstring). Raises TypeError for a value JSON cannot
    hold (a date, a Decimal) and ValueError for NaN or infinity."""
    if not isinstance(payload, dict):
        raise TypeError("A signed payload is a JSON object (a dict).")
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_to_bytes(private_key: Ed25519PrivateKey) -> bytes:
    """The raw 32-byte seed (RFC 8032 secret key)."""
    return private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def private_key_from_bytes(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_key_bytes(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_to_base64(public_key: Ed25519PublicKey) -> str:
    return base64.b64encode(public_key_bytes(public_key)).decode("ascii")


def public_key_from_base64(text: str) -> Ed25519PublicKey:
    """Raises ValueError when the text is not base64 of 32 bytes."""
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError("A public key is base64 of 32 bytes.") from exc
    if len(raw) != 32:
        raise ValueError("A public key is base64 of 32 bytes.")
    return Ed25519PublicKey.from_public_bytes(raw)


def key_id(public_key: Ed25519PublicKey) -> str:
    return hashlib.sha256(public_key_bytes(public_key)).digest()[:8].hex()


def sign(private_key: Ed25519PrivateKey, payload: dict[str, Any]) -> str:
    """base64url (unpadded) Ed25519 signature over canonical_json(payload)."""
    signature = private_key.sign(canonical_json(payload))
    return base64.urlsafe_b64encode(signature).rstrip(b"=").decode("ascii")


def decode_signature(signature: str) -> bytes | None:
    """The 64 signature bytes, or None when the text is not base64url of 64 bytes."""
    if not isinstance(signature, str) or not signature.isascii():
        return None
    text = signature.strip().rstrip("=")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == 64 else None


def verify(public_key: Ed25519PublicKey, payload: dict[str, Any], signature: str) -> bool:
    """True only when `signature` is a valid signature of exactly this payload under this key."""
    raw = decode_signature(signature)
    if raw is None:
        return False
    try:
        message = canonical_json(payload)
    except (TypeError, ValueError):
        return False
    try:
        public_key.verify(raw, message)
    except InvalidSignature:
        return False
    return True


def signature_fingerprint(signature: str) -> str:
    """A short, readable fingerprint of a signature to print on paper: the first 8 bytes of SHA-256 over the
    signature bytes, as four groups of four upper-case hex digits ("1A2B-3C4D-5E6F-7081")."""
    raw = decode_signature(signature)
    if raw is None:
        raise ValueError("Not an Ed25519 signature in base64url.")
    digest = hashlib.sha256(raw).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))
