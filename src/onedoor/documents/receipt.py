"""受理回执: the acceptance receipt handed to the applicant at the window.

`render_receipt(data)` takes a plain dict (no models) and returns PDF bytes:

    district            "禅城区"
    centre              "禅城区行政服务中心"
    number              the case number
    applicant_name      "张三丰" (or an enterprise's name)
    applicant_id        the ID number ALREADY MASKED ("440604**********3X"); a full resident ID is refused
    item                the item's name;                item_code, department: optional
    accepted_at         datetime (aware: shown in local time) or ISO string
    mode                "normal" | "trust_first" (告知承诺) | "with_gaps" (容缺受理)
    materials_received  [{"name", "note"?}] or [str]
    materials_waived    [{"name", "satisfied_by"}]: the settled record (or the signed commitment) that
                        replaced the material
    materials_later     [{"name", "deadline"}]: to be supplied by the deadline (date or ISO string)
    commitment          trust first: {"text", "signed_at", "how", "digest"?, "strokes"?}, the signed commitment;
                        `strokes` ([[[x, y], …], …] in 0..1) is the signature drawn on the window's pad
    deadline            the promised completion date;   time_limit: optional text ("10个工作日")
    window, staff       "综合窗口03", "李四"
    progress_url        the public progress page (QR code)
    consultation_phone, complaint_phone
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.graphics.shapes import Drawing, PolyLine, Rect
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from onedoor.documents.layout import (
    CONTENT_WIDTH,
    build,
    format_date,
    format_datetime,
    key_value_table,
    list_table,
    para,
    qr_code,
    table,
)

NUMERALS = "一二三"
MODES = {"normal": "一般受理", "trust_first": "告知承诺", "with_gaps": "容缺受理"}
REQUIRED = (
    "centre",
    "number",
    "applicant_name",
    "applicant_id",
    "item",
    "accepted_at",
    "mode",
    "deadline",
    "progress_url",
)
FULL_RESIDENT_ID = re.compile(r"\d{17}[\dXx]")

TRUST_FIRST_NOTE = (
    "申请人已就上述免于提交的材料作出书面承诺。经核查承诺不实的，行政机关将依法终止办理、责令限期整改，"
    "撤销已作出的决定，依法予以处理，并将失信信息记入申请人信用记录。"
)
WITH_GAPS_NOTE = (
    "本件为容缺受理。请于补交期限前提交上述容缺材料；逾期未补交的，本件将终止办理，已受理事项不予办结。"
)
GENERAL_NOTE = (
    "办理期间如需补正材料，将一次性告知。补正、特别程序（听证、检验检测、专家评审等）所需时间不计入办理时限。"
)


def _check(data: dict[str, Any]) -> None:
    missing = [key for key in REQUIRED if not data.get(key)]
    if missing:
        raise ValueError(f"Receipt data lacks: {', '.join(missing)}.")
    if data["mode"] not in MODES:
        raise ValueError(f"Unknown acceptance mode {data['mode']!r}: one of {', '.join(MODES)}.")
    if FULL_RESIDENT_ID.fullmatch(str(data["applicant_id"])):
        raise ValueError("A receipt prints a masked ID number, never the full one.")


def _name(entry: Any) -> str:
    return entry if isinstance(entry, str) else entry["name"]


def _summary(data: dict[str, Any]) -> list:
    deadline = format_date(data["deadline"])
    if data.get("time_limit"):
        deadline = f"{deadline}前（{data['time_limit']}）"
    window = " · ".join(v for v in (data.get("window"), data.get("staff") and f"受理人 {data['staff']}") if v)
    return [
        ("申请人", f"{data['applicant_name']}（{data['applicant_id']}）"),
        ("申请事项", data["item"] + (f"（事项编码 {data['item_code']}）" if data.get("item_code") else "")),
        ("承办部门", data.get("department")),
        ("受理方式", MODES[data["mode"]]),
        ("受理时间", format_datetime(data["accepted_at"])),
        ("承诺办结时间", deadline),
        ("受理窗口", window),
    ]


def _materials(data: dict[str, Any]) -> list:
    received = data.get("materials_received") or []
    waived = data.get("materials_waived") or []
    later = data.get("materials_later") or []
    sections = []
    if received:
        rows = [[_name(m), "" if isinstance(m, str) else m.get("note", "")] for m in received]
        sections.append(("已收取材料", ["材料名称", "备注"], rows, [0.7, 0.3]))
    if waived:
        rows = [[m["name"], m["satisfied_by"]] for m in waived]
        sections.append(
            ("免于提交材料", ["材料名称", "免交依据（已核验的记录或申请人承诺）"], rows, [0.45, 0.55])
        )
    if later:
        rows = [[m["name"], format_date(m["deadline"])] for m in later]
        sections.append(("容缺后补材料", ["材料名称", "补交期限"], rows, [0.7, 0.3]))
    story: list = []
    for number, (heading, header, rows, widths) in zip(NUMERALS, sections, strict=False):
        story += [para(f"{number}、{heading}", "heading"), list_table(header, rows, widths)]
    return story


SIGNATURE_SIZE = (80 * mm, 80 * mm / 3)  # the pad's signature box is three times as wide as it is high


def _signature(strokes: list) -> Drawing:
    """The strokes drawn on the pad, as lines in a box of the pad's proportions (y grows downwards there)."""
    width, height = SIGNATURE_SIZE
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, strokeColor=colors.lightgrey, fillColor=None, strokeWidth=0.5))
    for stroke in strokes:
        points = [v for x, y in stroke for v in (x * width, (1 - y) * height)]
        if len(points) == 2:  # a dot
            points += [points[0] + 0.5, points[1]]
        drawing.add(PolyLine(points, strokeColor=colors.black, strokeWidth=1.2))
    return drawing


