"""`onedoor seed` — generate the demo: a Chancheng-like district (440604) and a small second district (荷塘区).

Everything goes through the same services the admin, the importer and the window use. Deterministic for a
given --seed.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from onedoor.demo.generator import build
from onedoor.districts.models import District


class Command(BaseCommand):
    help = "Generate the demo districts (Chancheng 440604 and Hetang 430202)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2015, help="random seed (default 2015)")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when a district exists")
        parser.add_argument("--communities", type=int, default=30, help="community centres (30; 139 is real)")
        parser.add_argument("--persons", type=int, default=10_000)
        parser.add_argument("--enterprises", type=int, default=1_000)

    def handle(self, *args, **options):
        if District.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The database already holds a district: demo generation skipped.")
                return
            raise CommandError("The database already holds districts; use a fresh database (or --if-empty).")
        if not 1 <= options["communities"] <= 200:
            raise CommandError("--communities must be between 1 and 200")
        started = time.monotonic()
        summary = build.generate(
            seed=options["seed"],
            communities=options["communities"],
            persons=options["persons"],
            enterprises=options["enterprises"],
            progress=lambda message: self.stdout.write(f"  {message}"),
        )
        self.stdout.write(
            self.style.SUCCESS(f"Demo generated in {time.monotonic() - started:.1f} s: ")
            + ", ".join(f"{value} {key}" for key, value in summary.items())
        )
