"""Importing a catalog file: parse → validate every row → change nothing if any problem, else create or
version each item and publish, in one transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onedoor.catalog import selectors, services
from onedoor.catalog.bulk import items_create_published
from onedoor.catalog.canonical import (
    ITEM_IDENTITY_KEYS,
    VERSION_KEYS,
    parse_date,
    version_to_dict,
    with_defaults,
)
from onedoor.catalog.importexport.jsonfile import read_json
from onedoor.catalog.importexport.report import ImportReport, ParsedItem
from onedoor.catalog.importexport.xlsx import read_xlsx
from onedoor.catalog.lint import lint_item
from onedoor.catalog.models import Item, VersionStatus
from onedoor.core.audit import audit
from onedoor.core.errors import DomainError
from onedoor.districts.selectors import departments_of

MAX_BYTES = 200 * 1024 * 1024
READERS = {"xlsx": read_xlsx, "json": read_json}


def catalog_import(*, district, payload: bytes, fmt: str, actor, publish: bool = True) -> ImportReport:
    """Import a whole catalog file into `district`. The report lists every problem as (sheet, row, column,
    problem); when there is any, nothing is changed. Items equal to their current version are left alone."""
    report, items, existing = _read(district, payload, fmt)
    if report.ok:
        _apply(district, items, existing, actor, publish, report)
    return report


def validate_only(*, district, payload: bytes, fmt: str) -> ImportReport:
    """Everything `catalog_import` checks, without changing anything."""
    return _read(district, payload, fmt)[0]


def _read(district, payload: bytes, fmt: str):
    report = ImportReport()
    if fmt not in READERS:
        message = _("Unknown file format %(fmt)s: use xlsx or json.") % {"fmt": fmt}
        report.add(("file", None, ""), message, "bad_format")
        return report, [], {}
    if len(payload) > MAX_BYTES:
        report.add(("file", None, ""), _("The file is too large."), "too_large")
        return report, [], {}
    parsed = READERS[fmt](payload, report)
    existing = {item.code: item for item in selectors.items_of(district)}
    return report, _validate(district, parsed, existing, report), existing


def _validate(district, parsed: list[ParsedItem], existing: dict[str, Item], report: ImportReport):
    departments = set(departments_of(district).values_list("code", flat=True))
    today, seen = timezone.localdate(), set()
    valid = []
    for entry in parsed:
        data, locate = with_defaults(entry.data), entry.locate
        for problem in lint_item(data):
            report.add(locate(problem.field), problem.message, problem.code, blocking=problem.blocking)
        code = data.get("code")
        if code in seen:
            report.add(
                locate("code"), _("The item code %(code)s appears twice.") % {"code": code}, "duplicate_item"
            )
        seen.add(code)
        if isinstance(data.get("department"), str) and data["department"] not in departments:
            report.add(
                locate("department"),
                _("No department with code %(code)s in this district.") % {"code": data["department"]},
                "unknown_department",
            )
        _validate_dates(data, existing.get(code) if isinstance(code, str) else None, today, locate, report)
        valid.append((data, locate))
    return valid


def _validate_dates(data, item, today, locate, report) -> None:
    try:
        start = parse_date(data.get("valid_from"))
    except (TypeError, ValueError):
        return  # the lint has reported it
    if start is None:
        return
    if start > today:
        report.add(
            locate("valid_from"),
            _("valid_from cannot be later than today: a version takes effect when it is published."),
            "valid_from_in_future",
        )
    current = item.current if item is not None else None
    if current is not None and current.valid_from and start < current.valid_from:
        report.add(
            locate("valid_from"),
            _("valid_from cannot be earlier than the current version's (%(date)s).")
            % {"date": current.valid_from.isoformat()},
            "valid_from_before_previous",
        )


def _baselines(district, existing: dict[str, Item], publish: bool) -> dict[str, dict]:
    """The canonical dict each imported item is compared with: its draft (drafts-only import) or current."""
    base = {
        v.item.code: version_to_dict(v)
        for v in selectors.with_content(selectors.published_versions(district))
    }
    if not publish:
        drafts = selectors.drafts_of(district)
        base.update({v.item.code: version_to_dict(v) for v in drafts})
    return base


def _same(data: dict, baseline: dict | None, keys) -> bool:
    if baseline is None:
        return False
    if data["valid_from"] is None:  # no date in the file: keep the current one
        data = {**data, "valid_from": baseline["valid_from"]}
    return all(data[k] == baseline[k] for k in keys)


CONTENT_KEYS = (*VERSION_KEYS, "materials", "stages")


def _apply(district, items, existing, actor, publish: bool, report: ImportReport) -> None:
    where = ("file", None, "")
    with transaction.atomic():
        try:
            if publish:  # new items in a few multi-row statements; the rest one by one
                new = [data for data, _locate in items if data["code"] not in existing]
                items_create_published(district=district, items=new, actor=actor)
                report.created += [data["code"] for data in new]
            baselines = _baselines(district, existing, publish)
            for data, locate in items:
                where = locate("code")
                _apply_one(
                    district,
                    data,
                    existing.get(data["code"]),
                    baselines.get(data["code"]),
                    actor,
                    publish,
                    report,
                )
        except DomainError as error:  # a rule the validation could not see (a concurrent change)
            report.add(where, error.message, error.code)
            report.created, report.updated, report.unchanged = [], [], []
            transaction.set_rollback(True)
            return
        audit(
            district=district,
            actor=actor,
            action="catalog.imported",
            object_type="catalog",
            object_id=district.code,
            data={**report.summary(), "publish": publish},
        )


def _apply_one(district, data, item, baseline, actor, publish, report) -> None:
    code = data["code"]
    if item is None:
        if not publish:  # when publishing, new items were created in bulk already
            services.item_create(district=district, data=data, actor=actor)
            report.created.append(code)
        return
    identity = {k: data[k] for k in ITEM_IDENTITY_KEYS[1:] if data[k] != _identity(item, k)}
    content_same = _same(data, baseline, CONTENT_KEYS) and (not publish or item.current_id is not None)
    if identity:
        services.item_update(item=item, actor=actor, changes=identity)
    if content_same:
        (report.updated if identity else report.unchanged).append(code)
        return
    changes = {k: data[k] for k in CONTENT_KEYS}
    draft = item.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is not None:
        draft = services.version_update(version=draft, actor=actor, changes=changes)
    else:
        draft = services.version_draft(item=item, actor=actor, changes=changes)
    if publish:
        services.version_publish(version=draft, actor=actor, valid_from=data["valid_from"])
    report.updated.append(code)


def _identity(item: Item, key: str):
    return item.department.code if key == "department" else getattr(item, key)
