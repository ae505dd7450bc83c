"""`onedoor ledger audit` finds each kind of tampering where it happened (an edited entry, a deleted one, a changed
node, a changed checkpoint) and passes a clean log; `onedoor ledger verify` checks a receipt offline, with no
database at all, and fails with the reason on a tampered one."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from onedoor.ledger import services
from onedoor.ledger.models import LedgerCheckpoint, LedgerEntry, LedgerNode
from onedoor.ledger.note import Note, cosigner

pytestmark = pytest.mark.django_db


def _log(district, size: int = 600) -> None:
    for first in range(0, size, 200):
        services.ledger_append_many(
            district=district,
            entries=[("credit", {"record": f"credit-{i}"}) for i in range(first, min(size, first + 200))],
        )
        services.checkpoint_publish(district=district)


def _audit(code: str = "440604") -> tuple[int, str]:
    out = StringIO()
    with translation.override("en"):
        try:
            call_command("ledger", "audit", "--district", code, stdout=out)
        except CommandError as exc:
            return exc.returncode, out.getvalue() + str(exc)
    return 0, out.getvalue()


def test_a_clean_log_audits_consistent(chancheng):
    _log(chancheng)
    assert _audit() == (0, "600 entries, 3 checkpoints, all consistent.\n")


def test_an_empty_log_audits_consistent(chancheng):
    assert _audit() == (0, "0 entries, 0 checkpoints, all consistent.\n")


def test_an_edited_entry_is_reported_at_its_index(chancheng):
    _log(chancheng)
    LedgerEntry.objects.filter(district=chancheng, index=321).update(
        body='{"kind":"credit","record":"forged","v":1}'
    )
    code, out = _audit()
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "entry 321 does not hash to its stored leaf (edited)"
    assert lines[1].startswith("2 signed checkpoints, from size 400 on, no longer match the entries")
    assert len(lines) == 3  # no node above it is reported again


def test_a_deleted_entry_is_reported_at_its_index(chancheng):
    _log(chancheng)
    LedgerEntry.objects.filter(district=chancheng, index=17).delete()
    code, out = _audit()
    assert code == 1 and out.splitlines()[0] == "entry 17 is missing (deleted)"
    LedgerEntry.objects.filter(district=chancheng, index=599).delete()  # the last: the head still says 600
    code, out = _audit()
    assert code == 1 and "entry 599 is missing (deleted)" in out and "the head says 600 entries" in out


def test_a_changed_node_is_reported_with_its_first_entry(chancheng):
    _log(chancheng)
    LedgerNode.objects.filter(district=chancheng, level=3, index=20).update(hash=b"\x00" * 32)
    code, out = _audit()
    assert code == 1 and out.splitlines()[0] == "node 3/20 (from entry 160) differs from the recomputed one"
    assert len(out.splitlines()) == 2


def test_a_changed_checkpoint_root_is_reported_at_its_size(chancheng):
    _log(chancheng)
    LedgerCheckpoint.objects.filter(district=chancheng, size=400).update(root=b"\x01" * 32)
    code, out = _audit()
    assert code == 1
    assert out.splitlines()[0] == "checkpoint at size 400: its root differs from the recomputed root"
    LedgerCheckpoint.objects.filter(district=chancheng, size=200).update(
        note=LedgerCheckpoint.objects.get(district=chancheng, size=200).note.replace("\n200\n", "\n201\n")
    )
    code, out = _audit()
    assert "checkpoint at size 200: its note is not validly signed by the district's key" in out


def _receipt(tmp_path: Path, district) -> tuple[Path, str]:
    services.ledger_record(
        district=district,
        kind="credit.bad",
        public={"reason_code": "late"},
        private={"reason": "补正材料逾期"},
    )
    text = services.entry_receipt(district=district, index=0, with_opening=True)
    path = tmp_path / "0.tlog-proof"
    path.write_text(text, encoding="utf-8")
    return path, services.signer(district).verifier.text()


def _verify(*args) -> tuple[int, str]:
    out = StringIO()
    with translation.override("en"):
        try:
            call_command("ledger", "verify", *args, stdout=out)
        except CommandError as exc:
            return exc.returncode, str(exc)
    return 0, out.getvalue()


def test_verify_prints_what_a_receipt_proves_without_the_database(
    tmp_path, chancheng, django_assert_num_queries
):
    path, key = _receipt(tmp_path, chancheng)
    note = Note.parse(path.read_text().partition("\n\n")[2])
    witness = cosigner("witness.example.org", Ed25519PrivateKey.generate())
    note.add(witness.line(note.text, timestamp=1_800_000_000))
    path.write_text(path.read_text().partition("\n\n")[0] + "\n\n" + note.message())
    key_file = tmp_path / "log.vkey"
    key_file.write_text(key + "\n")
    with django_assert_num_queries(0):
        code, out = _verify(str(path), "--key", str(key_file), "--witness", witness.verifier.text())
    assert code == 0
    assert "The receipt verifies." in out and "Log: onedoor.gov.cn/440604/ledger" in out
    assert "Entry 0 is included in the log's tree of 1 entries." in out
    assert "Cosigned by witness witness.example.org at 2027-01-15T08:00:00+00:00" in out
    assert "Entry kind: credit.bad" in out and '  reason_code: "late"' in out
    assert '  reason: "补正材料逾期"' in out
    tampered = tmp_path / "tampered.tlog-proof"
    tampered.write_text(path.read_text().replace("index 0", "index 1"))
    with django_assert_num_queries(0):
        assert _verify(str(tampered), "--key", key)[0] == 1
    other = cosigner("other.example.org", Ed25519PrivateKey.generate()).verifier.text()
    code, out = _verify(str(path), "--key", key, "--witness", other, "--witness", witness.verifier.text())
    assert code == 1 and "1 of the required 2" in out
    assert _verify(str(path), "--key", key, "--witness", other, "--quorum", "0")[0] == 0


def test_verify_runs_as_a_program_with_no_database(tmp_path, chancheng):
    path, key = _receipt(tmp_path, chancheng)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/no/such/dir/db.sqlite3",  # any connection would fail
        "ONEDOOR_SECRET_KEY": "x",
        "LANG": "C.UTF-8",
    }
    run = [sys.executable, "-m", "onedoor", "ledger", "verify", "-", "--key", key]
    ok = subprocess.run(run, input=path.read_text(), env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "onedoor.gov.cn/440604/ledger" in ok.stdout
    bad = subprocess.run(
        run, input=path.read_text().replace("index 0", "index 3"), env=env, capture_output=True, text=True
    )
    assert bad.returncode == 1 and "not included" in bad.stderr
