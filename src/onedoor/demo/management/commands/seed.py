"""`onedoor seed` — generate the demo: a Chancheng-like district (440604) and a small second district (荷塘区).

Everything goes through the same services the admin, the importer and the window use. Deterministic for a
given --seed. `--cases N` adds N cases over the last two years through the case services (see
onedoor/demo/generator/cases.py); with --if-empty on a demo that has no cases yet, only the cases are added.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from onedoor.cases.models import Case
from onedoor.demo.generator import build
from onedoor.demo.generator.cases import generate_cases
from onedoor.demo.generator.integrations import connect_simulated_systems
from onedoor.districts.models import District

DEMO_DISTRICT = "440604"


class Command(BaseCommand):
    help = "Generate the demo districts (Chancheng 440604 and Hetang 430202)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2015, help="random seed (default 2015)")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when a district exists")
        parser.add_argument("--communities", type=int, default=30, help="community centres (30; 139 is real)")
        parser.add_argument("--persons", type=int, default=10_000)
        parser.add_argument("--enterprises", type=int, default=1_000)
        parser.add_argument(
            "--cases",
            type=int,
            default=0,
            help="cases over the last two years, through the case services (0)",
        )
        parser.add_argument(
            "--queue-days",
            type=int,
            default=5,
            help="working days of queue tickets at the district hall, through the ticket services (5)",
        )
        parser.add_argument("--progress-every", type=int, default=1_000, help="report every N cases (1,000)")
        parser.add_argument(
            "--simulated-systems",
            default="",
            help="connect the departments' back-end systems to simulated ones at this URL, after the cases "
            "(e.g. http://127.0.0.1:8100; see `onedoor simulate-backends`)",
        )

    def handle(self, *args, **options):
        if options["cases"] < 0 or options["progress_every"] < 1:
            raise CommandError("--cases must be 0 or more and --progress-every at least 1")
        if District.objects.exists():
            if options["if_empty"]:
                self._cases_for_existing_demo(options)
                self._connect(options)
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
            queue_days=options["queue_days"],
        )
        self.stdout.write(
            self.style.SUCCESS(f"Demo generated in {time.monotonic() - started:.1f} s: ")
            + ", ".join(f"{value} {key}" for key, value in summary.items())
        )
        if options["cases"]:
            self._cases(District.objects.get(code=DEMO_DISTRICT), options)
        self._connect(options)

    def _connect(self, options) -> None:
        district = District.objects.filter(code=DEMO_DISTRICT).first()
        if not options["simulated_systems"] or district is None:
            return
        count = connect_simulated_systems(district=district, base_url=options["simulated_systems"])
        if count:
            self.stdout.write(
                f"Connected {count} systems (departments' and the provincial hall) to "
                f"{options['simulated_systems']}."
            )

    def _cases_for_existing_demo(self, options) -> None:
        district = District.objects.filter(code=DEMO_DISTRICT).first()
        if not options["cases"] or district is None or Case.objects.filter(district=district).exists():
            self.stdout.write("The database already holds a district: demo generation skipped.")
            return
        self.stdout.write(f"The demo district exists without cases: adding {options['cases']:,} cases.")
        self._cases(district, options)

    def _cases(self, district, options) -> None:
        started = time.monotonic()
        summary = generate_cases(
            district=district,
            count=options["cases"],
            seed=options["seed"],
            every=options["progress_every"],
            progress=lambda message: self.stdout.write(f"  {message}"),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary['cases']:,} cases generated in {time.monotonic() - started:.1f} s: "
            )
            + ", ".join(f"{key} {value}" for key, value in summary.items() if key != "cases")
        )
