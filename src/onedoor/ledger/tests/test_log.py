"""The stored log: its roots and proofs equal the in-memory tree's at every size, appends commit or roll back
with the business change, and the signed checkpoint, the verifier key and the proofs API let anyone check an
entry with nothing but hashes and the published key."""

import base64

import pytest
from django.db import transaction

from onedoor.core.signing import canonical_json
from onedoor.ledger import merkle, services
from onedoor.ledger.models import LedgerEntry, LedgerHead
from onedoor.ledger.note import Checkpoint, Note, Verifier

pytestmark = pytest.mark.django_db


def _data(i: int) -> dict:
    return {"record": f"credit-{i}", "holder": "440604********1234", "good": i % 3 != 0}


def test_stored_roots_and_proofs_match_the_memory_tree_at_every_size(chancheng):
    memory = merkle.MemoryTree()
    services.ledger_append(district=chancheng, kind="credit", data=_data(0))
    memory.append(canonical_json({"v": 1, "kind": "credit", **_data(0)}))
    batch = [("credit", _data(i)) for i in range(1, 37)]
    for start in range(0, len(batch), 7):  # batches of 7, crossing subtree borders
        services.ledger_append_many(district=chancheng, entries=batch[start : start + 7])
    for kind, data in batch:
        memory.append(canonical_json({"v": 1, "kind": kind, **data}))
    assert LedgerHead.objects.get(district=chancheng).size == 37 == LedgerEntry.objects.count()
    for size in range(1, 38):
        root = services.tree_root(chancheng, size)
        assert root == memory.root(size), size
        for index in {0, size // 2, size - 1}:
            path = services.inclusion_proof(chancheng, index, size)
            assert merkle.verify_inclusion(index, size, memory.leaves[index], path, root)
        for old in {1, (size + 1) // 2, size}:
            proof = services.consistency_proof(chancheng, old, size)
            assert merkle.verify_consistency(old, size, memory.root(old), root, proof)


def test_an_append_rolls_back_with_the_change_that_made_it(chancheng):
    services.ledger_append(district=chancheng, kind="credit", data=_data(1))
    with pytest.raises(RuntimeError), transaction.atomic():
        services.ledger_append(district=chancheng, kind="credit", data=_data(2))
        raise RuntimeError("the business change failed")
    assert LedgerHead.objects.get(district=chancheng).size == 1 and LedgerEntry.objects.count() == 1
    assert services.ledger_append(district=chancheng, kind="credit", data=_data(3)) == 1  # no gap


def test_anyone_checks_an_entry_with_the_checkpoint_the_key_and_a_proof(client, chancheng):
    services.ledger_append_many(district=chancheng, entries=[("credit", _data(i)) for i in range(10)])
    verifier = Verifier.parse(client.get("/ledger/key", {"district": "440604"}).content.decode())
    note_text = client.get("/ledger/checkpoint", {"district": "440604"}).content.decode()
    note = Note.parse(note_text)
    assert note.signed_by(verifier)
    checkpoint = Checkpoint.parse(note.text)
    assert checkpoint.origin == "onedoor.gov.cn/440604/ledger" and checkpoint.size == 10
    assert client.get("/ledger/checkpoint", {"district": "440604"}).content.decode() == note_text  # same size
    proof = client.get(
        "/api/v1/ledger/proofs/inclusion", {"index": 4, "size": 10, "district": "440604"}
    ).json()
    entry = LedgerEntry.objects.get(district=chancheng, index=4)
    leaf = merkle.leaf_hash(entry.body.encode())
    assert base64.b64decode(proof["leaf_hash"]) == leaf
    path = [base64.b64decode(p) for p in proof["path"]]
    assert merkle.verify_inclusion(4, 10, leaf, path, checkpoint.root)
    services.ledger_append(district=chancheng, kind="credit", data=_data(10))
    later = Checkpoint.parse(
        Note.parse(client.get("/ledger/checkpoint", {"district": "440604"}).content.decode()).text
    )
    consistency = client.get(
        "/api/v1/ledger/proofs/consistency", {"old": 10, "new": 11, "district": "440604"}
    ).json()
    assert merkle.verify_consistency(
        10, 11, checkpoint.root, later.root, [base64.b64decode(p) for p in consistency["path"]]
    )
    bad = client.get("/api/v1/ledger/proofs/inclusion", {"index": 0, "size": 99, "district": "440604"})
    assert bad.status_code == 400 and bad.json()["code"] == "bad_size"


@pytest.mark.django_db(transaction=True)
def test_proofs_read_the_upper_nodes_from_memory_once_committed(chancheng, django_assert_max_num_queries):
    """Outside a transaction the nodes of 2**10 leaves and more are read once and kept: later proofs read only
    their lower nodes, and still verify; inside a transaction (which may roll back) nothing is kept."""
    services._upper.clear()
    memory = merkle.MemoryTree()
    for start in range(0, 3000, 500):
        batch = [("credit", _data(i)) for i in range(start, start + 500)]
        services.ledger_append_many(district=chancheng, entries=batch)
        for kind, data in batch:
            memory.append(canonical_json({"v": 1, "kind": kind, **data}))
    try:
        with transaction.atomic():
            services.inclusion_proof(chancheng, 5, 3000)
        assert chancheng.pk not in services._upper
        services.inclusion_proof(chancheng, 5, 3000)  # loads the upper nodes once
        assert set(services._upper[chancheng.pk]) == {(10, 0), (10, 1), (11, 0)}
        for index in (0, 1023, 1024, 2047, 2048, 2999):
            with django_assert_max_num_queries(1):
                path = services.inclusion_proof(chancheng, index, 3000)
            assert merkle.verify_inclusion(index, 3000, memory.leaves[index], path, memory.root(3000))
        for old in (1, 1024, 2048, 2500):
            proof = services.consistency_proof(chancheng, old, 3000)
            assert merkle.verify_consistency(old, 3000, memory.root(old), memory.root(3000), proof)
        batch = [("credit", _data(i)) for i in range(3000, 3100)]  # completes node 10/2, read then kept
        services.ledger_append_many(district=chancheng, entries=batch)
        for kind, data in batch:
            memory.append(canonical_json({"v": 1, "kind": kind, **data}))
        path = services.inclusion_proof(chancheng, 5, 3100)
        assert merkle.verify_inclusion(5, 3100, memory.leaves[5], path, memory.root(3100))
        assert (10, 2) in services._upper[chancheng.pk]
    finally:
        services._upper.clear()
