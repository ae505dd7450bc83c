"""Reading our PDFs back the way a checker would: text, fonts, images (pypdf)."""

from __future__ import annotations

import io

import segno
from pypdf import PdfReader


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    return PdfReader(io.BytesIO(pdf))


def text(pdf: bytes) -> str:
    """All text, with the line breaks and spaces the layout introduced removed (a long Chinese value may wrap
    in the middle)."""
    raw = "".join(page.extract_text() for page in read(pdf).pages)
    return "".join(raw.split())


def fonts(pdf: bytes) -> list[dict]:
    """Every font the pages use: its name and whether its program is embedded (FontFile, FontFile2 for
    TrueType, FontFile3 for CFF/OpenType), looking into the descendant of a composite (Type0) font."""
    found = {}
    for page in read(pdf).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            target = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
            found[str(font["/BaseFont"])] = {"name": str(font["/BaseFont"]), "embedded": embedded}
    return list(found.values())


def qr_matches(pdf: bytes, url: str) -> bool:
    """True when the PDF holds an image that is exactly the QR code of `url` (module for module): a check as
    strong as decoding it, without a QR decoder."""
    expected = [
        list(row) for row in segno.make(url, error="m", micro=False, boost_error=False).matrix_iter(border=4)
    ]
    size = len(expected)
    for page in read(pdf).pages:
        for image in page.images:
            picture = image.image.convert("L")
            if picture.width != picture.height or picture.width % size:
                continue
            scale = picture.width // size
            modules = [
                [
                    picture.getpixel((c * scale + scale // 2, r * scale + scale // 2)) < 128
                    for c in range(size)
                ]
                for r in range(size)
            ]
            if modules == [[bool(v) for v in row] for row in expected]:
                return True
    return False
