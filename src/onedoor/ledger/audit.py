"""`onedoor ledger audit`: recompute a district's tree from the stored entry bodies and compare everything stored
and signed against it — each entry's leaf hash, every stored subtree hash, every checkpoint's root and
signature, and the head's size.

The entries stream in index order (`.iterator(chunk_size=…)`), and so does each level of the stored nodes (one
ordered stream per level, read as far as the recomputation has reached): memory holds the stack of at most
log2(n) pending subtrees and a chunk per stream, so 10,000,000 entries audit in bounded memory. Everything is
read in one read-only snapshot (REPEATABLE READ on PostgreSQL, one read transaction on SQLite), so appends
made meanwhile neither hide nor invent a problem.

One change is reported once, where it is: an edited entry (its body no longer hashes to its stored leaf), a
deleted entry, a changed or missing stored node. The subtrees above an entry already reported are not reported
again; the signed checkpoints after it, which no longer match the entries, are counted in one line."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from onedoor.core.signing import public_key_bytes, public_key_from_base64
from onedoor.districts.models import SigningKey
from onedoor.ledger import merkle, services
from onedoor.ledger.models import LedgerCheckpoint, LedgerEntry, LedgerHead, LedgerNode
from onedoor.ledger.note import Checkpoint, Note, Verifier, key_id

CHUNK = 5_000


@dataclass
class Problem:
    index: int | None  # the entry index (or tree size, for checkpoints and the head) it is about
    message: str


@dataclass
class Report:
    entries: int = 0
    nodes: int = 0
    checkpoints: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def consistent(self) -> bool:
        return not self.problems


class _Ordered:
    """An ordered stream of (index, value) rows, read forward as far as asked."""

    def __init__(self, rows: Iterator):
        self.rows, self.head = rows, next(rows, None)

    def take(self, index: int):
        """The value stored at `index`, or None when there is none (rows before it are passed over)."""
        while self.head is not None and self.head[0] < index:
            self.head = next(self.rows, None)
        if self.head is None or self.head[0] != index:
            return None
        value, self.head = self.head[1], next(self.rows, None)
        return value


def _verifiers(district) -> list[Verifier]:
    """The log's verifier keys: the district's published keys, active and retired, under the log's name."""
    name, out = services.origin(district), []
    for text in SigningKey.objects.filter(district=district).values_list("public_key", flat=True):
        public = public_key_from_base64(text)
        out.append(Verifier(name, key_id(name, public_key_bytes(public)), public))
    return out


def _checkpoint_problems(row, root: bytes, district, verifiers) -> tuple[bool, list[str]]:
    """(whether its roots differ from the recomputed root, its other problems) for a checkpoint row."""
    size, problems = {"size": row.size}, []
    differs = bytes(row.root) != root
    try:
        note = Note.parse(row.note)
        signed = Checkpoint.parse(note.text)
    except ValueError:
        return differs, [_("checkpoint at size %(size)s: its note is malformed") % size]
    if not any(note.signed_by(v) for v in verifiers):
        problems.append(
            _("checkpoint at size %(size)s: its note is not validly signed by the district's key") % size
        )
    if (signed.origin, signed.size) != (services.origin(district), row.size):
        problems.append(_("checkpoint at size %(size)s: its note names another log or size") % size)
    differs = differs or signed.root != root
    return differs, problems


