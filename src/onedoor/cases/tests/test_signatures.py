"""The rules of a handwritten signature on the pad (cases/signatures.py): what counts as one, and its digest."""

import json

import pytest
from django.utils import translation

from onedoor.cases.signatures import MAX_STROKES, digest_of, strokes_of
from onedoor.core.errors import DomainError

NAME = [[[0.1, 0.5], [0.2, 0.3], [0.3, 0.6], [0.4, 0.4]], [[0.5, 0.5], [0.6, 0.2], [0.7, 0.7], [0.8, 0.45]]]


def test_a_signature_is_kept_as_drawn_rounded_to_a_ten_thousandth():
    drawn = [[[0.123456, 0.5], *NAME[0][1:]], NAME[1]]
    assert strokes_of(drawn)[0][0] == [0.1235, 0.5]
    assert strokes_of(json.dumps(NAME)) == NAME  # the page sends it as JSON text


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        [],
        {"strokes": NAME},
        [[]],
        [[[0.1, 0.2, 0.3]]],
        [[[0.1, "0.2"]]],
        [[[True, 0.2]]],
        [[[1.2, 0.5], [0.3, 0.4]]],
        [[[-0.1, 0.5], [0.3, 0.4]]],
        [[[0.1, 0.1], [0.2, 0.2]]] * (MAX_STROKES + 1),
    ],
    ids=[
        "text",
        "nothing",
        "object",
        "empty stroke",
        "3-d",
        "string",
        "bool",
        "beyond",
        "negative",
        "too many",
    ],
)
def test_what_is_not_a_signature_is_refused(raw):
    with pytest.raises(DomainError) as refused:
        strokes_of(raw)
    assert refused.value.code == "bad_signature"


def test_a_tap_or_a_dot_is_too_small_to_be_a_signature():
    tap = [[[0.5, 0.5]]]
    dot = [[[0.5 + i / 1000, 0.5] for i in range(20)]]
    for raw in (tap, dot):
        with pytest.raises(DomainError) as refused:
            strokes_of(raw)
        with translation.override("en"):
            assert "too small to be a signature" in str(refused.value.message)


def test_the_digest_covers_the_text_and_every_point():
    base = digest_of("本人承诺……", NAME)
    assert len(base) == 64
    assert digest_of("本人承诺……", NAME) == base
    assert digest_of("本人承诺。", NAME) != base
    moved = [NAME[0], [*NAME[1][:-1], [0.8, 0.46]]]
    assert digest_of("本人承诺……", moved) != base
