"""The witness speaks c2sp.org/tlog-witness: it cosigns a log's checkpoints only along one consistent history —
refusing an unknown log (404), a foreign signature (403), a bad old size (400), a rollback (409 with its latest
size), a fork (409 at the same size, 422 when the proof cannot join the stored root) — keeps that history across
a restart, and does not let two concurrent submissions roll it back. No district database is involved."""

from __future__ import annotations

import base64
import os
import stat
import threading
import time

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from onedoor.ledger import merkle
from onedoor.ledger.note import Checkpoint, Note, Signer, Verifier, cosigner, sign
from onedoor.witness import build
from onedoor.witness.tests.servers import ProcessWitness, ThreadWitness, onedoor

ORIGIN = "onedoor.gov.cn/440604/ledger"


class Log:
    """A log in memory, signing its checkpoints like the district's."""

    def __init__(self, entries: list[bytes], key: Ed25519PrivateKey | None = None, origin: str = ORIGIN):
        self.signer = Signer(origin, key or Ed25519PrivateKey.generate())
        self.tree = merkle.MemoryTree()
        for entry in entries:
            self.tree.append(entry)

    def checkpoint(self, size: int) -> str:
        return sign(Checkpoint(self.signer.name, size, self.tree.root(size)).text(), self.signer)

    def proof(self, old: int, new: int) -> list[bytes]:
        return merkle.consistency_path(old, new, self.tree.subtree) if 0 < old < new else []


def body(old: int, proof: list[bytes], note: str) -> bytes:
    lines = [f"old {old}", *(base64.b64encode(h).decode() for h in proof)]
    return ("\n".join(lines) + "\n\n" + note).encode()


ENTRIES = [f"entry {i}".encode() for i in range(40)]


@pytest.fixture
def log():
    return Log(ENTRIES)


@pytest.fixture
def witness(tmp_path, log):
    app = build(
        name="witness.finance.example",
        key_file=tmp_path / "w.pem",
        state_file=tmp_path / "w.sqlite3",
        logs=[log.signer.verifier.text()],
    )
    server = ThreadWitness(app)
    yield server
    server.stop()


def submit(witness, log: Log, old: int, size: int, proof: list[bytes] | None = None, **kwargs):
    proof = log.proof(old, size) if proof is None else proof
    return requests.post(
        f"{witness.url}/add-checkpoint", data=body(old, proof, log.checkpoint(size)), timeout=5
    )


def test_it_cosigns_a_chain_of_three_checkpoints_with_timestamped_cosignatures(witness, log):
    verifier = witness.app.signer.verifier
    old = 0
    for size in (3, 8, 13):
        before = int(time.time())
        answer = submit(witness, log, old, size)
        assert answer.status_code == 200, answer.text
        assert answer.text.startswith("\u2014 witness.finance.example ") and answer.text.endswith("\n")
        note = Note.parse(log.checkpoint(size))
        note.add(answer.text)
        assert before <= note.signed_at(verifier) <= time.time() + 1
        assert note.signed_by(log.signer.verifier)
        old = size
    assert witness.app.state.latest(ORIGIN) == (13, log.tree.root(13))
    again = submit(witness, log, 13, 13)  # the same checkpoint again is cosigned again
    assert again.status_code == 200
    assert Verifier.parse(verifier.text()) == verifier


def test_it_refuses_a_log_it_does_not_follow_with_404(witness):
    other = Log(ENTRIES, origin="example.com/another-log")
    assert submit(witness, other, 0, 5).status_code == 404


def test_it_refuses_a_checkpoint_without_a_trusted_signature_with_403(witness, log):
    impostor = Log(ENTRIES)  # the same origin, another key
    assert submit(witness, impostor, 0, 5).status_code == 403
    cosigned_only = (
        log.checkpoint(5).split("\n\n")[0]
        + "\n\n"
        + cosigner(ORIGIN, log.signer.private_key).line(Checkpoint(ORIGIN, 5, log.tree.root(5)).text())
    )
    answer = requests.post(f"{witness.url}/add-checkpoint", data=body(0, [], cosigned_only), timeout=5)
    assert answer.status_code == 403  # the log's key as a cosigner (type 0x04) is not the log's signature


def test_it_refuses_an_old_size_above_the_checkpoint_and_malformed_bodies_with_400(witness, log):
    assert submit(witness, log, 9, 5, proof=[]).status_code == 400
    post = lambda data: requests.post(f"{witness.url}/add-checkpoint", data=data, timeout=5)  # noqa: E731
    note = log.checkpoint(5)
    assert post(b"old 01\n\n" + note.encode()).status_code == 400  # leading zero
    assert post(b"old 0\n" + note.encode()).status_code == 400  # no empty line
    assert post(b"old 0\nnot-base64!\n\n" + note.encode()).status_code == 400
    assert post(body(3, [bytes(32)] * 64, note)).status_code == 400  # more than 63 proof lines
    assert post(b"old 0\n\n" + note.encode()[:-1]).status_code == 400  # note without its final newline
    assert post(b"old " + b"9" * 5000 + b"\n\n" + note.encode()).status_code == 400  # not a 64-bit size
    assert post("old ²\n\n".encode() + note.encode()).status_code == 400  # a digit, but not ASCII
    assert witness.app.state.latest(ORIGIN) == (0, None)


