"""Signed notes (c2sp.org/signed-note) with Ed25519, and checkpoints (c2sp.org/tlog-checkpoint) (pure).

A note is UTF-8 text ending in a newline; after one blank line come signature lines
`— <name> <base64(key id ‖ signature)>`, the key id being the first 4 bytes of
SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key) (0x01: Ed25519). A verifier key is written
`<name>+<hex key id>+<base64(0x01 ‖ public key)>`. A checkpoint's text is its origin line, the tree size in
decimal and the base64 root hash, each on its own line, then optional extension lines."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519 = b"\x01"
DASH = "\u2014"


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public_key).digest()[:4]


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class Verifier:
    name: str
    key_id: bytes
    public_key: Ed25519PublicKey

    @classmethod
    def parse(cls, text: str) -> Verifier:
        """`name+hexid+base64(0x01 ‖ key)`; raises ValueError for anything else."""
        try:
            name, hex_id, encoded = text.strip().split("+", 2)  # base64 may hold "+"
            raw = base64.b64decode(encoded, validate=True)
        except ValueError as exc:
            raise ValueError("not a verifier key") from exc
        if not name or raw[:1] != ED25519 or len(raw) != 33 or len(hex_id) != 8:
            raise ValueError("not an Ed25519 verifier key")
        if key_id(name, raw[1:]) != bytes.fromhex(hex_id):
            raise ValueError("the key id does not match the key")
        return cls(name, bytes.fromhex(hex_id), Ed25519PublicKey.from_public_bytes(raw[1:]))

    def text(self) -> str:
        raw = _raw(self.public_key)
        return f"{self.name}+{self.key_id.hex()}+{base64.b64encode(ED25519 + raw).decode()}"


@dataclass(frozen=True)
class Signer:
    name: str
    private_key: Ed25519PrivateKey

    @property
    def verifier(self) -> Verifier:
        public = self.private_key.public_key()
        return Verifier(self.name, key_id(self.name, _raw(public)), public)

    def line(self, text: str) -> str:
        """The signature line of this signer for the note text."""
        signature = self.private_key.sign(text.encode())
        return f"{DASH} {self.name} {base64.b64encode(self.verifier.key_id + signature).decode()}\n"


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
        for name, kid, signature in self.signatures:
            if name == verifier.name and kid == verifier.key_id:
                try:
                    verifier.public_key.verify(signature, self.text.encode())
                except InvalidSignature:
                    return False
                return True
        return False


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
        if not lines[1].isdigit() or (lines[1] != "0" and lines[1].startswith("0")):
            raise ValueError("the tree size is a decimal number")
        root = base64.b64decode(lines[2], validate=True)
        if len(root) != 32:
            raise ValueError("the root hash is 32 bytes")
        return cls(lines[0], int(lines[1]), root, tuple(lines[3:-1]))
