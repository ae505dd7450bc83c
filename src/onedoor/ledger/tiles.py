"""The log as c2sp.org/tlog-tiles: tile paths, which tiles a tree has, building tiles and entry bundles from the
stored nodes and entries, and a client that computes any subtree hash (so any proof) from tiles alone.

Tile L/N holds MTH(D[(N*256+i)*256**L : (N*256+i+1)*256**L]) for i in 0..255 — the full subtrees of 2**(8L)
leaves, which the log stores as `LedgerNode` rows at level 8L, index N*256+i: a tile is one range query. A
partial tile `.p/W` holds the first W of them; a tree of size s has one at level L when floor(s/256**L) mod 256
== W (at index floor(s/256**(L+1))). Entry bundles `entries/N[.p/W]` hold the entries' public bodies, each
prefixed by its big-endian uint16 length.

Served: full tiles and bundles lying wholly inside the newest published checkpoint's tree; partial ones only
for the size of a published checkpoint (a partial tile exists for a tree size, and only checkpointed sizes are
public). Nothing beyond the newest checkpoint is ever served."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from onedoor.ledger import merkle

WIDTH = 256  # hashes in a full tile
HEIGHT = 8  # tree levels a tile spans (WIDTH == 2**HEIGHT)
HASH_SIZE = 32
MAX_LEVEL = 63

_LEVEL = re.compile(r"0|[1-9][0-9]?")
_PARTIAL = re.compile(r"[1-9][0-9]{0,2}")
_ELEMENT = re.compile(r"x?[0-9]{3}")


@dataclass(frozen=True)
class Tile:
    """A tile (`level` 0..63) or, with `level` None, an entry bundle; `width` 256 when full."""

    level: int | None
    index: int
    width: int = WIDTH

    @property
    def partial(self) -> bool:
        return self.width < WIDTH

    @property
    def node_level(self) -> int:
        """The stored nodes' level (entry bundles stand beside the leaves, level 0)."""
        return HEIGHT * (self.level or 0)

    @property
    def first(self) -> int:
        """Index of the first hash (or entry) in its level: the first stored node."""
        return self.index * WIDTH

    @property
    def end(self) -> int:
        """The tree size this tile needs: one past the last leaf its hashes (or entries) cover."""
        return (self.first + self.width) << self.node_level

    def path(self) -> str:
        kind = "entries" if self.level is None else str(self.level)
        suffix = f".p/{self.width}" if self.partial else ""
        return f"tile/{kind}/{format_index(self.index)}{suffix}"


def format_index(n: int) -> str:
    """`<N>` as zero-padded 3-digit elements, all but the last prefixed with x: 1234067 → x001/x234/067."""
    groups = []
    while True:
        n, group = divmod(n, 1000)
        groups.append(f"{group:03d}")
        if not n:
            break
    groups.reverse()
    return "/".join([*(f"x{g}" for g in groups[:-1]), groups[-1]])


def parse_path(path: str) -> Tile:
    """`<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]` (the part after `tile/`) in the one spelling the
    specification allows; raises ValueError for anything else (another spelling of the same tile included)."""
    parts = path.split("/")
    if len(parts) < 2:
        raise ValueError("a tile path is <L>/<N>[.p/<W>]")
    if parts[0] == "entries":
        level = None
    elif _LEVEL.fullmatch(parts[0]) and int(parts[0]) <= MAX_LEVEL:
        level = int(parts[0])
    else:
        raise ValueError("the level is 0 to 63, without leading zeroes")
    elements, width = parts[1:], WIDTH
    if len(elements) >= 2 and elements[-2].endswith(".p"):
        if not _PARTIAL.fullmatch(elements[-1]) or int(elements[-1]) >= WIDTH:
            raise ValueError("a partial tile's width is 1 to 255, without leading zeroes")
        width = int(elements[-1])
        elements = [*elements[:-2], elements[-2][:-2]]
    if not all(_ELEMENT.fullmatch(e) for e in elements):
        raise ValueError("the index is 3-digit elements")
    index = 0
    for element in elements:
        index = index * 1000 + int(element.removeprefix("x"))
    if format_index(index) != "/".join(elements):  # x only before the last, no leading x000 elements
        raise ValueError("not the index's one spelling")
    return Tile(level, index, width)


