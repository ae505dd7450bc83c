"""A per-process cache of the configuration an acceptance reads on every call and staff change a few times a
year: an item's published version with its materials and stages, a centre, the working calendar, the routes
to back-end systems, the signing key.

It stays right by asking the database, once per operation, for the configuration generation
(`core.models.ConfigGeneration`: one primary-key read). Database triggers give that row a new random value
in the same transaction as any change to the tables the cache reads — whatever wrote it: a service, a bulk
import, the admin, a raw UPDATE. A cache built under one value is never used under another. A transaction
sees its own change's value, so it never reads the cache of the configuration it just changed; a change
rolled back leaves the old value, and its own value is never seen again.

Use: `snapshot = config_cache.snapshot()` at the start of an operation, then
`snapshot.get(key, build)` (or `read(snapshot, key, build)` where the snapshot is optional) for each piece; `build()` reads the database and must not write. Cached objects
are shared by every later caller of the same generation: read them, never change them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection

_lock = threading.Lock()
_store: dict[str, Any] = {"generation": None, "entries": {}}
# A caller may read the generation inside its own statement and take `Snapshot(generation)`.
GENERATION_SQL = "SELECT value FROM core_configgeneration WHERE id = 1"


class Snapshot:
    """The configuration as of one generation; without a generation (no row yet) nothing is cached."""

    def __init__(self, generation: int | None) -> None:
        self.generation = generation

    def get(self, key: tuple, build: Callable[[], Any]) -> Any:
        if self.generation is None:
            return build()
        entries = _entries(self.generation)
        try:
            return entries[key]
        except KeyError:
            value = build()
            entries.setdefault(key, value)
            return value


def _entries(generation: int) -> dict:
    with _lock:
        if _store["generation"] != generation:
            _store["generation"], _store["entries"] = generation, {}
        return _store["entries"]


def snapshot() -> Snapshot:
    with connection.cursor() as cursor:
        cursor.execute(GENERATION_SQL)
        row = cursor.fetchone()
    return Snapshot(row[0] if row else None)


def read(snapshot: Snapshot | None, key: tuple, build: Callable[[], Any]) -> Any:
    """`snapshot.get(key, build)`, or `build()` when the caller holds no snapshot (it reads as it always did)."""
    return build() if snapshot is None else snapshot.get(key, build)
