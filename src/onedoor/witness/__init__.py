"""A transparency-log witness (c2sp.org/tlog-witness), run by another department to co-sign the district's log.

It holds its own Ed25519 key and its own SQLite state (`state.py`), trusts the logs whose verifier keys it is
given, and cosigns a checkpoint only when it is consistent with the last one it cosigned for that log
(`app.py`). It imports nothing of OneDoor but the pure note and Merkle modules, and never the district's
database. Served by gunicorn (`serve.py`, `onedoor witness serve`)."""

from __future__ import annotations

from onedoor.ledger.note import Verifier
from onedoor.witness.app import Witness
from onedoor.witness.state import State, load_or_create_key


def build(*, name: str, key_file, state_file, logs: list[str], prefix: str = "") -> Witness:
    """The witness application from its files and the logs' verifier keys (`name+keyid+base64`)."""
    return Witness(
        name=name,
        private_key=load_or_create_key(key_file),
        state=State(state_file),
        logs=[Verifier.parse(text) for text in logs],
        prefix=prefix,
    )
