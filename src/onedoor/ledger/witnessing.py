"""Asking the witnesses to cosign the district's checkpoint (the log side of c2sp.org/tlog-witness), k of n.

Each configured witness (`ONEDOOR_WITNESSES`: name, verifier key, submission prefix) gets the log-signed
checkpoint with a consistency proof from the size it last cosigned; a 409 names the size the witness really
holds, and the submission is made once more from there. Every answer is checked: only a cosignature that
verifies with the configured key, over this very checkpoint, with a timestamp near now, counts. A witness that
is down, slow, refuses, or answers anything else simply does not count. No database here: the caller gives the
proofs (`proof(old)`) and stores what was learnt, so no row lock is held while witnesses are asked."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from onedoor.ledger.note import COSIGNATURE, DASH, Note, Verifier

TIMEOUT = (2.0, 5.0)  # connect, read (seconds): a checkpoint is not worth a stuck worker
CLOCK_SKEW = 600  # a cosignature timestamped further than this from our clock does not count


@dataclass(frozen=True)
class WitnessConfig:
    name: str
    verifier: Verifier
    url: str


@dataclass
class Outcome:
    """One witness's answer: its cosignature line when it counts, the size it is known to hold, and why not."""

    witness: str
    line: str | None = None
    size: int | None = None  # the witness's latest cosigned size, when learnt
    problem: str = ""


def configured() -> list[WitnessConfig]:
    out = []
    for entry in settings.ONEDOOR_WITNESSES:
        try:
            verifier = Verifier.parse(entry["key"])
            name, url = entry["name"], entry["url"]
        except (KeyError, TypeError, ValueError) as exc:
            raise ImproperlyConfigured(
                f"ONEDOOR_WITNESSES: a witness needs name, key and url ({exc})"
            ) from exc
        if verifier.kind != COSIGNATURE:
            raise ImproperlyConfigured(
                f"ONEDOOR_WITNESSES: {name}'s key is not a cosignature key (type 0x04)"
            )
        out.append(WitnessConfig(name, verifier, url.rstrip("/")))
    return out


def quorum() -> int:
    return settings.ONEDOOR_WITNESS_QUORUM


def request_body(old: int, proof: list[bytes], note: str) -> bytes:
    lines = [f"old {old}", *(base64.b64encode(h).decode() for h in proof)]
    return ("\n".join(lines) + "\n\n" + note).encode()


def _post(witness: WitnessConfig, body: bytes) -> tuple[int | None, str]:
    try:
        answer = requests.post(
            f"{witness.url}/add-checkpoint",
            data=body,
            timeout=TIMEOUT,
            headers={"Content-Type": "text/plain; charset=utf-8"},
        )
    except requests.RequestException as exc:
        return None, f"unreachable: {type(exc).__name__}"
    return answer.status_code, answer.text[:4096]


def _cosignature(witness: WitnessConfig, note: str, text: str) -> tuple[str | None, str]:
    """The witness's own cosignature line from its answer, when it verifies over this checkpoint."""
    signed = Note.parse(note)
    try:
        signed.add(text)
    except ValueError:
        return None, "malformed answer"
    timestamp = signed.signed_at(witness.verifier)
    if timestamp is None:
        return None, "no valid cosignature from the configured key"
    if abs(timestamp - time.time()) > CLOCK_SKEW:
        return None, f"cosignature timestamp {timestamp} too far from now"
    blob = next(
        b for n, k, b in signed.signatures if n == witness.verifier.name and k == witness.verifier.key_id
    )
    line = f"{DASH} {witness.verifier.name} {base64.b64encode(witness.verifier.key_id + blob).decode()}\n"
    return line, ""


def collect(
    *,
    note: str,
    size: int,
    witnesses: list[WitnessConfig],
    known: dict[str, int],
    proof: Callable[[int], list[bytes]],
) -> list[Outcome]:
    """Submit the log-signed `note` (a checkpoint of `size`) to every witness at once, from the size `known`
    for it (0 when unknown or beyond `size`), retrying once from the size a 409 names."""
    outcomes = {w.name: Outcome(w.name) for w in witnesses}
    olds = {w.name: known.get(w.name, 0) if known.get(w.name, 0) <= size else 0 for w in witnesses}
    pending = list(witnesses)
    with ThreadPoolExecutor(max_workers=max(1, len(witnesses))) as pool:
        for _attempt in range(2):
            bodies = [request_body(olds[w.name], proof(olds[w.name]), note) for w in pending]
            answers = list(pool.map(_post, pending, bodies))
            retry = []
            for witness, (status, text) in zip(pending, answers, strict=True):
                outcome = outcomes[witness.name]
                if status == 200:
                    outcome.line, outcome.problem = _cosignature(witness, note, text)
                    if outcome.line:
                        outcome.size = size
                    continue
                outcome.problem = text if status is None else f"HTTP {status}: {text.strip()[:200]}"
                if status == 409 and text.rstrip("\n").isdigit():
                    outcome.size = int(text)
                    if outcome.size <= size and (outcome.size != olds[witness.name]):
                        olds[witness.name] = outcome.size
                        retry.append(witness)
            pending = retry
            if not pending:
                break
    return [outcomes[w.name] for w in witnesses]
