"""RFC 9162 hashing and proofs (pure): known roots, every inclusion and consistency proof of small trees, and
hypothesis properties — any inclusion proof verifies, any two sizes are consistent, any tampered proof fails."""

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from onedoor.ledger.merkle import (
    EMPTY_ROOT,
    MemoryTree,
    consistency_path,
    inclusion_path,
    leaf_hash,
    node_hash,
    verify_consistency,
    verify_inclusion,
)


def _tree(n: int) -> MemoryTree:
    tree = MemoryTree()
    for i in range(n):
        tree.append(f"entry {i}".encode())
    return tree


def test_hashing_is_domain_separated_as_rfc_9162_says():
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert leaf_hash(b"") == hashlib.sha256(b"\x00").digest()
    a, b = leaf_hash(b"a"), leaf_hash(b"b")
    assert node_hash(a, b) == hashlib.sha256(b"\x01" + a + b).digest() != node_hash(b, a)
    three = MemoryTree([a, b, leaf_hash(b"c")])
    assert three.root() == node_hash(node_hash(a, b), leaf_hash(b"c"))  # the split is at the power of two


def test_every_proof_of_the_small_trees_verifies():
    for n in range(1, 40):
        tree = _tree(n)
        root = tree.root()
        for i in range(n):
            path = inclusion_path(i, n, tree.subtree)
            assert verify_inclusion(i, n, tree.leaves[i], path, root), (i, n)
            assert not verify_inclusion(i, n, leaf_hash(b"another"), path, root)
        for m in range(1, n + 1):
            proof = consistency_path(m, n, tree.subtree)
            assert verify_consistency(m, n, tree.root(m), root, proof), (m, n)


def test_an_inclusion_proof_of_a_seven_leaf_tree_has_the_rfc_shape():
    tree = _tree(7)
    # leaf 3 of 7: siblings leaf 2, then MTH(D[0:2]), then MTH(D[4:7])
    assert inclusion_path(3, 7, tree.subtree) == [tree.leaves[2], tree.subtree(0, 2), tree.subtree(4, 7)]
    # consistency 3 → 7: MTH(D[2:3]) … as in RFC 9162 §2.1.5's example (c, d, g, l)
    proof = consistency_path(3, 7, tree.subtree)
    assert proof == [tree.leaves[2], tree.leaves[3], tree.subtree(0, 2), tree.subtree(4, 7)]


@given(st.integers(1, 300), st.data())
def test_any_inclusion_proof_verifies_and_any_change_to_it_fails(size, data):
    tree = _tree(size)
    index = data.draw(st.integers(0, size - 1))
    path = inclusion_path(index, size, tree.subtree)
    root = tree.root()
    assert verify_inclusion(index, size, tree.leaves[index], path, root)
    if path:
        k = data.draw(st.integers(0, len(path) - 1))
        bit = data.draw(st.integers(0, 255))
        tampered = list(path)
        tampered[k] = bytes([tampered[k][0] ^ (bit or 1)]) + tampered[k][1:]
        assert not verify_inclusion(index, size, tree.leaves[index], tampered, root)
        assert not verify_inclusion(index, size, tree.leaves[index], path[:-1], root)
    other = data.draw(st.integers(0, size))
    if other != index and other < size and tree.leaves[other] != tree.leaves[index]:
        assert not verify_inclusion(other, size, tree.leaves[index], path, root)


@given(st.integers(1, 300), st.data())
def test_any_two_sizes_are_consistent_and_a_forged_root_is_not(new, data):
    tree = _tree(new)
    old = data.draw(st.integers(1, new))
    proof = consistency_path(old, new, tree.subtree)
    assert verify_consistency(old, new, tree.root(old), tree.root(), proof)
    forged = MemoryTree(tree.leaves[: old - 1] + [leaf_hash(b"rewritten")])  # history rewritten
    assert not verify_consistency(old, new, forged.root(), tree.root(), proof)
    if proof:
        k = data.draw(st.integers(0, len(proof) - 1))
        tampered = list(proof)
        tampered[k] = hashlib.sha256(tampered[k]).digest()
        assert not verify_consistency(old, new, tree.root(old), tree.root(), tampered)