def _commitment(data: dict[str, Any]) -> list:
    """告知承诺: what the applicant signed, how and when; the handwritten signature when it was given on the pad."""
    signed = data.get("commitment")
    if not signed:
        return []
    story = [para("申请人承诺", "heading"), para(signed["text"])]
    line = f"签署方式：{signed['how']}　签署时间：{format_datetime(signed['signed_at'])}"
    if signed.get("digest"):
        line += f"　签名摘要（SHA-256）：{signed['digest'][:16]}…"
    story.append(para(line, "small"))
    if signed.get("strokes"):
        story.append(_signature(signed["strokes"]))
    return story


def _notes(data: dict[str, Any]) -> list:
    notes = {"trust_first": TRUST_FIRST_NOTE, "with_gaps": WITH_GAPS_NOTE}.get(data["mode"])
    story = [para("告知事项", "heading")]
    if notes:
        story.append(para(notes))
    story.append(para(GENERAL_NOTE))
    return story


def _header(data: dict[str, Any]) -> Table:
    """The case number, and the QR code of the public progress page beside it."""
    left = [
        para(f"办件编号：{data['number']}", "big"),
        Spacer(1, 2 * mm),
        para("扫描右侧二维码，或凭办件编号和证件号码后四位查询办理进度：", "small"),
        para(data["progress_url"], "small"),
    ]
    qr_size = 30 * mm
    return table(
        [[left, qr_code(data["progress_url"], qr_size)]],
        [CONTENT_WIDTH - qr_size, qr_size],
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("RIGHTPADDING", (1, 0), (1, 0), 0),
        ],
    )


def _phones(data: dict[str, Any]) -> str:
    parts = (
        data.get("consultation_phone") and f"咨询电话：{data['consultation_phone']}",
        data.get("complaint_phone") and f"投诉电话：{data['complaint_phone']}",
    )
    return "　　".join(part for part in parts if part)


def _issuer(data: dict[str, Any]) -> str:
    district, centre = data.get("district") or "", data["centre"]
    return centre if district in centre else f"{district} {centre}"


def render_receipt(data: dict[str, Any]) -> bytes:
    """The acceptance receipt as PDF bytes (A4, Chinese font embedded). Raises ValueError for missing or
    unsafe data."""
    _check(data)
    story = [
        para(_issuer(data), "subtitle"),
        para("受理回执", "title"),
        _header(data),
        Spacer(1, 2 * mm),
        key_value_table(_summary(data)),
        *_materials(data),
        *_commitment(data),
        *_notes(data),
        Spacer(1, 4 * mm),
        para(_phones(data)),
    ]
    return build(
        story,
        title=f"受理回执 {data['number']}",
        author=data["centre"],
        subject=data["item"],
    )
