"""API tokens remembered per process, and forgotten as soon as PostgreSQL says that anything they depend on
has changed.

Every API call authenticates its bearer token with one statement (`auth._token_sql`: the token, its staff
member, their district and roles). Measured here, that statement's round trip and the objects built from it were
a third of the time of a one-case read. This cache keeps the statement's row per token digest, in the process:

- Only on PostgreSQL, and only outside a transaction. The cache knows committed state only, so a caller inside
  a transaction, who may have changed a token or a role itself, reads the database as before.
- Database triggers (districts migration 0003) send a notification on the channel `onedoor_auth` when a change
  to tokens (revoked, expiry, owner), staff, role assignments or districts commits, whoever wrote it: a
  service, the admin, a raw UPDATE. Each process listens on a connection of its own and, before every lookup,
  takes what has arrived without waiting (one poll of the socket). Any notification at all empties the cache.
- A revocation therefore stops the token in every process once PostgreSQL has delivered the notification, a
  fraction of a millisecond after the commit on one machine. A request that starts inside that window is
  treated like one that started just before the revocation.
- If the listening connection cannot be opened or breaks, the cache is emptied and not used: every call reads
  the database, and the cache tries to listen again at most every RETRY_SECONDS.
- Entries also expire after TTL_SECONDS; at most MAX_ENTRIES are kept, the least recently used go first.

Turn it off with ONEDOOR_TOKEN_CACHE=0, for example behind a pooler in transaction mode, where LISTEN cannot work.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

import psycopg
from django.conf import settings
from django.db import connection

CHANNEL = "onedoor_auth"
TTL_SECONDS = 60.0
RETRY_SECONDS = 5.0
MAX_ENTRIES = 10_000

_lock = threading.RLock()


class _State:
    def __init__(self) -> None:
        self.pid = os.getpid()
        self.listener: psycopg.Connection | None = None
        self.poller = None  # select.poll() over the listener's socket
        self.failed_at: float | None = None
        self.generation = 0  # bumped whenever the entries are emptied
        self.entries: OrderedDict[str, tuple[float, tuple]] = OrderedDict()


_state = _State()
_inherited: list = []  # listeners of a parent process: never used, never closed (that would end the parent's)


def usable() -> bool:
    """Whether this caller may use the cache: PostgreSQL, turned on, and not inside a transaction."""
    return (
        settings.ONEDOOR_TOKEN_CACHE and connection.vendor == "postgresql" and not connection.in_atomic_block
    )


def lookup(digest: str, fetch: Callable[[], tuple | None]) -> tuple | None:
    """What `fetch()` gives for `digest` (the token's row and the objects built from it): remembered, or
    fetched and remembered if found. The caller must not change what it gets; it copies what it hands out."""
    if not usable():
        return fetch()
    with _lock:
        generation = _listening()
        if generation is not None:
            entry = _state.entries.get(digest)
            if entry is not None and time.monotonic() - entry[0] < TTL_SECONDS:
                _state.entries.move_to_end(digest)
                return entry[1]
    row = fetch()
    if row is not None and generation is not None:
        with _lock:
            # Stored only if nothing was emptied meanwhile: a notification taken by another thread between the
            # poll and the fetch may concern this very row.
            if _state.generation == generation and _state.pid == os.getpid():
                _state.entries[digest] = (time.monotonic(), row)
                _state.entries.move_to_end(digest)
                while len(_state.entries) > MAX_ENTRIES:
                    _state.entries.popitem(last=False)
    return row


def refresh(digest: str, old: tuple, new: tuple) -> None:
    """Remember `new` for `digest` instead of `old`, if `old` is still what is remembered (its age is kept):
    not if the entry was forgotten, or fetched again after a change, meanwhile."""
    with _lock:
        entry = _state.entries.get(digest)
        if entry is not None and entry[1] is old:
            _state.entries[digest] = (entry[0], new)


def close() -> None:
    """Stop listening and empty the cache (tests; a process that is about to end)."""
    with _lock:
        if _state.listener is not None and _state.pid == os.getpid():
            _state.listener.close()
        _state.listener, _state.failed_at = None, None
        _empty()


def listener_fileno() -> int | None:
    """The listening connection's socket, for tests that wait for a notification to arrive."""
    with _lock:
        return _state.listener.fileno() if _state.listener is not None else None


def own_connection() -> psycopg.Connection:
    """A psycopg connection of its own (autocommit) to Django's database, outside Django's connection handling."""
    params = connection.get_connection_params()
    for key in ("cursor_factory", "context", "prepare_threshold"):  # Django's own, not connection parameters
        params.pop(key, None)
    return psycopg.connect(**params, autocommit=True)


def _empty() -> None:
    _state.entries.clear()
    _state.generation += 1


def _listening() -> int | None:
    """Take the notifications that have arrived; the cache's generation if it may be used, else None."""
    if _state.pid != os.getpid():  # a forked child: the parent's connection is not ours to read or close
        if _state.listener is not None:
            _inherited.append(_state.listener)
        _state.pid, _state.listener, _state.failed_at = os.getpid(), None, None
        _empty()
    if _state.listener is None and not _listen():
        return None
    listener = _state.listener
    try:
        if _state.poller.poll(0):
            _empty()
            if not sum(1 for _notice in listener.notifies(timeout=0)):
                # Something else arrived (a notice, or the server ending the connection): ask.
                listener.execute("SELECT 1")
    except (psycopg.Error, OSError, ValueError):
        _lost()
        return None
    return _state.generation


def _listen() -> bool:
    if _state.failed_at is not None and time.monotonic() - _state.failed_at < RETRY_SECONDS:
        return False
    try:
        listener = own_connection()
        listener.execute(f"LISTEN {CHANNEL}")
    except psycopg.Error:
        _state.failed_at = time.monotonic()
        return False
    _state.listener, _state.failed_at = listener, None
    _state.poller = select.poll()
    _state.poller.register(listener.fileno(), select.POLLIN)
    _empty()  # what was remembered before listening began may have changed unseen
    return True


def _lost() -> None:
    listener, _state.listener = _state.listener, None
    _state.failed_at = time.monotonic()
    _empty()
    if listener is not None:
        with contextlib.suppress(psycopg.Error, OSError):
            listener.close()
