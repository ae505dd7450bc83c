"""`onedoor ledger verify|audit|checkpoint`

verify RECEIPT --key VKEY [--witness VKEY …] [--quorum K]
        checks a c2sp.org/tlog-proof receipt offline (no database): the log's signature on the checkpoint, the
        witnesses' cosignatures (K of them, default every witness named), the entry's inclusion and, when the
        receipt carries it, the private record's digest. RECEIPT is a file or `-` (stdin); a key is its text or a
        file holding it. Exit 0 when it verifies, 1 with the reason when not.
audit [--district CODE]
        recomputes the district's tree from the stored entries and reports every entry, node, checkpoint or head
        that does not match it (exit 1), or a one-line summary (exit 0).
checkpoint [--district CODE]
        publishes a checkpoint of the log as it is now and prints its signed note.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from onedoor.ledger import receipts
from onedoor.ledger.note import Verifier


def _text_or_file(value: str) -> str:
    """A key given as its text or as a file holding it."""
    path = Path(value)
    if "+" in value and not path.is_file():
        return value.strip()
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(_("Cannot read %(path)s: %(error)s") % {"path": value, "error": exc}) from None


def _verifier(value: str) -> Verifier:
    try:
        return Verifier.parse(_text_or_file(value))
    except ValueError as exc:
        raise CommandError(
            _("Not a verifier key: %(value)s (%(error)s)") % {"value": value, "error": exc}
        ) from None


def _fields(data: dict) -> list[str]:
    return [f"  {name}: {json.dumps(value, ensure_ascii=False)}" for name, value in sorted(data.items())]


class Command(BaseCommand):
    help = "The transparency log: verify a receipt offline, audit the stored log, publish a checkpoint."
    requires_system_checks = []  # `verify` runs with no database at all

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        verify = actions.add_parser("verify", help="check a tlog-proof receipt offline")
        verify.add_argument("receipt", help="the receipt file, or - for stdin")
        verify.add_argument("--key", required=True, help="the log's verifier key, or a file holding it")
        verify.add_argument(
            "--witness", action="append", default=[], help="a witness's verifier key (repeat)"
        )
        verify.add_argument("--quorum", type=int, help="cosignatures required (default: every --witness)")
        for name in ("audit", "checkpoint"):
            sub = actions.add_parser(name)
            sub.add_argument("--district", help="region code, e.g. 440604 (default: the deployment's)")

    def handle(self, *args, action, **options):
        getattr(self, action)(**options)

    def verify(self, *, receipt, key, witness, quorum, **_options):
        log_key, witnesses = _verifier(key), [_verifier(w) for w in witness]
        quorum = len(witnesses) if quorum is None else quorum
        try:
            text = sys.stdin.read() if receipt == "-" else Path(receipt).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": receipt, "error": exc}
            ) from None
        try:
            checked = receipts.verify(text, log_key, witnesses, quorum)
        except receipts.ReceiptError as exc:
            raise CommandError(_("The receipt does not verify: %(reason)s") % {"reason": exc}) from None
        out = [
            _("The receipt verifies."),
            _("Log: %(origin)s (signed by key %(key)s)")
            % {"origin": checked.origin, "key": log_key.key_id.hex()},
            _("Entry %(index)s is included in the log's tree of %(size)s entries.")
            % {"index": checked.index, "size": checked.size},
        ]
        for name, at in checked.cosigners:
            when = datetime.fromtimestamp(at, UTC).isoformat(timespec="seconds")
            out.append(_("Cosigned by witness %(name)s at %(when)s") % {"name": name, "when": when})
        if witnesses:
            out.append(
                _("%(got)s of %(count)s witnesses cosigned (%(quorum)s required).")
                % {"got": len(checked.cosigners), "count": len(witnesses), "quorum": quorum}
            )
        entry = dict(checked.entry)
        out.append(_("Entry kind: %(kind)s") % {"kind": entry.pop("kind", "")})
        out.append(_("Public fields:"))
        out.extend(_fields(entry))
        if checked.record is not None:
            out.append(_("Private record (matches the entry's digest):"))
            out.extend(_fields(checked.record))
        self.stdout.write("\n".join(out))

    def _district(self, code):
        from onedoor.core.errors import DomainError
        from onedoor.districts.selectors import district_by_code

        try:
            return district_by_code(code)
        except DomainError as error:
            raise CommandError(str(error.message)) from None

    def audit(self, *, district, **_options):
        from onedoor.ledger.audit import audit

        report = audit(self._district(district))
        for problem in report.problems:
            self.stdout.write(problem.message)
        if not report.consistent:
            raise CommandError(
                _("%(count)s problems in %(entries)s entries and %(checkpoints)s checkpoints.")
                % {
                    "count": len(report.problems),
                    "entries": report.entries,
                    "checkpoints": report.checkpoints,
                }
            )
        self.stdout.write(
            _("%(entries)s entries, %(checkpoints)s checkpoints, all consistent.")
            % {"entries": report.entries, "checkpoints": report.checkpoints}
        )

    def checkpoint(self, *, district, **_options):
        from onedoor.core.errors import DomainError
        from onedoor.ledger import services

        try:
            published = services.checkpoint_publish(district=self._district(district))
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        self.stdout.write(published.note, ending="")
