"""电子证照: the electronic result of a case (licence, certificate, approval letter), signed by the district.

`render_certificate(data)` takes a plain dict (no models) and returns PDF bytes:

    title           "食品经营许可证"
    certificate_id  the certificate's id (printed, and in the verify URL)
    holder_name     person or enterprise;  holder_id: masked ID number or unified social credit code
    item            the item the certificate results from
    department      the issuing department;  issuer: who "provides" it in the watermark (default department)
    issued_on       date or ISO string;      valid_until: optional
    fields          optional [(label, value)] printed between the holder and the issuer (经营场所 …)
    verify_url      the public verification page (QR code)
    receipt_url     optional: the transparency log's receipt for this certificate (printed under the QR code)
    key_id          the district key that signed the payload
    signature       the base64url Ed25519 signature (only its fingerprint is printed)
    district        optional, printed above the title

The page carries the A-level e-licence watermark (国办函〔2016〕108号): "此件由××提供,仅供办理政务服务事项时
使用", diagonally across the page and once as a line under the content.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from onedoor.core.signing import ALGORITHM, signature_fingerprint
from onedoor.documents.fonts import font_set
from onedoor.documents.layout import (
    CONTENT_WIDTH,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    build,
    format_date,
    key_value_table,
    para,
    qr_code,
    table,
)

REQUIRED = (
    "title",
    "certificate_id",
    "holder_name",
    "holder_id",
    "item",
    "department",
    "issued_on",
    "verify_url",
    "key_id",
    "signature",
)
FULL_RESIDENT_ID = re.compile(r"\d{17}[\dXx]")
WATERMARK_GREY = colors.HexColor("#b0b8c1")


def watermark_text(issuer: str) -> str:
    return f"此件由{issuer}提供，仅供办理政务服务事项时使用"


def _check(data: dict[str, Any]) -> None:
    missing = [key for key in REQUIRED if not data.get(key)]
    if missing:
        raise ValueError(f"Certificate data lacks: {', '.join(missing)}.")
    if FULL_RESIDENT_ID.fullmatch(str(data["holder_id"])):
        raise ValueError("A certificate prints a masked ID number, never the full one.")


def _watermark(text: str):
    def draw(canvas, _document):
        canvas.setFont(font_set().main, 13)
        canvas.setFillColor(WATERMARK_GREY)
        canvas.setFillAlpha(0.28)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(30)
        for row in range(-6, 7):
            offset = (row % 2) * 60 * mm
            canvas.drawCentredString(offset - 30 * mm, row * 32 * mm, text)

    return draw


def _verification(data: dict[str, Any]) -> Table:
    lines = [
        para("扫描二维码或访问以下网址核验本证照真伪：", "small"),
        para(data["verify_url"], "small"),
        Spacer(1, 2 * mm),
        para(f"签名算法：{ALGORITHM}"),
        para(f"签名密钥标识：{data['key_id']}"),
        para(f"签名指纹：{signature_fingerprint(data['signature'])}"),
    ]
    if data.get("receipt_url"):  # the district's transparency log: its offline receipt for this certificate
        lines += [para("透明日志收据（离线核验）：", "small"), para(data["receipt_url"], "small")]
    return table(
        [[qr_code(data["verify_url"], 36 * mm), lines]],
        [42 * mm, CONTENT_WIDTH - 42 * mm],
        [("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
    )


def render_certificate(data: dict[str, Any]) -> bytes:
    """The electronic certificate as PDF bytes (A4, Chinese font embedded). Raises ValueError for missing or
    unsafe data."""
    _check(data)
    issuer = data.get("issuer") or data["department"]
    rows = [
        ("证照编号", data["certificate_id"]),
        ("持证主体", data["holder_name"]),
        ("证件号码", data["holder_id"]),
        ("办理事项", data["item"]),
        *[(str(label), value) for label, value in data.get("fields") or []],
        ("发证机关", data["department"]),
        ("发证日期", format_date(data["issued_on"])),
        ("有效期至", format_date(data.get("valid_until"))),
    ]
    story = [
        para(data.get("district", ""), "subtitle"),
        para(data["title"], "title"),
        para("电子证照", "subtitle"),
        Spacer(1, 8 * mm),
        key_value_table(rows),
        Spacer(1, 10 * mm),
        _verification(data),
        Spacer(1, 10 * mm),
        para(f"{watermark_text(issuer)}。", "centre_small"),
    ]
    return build(
        story,
        title=f"{data['title']} {data['certificate_id']}",
        author=data["department"],
        subject=data["item"],
        on_page=_watermark(watermark_text(issuer)),
    )
