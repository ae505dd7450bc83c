"""Per-district signing keys: created once, encrypted at rest, rotated, published, verifying old signatures."""

from __future__ import annotations

import base64
import threading
import time

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from onedoor.core import signing as crypto
from onedoor.core.models import AuditRecord
from onedoor.districts import signing
from onedoor.districts.models import SigningKey

PAYLOAD = {"certificate_id": "440604-2026-000001", "holder": "张三丰", "title": "户籍证明"}


def test_a_district_gets_its_key_on_first_use_and_the_same_key_afterwards(chancheng):
    first = signing.signing_key_for(chancheng)
    again = signing.signing_key_for(chancheng)
    assert first.pk == again.pk
    assert SigningKey.objects.filter(district=chancheng).count() == 1
    assert AuditRecord.objects.filter(district=chancheng, action="signing_key.created").count() == 1


def test_the_stored_key_id_and_public_key_describe_the_same_key(chancheng):
    key = signing.signing_key_for(chancheng)
    public = crypto.public_key_from_base64(key.public_key)
    assert key.key_id == crypto.key_id(public)
    assert len(base64.b64decode(key.public_key)) == 32


def test_the_private_key_is_not_stored_in_the_clear(chancheng, settings):
    key = signing.signing_key_for(chancheng)
    raw = crypto.private_key_to_bytes(signing._private_key(key))
    stored = key.private_key_encrypted.encode()
    assert raw not in stored
    assert base64.b64encode(raw) not in stored
    assert base64.urlsafe_b64encode(raw) not in stored
    assert raw == Fernet(settings.KEY_ENCRYPTION_KEYS[0]).decrypt(stored)


def test_each_district_signs_with_its_own_key(chancheng, hetang):
    key_a, signature_a = signing.sign_for_district(chancheng, PAYLOAD)
    key_b, signature_b = signing.sign_for_district(hetang, PAYLOAD)
    assert key_a != key_b
    assert signing.verify_for_district(chancheng, PAYLOAD, key_a, signature_a)
    assert not signing.verify_for_district(hetang, PAYLOAD, key_a, signature_a)
    assert not signing.verify_for_district(chancheng, PAYLOAD, key_b, signature_b)


def test_a_signature_verifies_with_the_published_public_key_alone(chancheng, client):
    key_id, signature = signing.sign_for_district(chancheng, PAYLOAD)
    body = client.get("/api/v1/keys/440604").json()
    published = {k["key_id"]: k["public_key"] for k in body["keys"]}
    assert crypto.verify(crypto.public_key_from_base64(published[key_id]), PAYLOAD, signature)


def test_a_tampered_payload_or_signature_does_not_verify(chancheng):
    key_id, signature = signing.sign_for_district(chancheng, PAYLOAD)
    assert not signing.verify_for_district(chancheng, {**PAYLOAD, "holder": "张三"}, key_id, signature)
    # Change the first character: it carries six whole bits of the first byte. (Replacing the last two
    # characters with "AA" zeroes the last byte, which is already zero in about one signature in 16: it is
    # the top byte of Ed25519's S, and S < 2^253.)
    tampered = ("B" if signature[0] == "A" else "A") + signature[1:]
    assert not signing.verify_for_district(chancheng, PAYLOAD, key_id, tampered)
    assert not signing.verify_for_district(chancheng, PAYLOAD, "0" * 16, signature)
    assert not signing.verify_for_district(chancheng, PAYLOAD, "", signature)


def test_after_rotation_new_signatures_use_the_new_key_and_old_ones_still_verify(chancheng, adam):
    old_key_id, old_signature = signing.sign_for_district(chancheng, PAYLOAD)
    new = signing.signing_key_rotate(district=chancheng, actor=adam)
    new_key_id, new_signature = signing.sign_for_district(chancheng, PAYLOAD)
    assert new_key_id == new.key_id != old_key_id
    assert signing.verify_for_district(chancheng, PAYLOAD, old_key_id, old_signature)
    assert signing.verify_for_district(chancheng, PAYLOAD, new_key_id, new_signature)
    keys = list(signing.public_keys(chancheng))
    assert [k.key_id for k in keys] == [old_key_id, new_key_id]
    assert keys[0].retired_at is not None and keys[1].retired_at is None
    actions = set(AuditRecord.objects.filter(district=chancheng, actor=adam).values_list("action", flat=True))
    assert actions == {"signing_key.retired", "signing_key.created"}


