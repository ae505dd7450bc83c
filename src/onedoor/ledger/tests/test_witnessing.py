"""The district publishes a checkpoint only with k of its n witnesses' cosignatures (c2sp.org/tlog-witness):
every published note carries at least k cosignatures that verify with the configured keys; a witness that is
down does not count, and with too few the previous checkpoint stays served; a witness that saw a forked log
refuses the honest one and is not counted. Witnesses are real `onedoor witness serve` processes or the same
application in a thread, each with its own key and state file, never the district's database."""

import pytest
from django.core.management import call_command

from onedoor.core.errors import DomainError
from onedoor.ledger import merkle, services, witnessing
from onedoor.ledger.models import LedgerCheckpoint, LedgerEntry, LedgerWitness
from onedoor.ledger.note import Checkpoint, Note, Verifier, sign
from onedoor.witness import build
from onedoor.witness.tests.servers import ProcessWitness, ThreadWitness

pytestmark = pytest.mark.django_db


def _append(district, count: int) -> None:
    services.ledger_append_many(
        district=district,
        entries=[("credit", {"record": f"credit-{i}", "good": i % 3 != 0}) for i in range(count)],
    )


def _configure(settings, witnesses, quorum: int) -> None:
    settings.ONEDOOR_WITNESSES = [{"name": name, "key": w.key, "url": w.url} for name, w in witnesses.items()]
    settings.ONEDOOR_WITNESS_QUORUM = quorum


def _cosigners(note_text: str, witnesses) -> set[str]:
    note = Note.parse(note_text)
    return {name for name, w in witnesses.items() if note.signed_at(Verifier.parse(w.key))}


@pytest.fixture
def thread_witnesses(chancheng, tmp_path):
    log_key = services.signer(chancheng).verifier.text()
    out = {}
    for name in ("witness-a.finance.example", "witness-b.audit.example", "witness-c.court.example"):
        app = build(
            name=name, key_file=tmp_path / f"{name}.pem", state_file=tmp_path / f"{name}.db", logs=[log_key]
        )
        server = ThreadWitness(app)
        server.key = app.signer.verifier.text()
        out[name] = server
    yield out
    for server in out.values():
        server.stop()


def test_three_witness_processes_k_2_publish_survive_one_down_and_refuse_when_two_are_down(
    chancheng, settings, client, tmp_path
):
    log_key = services.signer(chancheng).verifier.text()
    names = ("witness-1.finance.example", "witness-2.audit.example", "witness-3.court.example")
    witnesses = {name: ProcessWitness(name=name, home=tmp_path, logs=[log_key]) for name in names}
    try:
        _configure(settings, witnesses, 2)
        _append(chancheng, 10)
        assert (
            client.get("/ledger/checkpoint", {"district": "440604"}).status_code == 404
        )  # none cosigned yet
        first = services.checkpoint_publish(district=chancheng)
        assert first.size == 10 and _cosigners(first.note, witnesses) == set(names)
        assert Note.parse(first.note).signed_by(Verifier.parse(log_key))
        served = client.get("/ledger/checkpoint", {"district": "440604"}).content.decode()
        assert served == first.note
        assert dict(LedgerWitness.objects.values_list("name", "size")) == dict.fromkeys(names, 10)

        witnesses[names[0]].stop()
        _append(chancheng, 5)
        call_command("worker", "--once")  # the worker publishes the grown log
        second = LedgerCheckpoint.objects.get(district=chancheng, size=15)
        assert _cosigners(second.note, witnesses) == set(names[1:])
        old_root = Checkpoint.parse(Note.parse(first.note).text).root
        new_root = Checkpoint.parse(Note.parse(second.note).text).root
        assert merkle.verify_consistency(
            10, 15, old_root, new_root, services.consistency_proof(chancheng, 10, 15)
        )

        witnesses[names[1]].stop()
        _append(chancheng, 3)
        [(code, refusal)] = services.checkpoints_publish_due()
        assert code == "440604" and isinstance(refusal, DomainError) and refusal.code == "witness_quorum"
        assert set(refusal.details["refused"]) == set(names[:2])
        assert not LedgerCheckpoint.objects.filter(district=chancheng, size=18).exists()
        assert client.get("/ledger/checkpoint", {"district": "440604"}).content.decode() == second.note
        # The witness still up did cosign 18: the log remembers, so its next submission starts there.
        assert LedgerWitness.objects.get(name=names[2]).size == 18
    finally:
        for w in witnesses.values():
            if w.process.poll() is None:
                w.stop()


