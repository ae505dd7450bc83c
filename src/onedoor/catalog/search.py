"""Catalog search in citizens' own words (办事指南检索).

An in-process index per district, built from the published versions and rebuilt when the district's
`catalog_revision` changes (one cheap query per search). A query is matched against item names (and the
parts of a name), keywords and synonyms, life events, themes, result names and department names by:

- the exact phrase, or the query inside a phrase ("身份证" → 居民身份证换领);
- phrases inside the query, for long everyday sentences ("我家孩子刚出生要去上户口" → 上户口);
- pinyin: homophone typos ("出生登纪"), full pinyin ("chushengdengji") and initials ("csdj");
- rapidfuzz for other typos (a missing or extra character, n/ng and z/zh confusions in pinyin);
- overlap of character bigrams weighted by rarity, which also favours items explaining more of the query.

Each way gives a score out of 100 times the weight of the field matched; an item keeps its best score.
How to add synonyms and the measured hit rate: docs/search.md.
"""

from __future__ import annotations

import heapq
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from onedoor.catalog.search_index import Blob, Entry, SearchIndex, build_index
from onedoor.catalog.search_text import content_mask, content_segments, is_ascii_word, normalize, syllables
from onedoor.catalog.selectors import published_versions
from onedoor.districts.models import District

MIN_SCORE = 50.0  # weaker matches are noise when there are better ones
WEAK_SCORE = 40.0  # shown only when nothing reaches MIN_SCORE, rather than an empty page
FUZZY_BELOW = 90.0  # run the costlier fuzzy pass only when nothing matched at least this well
FUZZY_MAX_QUERY = 8  # a longer query is a sentence: substring and overlap matching serve it better
MAX_QUERY = 64
UNKNOWN_BIGRAM = 1.0

__all__ = ["Hit", "search"]


@dataclass(frozen=True)
class Hit:
    version_id: int
    item_id: int
    code: str
    name: str
    score: float


@dataclass
class _Scores:
    best: dict[int, float] = field(default_factory=dict)

    def offer(self, postings, factor: float) -> None:
        """Each (entry, field weight) of the postings scores factor × weight; an entry keeps its best."""
        best = self.best
        for entry, weight in postings:
            score = factor * weight
            if score > best.get(entry, 0.0):
                best[entry] = score

    @property
    def top(self) -> float:  # the best score so far, filters aside: decides whether fuzzy matching is needed
        return max(self.best.values(), default=0.0)


# --- the ways of matching ------------------------------------------------------------------------
def _inside(scores: _Scores, blob: Blob, table, needle: str, base: float, span: float) -> None:
    """The query inside a longer phrase: the more of the phrase it covers, the better."""
    for k, _offset in blob.containing(needle):
        ratio = len(needle) / max(len(blob.strings[k]), 1)
        scores.offer(table[blob.keys[k]], base + span * ratio)


def _covering(scores: _Scores, table, units, mask: list[bool], longest: int, base: float) -> None:
    """Phrases inside the query (a long sentence): score by how much of the query's content they explain.
    Positions are bits of an int, so an item's coverage is an OR and a bit count."""
    covered: dict[int, int] = {}
    weight: dict[int, float] = {}
    n = len(units)
    for i in range(n):
        for j in range(i + 2, min(n, i + longest) + 1):
            postings = table.get(units[i:j])
            if not postings:
                continue
            bits = ((1 << (j - i)) - 1) << i
            for entry, w in postings:
                covered[entry] = covered.get(entry, 0) | bits
                if w > weight.get(entry, 0.0):
                    weight[entry] = w
    content_bits = sum(1 << i for i, keep in enumerate(mask) if keep)
    content = content_bits.bit_count() or n
    best = scores.best
    for entry, bits in covered.items():
        score = (base + 40 * (bits & content_bits).bit_count() / content) * weight[entry]
        if score > best.get(entry, 0.0):
            best[entry] = score