def test_the_database_refuses_a_second_active_key_for_a_district(chancheng):
    key = signing.signing_key_for(chancheng)
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 (IntegrityError, by backend)
        SigningKey.objects.create(
            district=chancheng, key_id="f" * 16, public_key=key.public_key, private_key_encrypted="x"
        )


def test_a_changed_key_encryption_key_is_reported_instead_of_signing_wrongly(chancheng, settings):
    signing.signing_key_for(chancheng)
    settings.KEY_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ImproperlyConfigured, match="cannot be decrypted"):
        signing.sign_for_district(chancheng, PAYLOAD)


def test_a_new_key_encryption_key_can_be_prepended_and_old_keys_still_decrypt(chancheng, settings):
    key_id, _ = signing.sign_for_district(chancheng, PAYLOAD)
    settings.KEY_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.KEY_ENCRYPTION_KEYS]
    again_id, signature = signing.sign_for_district(chancheng, PAYLOAD)
    assert again_id == key_id
    assert signing.verify_for_district(chancheng, PAYLOAD, key_id, signature)


def test_a_private_key_swapped_in_from_another_row_refuses_to_sign(chancheng, hetang):
    ours = signing.signing_key_for(chancheng)
    theirs = signing.signing_key_for(hetang)
    SigningKey.objects.filter(pk=ours.pk).update(private_key_encrypted=theirs.private_key_encrypted)
    with pytest.raises(ImproperlyConfigured, match="does not match"):
        signing.sign_for_district(chancheng, PAYLOAD)


def test_the_public_endpoint_lists_active_and_retired_keys_without_login(chancheng, client):
    signing.signing_key_for(chancheng)
    signing.signing_key_rotate(district=chancheng)
    response = client.get("/api/v1/keys/440604")
    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    body = response.json()
    assert body["district"] == "440604"
    assert [k["algorithm"] for k in body["keys"]] == ["Ed25519", "Ed25519"]
    assert body["keys"][0]["retired_at"] is not None
    assert body["keys"][1]["retired_at"] is None
    assert all("private" not in field for key in body["keys"] for field in key)


def test_the_public_endpoint_shows_a_district_without_keys_as_an_empty_list(chancheng, client):
    assert client.get("/api/v1/keys/440604").json()["keys"] == []


def test_the_public_endpoint_answers_404_for_an_unknown_district(chancheng, client):
    response = client.get("/api/v1/keys/999999")
    assert response.status_code == 404
    assert response.json()["code"] == "district_not_found"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_two_processes_creating_the_first_key_at_once_end_with_one_key(chancheng):
    """A holds its new key in an open transaction; B, on its own connection, finds none and inserts, waits
    on A's row, fails the constraint when A commits, and takes A's key."""
    created, release, results = threading.Event(), threading.Event(), {}

    def first():
        try:
            with transaction.atomic():
                results["a"] = signing.signing_key_for(chancheng).key_id
                created.set()
                release.wait(10)
        finally:
            connection.close()

    def second():
        try:
            created.wait(10)
            results["b"] = signing.signing_key_for(chancheng).key_id
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    created.wait(10)
    time.sleep(0.5)  # let B reach its INSERT and block on A's uncommitted row
    release.set()
    for thread in threads:
        thread.join(20)
    assert results["a"] == results["b"]
    assert SigningKey.objects.filter(district=chancheng).count() == 1
    assert AuditRecord.objects.filter(district=chancheng, action="signing_key.created").count() == 1


def test_the_command_rotates_a_district_key_and_lists_both(chancheng):
    import io

    from django.core.management import call_command

    old = signing.signing_key_for(chancheng)
    out = io.StringIO()
    call_command("signing_key", "rotate", "440604", stdout=out)
    new = signing.signing_key_for(chancheng)
    assert new.key_id != old.key_id
    lines = out.getvalue().splitlines()
    assert f"new signing key {new.key_id}" in lines[0]
    assert "retired" in lines[1] and old.key_id in lines[1]
    assert "active" in lines[2] and new.key_id in lines[2]
