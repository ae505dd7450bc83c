"""`onedoor integrations verify-log [--system CODE]`, `onedoor integrations replay [--system CODE] [--id N …]`,
`onedoor integrations import FILE --district CODE` and
`onedoor integrations reconcile --district CODE [--date YYYY-MM-DD] [--resend] [--json]`

verify-log  recomputes every connector's message-log hash chain; exits 1 naming each entry that was edited,
            inserted or deleted
replay      gives the dead letters (of one system, or the given message ids) a new retry budget
import      configures connectors and routes from a JSON file (integrations/importing.py); prints each
            generated secret once
reconcile   compares a day's case changes with what the provincial online hall received (default: yesterday,
            in the district's time zone); exits 1 when they differ; --resend queues the missing changes again
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from onedoor.core import clock
from onedoor.core.errors import DomainError
from onedoor.districts.selectors import district_by_code
from onedoor.integrations.delivery import replay
from onedoor.integrations.importing import connectors_import
from onedoor.integrations.log import log_verify
from onedoor.integrations.models import Connector, ConnectorKind, MessageStatus, OutboxMessage
from onedoor.integrations.reconcile import reconcile


class Command(BaseCommand):
    help = "Back-end integration upkeep: verify the message log, replay dead letters, import, reconcile."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify-log", "replay", "import", "reconcile"])
        parser.add_argument("file", nargs="?", help="import: the connectors file (JSON)")
        parser.add_argument("--district", help="import: region code, e.g. 440604")
        parser.add_argument("--system", help="back-end system code (default: all)")
        parser.add_argument("--id", type=int, action="append", default=[], help="outbox message id (replay)")
        parser.add_argument("--date", help="reconcile: the day, YYYY-MM-DD (default: yesterday)")
        parser.add_argument("--resend", action="store_true", help="reconcile: queue missing changes again")
        parser.add_argument("--json", action="store_true", help="reconcile: print the report as JSON")

    def handle(self, *args, action, system, id, file, district, **options):
        if action == "import":
            return self._import(file, district)
        if action == "reconcile":
            return self._reconcile(district, options["date"], options["resend"], options["json"])
        connectors = Connector.objects.select_related("system").order_by("id")
        if system:
            connectors = (
                connectors.filter(kind=ConnectorKind.PROVINCE)
                if system == Connector.PROVINCE_CODE
                else connectors.filter(system__code=system)
            )
            if not connectors.exists():
                raise CommandError(f"no connector for system {system!r}")
        if action == "verify-log":
            return self._verify(connectors)
        dead = OutboxMessage.objects.filter(status=MessageStatus.DEAD, connector__in=connectors)
        if id:
            dead = dead.filter(pk__in=id)
        count = replay(list(dead))
        self.stdout.write(f"{count} dead letter(s) queued again")

    def _import(self, file, district) -> None:
        if not file or not district:
            raise CommandError("import needs FILE and --district")
        try:
            target = district_by_code(district)
            with open(file, "rb") as f:
                shown = connectors_import(district=target, payload=f.read())
        except OSError as error:
            raise CommandError(str(error)) from None
        except DomainError as error:
            problems = error.details.get("problems") or [str(error.message)]
            raise CommandError("\n".join(str(p) for p in problems)) from None
        for code, secret in shown.items():
            note = f" — generated secret (shown once): {secret}" if secret else ""
            self.stdout.write(f"{code}: configured{note}")

    def _reconcile(self, district, day, resend: bool, as_json: bool) -> None:
        if not district:
            raise CommandError("reconcile needs --district")
        try:
            day = date.fromisoformat(day) if day else (timezone.localdate(clock.now()) - timedelta(days=1))
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, not {day!r}") from None
        try:
            report = reconcile(district=district_by_code(district), day=day, resend=resend)
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "date": day.isoformat(),
                        "compared": report.compared,
                        "matched": report.matched,
                        "resent": report.resent,
                        "mismatches": [asdict(m) for m in report.mismatches],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            self.stdout.write(
                f"{day}: {report.compared} case(s) compared, {report.matched} match, "
                f"{len(report.mismatches)} differ"
            )
            for m in report.mismatches:
                where = ", ".join(f"#{seq} {status}" for seq, status in m.missing.items())
                self.stdout.write(
                    f"  {m.number}  {m.kind}  ours {m.ours.get('status', '-')} {m.ours.get('seqs', [])}"
                    f"  hall {m.theirs.get('status', '-')} {m.theirs.get('seqs', [])}"
                    + (f"  missing: {where}" if where else "")
                )
            if resend:
                self.stdout.write(f"{report.resent} change(s) queued again")
        if report.mismatches and not report.resent:
            raise SystemExit(1)

    def _verify(self, connectors) -> None:
        broken = False
        for connector in connectors:
            bad = log_verify(connector)
            if bad:
                broken = True
                self.stdout.write(f"{connector.code}: chain broken at entries {', '.join(map(str, bad))}")
            else:
                self.stdout.write(f"{connector.code}: intact")
        if broken:
            raise CommandError("the message log was edited or entries are missing")