class _Audit:
    def __init__(self, district):
        self.district, self.report = district, Report()
        self.levels: dict[int, _Ordered] = {}
        self.stack: list[
            tuple[int, bytes, bool]
        ] = []  # (height, hash, holds a reported entry), left to right
        self.first_tainted: int | None = None
        self.late: list[int] = []  # sizes of checkpoints that differ only because of entries reported

    def problem(self, index, message) -> None:
        self.report.problems.append(Problem(index, message))

    def stored(self, level: int, index: int) -> bytes | None:
        if level not in self.levels:
            rows = (
                LedgerNode.objects.filter(district=self.district, level=level)
                .order_by("index")
                .values_list("index", "hash")
                .iterator(chunk_size=CHUNK)
            )
            self.levels[level] = _Ordered(rows)
        value = self.levels[level].take(index)
        return None if value is None else bytes(value)

    def leaf(self, index: int, body: str | None) -> None:
        stored = self.stored(0, index)
        tainted = True
        if body is None:
            self.problem(index, _("entry %(index)s is missing (deleted)") % {"index": index})
            leaf = stored or merkle.EMPTY_ROOT
        else:
            leaf = merkle.leaf_hash(body.encode())
            if stored is None:
                self.problem(index, _("entry %(index)s has no stored leaf hash") % {"index": index})
            elif stored != leaf:
                self.problem(
                    index,
                    _("entry %(index)s does not hash to its stored leaf (edited)") % {"index": index},
                )
            else:
                tainted = False
        if tainted and self.first_tainted is None:
            self.first_tainted = index
        self.report.nodes += stored is not None
        self.stack.append((0, leaf, tainted))
        position = index
        while position & 1:  # a right child completes its parent, as ledger_append_many does
            (height, left, left_tainted), (_h, right, right_tainted) = self.stack[-2:]
            parent, tainted = merkle.node_hash(left, right), left_tainted or right_tainted
            position >>= 1
            stored = self.stored(height + 1, position)
            self.report.nodes += stored is not None
            if stored != parent and not tainted:
                where = {"level": height + 1, "index": position, "first": position << (height + 1)}
                message = (
                    _("node %(level)s/%(index)s (from entry %(first)s) is missing")
                    if stored is None
                    else _("node %(level)s/%(index)s (from entry %(first)s) differs from the recomputed one")
                )
                self.problem(where["first"], message % where)
            self.stack[-2:] = [(height + 1, parent, tainted)]

    def root(self) -> bytes:
        if not self.stack:
            return merkle.EMPTY_ROOT
        root = self.stack[-1][1]
        for _height, left, _tainted in reversed(self.stack[:-1]):
            root = merkle.node_hash(left, root)
        return root

    def checkpoint(self, row, verifiers) -> None:
        self.report.checkpoints += 1
        differs, problems = _checkpoint_problems(row, self.root(), self.district, verifiers)
        if differs and self.first_tainted is not None:  # signed before the entries reported were changed
            self.late.append(row.size)
        elif differs:
            problems.insert(
                0,
                _("checkpoint at size %(size)s: its root differs from the recomputed root")
                % {"size": row.size},
            )
        self.report.problems.extend(Problem(row.size, message) for message in problems)

    def run(self) -> Report:
        district = self.district
        head = LedgerHead.objects.filter(district=district).values_list("size", flat=True).first() or 0
        last = LedgerEntry.objects.filter(district=district).aggregate(last=Max("index"))["last"]
        size = max(head, 0 if last is None else last + 1)
        entries = _Ordered(
            LedgerEntry.objects.filter(district=district)
            .order_by("index")
            .values_list("index", "body")
            .iterator(chunk_size=CHUNK)
        )
        checkpoints = (
            LedgerCheckpoint.objects.filter(district=district)
            .order_by("size")
            .only("size", "root", "note")
            .iterator(chunk_size=100)
        )
        verifiers = _verifiers(district)
        row = next(checkpoints, None)
        for index in range(size + 1):
            while row is not None and row.size == index:
                self.checkpoint(row, verifiers)
                row = next(checkpoints, None)
            if index < size:
                body = entries.take(index)
                self.report.entries += body is not None
                self.leaf(index, body)
        for extra in [row, *checkpoints] if row is not None else []:
            self.report.checkpoints += 1
            self.problem(
                extra.size, _("checkpoint at size %(size)s is beyond the log") % {"size": extra.size}
            )
        if self.late:
            self.problem(
                self.late[0],
                _(
                    "%(count)s signed checkpoints, from size %(size)s on, no longer match the entries: they were "
                    "signed before the changes reported above"
                )
                % {"count": len(self.late), "size": self.late[0]},
            )
        stored = 0 if last is None else last + 1
        if head != stored:
            self.problem(
                head,
                _("the head says %(head)s entries, but the last stored entry is index %(last)s")
                % {"head": head, "last": last}
                if last is not None
                else _("the head says %(head)s entries, but no entry is stored") % {"head": head},
            )
        return self.report


def audit(district) -> Report:
    """Audit the district's log in one read-only snapshot."""
    outermost = not connection.in_atomic_block  # a caller's transaction has its own snapshot already
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return _Audit(district).run()
