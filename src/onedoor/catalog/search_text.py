"""Text handling for catalog search: normalization, pinyin and the filler words of everyday questions.
Pure functions, no database."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

_NOT_WORD = re.compile(r"[\W_]+")
_NAME_SPLIT = re.compile(r"[（()）、，,；;：:\u201c\u201d\"]+")

# Words that carry no meaning about which item a citizen wants ("我想问一下去哪里办理…需要什么材料").
# They are not removed from the query; they only stop counting against how much of it an item explains.
FILLERS = tuple(
    sorted(
        {
            "我想",
            "我要",
            "我家",
            "我们",
            "我的",
            "请问",
            "想问",
            "问一下",
            "一下",
            "怎么办",
            "怎么",
            "怎样",
            "如何",
            "哪里",
            "在哪",
            "去哪",
            "哪儿",
            "哪个",
            "需要",
            "什么",
            "材料",
            "手续",
            "流程",
            "办理",
            "要办",
            "可以",
            "能不能",
            "能否",
            "应该",
            "是不是",
            "要去",
            "得去",
            "想要",
            "刚刚",
            "已经",
            "现在",
            "帮忙",
            "这个",
            "那个",
            "一个",
            "吗",
            "呢",
            "啊",
            "吧",
            "了",
            "的",
            "我",
        },
        key=len,
        reverse=True,
    )
)
_FILLER = re.compile("|".join(map(re.escape, FILLERS)))


# Everyday words for the life events (人生事件) items are tagged with, so "父亲去世了…" reaches the items of 身故.
# Catalog staff tag items with the event; these words are searched with the life event's weight.
LIFE_EVENT_WORDS = {
    "出生": ("刚出生", "新生儿", "宝宝出生", "婴儿"),
    "生育": ("怀孕", "备孕", "生小孩", "生二胎", "生三胎"),
    "结婚": ("结婚", "领证", "新婚"),
    "离婚": ("离婚",),
    "上学": ("上学", "读书", "入学", "开学"),
    "工作": ("上班", "入职", "找工作", "打工"),
    "失业": ("失业", "没工作", "被辞退", "辞职", "裁员"),
    "退休": ("退休",),
    "养老": ("老人", "老年人", "长者"),
    "身故": ("去世", "过世", "死亡", "逝世", "丧事", "身后事"),
    "买房": ("买房", "购房", "买房子"),
    "迁居": ("搬家", "迁居", "搬来"),
    "就医": ("看病", "住院", "就医", "看医生"),
    "残障": ("残疾", "伤残"),
    "退役": ("退伍", "退役", "复员"),
    "困难救助": ("困难", "没钱", "救济"),
    "开办企业": ("开公司", "开店", "创业", "做生意"),
    "变更注销": ("变更", "注销", "关门"),
    "项目建设": ("建项目", "工程项目", "盖厂房"),
}


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, no spaces or punctuation."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text or "").lower())


def name_parts(name: str) -> list[tuple[str, bool]]:
    """The parts of an item name split at brackets and enumerations, the first marked as the main part:
    "居民身份证换领（有效期满）" → [("居民身份证换领", True), ("有效期满", False)]."""
    parts = [p for p in _NAME_SPLIT.split(name or "") if normalize(p)]
    if len(parts) < 2:
        return []
    return [(part, i == 0) for i, part in enumerate(parts)]


def is_ascii_word(text: str) -> bool:
    return bool(text) and text.isascii() and text.isalpha()


@lru_cache(maxsize=200_000)
def syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin syllables of a normalized text; runs of letters or digits stay as they are."""
    return tuple(lazy_pinyin(text, style=Style.NORMAL, errors="default"))


@lru_cache(maxsize=200_000)
def initials(text: str) -> str:
    """First letters of the syllables ("出生登记" → "csdj"); runs of Latin letters or digits stay whole."""
    return "".join(s if s in text else s[0] for s in syllables(text))


def content_mask(query: str) -> list[bool]:
    """For each character of the query, whether it says what the citizen wants (is not a filler word)."""
    mask = [True] * len(query)
    for match in _FILLER.finditer(query):
        for i in range(match.start(), match.end()):
            mask[i] = False
    if not any(mask):
        return [True] * len(query)
    return mask


def content_segments(query: str) -> list[str]:
    """The query split at filler words: the parts that say what the citizen wants."""
    return [segment for segment in _FILLER.split(query) if segment] or [query]