def test_a_content_length_that_is_not_ascii_digits_is_a_400(witness, log):
    """Straight to the WSGI application: an HTTP client would not send such a header."""
    import io

    answers = []
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/add-checkpoint",
        "CONTENT_LENGTH": "²",
        "wsgi.input": io.BytesIO(body(0, [], log.checkpoint(5))),
    }
    witness.app(environ, lambda status, headers: answers.append(status))
    assert answers[0].startswith("400")


def test_it_refuses_a_rollback_with_409_and_the_size_it_cosigned(witness, log):
    assert submit(witness, log, 0, 8).status_code == 200
    for old, size in ((0, 5), (3, 5), (5, 8), (0, 12)):
        answer = submit(witness, log, old, size)
        assert answer.status_code == 409, (old, size)
        assert answer.text == "8\n" and answer.headers["Content-Type"] == "text/x.tlog.size"
    assert witness.app.state.latest(ORIGIN) == (8, log.tree.root(8))
    assert submit(witness, log, 8, 12).status_code == 200  # the log learns 8 from the 409 and goes on


def test_it_refuses_a_fork_at_the_same_size_with_409(witness, log):
    assert submit(witness, log, 0, 8).status_code == 200
    forked = Log(
        [*ENTRIES[:5], b"rewritten", *ENTRIES[6:]], key=log.signer.private_key
    )  # same key, other history
    answer = submit(witness, forked, 8, 8)
    assert answer.status_code == 409 and answer.text == "8\n"
    assert witness.app.state.latest(ORIGIN) == (8, log.tree.root(8))


def test_it_refuses_a_fork_or_a_bad_proof_from_the_stored_root_with_422(witness, log):
    assert submit(witness, log, 0, 8).status_code == 200
    forked = Log([*ENTRIES[:5], b"rewritten", *ENTRIES[6:]], key=log.signer.private_key)
    assert submit(witness, forked, 8, 13).status_code == 422  # its own proof cannot start from our root 8
    honest = log.proof(8, 13)
    assert submit(witness, log, 8, 13, proof=honest[:-1]).status_code == 422  # truncated
    assert submit(witness, log, 8, 13, proof=[*honest[:-1], bytes(32)]).status_code == 422  # tampered
    assert submit(witness, log, 8, 8, proof=[bytes(32)]).status_code == 422  # the same size takes no proof
    assert witness.app.state.latest(ORIGIN) == (8, log.tree.root(8))


def test_a_first_submission_carries_no_proof(witness, log):
    assert submit(witness, log, 0, 8, proof=[bytes(32)]).status_code == 422
    assert submit(witness, log, 0, 8).status_code == 200


def test_it_answers_only_a_small_post_to_add_checkpoint(witness, log):
    assert requests.get(f"{witness.url}/add-checkpoint", timeout=5).status_code == 405
    assert requests.get(f"{witness.url}/add-checkpoint", timeout=5).headers["Allow"] == "POST"
    assert requests.post(f"{witness.url}/other", data=b"x", timeout=5).status_code == 404
    huge = body(0, [], log.checkpoint(5)) + b"x" * (64 * 1024)
    assert requests.post(f"{witness.url}/add-checkpoint", data=huge, timeout=5).status_code == 413


def test_concurrent_submissions_never_roll_it_back(witness, log):
    """Two submitters race along the same log, each with the old size it last heard of: the sizes cosigned
    form one chain (each one's old size is the previous one's size), so none was cosigned over a newer one."""
    cosigned: list[tuple[int, int]] = []
    lock = threading.Lock()

    def run(sizes):
        old = 0
        for size in sizes:
            for _ in range(3):
                if old > size:
                    break
                answer = submit(witness, log, old, size)
                if answer.status_code == 200:
                    with lock:
                        cosigned.append((old, size))
                    old = size
                    break
                assert answer.status_code == 409, answer.text
                old = int(answer.text)

    threads = [threading.Thread(target=run, args=(range(start, 40, 2),)) for start in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cosigned.sort(key=lambda pair: pair[1])
    chain = [0] + [size for _, size in cosigned]
    assert [old for old, _ in cosigned] == chain[:-1], cosigned
    assert len(cosigned) > 5
    assert witness.app.state.latest(ORIGIN) == (chain[-1], log.tree.root(chain[-1]))


def test_its_key_and_state_survive_a_restart_of_the_served_process(tmp_path, log):
    logs = [log.signer.verifier.text()]
    first = ProcessWitness(name="witness.audit.example", home=tmp_path, logs=logs)
    try:
        assert stat.S_IMODE(os.stat(first.key_file).st_mode) == 0o600
        assert submit(first, log, 0, 8).status_code == 200
        assert submit(first, log, 8, 13).status_code == 200
    finally:
        first.stop()
    again = ProcessWitness(name="witness.audit.example", home=tmp_path, logs=logs, port=first.port)
    try:
        assert again.key == first.key  # the same key, not a new one
        rollback = submit(again, log, 0, 8)
        assert rollback.status_code == 409 and rollback.text == "13\n"
        answer = submit(again, log, 13, 20)
        assert answer.status_code == 200
        note = Note.parse(log.checkpoint(20))
        note.add(answer.text)
        assert note.signed_at(Verifier.parse(first.key))
    finally:
        again.stop()
    printed = onedoor("key", "--name", "witness.audit.example", "--key-file", first.key_file).stdout.strip()
    assert printed == first.key
