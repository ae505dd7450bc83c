"""Appending to the district's log (in the caller's transaction, so an entry commits with the business change
that made it), proofs read from the stored subtree hashes in one query, and signed checkpoints.

Every full subtree hash is stored once (`LedgerNode`): appending leaf i writes its leaf hash and the parent of
every subtree it completes (on average two rows); any subtree of the tree is a few stored nodes, so a proof at
any size is one query plus ~log2(size) hash operations."""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets

from django.db import IntegrityError, connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from onedoor.core import clock, rawrows, writebehind
from onedoor.core.errors import DomainError
from onedoor.core.signing import canonical_json
from onedoor.districts.signing import active_private_key
from onedoor.ledger import merkle, receipts, witnessing
from onedoor.ledger.models import LedgerCheckpoint, LedgerEntry, LedgerHead, LedgerNode, LedgerWitness
from onedoor.ledger.note import Checkpoint, Signer, sign

VERSION = 1
log = logging.getLogger(__name__)


def origin(district) -> str:
    """The log's name: the checkpoint's origin line and its signer's name."""
    return f"onedoor.gov.cn/{district.code}/ledger"


def signer(district) -> Signer:
    """The log's signer: the district's active key under the log's name (its verifier key is published)."""
    return Signer(origin(district), active_private_key(district))


def _head(district) -> LedgerHead:
    head = rawrows.first(LedgerHead, "t.district_id = %s", [district.pk], lock=True)
    if head is None:  # the district's first entry
        LedgerHead.objects.get_or_create(district=district)
        head = LedgerHead.objects.select_for_update().get(district=district)
    return head


def ledger_append(*, district, kind: str, data: dict) -> int:
    """Append one entry; returns its index. Call inside the business change's transaction."""
    return ledger_append_many(district=district, entries=[(kind, data)])[0]


def commitment(private: dict) -> tuple[str, str]:
    """(opening, digest) for a private record: the opening is the record's canonical JSON with a random 128-bit
    nonce (so the digest cannot be guessed from a few likely ID numbers), the digest base64 SHA-256 of it."""
    opening = canonical_json({"nonce": base64.b64encode(secrets.token_bytes(16)).decode(), **private})
    return opening.decode(), base64.b64encode(hashlib.sha256(opening).digest()).decode()


def ledger_record(*, district, kind: str, public: dict, private: dict | None = None) -> int:
    """Append a business event; returns its index. `public` goes into the entry as it is (no personal data);
    `private` (who, what) is committed to by its digest: the entry holds only the digest, the opening is kept
    for the holder's receipt. Call inside the business change's transaction."""
    data, opening = {"at": clock.now().isoformat(timespec="seconds"), **public}, ""
    if private is not None:
        opening, data["digest"] = commitment(private)
    return ledger_append_many(district=district, entries=[(kind, data)], openings=[opening])[0]


def ledger_append_many(
    *, district, entries: list[tuple[str, dict]], openings: list[str] | None = None
) -> list[int]:
    # No savepoint: every caller appends inside its own business transaction, which must roll back whole.
    with transaction.atomic(savepoint=False):
        head = _head(district)
        first, now = head.size, clock.now()
        bodies = [canonical_json({"v": VERSION, "kind": kind, **data}) for kind, data in entries]
        openings = openings or [""] * len(entries)
        at = connection.ops.adapt_datetimefield_value(now)
        _insert(
            LedgerEntry,
            ["district_id", "index", "kind", "body", "opening", "created_at"],
            ["bigint", "bigint", "text", "text", "text", "timestamptz"],
            [
                (district.pk, first + n, kind, body.decode(), op, at)
                for n, ((kind, _data), body, op) in enumerate(zip(entries, bodies, openings, strict=True))
            ],
        )
        stored = StoredTree(district)
        stored.load_keys(
            _left_siblings(first, len(bodies))
        )  # the stored nodes the new ones complete: one read
        new_nodes: dict[tuple[int, int], bytes] = {}
        for n, body in enumerate(bodies):
            index = first + n
            new_nodes[(0, index)] = merkle.leaf_hash(body)
            level, idx = 0, index
            while idx & 1:  # a right child completes its parent
                left = new_nodes.get((level, idx - 1)) or stored.nodes[(level, idx - 1)]
                new_nodes[(level + 1, idx >> 1)] = merkle.node_hash(left, new_nodes[(level, idx)])
                level, idx = level + 1, idx >> 1
        _insert(
            LedgerNode,
            ["district_id", "level", "index", "hash"],
            ["bigint", "smallint", "bigint", "bytea"],
            [(district.pk, lv, ix, h) for (lv, ix), h in new_nodes.items()],
        )
        head.size = first + len(entries)
        table = LedgerHead._meta.db_table
        writebehind.execute(
            f"UPDATE {connection.ops.quote_name(table)} SET size = %s WHERE id = %s",  # noqa: S608
            [head.size, head.pk],
            table,
        )
    return list(range(first, first + len(entries)))


