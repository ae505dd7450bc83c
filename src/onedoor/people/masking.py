"""Masking personal data for lists and summaries (脱敏). Full values appear only on a logged full view."""

from __future__ import annotations

STAR = "*"

# Common two-character surnames (复姓): kept whole, so 欧阳娜娜 → 欧阳** rather than 欧***.
_COMPOUND_SURNAMES_TEXT = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 端木 独孤 南宫 西门 百里 "
    "澹台 公冶 太史 申屠 闻人 万俟 赫连 钟离 宗政 濮阳 淳于 单于 仲孙 拓跋 鲜于 东郭 公羊 左丘 "
    "司空 亓官 司寇 子车 颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 段干 微生 羊舌 梁丘 东门 呼延 第五"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND_SURNAMES_TEXT.split())


def _mask_middle(value: str, head: int, tail: int, stars: int | None = None) -> str:
    if len(value) <= head + tail:
        # Too short to keep both ends: keep at most the last quarter, hide the rest.
        keep = len(value) // 4
        return STAR * (len(value) - keep) + value[len(value) - keep :]
    middle = len(value) - head - tail if stars is None else stars
    return value[:head] + STAR * middle + value[len(value) - tail :]


def mask_id_number(number: str) -> str:
    """440604199001011234 → 440604********1234: area code and last four kept, birth date hidden."""
    return _mask_middle(number or "", head=6, tail=4)


def mask_uscc(code: str) -> str:
    """91350100M000100Y43 → 913501********0Y43: department, category and area prefix, last four."""
    return _mask_middle(code or "", head=6, tail=4)


def mask_number(number: str) -> str:
    """Either kind of number; both are 18 characters and masked alike."""
    return mask_id_number(number)


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; landlines keep their first three and last four characters too."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    return _mask_middle(phone, head=3, tail=4)


def mask_name(name: str) -> str:
    """张三 → 张*, 张三丰 → 张**, 欧阳娜娜 → 欧阳**: the surname stays, the given name is hidden."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    keep = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:keep] + STAR * (len(name) - keep)
