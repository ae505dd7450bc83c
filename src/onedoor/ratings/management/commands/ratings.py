"""`onedoor ratings apply-defaults [--days N] [--batch 500] [--district CODE]`

Records 基本满意 (3, source default) for every visit served and every case concluded more than N days ago
(ONEDOOR_RATING_DEFAULT_DAYS, 7) without a rating. Idempotent; the worker runs it too."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from onedoor.districts.selectors import district_by_code
from onedoor.ratings.defaults import ratings_apply_defaults


class Command(BaseCommand):
    help = "Public rating (好差评): apply the default rating to visits and cases not rated in time."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        apply = actions.add_parser("apply-defaults", help="rate unrated visits and cases 基本满意 (3)")
        apply.add_argument("--days", type=int, default=None, help="default: ONEDOOR_RATING_DEFAULT_DAYS")
        apply.add_argument("--batch", type=int, default=500)
        apply.add_argument("--district", default=None, help="region code; default every district")

    def handle(self, *args, action, days, batch, district, **options):
        chosen = district_by_code(district) if district else None
        report = ratings_apply_defaults(district=chosen, days=days, batch=batch)
        self.stdout.write(f"default ratings: {report.visits} visit(s), {report.cases} case(s)")