def _insert(model, columns: list[str], pg_types: list[str], rows: list[tuple]) -> None:
    """Insert rows in one statement without building a model object per row (the ORM's bulk_create spent most
    of an append batch's time composing SQL): on PostgreSQL one INSERT … SELECT FROM unnest(arrays), elsewhere
    executemany. Table and column names are the model's, every value a bound parameter."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    table = model._meta.db_table
    quoted = connection.ops.quote_name(table)
    if connection.vendor == "postgresql":
        arrays = ", ".join(f"%s::{t}[]" for t in pg_types)
        writebehind.execute(
            f"INSERT INTO {quoted} ({names}) SELECT * FROM unnest({arrays})",  # noqa: S608
            [list(column) for column in zip(*rows, strict=True)],
            table,
        )
    else:
        values = ", ".join(["%s"] * len(columns))
        writebehind.execute(
            f"INSERT INTO {quoted} ({names}) VALUES ({values})",  # noqa: S608
            rows,
            table,
            many=True,
        )


def _node(district, level: int, index: int) -> bytes:
    return bytes(
        LedgerNode.objects.values_list("hash", flat=True).get(district=district, level=level, index=index)
    )


def _left_siblings(first: int, count: int) -> list[tuple[int, int]]:
    """The stored nodes (level, index) that entries [first, first + count) complete: left siblings whose
    leaves all lie before `first`."""
    keys = []
    for index in range(first, first + count):
        level, idx = 0, index
        while idx & 1:
            if (idx - 1) << level < first:
                keys.append((level, idx - 1))
            level, idx = level + 1, idx >> 1
    return keys


def _aligned(start: int, end: int) -> list[tuple[int, int]]:
    """The stored full subtrees (level, index) that make up leaves [start, end), left to right."""
    out = []
    while start < end:
        size = end - start
        level = min((start & -start).bit_length() - 1 if start else 63, size.bit_length() - 1)
        out.append((level, start >> level))
        start += 1 << level
    return out


# A committed node never changes, so the upper ones (2**10 leaves and more: about one in 512 of a log's nodes,
# ~20,000 and a few MB at 10,000,000 entries) are kept in process memory, per district, once read: a proof then
# reads only its ~10 lower nodes from the database. Only outside a transaction, which could still roll back
# what it reads (a node read there might be written again differently after the rollback).
UPPER_LEVEL = 10
UPPER_LIMIT = 2_000_000  # nodes kept in all, across districts; past it the memory is dropped and read again
_upper: dict[int, dict[tuple[int, int], bytes]] = {}


def _upper_nodes(district) -> dict[tuple[int, int], bytes] | None:
    if connection.in_atomic_block:
        return None
    nodes = _upper.get(district.pk)
    if nodes is None:
        rows = LedgerNode.objects.filter(district=district, level__gte=UPPER_LEVEL)
        nodes = {(lv, ix): bytes(h) for lv, ix, h in rows.values_list("level", "index", "hash")}
        if sum(map(len, _upper.values())) + len(nodes) > UPPER_LIMIT:
            _upper.clear()
        _upper[district.pk] = nodes
    return nodes


class StoredTree:
    """MTH of any range of the district's stored tree: the nodes a computation needs are fetched in one query
    (`load`; the upper ones from memory when warm), then combined in memory."""

    def __init__(self, district):
        self.district, self.nodes = district, {}

    def load(self, ranges: list[tuple[int, int]]) -> None:
        self.load_keys([key for start, end in ranges for key in _aligned(start, end)])

    def load_keys(self, wanted: list[tuple[int, int]]) -> None:
        keys = sorted(set(wanted) - set(self.nodes))
        upper = _upper_nodes(self.district) if any(level >= UPPER_LEVEL for level, _i in keys) else None
        if upper is not None:
            self.nodes.update((key, upper[key]) for key in keys if key in upper)
            keys = [key for key in keys if key not in upper]
        if not keys:
            return
        # One statement by row values (PostgreSQL, SQLite ≥ 3.15): the unique (district, level, index) index
        # serves each pair; the table name is the model's, every value a bound parameter.
        pairs = ", ".join(["(%s, %s)"] * len(keys))
        sql = (
            f"SELECT level, {connection.ops.quote_name('index')}, hash FROM {LedgerNode._meta.db_table} "  # noqa: S608
            f"WHERE district_id = %s AND (level, {connection.ops.quote_name('index')}) IN ({pairs})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.district.pk, *(v for key in keys for v in key)])
            for level, index, value in cursor.fetchall():
                self.nodes[(level, index)] = bytes(value)
                if upper is not None and level >= UPPER_LEVEL:
                    upper[(level, index)] = self.nodes[(level, index)]

    def subtree(self, start: int, end: int) -> bytes:
        if end - start == 1 << ((end - start).bit_length() - 1) and start % (end - start) == 0:
            return self.nodes[((end - start).bit_length() - 1, start // (end - start))]
        k = merkle.split(end - start)
        return merkle.node_hash(self.subtree(start, start + k), self.subtree(start + k, end))


def _ranges(index_or_old: int, size: int, kind: str) -> list[tuple[int, int]]:
    """The subtree ranges a proof asks for (recorded from a dry run of the proof algorithm)."""
    asked: list[tuple[int, int]] = []

    def record(start, end):
        asked.append((start, end))
        return b""

    if kind == "inclusion":
        merkle.inclusion_path(index_or_old, size, record)
    else:
        merkle.consistency_path(index_or_old, size, record)
    return asked


def leaf_of(district, index: int) -> bytes:
    return _node(district, 0, index)


def tree_root(district, size: int) -> bytes:
    if size == 0:
        return merkle.EMPTY_ROOT
    tree = StoredTree(district)
    tree.load([(0, size)])
    return tree.subtree(0, size)


def inclusion_proof(district, index: int, size: int) -> list[bytes]:
    tree = StoredTree(district)
    tree.load(_ranges(index, size, "inclusion"))
    return merkle.inclusion_path(index, size, tree.subtree)


def consistency_proof(district, old: int, new: int) -> list[bytes]:
    tree = StoredTree(district)
    tree.load(_ranges(old, new, "consistency"))
    return merkle.consistency_path(old, new, tree.subtree)


def checkpoint_publish(*, district) -> LedgerCheckpoint:
    """Publish a checkpoint of the log as it is now (the same size again returns the one published before).

    Without witnesses (quorum 0) it is signed with the district's key and stored at once. With witnesses, the
    signed checkpoint is sent to each (`witnessing.collect`, outside any transaction: no lock is held while they
    answer) and stored with their cosignature lines only when at least the quorum verified; otherwise a
    DomainError, and readers keep the previous published checkpoint."""
    if witnessing.quorum() <= 0:
        with transaction.atomic():
            size = _head(district).size
            existing = LedgerCheckpoint.objects.filter(district=district, size=size).first()
            if existing is not None:
                return existing
            root = tree_root(district, size)
            note = sign(Checkpoint(origin(district), size, root).text(), signer(district))
            return LedgerCheckpoint.objects.create(
                district=district, size=size, root=root, note=note, created_at=clock.now()
            )
    return _checkpoint_witnessed(district)


def _checkpoint_witnessed(district) -> LedgerCheckpoint:
    size = LedgerHead.objects.filter(district=district).values_list("size", flat=True).first() or 0
    existing = LedgerCheckpoint.objects.filter(district=district, size=size).first()
    if existing is not None:
        return existing
    witnesses, need = witnessing.configured(), witnessing.quorum()
    root = tree_root(district, size)
    note = sign(Checkpoint(origin(district), size, root).text(), signer(district))
    known = dict(LedgerWitness.objects.filter(district=district).values_list("name", "size"))
    outcomes = witnessing.collect(
        note=note,
        size=size,
        witnesses=witnesses,
        known=known,
        proof=lambda old: consistency_proof(district, old, size) if 0 < old < size else [],
    )
    cosigned = [o.line for o in outcomes if o.line]
    now = clock.now()
    with transaction.atomic():
        for outcome in outcomes:  # a witness that cosigned has moved on, published or not: remember it
            if outcome.size is not None:
                LedgerWitness.objects.update_or_create(
                    district=district,
                    name=outcome.witness,
                    defaults={"size": outcome.size, "updated_at": now},
                )
        if len(cosigned) >= need:
            try:
                with transaction.atomic():
                    return LedgerCheckpoint.objects.create(
                        district=district, size=size, root=root, note=note + "".join(cosigned), created_at=now
                    )
            except IntegrityError:  # another worker published this size first
                pass
    if len(cosigned) >= need:
        return LedgerCheckpoint.objects.get(district=district, size=size)
    for outcome in outcomes:
        if not outcome.line:
            log.warning(
                "witness %s did not cosign %s at %d: %s",
                outcome.witness,
                origin(district),
                size,
                outcome.problem,
            )
    raise DomainError(
        "witness_quorum",
        _(
            "Only %(got)d of the %(need)d witness cosignatures needed came back; the checkpoint of %(size)d entries "
            "is not published and the previous one stays in force."
        )
        % {"got": len(cosigned), "need": need, "size": size},
        refused={o.witness: o.problem for o in outcomes if not o.line},
    )


def checkpoint_latest(*, district) -> LedgerCheckpoint | None:
    """The newest published checkpoint."""
    return LedgerCheckpoint.objects.filter(district=district).order_by("-size").first()


def checkpoint_served(*, district) -> LedgerCheckpoint | None:
    """The checkpoint readers get: signed on request without witnesses; with witnesses, the newest one they
    cosigned (published by the worker, `checkpoints_publish_due`), None before the first."""
    if witnessing.quorum() <= 0:
        return checkpoint_publish(district=district)
    return checkpoint_latest(district=district)


def checkpoints_publish_due() -> list[tuple[str, LedgerCheckpoint | DomainError]]:
    """For the worker, with witnesses configured: publish a checkpoint of every district whose log grew since its
    last published one; returns (district code, checkpoint or the refusal) for each tried."""
    if witnessing.quorum() <= 0:
        return []
    newest = (
        LedgerCheckpoint.objects.filter(district=OuterRef("district")).order_by("-size").values("size")[:1]
    )
    heads = (
        LedgerHead.objects.annotate(published=Coalesce(Subquery(newest), -1))
        .filter(size__gt=F("published"))
        .select_related("district")
    )
    done: list[tuple[str, LedgerCheckpoint | DomainError]] = []
    for head in heads:
        try:
            done.append((head.district.code, checkpoint_publish(district=head.district)))
        except DomainError as exc:
            done.append((head.district.code, exc))
    return done


def entry_receipt(*, district, index: int, with_opening: bool = False) -> str | None:
    """The entry's c2sp.org/tlog-proof@v1 receipt against the newest checkpoint that includes it (signing one
    when the log publishes on request), or None while no published checkpoint includes it yet. The private
    record goes in only `with_opening` (for its holder or staff, never a public page)."""
    entry = LedgerEntry.objects.filter(district=district, index=index).only("body", "opening").first()
    if entry is None:
        return None
    checkpoint = LedgerCheckpoint.objects.filter(district=district, size__gt=index).order_by("-size").first()
    if checkpoint is None:
        if witnessing.quorum() > 0:  # witnessed checkpoints come from the worker, not from a page's request
            return None
        try:
            checkpoint = checkpoint_publish(district=district)
        except DomainError:
            return None
        if checkpoint.size <= index:
            return None
    return receipts.receipt_text(
        index=index,
        entry=entry.body,
        opening=entry.opening if with_opening else "",
        proof=inclusion_proof(district, index, checkpoint.size),
        checkpoint_note=checkpoint.note,
    )


def entry_check(*, district, index: int) -> dict:
    """What anyone can check of one entry, done here as a verifier would: its public receipt against the
    district's key and the configured witnesses' quorum. {"index", "ok", "size", "cosigners", "entry",
    "reason"}; "ok" None while no published checkpoint includes it yet."""
    text = entry_receipt(district=district, index=index)
    out = {"index": index, "ok": None, "size": None, "cosigners": [], "entry": None, "reason": ""}
    if text is None:
        return out
    witnesses = [w.verifier for w in witnessing.configured()]
    try:
        checked = receipts.verify(text, signer(district).verifier, witnesses, witnessing.quorum())
    except receipts.ReceiptError as exc:
        return {**out, "ok": False, "reason": str(exc)}
    return {**out, "ok": True, "size": checked.size, "cosigners": checked.cosigners, "entry": checked.entry}
