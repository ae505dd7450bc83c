"""`onedoor witness key|serve|log-key` — run a witness of a transparency log (c2sp.org/tlog-witness).

key      --name NAME --key-file F
         creates the witness's Ed25519 key (PEM, mode 0600) when missing and prints its verifier key
         (`name+keyid+base64(0x04‖key)`), to be given to the district as ONEDOOR_WITNESSES' "key"
serve    --name NAME --key-file F --state F --log VKEY [--log VKEY …] --bind 127.0.0.1:PORT [--prefix P]
         serves POST <prefix>/add-checkpoint with gunicorn; the state is the witness's own SQLite file
log-key  [--district CODE …]
         prints each district log's verifier key (`name+keyid+base64(0x01‖key)`), one a line (default: every
         district's), to start a witness with

key and serve need no database of OneDoor's: a witness is run by another department, with its own files."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run a transparency-log witness, or print its key or the district log's key."
    requires_system_checks: list = []  # a witness has no database to check

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        key = actions.add_parser("key", help="create the witness key if missing and print its verifier key")
        serve = actions.add_parser("serve", help="serve add-checkpoint")
        for sub in (key, serve):
            sub.add_argument("--name", required=True, help="the witness's name, e.g. witness.finance.gov.cn")
            sub.add_argument(
                "--key-file", required=True, help="its Ed25519 private key (PEM), created if missing"
            )
        serve.add_argument("--state", required=True, help="its SQLite state file, created if missing")
        serve.add_argument("--log", action="append", required=True, help="a trusted log's verifier key")
        serve.add_argument("--bind", default="127.0.0.1:8301", help="host:port")
        serve.add_argument("--prefix", default="", help="the submission prefix's path, e.g. /witness")
        serve.add_argument("--workers", type=int, default=2)
        log_key = actions.add_parser("log-key", help="print the district log's verifier key")
        log_key.add_argument("--district", action="append", help="a district's region code, e.g. 440604")

    def handle(self, *args, action, **options):
        if action == "log-key":
            return self._log_key(options["district"])
        from onedoor.witness import build, load_or_create_key, serve
        from onedoor.witness.app import cosigner

        if action == "key":
            signer = cosigner(options["name"], load_or_create_key(options["key_file"]))
            self.stdout.write(signer.verifier.text())
            return
        try:
            app = build(
                name=options["name"],
                key_file=options["key_file"],
                state_file=options["state"],
                logs=options["log"],
                prefix=options["prefix"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"witness {app.signer.verifier.text()} on http://{options['bind']}{app.prefix}/")
        self.stdout.flush()
        serve.serve(app, bind=options["bind"], workers=options["workers"])

    def _log_key(self, codes: list[str] | None) -> None:
        from onedoor.core.errors import NotFound
        from onedoor.districts.models import District
        from onedoor.districts.selectors import district_by_code
        from onedoor.ledger import services

        try:
            districts = [district_by_code(c) for c in codes] if codes else District.objects.order_by("code")
        except NotFound as exc:
            raise CommandError(str(exc.message)) from exc
        for district in districts:
            self.stdout.write(services.signer(district).verifier.text())