def _fuzzy(scores: _Scores, choices: list[str], table, query: str, cutoff: float, factor: float) -> None:
    for choice, ratio, _k in process.extract(
        query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=60
    ):
        scores.offer(table[choice], factor * ratio)


def _overlap(index: SearchIndex, query: str) -> dict[int, float]:
    """Per item, the rarity-weighted share of the query's content bigrams found in its phrases."""
    grams = {seg[i : i + 2] for seg in content_segments(query) for i in range(len(seg) - 1)}
    if not grams:
        return {}
    # A bigram no phrase has mostly spans two words ("孩明" in 小孩明年); it counts, but little.
    total = sum(index.idf.get(g, UNKNOWN_BIGRAM) for g in grams)
    acc: dict[int, float] = defaultdict(float)
    for gram in grams:
        idf = index.idf.get(gram)
        if idf is None or idf < index.common_idf:
            continue
        for entry in index.bigrams[gram]:
            acc[entry] += idf
    return {entry: value / total for entry, value in acc.items()}


def _match_chinese(index: SearchIndex, q: str, scores: _Scores) -> dict[int, float]:
    scores.offer(index.postings.get(q, ()), 100)
    _inside(scores, index.phrases, index.postings, q, 70 if len(q) > 1 else 50, 25)
    mask = content_mask(q)
    _covering(scores, index.postings, q, mask, index.longest, 55)
    sylls = syllables(q)
    if len(sylls) >= 2:
        scores.offer(index.by_pinyin.get("".join(sylls), ()), 95)
        _inside_syllables(index, sylls, scores)
        syllable_mask = mask if len(sylls) == len(q) else [True] * len(sylls)
        _covering(scores, index.by_syllables, sylls, syllable_mask, index.longest, 52)
    if scores.top < FUZZY_BELOW and len(q) <= FUZZY_MAX_QUERY:
        _fuzzy(scores, index.fuzzy, index.postings, q, 60, 0.85)
        if len(sylls) >= 2:
            _fuzzy(scores, index.fuzzy_pinyin, index.by_pinyin, "".join(sylls), 75, 0.88)
    overlap = _overlap(index, q)
    best = scores.best
    for entry, share in overlap.items():
        score = 30 + 40 * share
        if score >= WEAK_SCORE and score > best.get(entry, 0.0):
            best[entry] = score
    return overlap


def _inside_syllables(index: SearchIndex, sylls: tuple, scores: _Scores) -> None:
    """Homophones inside a longer phrase, matched on whole syllables ("身分证" inside 居民身份证换领)."""
    needle = "'".join(sylls)
    blob = index.aligned
    for k, offset in blob.containing(needle):
        text = blob.strings[k]
        end = offset + len(needle)
        if (offset and text[offset - 1] != "'") or (end < len(text) and text[end] != "'"):
            continue
        ratio = len(sylls) / len(blob.keys[k])
        scores.offer(index.by_syllables[blob.keys[k]], 66 + 25 * ratio)


def _match_letters(index: SearchIndex, q: str, scores: _Scores) -> None:
    """A query typed in Latin letters: full pinyin, pinyin initials, or a word such as KTV."""
    scores.offer(index.postings.get(q, ()), 100)
    scores.offer(index.by_pinyin.get(q, ()), 95)
    scores.offer(index.by_initials.get(q, ()), 92)
    for k, offset in index.initial_blob.containing(q):
        ratio = len(q) / len(index.initial_blob.strings[k])
        scores.offer(index.by_initials[index.initial_blob.keys[k]], (72 if offset == 0 else 60) + 20 * ratio)
    for k, offset in index.pinyins.containing(q):
        ratio = len(q) / len(index.pinyins.strings[k])
        scores.offer(index.by_pinyin[index.pinyins.keys[k]], (70 if offset == 0 else 60) + 25 * ratio)
    _inside(scores, index.phrases, index.postings, q, 70, 25)
    if scores.top < FUZZY_BELOW and len(q) >= 4:
        _fuzzy(scores, index.fuzzy_pinyin, index.by_pinyin, q, 75, 0.88)


