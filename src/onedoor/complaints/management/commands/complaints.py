"""`onedoor complaints sweep [--district CODE]`

Escalates to the supervisor every complaint unanswered at 3x its limit and closes replies reviewed more than
30 days ago. Idempotent; the worker runs it with the case sweep."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from onedoor.complaints.escalation import complaints_sweep
from onedoor.districts.selectors import district_by_code


class Command(BaseCommand):
    help = "Complaints and consultations: escalate at 3x the limit and close after the reopen window."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        sweep = actions.add_parser("sweep", help="escalate and close what time has decided")
        sweep.add_argument("--district", default=None, help="region code; default every district")

    def handle(self, *args, action, district, **options):
        report = complaints_sweep(district=district_by_code(district) if district else None)
        self.stdout.write(f"complaints: {len(report.escalated)} escalated, {len(report.closed)} closed")
