"""The Chinese font every PDF embeds, so a receipt reads the same on any viewer or printer.

ReportLab embeds (subsets) TrueType fonts with glyf outlines only; Debian's fonts-noto-cjk is OpenType/CFF and
cannot be embedded this way. We use WenQuanYi Zen Hei (Debian `fonts-wqy-zenhei`, installed by `make setup`):
TrueType outlines covering the whole CJK Unified Ideographs block and Extension A (about 27,500 hanzi, the
GB 18030 BMP set), which covers rare characters in personal names that smaller fonts lack.

ONEDOOR_PDF_FONTS overrides the list: comma-separated TrueType font paths, a collection's face as
`path#index`; the first is the main font, later ones supply characters the main font lacks (for example a
font with Extensions B–F). Without it, the first present of DEFAULT_FONTS is the main font and the others
are fallbacks.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

DEFAULT_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#0",  # fonts-wqy-zenhei: URO + Extension A
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0",  # fonts-wqy-microhei: URO
    "/usr/share/fonts/truetype/arphic/uming.ttc#0",  # fonts-arphic-uming: part of Extension B
)
INSTALL_HINT = "Install a TrueType CJK font: `make setup` (Debian: apt-get install fonts-wqy-zenhei)."


class FontMissing(RuntimeError):
    """No usable TrueType CJK font: PDFs with Chinese text cannot be made."""


@dataclass(frozen=True)
class FontSet:
    main: str
    fallbacks: tuple[str, ...]
    _covers: dict[str, frozenset[int]]

    def font_for(self, char: str) -> str | None:
        """The first font (main, then fallbacks) with a glyph for this character; None when none has."""
        code = ord(char)
        for name in (self.main, *self.fallbacks):
            if code in self._covers[name]:
                return name
        return None


_lock = threading.Lock()
_fonts: FontSet | None = None


def _configured() -> list[str]:
    value = os.environ.get("ONEDOOR_PDF_FONTS", "")
    return [p.strip() for p in value.split(",") if p.strip()] or list(DEFAULT_FONTS)


def _register(spec: str, name: str) -> frozenset[int] | None:
    path, _, index = spec.partition("#")
    if not Path(path).is_file():
        return None
    try:
        font = TTFont(name, path, subfontIndex=int(index or 0))
    except (TTFError, ValueError) as exc:  # CFF outlines, a broken file, a bad index
        log.warning("PDF font %s cannot be embedded: %s", spec, exc)
        return None
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


def font_set() -> FontSet:
    """Register the fonts once per process (the main font's tables take ~0.3 s to read) and return them."""
    global _fonts
    if _fonts is not None:
        return _fonts
    with _lock:
        if _fonts is None:
            covers: dict[str, frozenset[int]] = {}
            for spec in _configured():
                name = "OneDoorCJK-" + hashlib.sha256(spec.encode()).hexdigest()[:8]
                chars = _register(spec, name)
                if chars:
                    covers[name] = chars
            if not covers:
                raise FontMissing(f"No TrueType CJK font found ({', '.join(_configured())}). {INSTALL_HINT}")
            names = list(covers)
            _fonts = FontSet(main=names[0], fallbacks=tuple(names[1:]), _covers=covers)
    return _fonts
