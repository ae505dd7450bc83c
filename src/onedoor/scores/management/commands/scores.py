"""`onedoor scores refresh [--district CODE]` and `onedoor scores rebuild [--district CODE] [--from DAY --to DAY]`

refresh   takes in what changed since the last refresh (the worker does this at each sweep)
rebuild   recomputes the rollup from the source rows: every day (the watermark is reset too), or only what
          counts on the days from --from to --to (after a bulk import or a repair). Idempotent."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from onedoor.districts.models import District
from onedoor.districts.selectors import district_by_code
from onedoor.scores.rollup import scores_rebuild, scores_refresh


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a day (YYYY-MM-DD): {value}") from None


class Command(BaseCommand):
    help = "Scores (考核测评): refresh the rollup incrementally, or rebuild it from the source rows."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        refresh = actions.add_parser("refresh", help="take in what changed since the last refresh")
        refresh.add_argument("--district", default=None, help="region code; default every district")
        rebuild = actions.add_parser("rebuild", help="recompute the rollup from the source rows")
        rebuild.add_argument("--district", default=None, help="region code; default every district")
        rebuild.add_argument("--from", dest="start", default=None, help="first day (YYYY-MM-DD)")
        rebuild.add_argument("--to", dest="end", default=None, help="last day (YYYY-MM-DD)")

    def handle(self, *args, action, district, **options):
        districts = [district_by_code(district)] if district else list(District.objects.order_by("id"))
        for d in districts:
            if action == "refresh":
                days = scores_refresh(district=d)
                self.stdout.write(f"{d.code}: {days} day(s) recomputed")
                continue
            start, end = _day(options.get("start")), _day(options.get("end"))
            if start and end and start > end:
                raise CommandError("--from is after --to")
            days = scores_rebuild(district=d, start=start, end=end)
            self.stdout.write(f"{d.code}: rebuilt, {days} day(s) with data")
