"""`onedoor catalog export|import|lint --district 440604 FILE`

export  writes the district's published catalog to FILE (.xlsx or .json by its extension; "-" = JSON on stdout)
import  imports FILE (same functions as the staff page); nothing changes when any problem is found
lint    checks FILE without changing anything; without FILE, lints the district's drafts and published items
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onedoor.catalog import selectors
from onedoor.catalog.canonical import version_to_dict
from onedoor.catalog.importexport import (
    catalog_export_json,
    catalog_export_xlsx,
    catalog_import,
    dump_json,
    validate_only,
)
from onedoor.catalog.importexport.load import READERS
from onedoor.catalog.lint import lint_item
from onedoor.core.errors import DomainError
from onedoor.districts.selectors import district_by_code


def _format_of(path: str, given: str | None) -> str:
    fmt = given or ("xlsx" if path.lower().endswith(".xlsx") else "json")
    if fmt not in READERS:
        raise CommandError(f"unknown format {fmt!r}: use xlsx or json")
    return fmt


class Command(BaseCommand):
    help = "Export, import or lint a district's catalog (XLSX or JSON; see docs/catalog-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "import", "lint"])
        parser.add_argument(
            "file", nargs="?", help="path of the .xlsx or .json file; '-' for stdout/stdin JSON"
        )
        parser.add_argument("--district", required=True, help="region code, e.g. 440604")
        parser.add_argument("--format", choices=sorted(READERS), help="default: from the file's extension")
        parser.add_argument("--drafts", action="store_true", help="import: create drafts, do not publish")

    def handle(self, *args, action, file, district, format, drafts, **options):
        try:
            target = district_by_code(district)
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        if action == "export":
            return self._export(target, file, format)
        if action == "lint" and not file:
            return self._lint_district(target)
        if not file:
            raise CommandError("FILE is required")
        payload = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        fmt = _format_of(file, format)
        if action == "lint":
            report = validate_only(district=target, payload=payload, fmt=fmt)
        else:
            report = catalog_import(district=target, payload=payload, fmt=fmt, actor=None, publish=not drafts)
        self._print_report(report, action)

    def _export(self, district, file, fmt):
        if not file or file == "-":
            self.stdout.write(json.dumps(catalog_export_json(district), ensure_ascii=False, indent=1))
            return
        fmt = _format_of(file, fmt)
        data = catalog_export_xlsx(district) if fmt == "xlsx" else dump_json(catalog_export_json(district))
        Path(file).write_bytes(data)
        self.stderr.write(f"wrote {file} ({len(data):,} bytes)")

    def _print_report(self, report, action):
        for warning in report.warnings:
            self.stderr.write(f"warning {warning}")
        for problem in report.problems:
            self.stderr.write(f"{problem}")
        if not report.ok:
            raise CommandError(f"{len(report.problems)} problems; nothing was changed")
        if action == "import":
            summary = report.summary()
            self.stdout.write(
                f"created {summary['created']}, updated {summary['updated']}, "
                f"unchanged {summary['unchanged']}"
            )
        else:
            self.stdout.write("no problems")

    def _lint_district(self, district):
        versions = [
            *selectors.drafts_of(district),
            *selectors.with_content(selectors.published_versions(district)),
        ]
        count = 0
        for version in versions:
            for problem in lint_item(version_to_dict(version)):
                count += problem.blocking
                kind = "" if problem.blocking else "warning "
                self.stderr.write(
                    f"{kind}{version.item.code} v{version.number} {problem.field}: {problem.message}"
                )
        if count:
            raise CommandError(f"{count} problems")
        self.stdout.write(f"{len(versions)} versions, no problems")
