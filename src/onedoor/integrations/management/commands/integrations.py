"""`onedoor integrations verify-log [--system CODE]`, `onedoor integrations replay [--system CODE] [--id N …]`
and `onedoor integrations import FILE --district CODE`

verify-log  recomputes every connector's message-log hash chain; exits 1 naming each entry that was edited,
            inserted or deleted
replay      gives the dead letters (of one system, or the given message ids) a new retry budget
import      configures connectors and routes from a JSON file (integrations/importing.py); prints each
            generated secret once
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from onedoor.core.errors import DomainError
from onedoor.districts.selectors import district_by_code
from onedoor.integrations.delivery import replay
from onedoor.integrations.importing import connectors_import
from onedoor.integrations.log import log_verify
from onedoor.integrations.models import Connector, MessageStatus, OutboxMessage


class Command(BaseCommand):
    help = "Back-end integration upkeep: verify the message log, replay dead letters."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify-log", "replay", "import"])
        parser.add_argument("file", nargs="?", help="import: the connectors file (JSON)")
        parser.add_argument("--district", help="import: region code, e.g. 440604")
        parser.add_argument("--system", help="back-end system code (default: all)")
        parser.add_argument("--id", type=int, action="append", default=[], help="outbox message id (replay)")

    def handle(self, *args, action, system, id, file, district, **options):
        if action == "import":
            return self._import(file, district)
        connectors = Connector.objects.select_related("system").order_by("id")
        if system:
            connectors = connectors.filter(system__code=system)
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

    def _verify(self, connectors) -> None:
        broken = False
        for connector in connectors:
            bad = log_verify(connector)
            if bad:
                broken = True
                self.stdout.write(
                    f"{connector.system.code}: chain broken at entries {', '.join(map(str, bad))}"
                )
            else:
                self.stdout.write(f"{connector.system.code}: intact")
        if broken:
            raise CommandError("the message log was edited or entries are missing")
