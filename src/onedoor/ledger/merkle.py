"""RFC 9162 Merkle tree hashing and proofs (pure): the tree of the transparency log (issue 6).

    leaf  = SHA-256(0x00 ‖ entry)          node = SHA-256(0x01 ‖ left ‖ right)
    MTH({}) = SHA-256("")                  MTH(D[n]) = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of 2 < n

Proofs are built over a `subtree(start, end)` function that returns MTH(D[start:end]) for the ranges a proof
needs — in memory here (`MemoryTree`), from stored tiles in the log — and verified with the algorithms of RFC
9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), which need only hashes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

Subtree = Callable[[int, int], bytes]
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split(n: int) -> int:
    """The largest power of two smaller than n (n ≥ 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def inclusion_path(index: int, size: int, subtree: Subtree) -> list[bytes]:
    """PATH(m, D[n]) of RFC 9162 §2.1.3.1, for leaf `index` in a tree of `size` leaves."""
    if not 0 <= index < size:
        raise ValueError("index outside the tree")
    path: list[bytes] = []
    start, end = 0, size
    while end - start > 1:  # walk down, collecting the sibling of each subtree holding the leaf
        k = split(end - start)
        if index - start < k:
            path.append(subtree(start + k, end))
            end = start + k
        else:
            path.append(subtree(start, start + k))
            start += k
    path.reverse()  # the RFC lists the path from the leaf up
    return path


def consistency_path(old: int, new: int, subtree: Subtree) -> list[bytes]:
    """PROOF(m, D[n]) of RFC 9162 §2.1.4.1 that the tree of `old` leaves is a prefix of the one of `new`."""
    if not 0 < old <= new:
        raise ValueError("sizes must satisfy 0 < old <= new")
    path: list[bytes] = []
    start, end, m, complete = 0, new, old, True
    while m != end - start:  # SUBPROOF(m, D[start:end], complete)
        k = split(end - start)
        if m <= k:
            path.append(subtree(start + k, end))
            end = start + k
        else:
            path.append(subtree(start, start + k))
            start, m, complete = start + k, m - k, False
    if not complete:
        path.append(subtree(start, end))
    path.reverse()
    return path


def root_from_inclusion(index: int, size: int, leaf: bytes, path: Sequence[bytes]) -> bytes | None:
    """The root that `path` proves `leaf` (a leaf hash) into, or None when the path cannot be one (§2.1.3.2)."""
    if not 0 <= index < size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def verify_inclusion(index: int, size: int, leaf: bytes, path: Sequence[bytes], root: bytes) -> bool:
    return root_from_inclusion(index, size, leaf, path) == root


def verify_consistency(old: int, new: int, old_root: bytes, new_root: bytes, path: Sequence[bytes]) -> bool:
    """RFC 9162 §2.1.4.2; equal sizes need an empty path and equal roots."""
    if not 0 < old <= new:
        return False
    if old == new:
        return not path and old_root == new_root
    if not path:
        return False
    path = list(path)
    if old & (old - 1) == 0:  # an exact power of two: the old root is the first node
        path.insert(0, old_root)
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == old_root and sr == new_root and sn == 0


class MemoryTree:
    """The leaves' hashes in memory, with MTH of any range (for tests, receipts and small logs)."""

    def __init__(self, leaves: Sequence[bytes] = ()):
        self.leaves: list[bytes] = list(leaves)

    def append(self, entry: bytes) -> int:
        self.leaves.append(leaf_hash(entry))
        return len(self.leaves) - 1

    def subtree(self, start: int, end: int) -> bytes:
        if end - start == 1:
            return self.leaves[start]
        if end <= start:
            return EMPTY_ROOT
        k = split(end - start)
        return node_hash(self.subtree(start, start + k), self.subtree(start + k, end))

    def root(self, size: int | None = None) -> bytes:
        size = len(self.leaves) if size is None else size
        return self.subtree(0, size) if size else EMPTY_ROOT
