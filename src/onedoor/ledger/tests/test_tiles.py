"""Tiles (c2sp.org/tlog-tiles): the one spelling of a tile path, the tiles a tree has, and a client that rebuilds
inclusion and consistency proofs from tiles fetched over HTTP alone and checks them against the signed
checkpoints — the test that the tiles are right."""

import pytest

from onedoor.core.signing import canonical_json
from onedoor.ledger import merkle, services, tiles
from onedoor.ledger.models import LedgerEntry
from onedoor.ledger.note import Checkpoint, Note, Verifier
from onedoor.ledger.tiles import Tile


def test_an_index_is_written_as_three_digit_elements_all_but_the_last_with_x():
    assert tiles.format_index(1234067) == "x001/x234/067"
    assert tiles.format_index(0) == "000" and tiles.format_index(1000) == "x001/000"
    assert tiles.parse_path("0/x001/x234/067") == Tile(0, 1234067)
    assert tiles.parse_path("entries/x001/x234/067.p/5") == Tile(None, 1234067, 5)
    assert tiles.parse_path("63/000.p/255") == Tile(63, 0, 255)
    assert Tile(2, 1234067, 17).path() == "tile/2/x001/x234/067.p/17"
    assert Tile(None, 3).path() == "tile/entries/003"


@pytest.mark.parametrize(
    "path",
    [
        "0/1234067",  # not split
        "0/x001/x234/67",  # last element not three digits
        "0/x001/234/067",  # an inner element without x
        "0/x001/x234/x067",  # the last with x
        "0/x000/x001/x234/067",  # a leading zero element
        "0/x000/001",
        "00/000",  # level with a leading zero
        "64/000",  # level above 63
        "-1/000",
        "0/000.p/0",  # empty tile
        "0/000.p/256",
        "0/000.p/007",
        "0/000.p",
        "0/000/",
        "0/0001",
        "0/٠٠١",  # non-ASCII digits
        "entries",
        "1",
        "0/000.p/5/6",
    ],
)
def test_any_other_spelling_of_a_tile_path_is_refused(path):
    with pytest.raises(ValueError):
        tiles.parse_path(path)


def test_a_tree_of_70000_has_the_tiles_the_specification_lists():
    found = tiles.tiles_of(70_000)
    full0 = [t for t in found if t.level == 0 and not t.partial]
    assert len(full0) == 273 and full0[-1] == Tile(0, 272)
    partial = [t for t in found if t.partial]
    assert partial == [Tile(0, 273, 112), Tile(1, 1, 17), Tile(2, 0, 1)]
    assert [t for t in found if t.level == 1 and not t.partial] == [Tile(1, 0)]
    assert len(found) == 273 + 1 + 1 + 1 + 1
    assert tiles.tiles_of(256) == [Tile(0, 0), Tile(1, 0, 1)]
    assert tiles.tiles_of(0) == []
    assert all(t.end <= 70_000 for t in found)
    assert tiles.checkpoint_sizes_needing(Tile(1, 1, 17)) == (273 * 256, 274 * 256)


def test_the_tile_client_computes_any_proof_of_a_70000_tree_from_its_tiles():
    memory = merkle.MemoryTree([merkle.leaf_hash(str(i).encode()) for i in range(70_000)])
    fetched = []

    def fetch(tile):  # a tile server over the memory tree, by the specification's formula
        fetched.append(tile)
        span = 256**tile.level
        return b"".join(
            memory.subtree(i * span, (i + 1) * span) for i in range(tile.first, tile.first + tile.width)
        )

    client, root = tiles.TileClient(70_000, fetch), memory.root()
    assert client.root() == root
    for index in (0, 255, 256, 65_535, 65_536, 69_999):
        path = merkle.inclusion_path(index, 70_000, client.subtree)
        assert merkle.verify_inclusion(index, 70_000, memory.leaves[index], path, root)
    for old in (1, 256, 65_536, 69_888, 69_999):
        proof = merkle.consistency_path(old, 70_000, client.subtree)
        assert merkle.verify_consistency(old, 70_000, memory.root(old), root, proof)
    assert set(fetched) <= set(tiles.tiles_of(70_000)) and len(fetched) == len(set(fetched))


# The stored log over HTTP.

DISTRICT = {"district": "440604"}


def _fill(district, start: int, end: int) -> None:
    for first in range(start, end, 250):
        services.ledger_append_many(
            district=district,
            entries=[
                ("credit", {"record": f"credit-{i}", "good": i % 3 != 0})
                for i in range(first, min(end, first + 250))
            ],
        )


def _fetcher(client):
    def fetch(tile: Tile) -> bytes:
        response = client.get("/ledger/" + tile.path(), DISTRICT)
        assert response.status_code == 200, tile.path()
        assert response["Content-Type"] == "application/octet-stream"
        assert ("immutable" in response["Cache-Control"]) != tile.partial
        return response.content

    return fetch


def _signed(client, verifier) -> Checkpoint:
    note = Note.parse(client.get("/ledger/checkpoint", DISTRICT).content.decode())
    assert note.signed_by(verifier)
    return Checkpoint.parse(note.text)


