"""Bulk fill for the list and search benchmarks at 3,000,000 cases — NOT the product's write path.

Running 3,000,000 cases through the case services takes hours here (bench/README.md has the rate), so the
benchmark database holds some thousands of cases generated through the services (`onedoor seed --cases`'s
generator) and fills up with COPIES of them: each copy takes a closed generated case with all its rows
(materials, stage results, clock stops, trail, certificate), moves it by a whole number of weeks to another
working day of the two years (so deadlines keep their weekday), gives it the next number of that day, re-chains
its trail hashes and re-signs its certificate with the district's key. The copies keep their template's
applicant, so an applicant has far more cases than in life (a harder applicant search, not an easier one);
their certificates do not settle new records. Written with COPY on PostgreSQL, executemany on SQLite.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
import uuid
from collections import defaultdict
from datetime import timedelta
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils import timezone

from onedoor.cases import shown
from onedoor.cases.models import (
    Case,
    CaseCounter,
    CaseMaterial,
    Certificate,
    ClockStop,
    StageResult,
    TrailEntry,
)
from onedoor.cases.trail import GENESIS, entry_hash
from onedoor.core import signing
from onedoor.districts.calendar import calendar_for
from onedoor.districts.signing import _private_key, signing_key_for

CHILDREN = (CaseMaterial, StageResult, ClockStop, TrailEntry, Certificate)
CHUNK = 10_000


def _fields(model):
    return [f for f in model._meta.concrete_fields]


def _rows(model, **filters) -> list[dict]:
    return list(model.objects.filter(**filters).order_by("id").values(*[f.attname for f in _fields(model)]))


def _shift(row: dict, model, delta: timedelta) -> dict:
    for field in _fields(model):
        if field.get_internal_type() == "DateTimeField" and row[field.attname] is not None:
            row[field.attname] += delta
    return row


class Writer:
    """Rows per table, flushed in chunks with COPY (PostgreSQL) or executemany (SQLite)."""

    def __init__(self) -> None:
        self.rows: dict = defaultdict(list)
        self.next_id = {
            m: (m.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
            for m in (Case, *CHILDREN)
        }

    def add(self, model, row: dict) -> int:
        row["id"] = self.next_id[model]
        self.next_id[model] += 1
        self.rows[model].append(row)
        return row["id"]

    def flush(self) -> None:
        with transaction.atomic():
            for model in (Case, *CHILDREN):
                rows = self.rows.pop(model, [])
                if rows:
                    (self._copy if connection.vendor == "postgresql" else self._insert)(model, rows)

    @staticmethod
    def _copy(model, rows) -> None:
        fields = _fields(model)
        json_fields = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
        columns = ", ".join(f'"{f.column}"' for f in fields)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(
                    [
                        json.dumps(row[f.attname], ensure_ascii=False)
                        if f.attname in json_fields
                        else row[f.attname]
                        for f in fields
                    ]
                )

    @staticmethod
    def _insert(model, rows) -> None:
        fields = _fields(model)
        columns = ", ".join(f'"{f.column}"' for f in fields)
        sql = f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        values = [[f.get_db_prep_value(row[f.attname], connection) for f in fields] for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(sql, values)

    def reset_sequences(self) -> None:
        if connection.vendor != "postgresql":
            return  # SQLite's AUTOINCREMENT follows the largest id by itself
        with connection.cursor() as cursor:
            for model in (Case, *CHILDREN):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )


class Templates:
    """Closed generated cases with all their rows, loaded once."""

    def __init__(self, district) -> None:
        self.cases = _rows(
            Case, district=district, closed_at__isnull=False, closed_at__lt=timezone.now() - timedelta(days=1)
        )
        ids = [c["id"] for c in self.cases]
        self.children: dict = {model: defaultdict(list) for model in CHILDREN}
        for model in CHILDREN:
            for start in range(0, len(ids), 5000):
                for row in _rows(model, case_id__in=ids[start : start + 5000]):
                    self.children[model][row["case_id"]].append(row)
        for trail in self.children[TrailEntry].values():
            trail.sort(key=lambda r: r["seq"])
        # The names a stored answer (onedoor.cases.shown) carries besides the case's own columns.
        self.names = {
            row["id"]: {
                "item_code": row["item__code"],
                "item_name": row["version__name"],
                "department_code": row["department__code"],
            }
            for row in Case.objects.filter(pk__in=ids).values(
                "id", "item__code", "version__name", "department__code"
            )
        }


def replicate(
    *, district, total: int, seed: int = 3, progress=lambda message: print(message, file=sys.stderr)
) -> int:
    """Add copies of closed generated cases until the district holds `total` cases; returns how many."""
    need = total - Case.objects.filter(district=district).count()
    if need <= 0:
        return 0
    rng, calendar, now = random.Random(seed), calendar_for(district), timezone.now()
    templates = Templates(district)
    if not templates.cases:
        raise SystemExit("no closed generated case to copy: generate cases through the services first")
    key = signing_key_for(district)
    private_key = _private_key(key)
    first = calendar.local_date(now) - timedelta(days=730)
    last = calendar.local_date(now) - timedelta(days=1)
    counters = dict(CaseCounter.objects.filter(district=district).values_list("day", "last"))
    writer, made, started = Writer(), 0, time.monotonic()
    while made < need:
        template = rng.choice(templates.cases)
        accepted, closed = (calendar.local_date(template[f]) for f in ("accepted_at", "closed_at"))
        low, high = math.ceil((first - accepted).days / 7), math.floor((last - closed).days / 7)
        if low > high:
            continue
        weeks = rng.randint(low, high)
        day = accepted + timedelta(weeks=weeks)
        if weeks == 0 or not calendar.is_workday(day):
            continue
        counters[day] = counters.get(day, 0) + 1
        number = f"{district.code}-{day:%Y%m%d}-{counters[day]:05d}"
        _copy_case(writer, templates, template, number, timedelta(weeks=weeks), private_key, key.key_id, rng)
        made += 1
        if made % CHUNK == 0 or made == need:
            writer.flush()
            rate = made / (time.monotonic() - started)
            progress(f"  copies {made:,}/{need:,}: {rate:,.0f} cases/s")
    writer.reset_sequences()
    _save_counters(district, counters)
    return made


def _copy_case(writer, templates, template, number, delta, private_key, key_id, rng) -> None:
    case = _shift(dict(template), Case, delta)
    case["number"] = number
    case_id = writer.add(Case, case)
    for model in (CaseMaterial, StageResult, ClockStop):
        for child in templates.children[model][template["id"]]:
            writer.add(model, {**_shift(dict(child), model, delta), "case_id": case_id})
    prev = GENESIS
    for entry in templates.children[TrailEntry][template["id"]]:
        row = {**_shift(dict(entry), TrailEntry, delta), "case_id": case_id, "prev_hash": prev}
        row["entry_hash"] = prev = entry_hash(
            prev_hash=prev,
            seq=row["seq"],
            at=row["at"],
            actor=row["actor_label"],
            action=row["action"],
            to_status=row["to_status"],
            payload_hash=row["payload_hash"],
        )
        writer.add(TrailEntry, row)
    certificates = []
    for certificate in templates.children[Certificate][template["id"]]:
        row = {**_shift(dict(certificate), Certificate, delta), "case_id": case_id, "record_id": None}
        row["public_id"] = uuid.UUID(int=rng.getrandbits(128), version=4)
        payload = {**row["payload"], "id": str(row["public_id"]), "case": number}
        payload["issued_at"] = row["issued_at"].isoformat()
        row["payload"], row["key_id"], row["signature"] = payload, key_id, signing.sign(private_key, payload)
        writer.add(Certificate, row)
        certificates.append(row)
    # The copy's stored answer, as the services would have written it (its number, dates and certificate).
    newest = max(certificates, key=lambda r: (r["issued_at"], r["id"]), default=None)
    case["shown"] = shown.text(
        SimpleNamespace(**case),
        **templates.names[template["id"]],
        materials=templates.children[CaseMaterial][template["id"]],
        certificate_id=newest["public_id"] if newest else None,
    )


def _save_counters(district, counters: dict) -> None:
    existing = {c.day: c for c in CaseCounter.objects.filter(district=district)}
    changed, new = [], []
    for day, value in counters.items():
        if day in existing:
            if existing[day].last != value:
                existing[day].last = value
                changed.append(existing[day])
        else:
            new.append(CaseCounter(district=district, day=day, last=value))
    CaseCounter.objects.bulk_update(changed, ["last"], batch_size=1000)
    CaseCounter.objects.bulk_create(new, batch_size=1000)
