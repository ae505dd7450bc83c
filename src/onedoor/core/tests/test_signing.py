"""Ed25519 over canonical JSON: the published test vector, the exact canonical bytes, tampering."""

from __future__ import annotations

import base64
import hashlib

import pytest

from onedoor.core import signing

# RFC 8032 §7.1, TEST 1: the empty message.
RFC_SECRET = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC_PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
RFC_SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
    "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)

CERTIFICATE = {
    "certificate_id": "440604-ZZ-2026-000123",
    "title": "食品经营许可证",
    "holder": {"name": "佛山市禅城区张记餐饮店", "id": "92440604MA4UABCD1X"},
    "issued_on": "2026-03-02",
    "department": "禅城区市场监督管理局",
    "scope": ["热食类食品制售", "冷食类食品制售"],
    "valid": True,
}


def rfc_key():
    return signing.private_key_from_bytes(RFC_SECRET)


def test_the_rfc_8032_test_1_key_pair_and_signature_come_out_exactly():
    key = rfc_key()
    public = key.public_key()
    assert signing.public_key_bytes(public) == RFC_PUBLIC
    assert signing.private_key_to_bytes(key) == RFC_SECRET
    assert key.sign(b"") == RFC_SIGNATURE
    public.verify(RFC_SIGNATURE, b"")  # raises on failure


def test_the_key_id_is_the_first_8_bytes_of_sha256_of_the_raw_public_key():
    public = rfc_key().public_key()
    assert signing.key_id(public) == hashlib.sha256(RFC_PUBLIC).hexdigest()[:16]
    assert len(signing.key_id(public)) == 16


def test_the_public_key_exports_as_base64_of_the_raw_32_bytes_and_reads_back():
    public = rfc_key().public_key()
    text = signing.public_key_to_base64(public)
    assert text == base64.b64encode(RFC_PUBLIC).decode()
    assert len(text) == 44
    assert signing.public_key_bytes(signing.public_key_from_base64(text)) == RFC_PUBLIC


@pytest.mark.parametrize("text", ["", "not base64!", base64.b64encode(b"short").decode()])
def test_a_malformed_public_key_is_refused(text):
    with pytest.raises(ValueError):
        signing.public_key_from_base64(text)


def test_canonical_json_sorts_keys_drops_whitespace_and_keeps_chinese_as_utf8():
    payload = {"b": 1, "a": "张三", "c": [1, {"y": None, "x": True}]}
    assert signing.canonical_json(payload) == '{"a":"张三","b":1,"c":[1,{"x":true,"y":null}]}'.encode()


def test_canonical_json_does_not_depend_on_the_order_keys_were_inserted():
    reordered = dict(reversed(list(CERTIFICATE.items())))
    assert signing.canonical_json(reordered) == signing.canonical_json(CERTIFICATE)


def test_canonical_json_refuses_values_json_cannot_carry_faithfully():
    import datetime

    with pytest.raises(TypeError):
        signing.canonical_json({"date": datetime.date(2026, 1, 1)})
    with pytest.raises(ValueError):
        signing.canonical_json({"x": float("nan")})
    with pytest.raises(TypeError):
        signing.canonical_json(["not", "an", "object"])


def test_a_signature_is_ed25519_over_the_canonical_bytes_in_unpadded_base64url():
    key = rfc_key()
    signature = signing.sign(key, {"b": 2, "a": "证"})
    expected = key.sign('{"a":"证","b":2}'.encode())
    assert signature == base64.urlsafe_b64encode(expected).decode().rstrip("=")
    assert len(signature) == 86 and "=" not in signature


def test_a_signed_payload_verifies_with_the_matching_public_key():
    key = signing.generate_private_key()
    signature = signing.sign(key, CERTIFICATE)
    assert signing.verify(key.public_key(), CERTIFICATE, signature)


def test_verification_also_accepts_the_padded_form_of_the_signature():
    key = signing.generate_private_key()
    signature = signing.sign(key, CERTIFICATE)
    assert signing.verify(key.public_key(), CERTIFICATE, signature + "==")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda p: p.update(title="食品经营许可证（副本）"),
        lambda p: p.update(issued_on="2026-03-03"),
        lambda p: p["holder"].update(name="佛山市禅城区李记餐饮店"),
        lambda p: p["scope"].append("自制饮品制售"),
        lambda p: p.update(valid=False),
        lambda p: p.update(extra=""),
        lambda p: p.pop("department"),
    ],
    ids=["title", "date", "nested-name", "list-item", "boolean", "added-field", "removed-field"],
)
def test_a_changed_field_fails_verification(tamper):
    import copy

    key = signing.generate_private_key()
    signature = signing.sign(key, CERTIFICATE)
    changed = copy.deepcopy(CERTIFICATE)
    tamper(changed)
    assert not signing.verify(key.public_key(), changed, signature)


def test_a_signature_from_another_key_fails_verification():
    signature = signing.sign(signing.generate_private_key(), CERTIFICATE)
    assert not signing.verify(signing.generate_private_key().public_key(), CERTIFICATE, signature)


@pytest.mark.parametrize("garbage", ["", "abc", "!!!!", "证书", "A" * 86, None, 12345])
def test_a_malformed_signature_fails_verification_without_raising(garbage):
    key = signing.generate_private_key()
    assert not signing.verify(key.public_key(), CERTIFICATE, garbage)


def test_a_flipped_bit_in_the_signature_fails_verification():
    key = signing.generate_private_key()
    raw = bytearray(signing.decode_signature(signing.sign(key, CERTIFICATE)))
    raw[10] ^= 0x01
    flipped = base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
    assert not signing.verify(key.public_key(), CERTIFICATE, flipped)


def test_the_signature_fingerprint_is_short_readable_and_follows_the_signature():
    key = signing.generate_private_key()
    first = signing.sign(key, CERTIFICATE)
    second = signing.sign(key, {**CERTIFICATE, "title": "另一证照"})
    fingerprint = signing.signature_fingerprint(first)
    assert len(fingerprint) == 19 and fingerprint.count("-") == 3
    assert fingerprint == signing.signature_fingerprint(first)
    assert fingerprint != signing.signature_fingerprint(second)
    digest = hashlib.sha256(signing.decode_signature(first)).hexdigest()[:16].upper()
    assert fingerprint.replace("-", "") == digest