def test_a_witness_that_saw_a_forked_log_refuses_the_honest_one_and_is_not_counted(
    chancheng, settings, thread_witnesses
):
    _append(chancheng, 12)
    bodies = [e.encode() for e in LedgerEntry.objects.order_by("index").values_list("body", flat=True)]
    forked = merkle.MemoryTree([merkle.leaf_hash(b) for b in bodies])
    forked.leaves[4] = merkle.leaf_hash(b'{"kind":"credit","record":"rewritten","v":1}')
    district_signer = services.signer(
        chancheng
    )  # the district's own key, showing one witness another history
    fork_note = sign(Checkpoint(services.origin(chancheng), 12, forked.root()).text(), district_signer)
    misled = thread_witnesses["witness-c.court.example"]
    assert misled.app.add_checkpoint(witnessing.request_body(0, [], fork_note))  # it cosigned the fork

    _configure(settings, thread_witnesses, 2)
    published = services.checkpoint_publish(district=chancheng)
    assert _cosigners(published.note, thread_witnesses) == {
        "witness-a.finance.example",
        "witness-b.audit.example",
    }

    # Asked from 0, the misled witness answers 409 "12"; asked again from 12, the roots differ: 409 again.
    _append(chancheng, 1)
    settings.ONEDOOR_WITNESS_QUORUM = 3
    with pytest.raises(DomainError) as refused:
        services.checkpoint_publish(district=chancheng)
    assert refused.value.details["refused"]["witness-c.court.example"].startswith(
        "HTTP 422"
    )  # 12 → 13: no proof
    assert not LedgerCheckpoint.objects.filter(district=chancheng, size=13).exists()


def test_a_fork_at_the_same_size_is_refused_with_409_and_not_counted(chancheng, settings, thread_witnesses):
    _append(chancheng, 6)
    bodies = [e.encode() for e in LedgerEntry.objects.order_by("index").values_list("body", flat=True)]
    forked = merkle.MemoryTree([merkle.leaf_hash(b) for b in bodies[:5]] + [merkle.leaf_hash(b"other")])
    fork_note = sign(
        Checkpoint(services.origin(chancheng), 6, forked.root()).text(), services.signer(chancheng)
    )
    thread_witnesses["witness-a.finance.example"].app.add_checkpoint(
        witnessing.request_body(0, [], fork_note)
    )
    _configure(settings, thread_witnesses, 3)
    with pytest.raises(DomainError) as refused:
        services.checkpoint_publish(district=chancheng)
    assert refused.value.details["refused"] == {"witness-a.finance.example": "HTTP 409: 6"}
    assert LedgerWitness.objects.get(name="witness-a.finance.example").size == 6


def test_the_log_learns_the_size_a_witness_holds_from_its_409_and_goes_on_from_there(
    chancheng, settings, thread_witnesses
):
    _configure(settings, thread_witnesses, 3)
    _append(chancheng, 5)
    services.checkpoint_publish(district=chancheng)
    LedgerWitness.objects.all().delete()  # the log forgot (say, a restored backup): every witness holds 5
    _append(chancheng, 6)
    published = services.checkpoint_publish(district=chancheng)  # asked from 0: 409 "5", again from 5
    assert published.size == 11 and len(_cosigners(published.note, thread_witnesses)) == 3
    assert services.checkpoint_publish(district=chancheng) == published  # the same size is not signed twice
    assert LedgerCheckpoint.objects.filter(district=chancheng).count() == 2


def test_a_cosignature_that_does_not_verify_with_the_configured_key_does_not_count(
    chancheng, settings, thread_witnesses
):
    a, b, c = thread_witnesses.values()
    b.key = c.key  # b's entry names c's key: b's real cosignatures do not verify with it
    _configure(settings, {"a": a, "b": b}, 2)
    _append(chancheng, 3)
    with pytest.raises(DomainError) as refused:
        services.checkpoint_publish(district=chancheng)
    assert refused.value.details["refused"] == {"b": "no valid cosignature from the configured key"}
    assert LedgerCheckpoint.objects.count() == 0
