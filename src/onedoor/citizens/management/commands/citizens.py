"""`onedoor citizens export-accounts FILE [--district CODE] [--limit 2000]`

Writes the district's registered persons as accounts for the stand-in provincial identity provider
(`python -m onedoor.idp idp_seed --accounts FILE`): [{"id_number", "name", "level", "enterprises"}], the level
being the identity level the register holds (2 … 5) and the enterprises those they represent (法定代表人). For the demo and tests only — a real province has its own accounts."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from onedoor.core.errors import DomainError
from onedoor.districts.selectors import district_by_code
from onedoor.people.models import Enterprise, Person


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
        # Each person may act for the enterprises they represent in the register (法定代表人).
        represented: dict[str, list] = {}
        for uscc, number in Enterprise.objects.filter(
            district=target, representative_id_number__in=[r["id_number"] for r in rows]
        ).values_list("uscc", "representative_id_number"):
            represented.setdefault(number, []).append({"uscc": uscc, "role": "legal_rep"})
        for row in rows:
            row["enterprises"] = represented.get(row["id_number"], [])
        Path(file).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        self.stdout.write(f"{len(rows)} account(s) written to {file}")
