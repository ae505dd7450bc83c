"""`onedoor cases sweep [--district 440604]`

sweep  stops the cases accepted with gaps whose later materials missed their deadline (容缺逾期), as the
       system, with the reason in the trail; prints what it stopped. Safe to run as often as you like.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from onedoor.cases.sweep import cases_sweep
from onedoor.core.errors import DomainError
from onedoor.districts.selectors import district_by_code


class Command(BaseCommand):
    help = "Time-driven case work: `sweep` stops cases whose later materials missed their deadline."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sweep"])
        parser.add_argument("--district", help="region code, e.g. 440604 (default: every district)")

    def handle(self, *args, action, district, **options):
        target = None
        if district:
            try:
                target = district_by_code(district)
            except DomainError as error:
                raise CommandError(str(error.message)) from None
        report = cases_sweep(district=target)
        for number in report.stopped:
            self.stdout.write(f"stopped {number}")
        for number in report.skipped:
            self.stdout.write(f"skipped {number} (changed meanwhile)")
        self.stdout.write(f"{len(report.stopped)} stopped, {len(report.skipped)} skipped")
