"""Runs inside the bench database (see bench/ledger.py): fill, append, prove, verify; prints one JSON line.

python bench/ledger_run.py ENTRIES sqlite|postgres
"""

from __future__ import annotations

import io
import json
import os
import random
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onedoor.settings")
django.setup()

from django.db import connection  # noqa: E402

from onedoor.core import clock  # noqa: E402
from onedoor.core.signing import canonical_json  # noqa: E402
from onedoor.districts.services import district_create  # noqa: E402
from onedoor.ledger import merkle, services  # noqa: E402
from onedoor.ledger.models import LedgerEntry, LedgerHead, LedgerNode  # noqa: E402

BATCH = 1_000


def _entry(n: int) -> tuple[str, dict]:
    return "credit", {"record": f"credit-{n}", "holder": f"440604********{n % 10000:04d}", "good": n % 7 != 0}


def bulk_fill(district, total: int) -> None:
    """COPY the entries and every full subtree hash, computed as ledger_append_many computes them."""
    now = clock.now().isoformat()
    chunk = 200_000
    carry: dict[tuple[int, int], bytes] = {}  # the left siblings still waiting for their right half
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for start in range(0, total, chunk):
            entries, nodes = io.StringIO(), io.StringIO()
            for index in range(start, min(total, start + chunk)):
                kind, data = _entry(index)
                body = canonical_json({"v": services.VERSION, "kind": kind, **data})
                text = body.decode().replace("\\", "\\\\").replace("\t", "\\t")
                entries.write(f"{district.pk}\t{index}\t{kind}\t{text}\t\t{now}\n")  # no private opening
                h, level, idx = merkle.leaf_hash(body), 0, index
                nodes.write(f"{district.pk}\t0\t{index}\t\\\\x{h.hex()}\n")
                while idx & 1:
                    h = merkle.node_hash(carry.pop((level, idx - 1)), h)
                    level, idx = level + 1, idx >> 1
                    nodes.write(f"{district.pk}\t{level}\t{idx}\t\\\\x{h.hex()}\n")
                carry[(level, idx)] = h
            with raw.copy(
                f"COPY {LedgerEntry._meta.db_table} (district_id, index, kind, body, opening, created_at) FROM STDIN"
            ) as copy:
                copy.write(entries.getvalue())
            with raw.copy(
                f"COPY {LedgerNode._meta.db_table} (district_id, level, index, hash) FROM STDIN"
            ) as copy:
                copy.write(nodes.getvalue())
    LedgerHead.objects.update_or_create(district=district, defaults={"size": total})
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {LedgerNode._meta.db_table}")


def main() -> None:
    total, db = int(sys.argv[1]), sys.argv[2]
    district = district_create(code="440604", name="禅城区")
    started = time.perf_counter()
    if db == "postgres" and total > 50_000:
        bulk_fill(district, total)
        fill = "bulk-loaded by COPY"
    else:
        for start in range(0, total, 5_000):
            services.ledger_append_many(
                district=district, entries=[_entry(n) for n in range(start, min(total, start + 5_000))]
            )
        fill = "through ledger_append_many"
    fill_seconds = time.perf_counter() - started
    appended, checkpoints = (2_000 if total <= 50_000 else 20_000), []
    started = time.perf_counter()
    for start in range(total, total + appended, BATCH):
        services.ledger_append_many(
            district=district, entries=[_entry(n) for n in range(start, start + BATCH)]
        )
        t = time.perf_counter()
        services.checkpoint_publish(district=district)
        checkpoints.append(time.perf_counter() - t)
    appends_per_s = appended / (time.perf_counter() - started)
    size = total + appended
    root = services.tree_root(district, size)
    rng = random.Random(7)
    proofs, verifies, ok = [], [], True
    for _ in range(1_000):
        index = rng.randrange(size)
        t = time.perf_counter()
        path = services.inclusion_proof(district, index, size)
        proofs.append(time.perf_counter() - t)
        leaf = services.leaf_of(district, index)
        t = time.perf_counter()
        ok &= merkle.verify_inclusion(index, size, leaf, path, root)
        verifies.append(time.perf_counter() - t)
    pick = lambda v, q: sorted(v)[min(len(v) - 1, int(q * len(v)))] * 1000  # noqa: E731
    print(
        json.dumps(
            {
                "filled": total,
                "fill": fill,
                "fill_seconds": fill_seconds,
                "appended": appended,
                "appends_per_s": appends_per_s,
                "checkpoint_p50_ms": pick(checkpoints, 0.5),
                "size": size,
                "proof_p50_ms": pick(proofs, 0.5),
                "proof_p99_ms": pick(proofs, 0.99),
                "verify_p50_ms": pick(verifies, 0.5),
                "verify_p99_ms": pick(verifies, 0.99),
                "all_verified": ok,
            }
        )
    )


if __name__ == "__main__":
    main()