def tiles_of(size: int) -> list[Tile]:
    """Every tile a tree of `size` leaves has, level by level: the full ones, then the partial one if any."""
    out: list[Tile] = []
    level = 0
    while size >> (HEIGHT * level):
        hashes = size >> (HEIGHT * level)  # full subtrees of 256**level leaves
        out.extend(Tile(level, n) for n in range(hashes // WIDTH))
        if hashes % WIDTH:
            out.append(Tile(level, hashes // WIDTH, hashes % WIDTH))
        level += 1
    return out


def partial_tile(level: int, size: int) -> Tile | None:
    """The partial tile of `level` in the tree of `size`, or None when that level has none."""
    hashes = size >> (HEIGHT * level)
    return Tile(level, hashes // WIDTH, hashes % WIDTH) if hashes % WIDTH else None


def checkpoint_sizes_needing(tile: Tile) -> tuple[int, int]:
    """[low, high): the tree sizes that have this partial tile (floor(s/256**L) == N*256 + W)."""
    return tile.end, (tile.first + tile.width + 1) << tile.node_level


def tile_bytes(hashes: list[bytes]) -> bytes:
    return b"".join(hashes)


def bundle_bytes(bodies: list[bytes]) -> bytes:
    """Entries each prefixed by its big-endian uint16 length."""
    out = bytearray()
    for body in bodies:
        if len(body) > 0xFFFF:
            raise ValueError("an entry longer than 65,535 bytes does not fit an entry bundle")
        out += len(body).to_bytes(2, "big") + body
    return bytes(out)


def parse_bundle(data: bytes) -> list[bytes]:
    entries, at = [], 0
    while at < len(data):
        if at + 2 > len(data):
            raise ValueError("truncated entry bundle")
        length = int.from_bytes(data[at : at + 2], "big")
        if at + 2 + length > len(data):
            raise ValueError("truncated entry bundle")
        entries.append(data[at + 2 : at + 2 + length])
        at += 2 + length
    return entries


def split_hashes(data: bytes, width: int) -> list[bytes]:
    if len(data) != width * HASH_SIZE:
        raise ValueError(f"a tile of width {width} is {width * HASH_SIZE} bytes, not {len(data)}")
    return [data[i : i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)]


Fetch = Callable[[Tile], bytes]


class TileClient:
    """A verifier's view of a tree of `size` leaves through its tiles (fetched with `fetch`, each once): MTH of
    any range, so any inclusion or consistency proof, with the algorithms of `merkle`."""

    def __init__(self, size: int, fetch: Fetch):
        self.size, self.fetch, self.tiles = size, fetch, {}

    def _hashes(self, level: int, index: int) -> list[bytes]:
        """The hashes of tile `level`/`index` as the tree of this size has it (full, or its partial tile)."""
        partial = partial_tile(level, self.size)
        tile = partial if partial is not None and partial.index == index else Tile(level, index)
        if tile.end > self.size:
            raise ValueError(f"{tile.path()} is not part of the tree of size {self.size}")
        if tile not in self.tiles:
            self.tiles[tile] = split_hashes(self.fetch(tile), tile.width)
        return self.tiles[tile]

    def node(self, height: int, index: int) -> bytes:
        """MTH of the full subtree of 2**height leaves starting at leaf index * 2**height: a hash in a tile
        (height a multiple of 8), or the root of 2**(height mod 8) consecutive hashes of one tile."""
        level, rest = divmod(height, HEIGHT)
        first = index << rest  # the first hash at the tile's level
        hashes = self._hashes(level, first // WIDTH)
        row = hashes[first % WIDTH : first % WIDTH + (1 << rest)]
        if len(row) != 1 << rest:
            raise ValueError("the tile is narrower than the subtree")
        while len(row) > 1:
            row = [merkle.node_hash(row[i], row[i + 1]) for i in range(0, len(row), 2)]
        return row[0]

    def subtree(self, start: int, end: int) -> bytes:
        size = end - start
        if size & (size - 1) == 0 and start % size == 0:
            return self.node(size.bit_length() - 1, start // size)
        k = merkle.split(size)
        return merkle.node_hash(self.subtree(start, start + k), self.subtree(start + k, end))

    def root(self) -> bytes:
        return self.subtree(0, self.size) if self.size else merkle.EMPTY_ROOT


# Reading the stored log (the only part of this module that touches the database).


def servable(district, tile: Tile) -> bool:
    """Whether the district serves this tile: a full one lies inside the newest checkpoint's tree; a partial one
    is a tile of a checkpointed size."""
    from onedoor.ledger.models import LedgerCheckpoint

    checkpoints = LedgerCheckpoint.objects.filter(district=district)
    newest = checkpoints.order_by("-size").values_list("size", flat=True).first() or 0
    if tile.end > newest:
        return False
    if not tile.partial:
        return True
    low, high = checkpoint_sizes_needing(tile)
    return checkpoints.filter(size__gte=low, size__lt=high).exists()


def content(district, tile: Tile) -> bytes:
    """The tile's bytes from the stored nodes (or the bundle's from the stored entries' public bodies), in one
    range query. Raises LookupError when the storage lacks a row it should hold (`onedoor ledger audit` says
    which)."""
    from onedoor.ledger.models import LedgerEntry, LedgerNode

    span = {"index__gte": tile.first, "index__lt": tile.first + tile.width}
    if tile.level is None:
        rows = LedgerEntry.objects.filter(district=district, **span).order_by("index")
        values = [body.encode() for body in rows.values_list("body", flat=True)]  # never the private opening
    else:
        rows = LedgerNode.objects.filter(district=district, level=tile.node_level, **span).order_by("index")
        values = [bytes(value) for value in rows.values_list("hash", flat=True)]
    if len(values) != tile.width:
        raise LookupError(f"{tile.path()}: {len(values)} of {tile.width} stored rows")
    return bundle_bytes(values) if tile.level is None else tile_bytes(values)
