"""`onedoor integrations verify-log [--system CODE]` and `onedoor integrations replay [--system CODE] [--id N …]`

verify-log  recomputes every connector's message-log hash chain; exits 1 naming each entry that was edited,
            inserted or deleted
replay      gives the dead letters (of one system, or the given message ids) a new retry budget
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from onedoor.integrations.delivery import replay
from onedoor.integrations.log import log_verify
from onedoor.integrations.models import Connector, MessageStatus, OutboxMessage


class Command(BaseCommand):
    help = "Back-end integration upkeep: verify the message log, replay dead letters."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify-log", "replay"])
        parser.add_argument("--system", help="back-end system code (default: all)")
        parser.add_argument("--id", type=int, action="append", default=[], help="outbox message id (replay)")

    def handle(self, *args, action, system, id, **options):
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