@pytest.mark.django_db
def test_a_client_proves_entries_and_history_from_tiles_alone(client, chancheng):
    verifier = Verifier.parse(client.get("/ledger/key", DISTRICT).content.decode())
    _fill(chancheng, 0, 700)
    old = _signed(client, verifier)
    services.ledger_record(
        district=chancheng,
        kind="credit.bad",
        public={"reason_code": "late"},
        private={"holder": "SECRET-HOLDER"},
    )
    _fill(chancheng, 701, 1000)
    new = _signed(client, verifier)
    assert (old.size, new.size) == (700, 1000)
    fetch = _fetcher(client)
    for checkpoint in (old, new):
        reader = tiles.TileClient(checkpoint.size, fetch)
        assert reader.root() == checkpoint.root
    reader = tiles.TileClient(1000, fetch)
    for index in (0, 255, 256, 699, 700, 767, 768, 999):
        bundle_tile = Tile(None, index // 256, 256 if index < 768 else 1000 - 768)
        entries = tiles.parse_bundle(fetch(bundle_tile))
        assert len(entries) == bundle_tile.width
        leaf = merkle.leaf_hash(entries[index % 256])
        assert leaf == reader.node(0, index)
        path = merkle.inclusion_path(index, 1000, reader.subtree)
        assert merkle.verify_inclusion(index, 1000, leaf, path, new.root)
        if index < 700:
            old_path = merkle.inclusion_path(index, 700, tiles.TileClient(700, fetch).subtree)
            assert merkle.verify_inclusion(index, 700, leaf, old_path, old.root)
    proof = merkle.consistency_path(700, 1000, reader.subtree)
    assert merkle.verify_consistency(700, 1000, old.root, new.root, proof)
    bundle = fetch(Tile(None, 2))
    assert b'"kind":"credit.bad"' in bundle and b"SECRET-HOLDER" not in bundle  # the body, never the opening
    assert entries[-1] == canonical_json({"v": 1, "kind": "credit", "record": "credit-999", "good": False})


@pytest.mark.django_db
def test_only_tiles_of_published_checkpoints_are_served(client, chancheng, hetang):
    _fill(chancheng, 0, 700)
    services.checkpoint_publish(district=chancheng)
    _fill(chancheng, 700, 1000)
    services.checkpoint_publish(district=chancheng)
    _fill(chancheng, 1000, 1300)  # appended, not yet in any checkpoint
    status = {
        path: client.get(f"/ledger/tile/{path}", DISTRICT).status_code
        for path in [
            "0/000",
            "0/002",
            "entries/002",
            "0/002.p/188",  # size 700
            "entries/002.p/188",
            "1/000.p/2",  # size 700 at level 1
            "0/003.p/232",  # size 1000
            "1/000.p/3",
            "0/003.p/231",  # size 999: never checkpointed
            "1/000.p/1",  # sizes 256-511: never checkpointed
            "0/003",  # needs 1024 entries, beyond the newest checkpoint
            "entries/004.p/20",  # appended after it
            "0/005.p/20",
            "1/000",
            "00/000",
            "0/x000/000",
        ]
    }
    assert status == {
        "0/000": 200,
        "0/002": 200,
        "entries/002": 200,
        "0/002.p/188": 200,
        "entries/002.p/188": 200,
        "1/000.p/2": 200,
        "0/003.p/232": 200,
        "1/000.p/3": 200,
        "0/003.p/231": 404,
        "1/000.p/1": 404,
        "0/003": 404,
        "entries/004.p/20": 404,
        "0/005.p/20": 404,
        "1/000": 404,
        "00/000": 404,
        "0/x000/000": 404,
    }
    full = client.get("/ledger/tile/0/001", DISTRICT)
    assert len(full.content) == 8192 and full["Cache-Control"] == "public, max-age=31536000, immutable"
    assert len(client.get("/ledger/tile/1/000.p/3", DISTRICT).content) == 3 * 32
    assert client.get("/ledger/tile/0/000", {"district": "440699"}).status_code == 404  # nothing published
    assert LedgerEntry.objects.filter(district=chancheng).count() == 1300


@pytest.mark.django_db
def test_a_public_receipt_proves_an_entry_without_its_private_record(client, chancheng):
    from onedoor.ledger import receipts

    for n in range(5):
        services.ledger_record(
            district=chancheng,
            kind="credit.bad",
            public={"reason_code": "late"},
            private={"holder": f"HOLDER-{n}"},
        )
    response = client.get("/ledger/receipt/3", DISTRICT)
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="onedoor.gov.cn-440604-ledger-3.tlog-proof"'
    )
    text = response.content.decode()
    checked = receipts.verify(text, services.signer(chancheng).verifier)
    assert checked.index == 3 and checked.size == 5 and checked.record is None and "HOLDER" not in text
    assert client.get("/ledger/receipt/5", DISTRICT).status_code == 404
    assert client.get("/ledger/receipt/99999999999999999999999", DISTRICT).status_code == 404
    assert client.get("/ledger/receipt/0", {"district": "440699"}).status_code == 404


@pytest.mark.django_db
def test_a_receipt_waits_with_409_until_a_checkpoint_includes_the_entry(client, chancheng, monkeypatch):
    from onedoor.core.errors import DomainError

    services.ledger_append(district=chancheng, kind="credit", data={"record": "a"})
    services.checkpoint_publish(district=chancheng)
    services.ledger_append(district=chancheng, kind="credit", data={"record": "b"})

    def refused(*, district):  # as when the witnesses have not cosigned the new size yet
        raise DomainError("witness_quorum", "no quorum")

    monkeypatch.setattr(services, "checkpoint_publish", refused)
    response = client.get("/ledger/receipt/1", DISTRICT, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409 and "checkpoint" in response.content.decode()
    assert client.get("/ledger/receipt/0", DISTRICT).status_code == 200
