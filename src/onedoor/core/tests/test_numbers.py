"""Numbers typed or sent by anyone: only ASCII digits up to a bigint; anything else is None, never an error."""

import pytest

from onedoor.core.numbers import BIGINT, ascii_int


@pytest.mark.parametrize("value,expected", [("0", 0), ("42", 42), (7, 7), (str(BIGINT), BIGINT)])
def test_ascii_digits_read_as_their_number(value, expected):
    assert ascii_int(value) == expected


@pytest.mark.parametrize(
    "value", ["", None, "²", "٣", "-1", "+1", " 1", "1.0", "1e3", str(BIGINT + 1), "9" * 5000]
)
def test_anything_else_is_none(value):
    assert ascii_int(value) is None
