"""Automatic checks of a reply's quality, pure Python. Each check gives a result the department sees before
sending and the supervisor sees when reviewing. docs/complaints.md explains each measure and its limits.

empty          hard   nothing but whitespace and punctuation.
too_short      hard   fewer than MIN_CHARS[kind] characters once whitespace and punctuation are removed
                      (complaint 40, consultation 15: a Chinese sentence that names what was done is longer).
template_copy  hard   the normalized reply (whitespace and punctuation removed, letters lowered) is at least
                      SIMILAR_AT (0.9) similar to one of the district's reply templates or to one of the
                      department's recent replies to other complaints (difflib's ratio: 2·matches / total
                      length). A template used as a frame and filled with the particulars stays below it.
no_answer      warn   the question's key terms are absent from the reply: under ANSWER_SHARE (15 %) of the
                      question's key terms (character bigrams of its Chinese runs that are not common
                      function bigrams, and its Latin words and numbers) occur in the reply. Only applied
                      when the question has at least MIN_TERMS (4) key terms. A heuristic: a reply that
                      paraphrases (证照 for 执照) can fail it and a reply that repeats the question can pass it,
                      so it warns and the supervisor decides; it never sends a reply back by itself.
late           warn   sent after the reply deadline. It cannot be put right by answering again, so it is
                      recorded (it counts against the on-time reply rate) and never sends a reply back.
A reply with a hard failure goes back to the department at once; warnings go to the supervisor's review."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

MIN_CHARS = {"complaint": 40, "consultation": 15}
SIMILAR_AT = 0.9
ANSWER_SHARE = 0.15
MIN_TERMS = 4
COMPARED_CHARS = 2000  # similarity is measured on the first 2,000 normalized characters

HARD, WARN = "hard", "warn"
CHECKS = ("empty", "too_short", "template_copy", "no_answer", "late")
SEVERITY = {"empty": HARD, "too_short": HARD, "template_copy": HARD, "no_answer": WARN, "late": WARN}

# Bigrams that say nothing about the subject: greetings, particles, pronouns, question words.
STOP_BIGRAMS = frozenset(
    "您好 你好 请问 谢谢 感谢 我们 你们 您的 我的 他们 这个 那个 什么 怎么 为什么 如何 是否 可以 能否 "
    "能不 不能 需要 一下 已经 还是 没有 就是 因为 所以 但是 如果 现在 目前 时候 问题 情况 相关 有关 "
    "进行 工作 部门 办理 反映 关于 以及 或者 的话 一个 这样 那么 然后 还有 应该 希望 要求 咨询 投诉".split()
)
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[a-z0-9]{2,}")


@dataclass(frozen=True, slots=True)
class Result:
    code: str
    passed: bool
    detail: dict

    @property
    def severity(self) -> str:
        return SEVERITY[self.code]

    @property
    def hard_failure(self) -> bool:
        return not self.passed and self.severity == HARD

    def as_dict(self) -> dict:
        return {"code": self.code, "passed": self.passed, "severity": self.severity, "detail": self.detail}


def normalize(text: str) -> str:
    """NFKC, lower case, without whitespace, punctuation and symbols."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def key_terms(text: str) -> set[str]:
    text = unicodedata.normalize("NFKC", text or "").lower()
    terms = {m for m in _WORD.findall(text)}
    for run in _CJK.findall(text):
        terms.update(run[i : i + 2] for i in range(len(run) - 1))
    return terms - STOP_BIGRAMS


def similarity(a: str, b: str) -> float:
    a, b = a[:COMPARED_CHARS], b[:COMPARED_CHARS]
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR_AT or matcher.quick_ratio() < SIMILAR_AT:
        return matcher.quick_ratio()
    return matcher.ratio()


def check_reply(
    *,
    kind: str,
    question: str,
    reply: str,
    templates: Iterable[str] = (),
    previous: Iterable[str] = (),
    deadline: datetime | None = None,
    at: datetime | None = None,
) -> list[Result]:
    """Every check's result, in the order of CHECKS."""
    body = normalize(reply)
    results = [Result("empty", bool(body), {})]
    minimum = MIN_CHARS.get(kind, MIN_CHARS["complaint"])
    results.append(Result("too_short", len(body) >= minimum, {"length": len(body), "minimum": minimum}))
    best, source = 0.0, ""
    for name, texts in (("template", templates), ("previous_reply", previous)):
        for text in texts:
            score = similarity(body, normalize(text))
            if score > best:
                best, source = score, name
    results.append(
        Result(
            "template_copy",
            not body or best < SIMILAR_AT,
            {"similarity": round(best, 3), "threshold": SIMILAR_AT, "source": source},
        )
    )
    terms = key_terms(question)
    if len(terms) < MIN_TERMS:
        results.append(Result("no_answer", True, {"applied": False, "terms": len(terms)}))
    else:
        found = {t for t in terms if t in body}
        share = len(found) / len(terms)
        results.append(
            Result(
                "no_answer",
                share >= ANSWER_SHARE,
                {"applied": True, "share": round(share, 3), "threshold": ANSWER_SHARE, "terms": len(terms)},
            )
        )
    late = deadline is not None and at is not None and at > deadline
    results.append(Result("late", not late, {"deadline": deadline.isoformat() if deadline else None}))
    return results


def hard_failures(results: Iterable[Result]) -> list[str]:
    return [r.code for r in results if r.hard_failure]


def warnings(results: Iterable[Result]) -> list[str]:
    return [r.code for r in results if not r.passed and r.severity == WARN]
