"""Offline receipts for log entries in the c2sp.org/tlog-proof@v1 form, and their verification (pure).

A receipt is

    c2sp.org/tlog-proof@v1
    extra <base64 of {"entry": <the entry's canonical JSON>, "opening": <the committed record, if given>}>
    index <n>
    <inclusion path, one base64 hash a line, from the leaf's sibling up>

    <the signed checkpoint, verbatim, with the witnesses' cosignatures>

Anyone holding the log's verifier key (and the witnesses' keys, for a quorum) checks it with nothing else:
the checkpoint's signatures, the entry's leaf hash on the path to the checkpoint's root, and — when the
receipt carries the private record — that the entry's digest is the SHA-256 of that record. The `extra` line
is not trusted by itself: everything in it is checked against the signed root."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field

from onedoor.core.numbers import ascii_int
from onedoor.ledger import merkle
from onedoor.ledger.note import Checkpoint, Note, Verifier

HEADER = "c2sp.org/tlog-proof@v1"


def receipt_text(*, index: int, entry: str, opening: str, proof: list[bytes], checkpoint_note: str) -> str:
    extra = {"entry": entry, **({"opening": opening} if opening else {})}
    encoded = base64.b64encode(json.dumps(extra, ensure_ascii=False, sort_keys=True).encode()).decode()
    lines = [HEADER, f"extra {encoded}", f"index {index}", *(base64.b64encode(h).decode() for h in proof)]
    return "\n".join(lines) + "\n\n" + checkpoint_note


@dataclass
class Checked:
    """What a valid receipt proves."""

    index: int
    size: int
    origin: str
    entry: dict
    record: dict | None  # the private record, when the receipt carries it and its digest matched
    cosigners: list[tuple[str, int]] = field(default_factory=list)  # (witness name, timestamp)


class ReceiptError(ValueError):
    """The receipt does not prove what it claims; the message says which check failed."""


def _b64(value: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except ValueError as exc:
        raise ReceiptError(f"not base64: {value[:20]}") from exc


def verify(text: str, log_key: Verifier, witnesses: list[Verifier] | tuple = (), quorum: int = 0) -> Checked:
    """Check a receipt against the log's key and, when `quorum` > 0, at least that many of `witnesses`'
    cosignatures; raises ReceiptError naming the first check that failed."""
    head, sep, note_text = text.partition("\n\n")
    lines = head.split("\n")
    if not sep or len(lines) < 2 or lines[0] != HEADER:
        raise ReceiptError("not a c2sp.org/tlog-proof@v1 receipt")
    extra = {}
    if lines[1].startswith("extra "):
        try:
            extra = json.loads(_b64(lines[1][6:]))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ReceiptError("the extra data is not the entry") from exc
        lines = [lines[0], *lines[2:]]
    index = ascii_int(lines[1][6:]) if len(lines) > 1 and lines[1].startswith("index ") else None
    if index is None:
        raise ReceiptError("no entry index")
    path = [_b64(line) for line in lines[2:]]
    try:
        note = Note.parse(note_text)
        checkpoint = Checkpoint.parse(note.text)
    except ValueError as exc:
        raise ReceiptError(f"the checkpoint is malformed: {exc}") from exc
    if checkpoint.origin != log_key.name or not note.signed_by(log_key):
        raise ReceiptError("the checkpoint is not signed by this log's key")
    cosigners = [(w.name, at) for w in witnesses if (at := note.signed_at(w)) is not None]
    if len(cosigners) < quorum:
        raise ReceiptError(f"{len(cosigners)} of the required {quorum} witness cosignatures")
    entry_text = extra.get("entry")
    if not isinstance(entry_text, str):
        raise ReceiptError("the receipt does not carry the entry")
    leaf = merkle.leaf_hash(entry_text.encode())
    if not merkle.verify_inclusion(index, checkpoint.size, leaf, path, checkpoint.root):
        raise ReceiptError("the entry is not included in the checkpointed tree")
    try:
        entry = json.loads(entry_text)
    except ValueError as exc:
        raise ReceiptError("the entry is not JSON") from exc
    if not isinstance(entry, dict):
        raise ReceiptError("the entry is not a JSON object")
    record = None
    if extra.get("opening"):
        opening = extra["opening"].encode()
        if base64.b64encode(hashlib.sha256(opening).digest()).decode() != entry.get("digest"):
            raise ReceiptError("the record does not match the entry's digest")
        try:
            record = json.loads(opening)
        except ValueError as exc:
            raise ReceiptError("the record is not JSON") from exc
    return Checked(index, checkpoint.size, checkpoint.origin, entry, record, cosigners)
