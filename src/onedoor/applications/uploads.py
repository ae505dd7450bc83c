"""What a citizen may upload for a material (pure rules): PDF, JPEG or PNG, told apart by their content, never
by the name or the browser's claim, and no larger than the configured limit. Images must decode."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


@dataclass
class Checked:
    content_type: str = ""
    problem: object = None  # a lazy, localized message when the file is refused
    code: str = ""


def sniff(head: bytes) -> str:
    """The type the bytes are, by their signature; '' when none of the allowed ones."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return ""


def check(content: bytes, *, max_bytes: int) -> Checked:
    if not content:
        return Checked(problem=_("The file is empty."), code="file_empty")
    if len(content) > max_bytes:
        return Checked(
            problem=_("The file is larger than %(mb).0f MB: scan at a lower resolution or split it.")
            % {"mb": max_bytes / 1024 / 1024},
            code="file_too_large",
        )
    kind = sniff(content[:16])
    if not kind:
        return Checked(
            problem=_("Only PDF, JPEG or PNG files are accepted; this file is none of them."),
            code="file_type",
        )
    if kind == "application/pdf":
        if b"%%EOF" not in content[-1024:]:
            return Checked(problem=_("The PDF file is incomplete: upload it again."), code="file_broken")
        return Checked(content_type=kind)
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return Checked(
            problem=_("The image is damaged and cannot be read: upload it again."), code="file_broken"
        )
    return Checked(content_type=kind)
