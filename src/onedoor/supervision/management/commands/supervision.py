"""`onedoor supervision refresh [--district CODE]`: bring the trace rollup up to date (rollup.py) — after a bulk
import, or from cron so the first report of the day does not pay for the day's changes."""

import time

from django.core.management.base import BaseCommand, CommandError

from onedoor.districts.models import District
from onedoor.supervision.rollup import trace_refresh


class Command(BaseCommand):
    help = "Supervision: refresh the trace rollup behind the accountability report."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["refresh"])
        parser.add_argument("--district", help="region code (default: every district)")

    def handle(self, *args, **options):
        districts = District.objects.order_by("code")
        if options["district"]:
            districts = districts.filter(code=options["district"])
            if not districts.exists():
                raise CommandError(f"No district {options['district']}.")
        for district in districts:
            started = time.monotonic()
            count = trace_refresh(district=district)
            self.stdout.write(
                f"{district.code}: {count} cases recomputed in {time.monotonic() - started:.2f} s"
            )
