"""Building blocks shared by OneDoor's PDFs: styles in the embedded Chinese font, escaped paragraphs that
switch to a fallback font for characters the main font lacks, tables, the QR code, dates, and the builder."""

from __future__ import annotations

import datetime as dt
import functools
import io
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

import segno
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Table, TableStyle

from onedoor.documents.fonts import font_set

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
CREATOR = "OneDoor 一门式政务服务平台"
GRID = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef2f6")
MUTED = colors.HexColor("#52606d")

# ReportLab keeps some module-level state while it lays out a document; one render at a time per process
# costs a few milliseconds of waiting at most and rules out interleaving in threaded servers.
_render_lock = threading.Lock()


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    font = font_set().main
    base = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK")
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=16, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", base, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4),
        "label": ParagraphStyle("label", base, textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=10, leading=14),
        "small": ParagraphStyle("small", base, fontSize=8.5, leading=12, textColor=MUTED),
        "centre_small": ParagraphStyle("centre_small", base, fontSize=8.5, leading=12, alignment=TA_CENTER),
        "big": ParagraphStyle("big", base, fontSize=14, leading=20),
    }


def markup(value: Any) -> str:
    """Paragraph markup for a plain value: XML-escaped, and runs of characters the main font lacks set in
    the first fallback font that has them."""
    fonts = font_set()
    text = "" if value is None else str(value)
    out: list[str] = []
    run, run_font = "", fonts.main
    for char in text:
        font = fonts.font_for(char) or fonts.main
        if font != run_font and run:
            out.append(_wrap(run, run_font, fonts.main))
            run = ""
        run += char
        run_font = font
    if run:
        out.append(_wrap(run, run_font, fonts.main))
    return "".join(out).replace("\n", "<br/>")


def _wrap(run: str, font: str, main: str) -> str:
    return escape(run) if font == main else f'<font name="{font}">{escape(run)}</font>'


def para(value: Any, style: str = "body") -> Paragraph:
    return Paragraph(markup(value), styles()[style])


def table(data: list[list[Any]], col_widths: Sequence[float], commands: list[tuple], **kwargs) -> Table:
    """A Table whose own font (used for empty cells and spacing) is the embedded one, not Helvetica, so
    the PDF references no font it does not embed."""
    result = Table(data, colWidths=list(col_widths), **kwargs)
    result.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font_set().main), *commands]))
    return result


def key_value_table(rows: Iterable[tuple[str, Any]], label_width: float = 32 * mm) -> Table:
    data = [[para(label, "label"), para(value, "cell")] for label, value in rows if value not in (None, "")]
    return table(
        data,
        [label_width, CONTENT_WIDTH - label_width],
        [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ],
    )


def list_table(header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float]) -> Table:
    """A numbered list with a header row; `widths` are fractions of the content width (the number column
    is added in front)."""
    number_width = 12 * mm
    col_widths = [number_width] + [(CONTENT_WIDTH - number_width) * w for w in widths]
    data = [[para("序号", "label")] + [para(h, "label") for h in header]]
    data += [[para(n, "cell")] + [para(v, "cell") for v in row] for n, row in enumerate(rows, 1)]
    return table(
        data,
        col_widths,
        [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ],
        repeatRows=1,
    )


def qr_code(url: str, size: float = 32 * mm) -> Image:
    """The QR code of a URL as an image, with its four-module quiet zone; error correction M (15 %)."""
    qr = segno.make(url, error="m", micro=False, boost_error=False)
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=4, border=4)
    buffer.seek(0)
    return Image(buffer, width=size, height=size)


def format_date(value: dt.date | dt.datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


def format_datetime(value: dt.datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    value = _local(value)
    return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def build(
    story: list[Flowable],
    *,
    title: str,
    author: str,
    subject: str,
    on_page: Callable[[Any, Any], None] | None = None,
) -> bytes:
    """Lay out the story on A4 and return the PDF. Output is deterministic (no creation time or random id),
    so the same data gives the same bytes."""
    fonts = font_set()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        subject=subject,
        creator=CREATOR,
        producer=CREATOR,
        invariant=True,
        pageCompression=1,
        displayDocTitle=True,
        initialFontName=fonts.main,
        lang="zh-CN",
    )

    def decorate(canvas, document):
        if on_page is not None:
            canvas.saveState()
            on_page(canvas, document)
            canvas.restoreState()
        canvas.saveState()
        canvas.setFont(fonts.main, 8)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(PAGE_WIDTH / 2, MARGIN / 2, f"第 {document.page} 页")
        canvas.restoreState()

    with _render_lock:
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
