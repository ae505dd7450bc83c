"""`onedoor citizens export-accounts FILE [--district CODE] [--limit 2000]`

Writes the district's registered persons as accounts for the stand-in provincial identity provider
(`python -m onedoor.idp idp_seed --accounts FILE`): [{"id_number", "name", "level"}], the level being the
identity level the register holds (2 … 5). For the demo and tests only — a real province has its own accounts."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from onedoor.core.errors import DomainError
from onedoor.districts.selectors import district_by_code
from onedoor.people.models import Person


class Command(BaseCommand):
    help = "Export the district's persons as identity-provider accounts (demo)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export-accounts"])
        parser.add_argument("file")
        parser.add_argument("--district", default=None)
        parser.add_argument("--limit", type=int, default=2000)

    def handle(self, *args, action, file, district, limit, **options):
        try:
            target = district_by_code(district or settings.DEFAULT_DISTRICT)
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        rows = [
            {"id_number": number, "name": name, "level": max(2, min(5, level or 2))}
            for number, name, level in Person.objects.filter(district=target)
            .order_by("id")
            .values_list("id_number", "name", "identity_level")[:limit]
        ]
        Path(file).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        self.stdout.write(f"{len(rows)} account(s) written to {file}")
