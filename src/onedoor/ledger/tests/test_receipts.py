"""Receipts (c2sp.org/tlog-proof@v1): a holder's receipt proves the private record behind an entry with only the
log's published key; a public receipt proves the entry without the record; anything changed fails, and the
failure names the check."""

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from onedoor.ledger import receipts, services
from onedoor.ledger.note import Note, Signer, cosigner

pytestmark = pytest.mark.django_db


def _record(district, n: int) -> int:
    return services.ledger_record(
        district=district,
        kind="credit.bad",
        public={"reason_code": "gaps_missed"},
        private={"holder": f"44060419700303{n:04d}", "reason": f"补正材料逾期 {n}"},
    )


def test_a_holders_receipt_proves_the_private_record_offline(chancheng):
    indexes = [_record(chancheng, n) for n in range(9)]
    text = services.entry_receipt(district=chancheng, index=indexes[5], with_opening=True)
    key = services.signer(chancheng).verifier
    checked = receipts.verify(text, key)
    assert checked.index == 5 and checked.size == 9 and checked.origin == "onedoor.gov.cn/440604/ledger"
    assert checked.entry["kind"] == "credit.bad" and checked.record["reason"] == "补正材料逾期 5"
    assert "holder" not in checked.entry  # the public entry holds a digest, never the ID number
    public = services.entry_receipt(district=chancheng, index=indexes[5])
    assert (
        receipts.verify(public, key).record is None
        and "0303" not in base64.b64decode(public.split("\n")[1][6:]).decode()
    )


def _tamper_extra(text: str, change) -> str:
    lines = text.split("\n")
    extra = json.loads(base64.b64decode(lines[1][6:]))
    change(extra)
    lines[1] = "extra " + base64.b64encode(json.dumps(extra, ensure_ascii=False).encode()).decode()
    return "\n".join(lines)


def test_a_changed_record_entry_index_or_key_fails_with_its_reason(chancheng):
    for n in range(6):
        _record(chancheng, n)
    text = services.entry_receipt(district=chancheng, index=3, with_opening=True)
    key = services.signer(chancheng).verifier

    def new_reason(extra):
        extra["opening"] = extra["opening"].replace("逾期 3", "逾期 4")

    def new_entry(extra):
        extra["entry"] = extra["entry"].replace("gaps_missed", "commitment_kept")

    cases = {
        "digest": _tamper_extra(text, new_reason),
        "not included": _tamper_extra(text, new_entry),
        "not included ": text.replace("index 3", "index 2"),
        "not signed": text,
    }
    for reason, changed in cases.items():
        with pytest.raises(receipts.ReceiptError, match=reason.strip()):
            verify_key = (
                Signer(key.name, Ed25519PrivateKey.generate()).verifier if reason == "not signed" else key
            )
            receipts.verify(changed, verify_key)


def test_a_receipt_counts_only_the_trusted_witnesses_cosignatures(chancheng):
    _record(chancheng, 1)
    text = services.entry_receipt(district=chancheng, index=0)
    head, _, note_text = text.partition("\n\n")
    note = Note.parse(note_text)
    w1, w2 = (cosigner(f"witness-{i}.gov.cn", Ed25519PrivateKey.generate()) for i in (1, 2))
    note.add(w1.line(note.text))
    cosigned = head + "\n\n" + note.message()
    key = services.signer(chancheng).verifier
    assert receipts.verify(cosigned, key, [w1.verifier, w2.verifier], quorum=1).cosigners[0][0] == w1.name
    with pytest.raises(receipts.ReceiptError, match="1 of the required 2"):
        receipts.verify(cosigned, key, [w1.verifier, w2.verifier], quorum=2)


def test_an_entry_appended_after_the_checkpoint_gets_a_receipt_from_a_new_one(chancheng):
    _record(chancheng, 1)
    services.checkpoint_publish(district=chancheng)
    index = _record(chancheng, 2)
    text = services.entry_receipt(district=chancheng, index=index)
    assert receipts.verify(text, services.signer(chancheng).verifier).size == 2
    assert services.entry_receipt(district=chancheng, index=99) is None
