"""The pure rules of online applications: what an upload may be (by content, not by name) and who may apply
for which item online."""

import io
from types import SimpleNamespace

import pytest
from PIL import Image

from onedoor.applications.services import online_check
from onedoor.applications.uploads import check, sniff
from onedoor.core.errors import DomainError, Forbidden

LIMIT = 1024 * 1024


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 0, 0)).save(out, fmt)
    return out.getvalue()


def test_types_are_told_by_their_content():
    assert sniff(b"%PDF-1.7\n") == "application/pdf"
    assert sniff(_image("JPEG")[:16]) == "image/jpeg"
    assert sniff(_image("PNG")[:16]) == "image/png"
    assert sniff(b"GIF89a......") == "" and sniff(b"PK\x03\x04 a zip or docx") == ""


def test_good_files_pass_with_their_type():
    assert check(_image("PNG"), max_bytes=LIMIT).content_type == "image/png"
    assert check(_image("JPEG"), max_bytes=LIMIT).content_type == "image/jpeg"
    assert check(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", max_bytes=LIMIT).content_type == (
        "application/pdf"
    )


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "file_empty"),
        (b"MZ\x90\x00 an executable", "file_type"),
        (b"%PDF-1.4 cut off in the middle", "file_broken"),
        (_image("PNG")[:40], "file_broken"),  # a PNG header with no picture behind it
        (b"%PDF-" + b"x" * LIMIT, "file_too_large"),
    ],
)
def test_bad_files_are_refused_with_a_reason(content, code):
    result = check(content, max_bytes=LIMIT)
    assert result.code == code and result.problem and not result.content_type


def _version(depth=3, subject="person", level=3):
    return SimpleNamespace(depth=depth, item=SimpleNamespace(subject=subject), min_identity_level=level)


def test_who_may_apply_online():
    online_check(_version(), person=None, level=3)
    online_check(_version(depth=4, level=2), person=None, level=2)
    with pytest.raises(DomainError) as shallow:
        online_check(_version(depth=2), person=None, level=5)
    assert shallow.value.code == "not_online"
    with pytest.raises(DomainError) as firm:
        online_check(_version(subject="enterprise"), person=None, level=5)
    assert firm.value.code == "act_for_enterprise"  # an enterprise item: only acting for an enterprise
    online_check(_version(subject="enterprise"), person=None, level=5, enterprise=object())
    with pytest.raises(Forbidden) as low:
        online_check(_version(level=4), person=None, level=3)
    assert low.value.code == "identity_level_too_low" and "L4" in str(low.value.message)
