"""Signed notes (c2sp.org/signed-note) with Ed25519, and checkpoints (c2sp.org/tlog-checkpoint) (pure).

A note is UTF-8 text ending in a newline; after one blank line come signature lines
`— <name> <base64(key id ‖ signature)>`, the key id being the first 4 bytes of
SHA-256(name ‖ 0x0A ‖ type ‖ public key). A verifier key is written `<name>+<hex key id>+<base64(type ‖ key)>`.
Two types: 0x01, an Ed25519 signature over the text (the log's own signature), and 0x04, a witness's
cosignature (c2sp.org/tlog-cosignature): the blob is key id ‖ u64 big-endian POSIX timestamp ‖ Ed25519 signature
over "cosignature/v1\ntime <timestamp>\n" ‖ text. A checkpoint's text is its origin line, the tree size in
decimal and the base64 root hash, each on its own line, then optional extension lines."""

from __future__ import annotations

import base64
import hashlib
import re
import time
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519 = b"\x01"
COSIGNATURE = b"\x04"  # c2sp.org/tlog-cosignature, Ed25519, timestamped
DASH = "\u2014"


def key_id(name: str, public_key: bytes, kind: bytes = ED25519) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + kind + public_key).digest()[:4]


def cosigned_message(text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n".encode() + text.encode()


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class Verifier:
    name: str
    key_id: bytes
    public_key: Ed25519PublicKey
    kind: bytes = ED25519

    @classmethod
    def parse(cls, text: str) -> Verifier:
        """`name+hexid+base64(type ‖ key)`, type 0x01 or 0x04; raises ValueError for anything else."""
        try:
            name, hex_id, encoded = text.strip().split("+", 2)  # base64 may hold "+"
            raw = base64.b64decode(encoded, validate=True)
            kid = bytes.fromhex(hex_id)
        except ValueError as exc:
            raise ValueError("not a verifier key") from exc
        if not name or raw[:1] not in (ED25519, COSIGNATURE) or len(raw) != 33 or len(kid) != 4:
            raise ValueError("not an Ed25519 verifier key")
        if key_id(name, raw[1:], raw[:1]) != kid:
            raise ValueError("the key id does not match the key")
        return cls(name, kid, Ed25519PublicKey.from_public_bytes(raw[1:]), raw[:1])

    def text(self) -> str:
        raw = _raw(self.public_key)
        return f"{self.name}+{self.key_id.hex()}+{base64.b64encode(self.kind + raw).decode()}"

    def check(self, text: str, blob: bytes) -> int | None:
        """Whether `blob` (the signature line's bytes after the key id) signs `text`: for a signature 0,
        for a cosignature its timestamp; None when it does not verify."""
        try:
            if self.kind == COSIGNATURE:
                if len(blob) != 72:
                    return None
                timestamp = int.from_bytes(blob[:8], "big")
                self.public_key.verify(blob[8:], cosigned_message(text, timestamp))
                return timestamp
            self.public_key.verify(blob, text.encode())
        except InvalidSignature:
            return None
        return 0


@dataclass(frozen=True)
class Signer:
    name: str
    private_key: Ed25519PrivateKey
    kind: bytes = ED25519

    @property
    def verifier(self) -> Verifier:
        public = self.private_key.public_key()
        return Verifier(self.name, key_id(self.name, _raw(public), self.kind), public, self.kind)

    def line(self, text: str, timestamp: int | None = None) -> str:
        """The signature line of this signer for the note text (a cosigner signs at `timestamp`, POSIX
        seconds, default now)."""
        if self.kind == COSIGNATURE:
            timestamp = int(time.time()) if timestamp is None else timestamp
            blob = timestamp.to_bytes(8, "big") + self.private_key.sign(cosigned_message(text, timestamp))
        else:
            blob = self.private_key.sign(text.encode())
        return f"{DASH} {self.name} {base64.b64encode(self.verifier.key_id + blob).decode()}\n"


def cosigner(name: str, private_key: Ed25519PrivateKey) -> Signer:
    """A witness's signer: cosignatures (type 0x04) under its own name and key."""
    return Signer(name, private_key, COSIGNATURE)


@dataclass
class Note:
    text: str
    signatures: list[tuple[str, bytes, bytes]] = field(default_factory=list)  # (name, key id, signature)

    @classmethod
    def parse(cls, message: str) -> Note:
        """Split a signed note into its text and signature lines; raises ValueError when malformed."""
        text, sep, block = message.rpartition("\n\n")
        if not sep or not block.endswith("\n"):
            raise ValueError("a signed note is text, a blank line and signature lines")
        text += "\n"
        signatures = []
        for line in block[:-1].split("\n"):
            parts = line.split(" ")
            if len(parts) != 3 or parts[0] != DASH:
                raise ValueError("malformed signature line")
            blob = base64.b64decode(parts[2], validate=True)
            if len(blob) < 5:
                raise ValueError("malformed signature")
            signatures.append((parts[1], blob[:4], blob[4:]))
        return cls(text, signatures)

    def signed_by(self, verifier: Verifier) -> bool:
        return self.signed_at(verifier) is not None

    def signed_at(self, verifier: Verifier) -> int | None:
        """The verifier's signature on this note: 0 for a signature, the timestamp for a cosignature, None
        when it is absent or does not verify (lines of other keys are ignored)."""
        for name, kid, blob in self.signatures:
            if name == verifier.name and kid == verifier.key_id:
                return verifier.check(self.text, blob)
        return None

    def add(self, lines: str) -> None:
        """Append signature lines (as a witness returns them); raises ValueError when malformed."""
        self.signatures.extend(Note.parse(self.text + "\n" + lines).signatures)

    def message(self) -> str:
        block = "".join(
            f"{DASH} {name} {base64.b64encode(kid + blob).decode()}\n" for name, kid, blob in self.signatures
        )
        return self.text + "\n" + block


def sign(text: str, *signers: Signer) -> str:
    if not text.endswith("\n"):
        raise ValueError("a note's text ends with a newline")
    return text + "\n" + "".join(s.line(text) for s in signers)


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def text(self) -> str:
        lines = [self.origin, str(self.size), base64.b64encode(self.root).decode(), *self.extensions]
        return "\n".join(lines) + "\n"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "" or not lines[0]:
            raise ValueError("a checkpoint has an origin, a size and a root hash, each on its own line")
        if not re.fullmatch(r"0|[1-9][0-9]{0,18}", lines[1]):
            raise ValueError("the tree size is a decimal number")
        root = base64.b64decode(lines[2], validate=True)
        if len(root) != 32:
            raise ValueError("the root hash is 32 bytes")
        return cls(lines[0], int(lines[1]), root, tuple(lines[3:-1]))
