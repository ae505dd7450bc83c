"""A witness's own state and key, on its own files (no Django, no district database: another department runs it).

State: one SQLite file, one row per log origin — the size and root hash of the latest checkpoint this witness
cosigned and when. `advance` checks and updates a row inside one `BEGIN IMMEDIATE` transaction, so two
submissions for the same log cannot interleave between the check and the write (the race c2sp.org/tlog-witness
warns of: a stale request rolling the stored size back after a newer one was cosigned), even across several
server processes on the same file.

Key: an Ed25519 private key in a PEM file (PKCS#8, unencrypted), created with mode 0600 when missing."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

SCHEMA = """CREATE TABLE IF NOT EXISTS checkpoints (
    origin  TEXT PRIMARY KEY,
    size    INTEGER NOT NULL,
    root    BLOB NOT NULL,
    updated INTEGER NOT NULL
)"""


class State:
    """The latest cosigned (size, root) of every log this witness follows, in the SQLite file at `path`."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: transactions are exactly the BEGIN/COMMIT written below.
        return sqlite3.connect(self.path, timeout=30, isolation_level=None)

    def latest(self, origin: str) -> tuple[int, bytes | None]:
        """(size, root) of the latest checkpoint cosigned for `origin`; (0, None) before the first."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT size, root FROM checkpoints WHERE origin = ?", (origin,)).fetchone()
        return (row[0], bytes(row[1])) if row else (0, None)

    def advance(self, origin: str, check: Callable[[int, bytes | None], tuple[int, bytes]]) -> None:
        """Call `check(size, root)` with the stored state under the write lock; it returns the new (size, root)
        to store or raises, in which case nothing changes. Check and write are one transaction."""
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute("SELECT size, root FROM checkpoints WHERE origin = ?", (origin,)).fetchone()
                size, root = check(*((row[0], bytes(row[1])) if row else (0, None)))
                db.execute(
                    "INSERT INTO checkpoints (origin, size, root, updated) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, "
                    "updated = excluded.updated",
                    (origin, size, root, int(time.time())),
                )
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")


def load_or_create_key(path: str | os.PathLike) -> Ed25519PrivateKey:
    """The witness's Ed25519 key from its PEM file, generated (mode 0600, never overwritten) when missing."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        # Written whole to a private temporary file, then linked into place: a concurrent start never reads a
        # half-written key, and an existing key is never replaced.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        finally:
            tmp.unlink()
    key = load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return key
