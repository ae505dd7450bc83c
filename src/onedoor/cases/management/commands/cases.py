"""`onedoor cases sweep|fill-shown [--district 440604]`

sweep       stops the cases accepted with gaps whose later materials missed their deadline (容缺逾期), as the
            system, with the reason in the trail; prints what it stopped. Safe to run as often as you like.
fill-shown  stores the API's answer (shown.py) of cases written before it was kept with the case; run once
            after upgrading. Such cases read correctly without it, only slower. Safe to run again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from onedoor.cases.shown_fill import shown_fill
from onedoor.cases.sweep import cases_sweep
from onedoor.core.errors import DomainError
from onedoor.districts.selectors import district_by_code


class Command(BaseCommand):
    help = (
        "Case upkeep: `sweep` stops cases whose later materials missed their deadline; `fill-shown` stores the "
        "API's answer of cases written before it was kept with the case."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sweep", "fill-shown"])
        parser.add_argument("--district", help="region code, e.g. 440604 (default: every district)")

    def handle(self, *args, action, district, **options):
        target = None
        if district:
            try:
                target = district_by_code(district)
            except DomainError as error:
                raise CommandError(str(error.message)) from None
        if action == "fill-shown":
            done = shown_fill(district=target, progress=lambda n: self.stdout.write(f"  {n:,} stored"))
            self.stdout.write(f"{done:,} cases now have their stored answer")
            return
        report = cases_sweep(district=target)
        for number in report.stopped:
            self.stdout.write(f"stopped {number}")
        for number in report.skipped:
            self.stdout.write(f"skipped {number} (changed meanwhile)")
        self.stdout.write(f"{len(report.stopped)} stopped, {len(report.skipped)} skipped")
