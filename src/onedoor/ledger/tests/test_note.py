"""Signed notes and checkpoints (pure), with the signed-note specification's published example as the test
vector (Go's sumdb/note: PeterNeumann)."""

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from onedoor.ledger.note import COSIGNATURE, Checkpoint, Note, Signer, Verifier, cosigner, sign

VECTOR_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
VECTOR_TEXT = (
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
)
VECTOR_SIGNATURE = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"


def test_the_published_example_verifies():
    verifier = Verifier.parse(VECTOR_KEY)
    assert verifier.name == "PeterNeumann" and verifier.key_id.hex() == "c74f20a3"
    assert verifier.text() == VECTOR_KEY
    note = Note.parse(VECTOR_TEXT + "\n" + VECTOR_SIGNATURE)
    assert note.text == VECTOR_TEXT and note.signed_by(verifier)
    changed = Note.parse(VECTOR_TEXT.replace("cryptography", "blockchain") + "\n" + VECTOR_SIGNATURE)
    assert not changed.signed_by(verifier)


def test_a_key_with_the_wrong_id_or_algorithm_is_refused():
    name, kid, raw = VECTOR_KEY.split("+")
    with pytest.raises(ValueError):
        Verifier.parse(f"{name}+00000000+{raw}")
    with pytest.raises(ValueError):
        Verifier.parse(f"{name}+{kid}+" + base64.b64encode(b"\x02" + base64.b64decode(raw)[1:]).decode())
    with pytest.raises(ValueError):
        Verifier.parse("not a key")


def test_a_checkpoint_signed_by_two_is_verified_by_each_and_not_by_a_stranger():
    log, witness = (
        Signer("chancheng.onedoor/log", Ed25519PrivateKey.generate()),
        Signer("witness-1", Ed25519PrivateKey.generate()),
    )
    checkpoint = Checkpoint("chancheng.onedoor/log", 42, bytes(range(32)))
    message = sign(checkpoint.text(), log, witness)
    note = Note.parse(message)
    assert Checkpoint.parse(note.text) == checkpoint
    assert note.signed_by(log.verifier) and note.signed_by(witness.verifier)
    stranger = Signer("witness-1", Ed25519PrivateKey.generate()).verifier  # same name, another key
    assert not note.signed_by(stranger)
    assert checkpoint.text() == "chancheng.onedoor/log\n42\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"


@pytest.mark.parametrize(
    "text",
    ["origin\n42\n", "origin\n042\nAAAA\n", "origin\nforty\n" + "A" * 44 + "\n", "\n1\n" + "A" * 44 + "\n"],
)
def test_malformed_checkpoints_are_refused(text):
    with pytest.raises(ValueError):
        Checkpoint.parse(text)


def test_a_key_whose_base64_holds_a_plus_sign_round_trips():
    for _ in range(50):
        signer = Signer("onedoor.gov.cn/440604/ledger", Ed25519PrivateKey.generate())
        text = signer.verifier.text()
        assert Verifier.parse(text) == signer.verifier or Verifier.parse(text).text() == text


# The tlog-cosignature specification's example: a witness line whose blob is key id ‖ timestamp ‖ signature.
SPEC_COSIGNED = (
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
    "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZ"
    "qhf5nNo0xUe+mbIUBkBIfZ+qnA==\n"
)


def test_the_specification_example_cosignature_carries_its_timestamp():
    note = Note.parse(SPEC_COSIGNED)
    name, kid, blob = note.signatures[0]
    assert name == "witness.example.com/w1" and len(blob) == 72
    assert int.from_bytes(blob[:8], "big") == 1679315147  # the spec's "time 1679315147"


def test_a_cosignature_verifies_with_its_timestamp_and_only_over_the_same_checkpoint():
    log = Signer("onedoor.gov.cn/440604/ledger", Ed25519PrivateKey.generate())
    witness = cosigner("witness.finance.gov.cn", Ed25519PrivateKey.generate())
    text = Checkpoint(log.name, 7, bytes(32)).text()
    note = Note.parse(sign(text, log))
    note.add(witness.line(text, timestamp=1_800_000_000))
    assert note.signed_at(witness.verifier) == 1_800_000_000 and note.signed_by(log.verifier)
    key = witness.verifier.text()
    assert base64.b64decode(key.split("+", 2)[2])[:1] == COSIGNATURE
    assert Verifier.parse(key) == witness.verifier
    again = Note.parse(note.message())
    assert again.signed_at(Verifier.parse(key)) == 1_800_000_000
    # The same key as a plain signer (type 0x01) has another key id: the cosignature is not taken for it.
    assert not again.signed_by(Signer(witness.name, witness.private_key).verifier)
    forged = Note.parse(Checkpoint(log.name, 8, bytes(32)).text() + "\n" + note.message().split("\n\n")[1])
    assert forged.signed_at(witness.verifier) is None and not forged.signed_by(log.verifier)
