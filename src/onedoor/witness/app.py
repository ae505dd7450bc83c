"""The witness's HTTP interface, c2sp.org/tlog-witness `add-checkpoint`, as a plain WSGI application.

    POST <prefix>/add-checkpoint
    old <size>\n  <base64 consistency-proof hash>\n …  \n  <signed checkpoint note>

Answers, in the specification's order: 404 unknown origin, 403 no signature from a trusted key of that origin,
400 old size above the checkpoint's, 409 old size not the latest this witness cosigned (body `<latest size>\n`,
Content-Type `text/x.tlog.size`), 422 a consistency proof that does not verify from the stored root, 409 the
same size with another root (a fork); otherwise 200 with this witness's timestamped cosignature line. Besides:
405 for another method, 413 for a body over 64 KiB, 400 for a malformed body.

Framework-free on purpose: a witness is run by another department, beside nothing of OneDoor's but the pure
note and Merkle code, so it needs no Django, no database server and no template. The bodies are protocol text
read by the log's software, so they are not translated."""

from __future__ import annotations

import base64
import binascii
import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from onedoor.ledger import merkle
from onedoor.ledger.note import ED25519, Checkpoint, Note, Verifier, cosigner
from onedoor.witness.state import State

log = logging.getLogger("onedoor.witness")

MAX_BODY = 64 * 1024
MAX_PROOF_LINES = 63
SIZE_TYPE = "text/x.tlog.size"
TEXT_TYPE = "text/plain; charset=utf-8"
REASONS = {
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    422: "Unprocessable Entity",
}
OLD_LINE = re.compile(r"old (0|[1-9][0-9]{0,18})")  # at most 19 digits: a tree size fits 64 bits


class Refused(Exception):
    """An answer other than a cosignature: the HTTP status and its body."""

    def __init__(self, status: int, body: str, content_type: str = TEXT_TYPE):
        super().__init__(f"{status} {body.strip()}")
        self.status, self.body, self.content_type = status, body, content_type


@dataclass(frozen=True)
class Submission:
    old: int
    proof: list[bytes]
    note: Note
    checkpoint: Checkpoint


def parse_submission(body: bytes) -> Submission:
    """The request body: the old size line, the proof lines, an empty line, the signed checkpoint."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(400, "the body is not UTF-8\n") from exc
    head, sep, message = text.partition(
        "\n\n"
    )  # old and proof lines are never empty: the first blank ends them
    lines = head.split("\n")
    match = OLD_LINE.fullmatch(lines[0])
    if not sep or not match:
        raise Refused(400, "the body starts with `old <size>`, proof lines and an empty line\n")
    if len(lines) - 1 > MAX_PROOF_LINES:
        raise Refused(400, f"at most {MAX_PROOF_LINES} consistency proof lines\n")
    try:
        proof = [base64.b64decode(line, validate=True) for line in lines[1:]]
        note = Note.parse(message)
        checkpoint = Checkpoint.parse(note.text)
    except (ValueError, binascii.Error) as exc:
        raise Refused(400, f"malformed submission: {exc}\n") from exc
    if any(len(h) != 32 for h in proof):
        raise Refused(400, "each proof line is a base64 SHA-256 hash\n")
    return Submission(int(match.group(1)), proof, note, checkpoint)


class Witness:
    """Cosigns the checkpoints of the logs it trusts (verifier keys, origin = the key's name) when each is
    consistent with the last one it cosigned for that log."""

    def __init__(
        self, *, name: str, private_key: Ed25519PrivateKey, state: State, logs: Iterable[Verifier], prefix=""
    ):
        self.signer = cosigner(name, private_key)
        self.state, self.prefix = state, prefix.rstrip("/")
        self.logs: dict[str, list[Verifier]] = {}
        for key in logs:
            if key.kind != ED25519:
                raise ValueError(f"{key.name}: a log's key is an Ed25519 signing key (type 0x01)")
            self.logs.setdefault(key.name, []).append(key)

    def add_checkpoint(self, body: bytes) -> str:
        """The cosignature line for a submission, or Refused. The stored state moves only when it is returned."""
        sub = parse_submission(body)
        cp = sub.checkpoint
        keys = self.logs.get(cp.origin)
        if keys is None:
            raise Refused(404, "unknown log origin\n")
        if not any(sub.note.signed_by(key) for key in keys):
            raise Refused(403, "no signature from a trusted key of this log\n")
        if sub.old > cp.size:
            raise Refused(400, "the old size is larger than the checkpoint's\n")

        def check(size: int, root: bytes | None) -> tuple[int, bytes]:
            if sub.old != size:
                raise Refused(409, f"{size}\n", SIZE_TYPE)
            if sub.old == cp.size and root is not None and root != cp.root:
                log.warning(
                    "fork: %s at size %d has another root than cosigned\n%s", cp.origin, size, body.decode()
                )
                raise Refused(409, f"{size}\n", SIZE_TYPE)
            if sub.old in (0, cp.size):
                consistent = not sub.proof  # nothing to prove from the empty tree or to the same tree
            else:
                consistent = merkle.verify_consistency(sub.old, cp.size, root, cp.root, sub.proof)
            if not consistent:
                log.warning("inconsistent: %s from %d to %d\n%s", cp.origin, sub.old, cp.size, body.decode())
                raise Refused(422, "the consistency proof does not verify\n")
            return cp.size, cp.root

        self.state.advance(cp.origin, check)
        return self.signer.line(sub.note.text, int(time.time()))

    def __call__(self, environ, start_response):
        try:
            lines = self._handle(environ)
            status, body, content_type, extra = 200, lines, TEXT_TYPE, []
        except Refused as refusal:
            status, body, content_type = refusal.status, refusal.body, refusal.content_type
            extra = [("Allow", "POST")] if status == 405 else []
        data = body.encode()
        headers = [("Content-Type", content_type), ("Content-Length", str(len(data))), *extra]
        start_response(f"{status} {REASONS[status]}", headers)
        return [data]

    def _handle(self, environ) -> str:
        if environ.get("PATH_INFO", "") != f"{self.prefix}/add-checkpoint":
            raise Refused(404, "not found\n")
        if environ["REQUEST_METHOD"] != "POST":
            raise Refused(405, "add-checkpoint takes a POST\n")
        return self.add_checkpoint(_body(environ))


def _body(environ) -> bytes:
    stream = environ["wsgi.input"]
    length = environ.get("CONTENT_LENGTH") or ""
    if length:
        if not re.fullmatch(r"[0-9]{1,10}", length):
            raise Refused(400, "bad Content-Length\n")
        if int(length) > MAX_BODY:
            raise Refused(413, f"the body is limited to {MAX_BODY} bytes\n")
        return stream.read(int(length))
    if environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":  # the server has de-chunked the stream
        body = stream.read(MAX_BODY + 1)
        if len(body) > MAX_BODY:
            raise Refused(413, f"the body is limited to {MAX_BODY} bytes\n")
        return body
    return b""
