"""Bench-only URLconf: the product's URLs plus two trivial endpoints to measure them against, served by the
same gunicorn, settings and middleware (bench/trivial_settings.py points ROOT_URLCONF here). Never part of the
product.

    POST /bench/write      one transaction: a 10-column row into bench_row + an audit record (two rows)
    GET  /bench/read/<pk>  one bench_row by primary key, as JSON

bench_row is created by `create_table()` (bench/cases_populate.py calls it); it is not a product table.
"""

from __future__ import annotations

import functools
import random

from django.db import connection, transaction
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from onedoor.core.audit import audit
from onedoor.districts.models import District
from onedoor.urls import urlpatterns as product_urlpatterns

COLUMNS = ("district_id", "at", "kind", "label", "amount", "count", "flag", "note", "ref", "score")


def create_table() -> None:
    key = "INTEGER PRIMARY KEY AUTOINCREMENT" if connection.vendor == "sqlite" else "BIGSERIAL PRIMARY KEY"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS bench_row (id {key}, district_id BIGINT NOT NULL, at TIMESTAMP NOT NULL, "
            "kind VARCHAR(20) NOT NULL, label VARCHAR(100) NOT NULL, amount NUMERIC(12, 2) NOT NULL, "
            "count INTEGER NOT NULL, flag BOOLEAN NOT NULL, note TEXT NOT NULL, ref VARCHAR(40) NOT NULL, "
            "score DOUBLE PRECISION NOT NULL)"
        )


@functools.cache
def _district() -> District:
    return District.objects.order_by("id").first()


def _values(district_id: int) -> list:
    n = random.randrange(1_000_000)
    return [
        district_id,
        timezone.now(),
        "bench",
        f"row {n}",
        n / 100,
        n % 97,
        n % 2 == 0,
        "trivial",
        f"R{n}",
        n / 7,
    ]


@csrf_exempt
def write(request):
    district = _district()
    with transaction.atomic(), connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(COLUMNS))
        cursor.execute(
            f"INSERT INTO bench_row ({', '.join(COLUMNS)}) VALUES ({placeholders}) RETURNING id",
            _values(district.pk),
        )
        pk = cursor.fetchone()[0]
        audit(
            district=district, actor=None, action="bench.row_written", object_type="bench.row", object_id=pk
        )
    return JsonResponse({"id": pk}, status=201)


def read(request, pk: int):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(COLUMNS)} FROM bench_row WHERE id = %s", [pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    return JsonResponse({name: value for name, value in zip(("id", *COLUMNS), row, strict=True)}, safe=True)


urlpatterns = [path("bench/write", write), path("bench/read/<int:pk>", read), *product_urlpatterns]