def _match_code(index: SearchIndex, q: str, scores: _Scores) -> None:
    """Staff type implementation codes, or part of one ("bdc001")."""
    entry = index.codes.get(q)
    if entry is not None:
        scores.offer(((entry, 1.0),), 100)
    elif len(q) >= 4 and any(ch.isdigit() for ch in q):
        for k, _offset in index.code_blob.containing(q):
            scores.offer(((index.codes[index.code_blob.keys[k]], 1.0),), 80)


# --- the index cache ----------------------------------------------------------------------------
_CACHE: dict[int, tuple[tuple, SearchIndex]] = {}
_CACHE_LOCK = threading.Lock()
_BUILD_LOCKS: dict[int, threading.Lock] = {}


def _rows(district):
    return published_versions(district).values_list(
        "id", "item_id", "item__code", "name", "item__subject", "item__department__code",
        "item__department__name", "item__department__short_name", "kind", "depth",
        "keywords", "themes", "life_events", "result_name",
    )  # fmt: skip


def _index_for(district) -> SearchIndex | None:
    key = District.objects.filter(pk=district.pk).values_list("catalog_revision", "created_at").first()
    if key is None:
        return None
    cached = _CACHE.get(district.pk)
    if cached is not None and cached[0] == key:
        return cached[1]
    with _CACHE_LOCK:
        lock = _BUILD_LOCKS.setdefault(district.pk, threading.Lock())
    with lock:  # one thread builds; the others wait for it rather than build the same index again
        cached = _CACHE.get(district.pk)
        if cached is not None and cached[0] == key:
            return cached[1]
        index = build_index(_rows(district))
        _CACHE[district.pk] = (key, index)
        return index


def _keep(entry: Entry, subject, department, instant, depth, theme) -> bool:
    return (
        (not subject or entry.subject == subject)
        and (not department or entry.department == department)
        and (instant is None or entry.instant == instant)
        and (depth is None or entry.depth == depth)
        and (not theme or theme in entry.themes)
    )


def search(
    district,
    q: str,
    *,
    subject: str | None = None,
    department: str | None = None,
    instant: bool | None = None,
    depth: int | None = None,
    theme: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    """The district's published items best matching `q`, best first, narrowed by the filters. An empty query
    lists the filtered items by code with score 0."""
    index = _index_for(district)
    if index is None or limit <= 0:
        return []
    filters = (subject, department, instant, depth, theme)
    query = normalize(q)[:MAX_QUERY]
    if not query and (q or "").strip():
        return []  # punctuation only: nothing asked
    if not query:
        kept = [e for e in index.entries if _keep(e, *filters)]
        return [
            Hit(e.version_id, e.item_id, e.code, e.name, 0.0)
            for e in sorted(kept, key=lambda e: e.code)[:limit]
        ]
    scores, overlap = _Scores(), {}
    _match_code(index, query, scores)
    if is_ascii_word(query):
        if len(query) >= 2:  # one letter means nothing yet
            _match_letters(index, query, scores)
    else:
        overlap = _match_chinese(index, query, scores)
    entries = index.entries
    kept = [
        (score, entry_id)
        for entry_id, score in scores.best.items()
        if score >= WEAK_SCORE and _keep(entries[entry_id], *filters)
    ]
    floor = MIN_SCORE if any(score >= MIN_SCORE for score, _e in kept) else WEAK_SCORE
    ranked = [(score + 8 * overlap.get(e, 0.0), entries[e]) for score, e in kept if score >= floor]
    best = heapq.nsmallest(limit, ranked, key=lambda pair: (-pair[0], pair[1].code))
    return [Hit(e.version_id, e.item_id, e.code, e.name, round(s, 2)) for s, e in best]
