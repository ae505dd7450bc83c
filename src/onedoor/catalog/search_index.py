"""The search index of one district's published catalog: phrase tables by text, pinyin, syllables and
initials, bigram postings with their rarity, and joined strings for substring search. Built once per
catalog revision (see search.py); pure Python, no database."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from onedoor.catalog.search_text import LIFE_EVENT_WORDS, initials, name_parts, normalize, syllables

# Field weights: a name counts fully, a citizen's synonym almost as much, broader labels less.
NAME, NAME_PART, KEYWORD, RESULT, LIFE_EVENT, THEME, DEPARTMENT = 1.0, 0.9, 0.97, 0.8, 0.75, 0.7, 0.6
MAX_PHRASE = 64
MAX_OCCURRENCES = 5_000
MAX_FUZZY_CHOICES = 30_000
FUZZY_MAX_LENGTH = 16  # longer phrases are reached by substring and overlap matching, not by edit distance


@dataclass(frozen=True)
class Entry:
    version_id: int
    item_id: int
    code: str
    name: str
    subject: str
    department: str
    instant: bool
    depth: int
    themes: frozenset


class Blob:
    """Many strings joined into one, so that a substring search over all of them runs in C (`str.find`)."""

    def __init__(self, keys: list, strings: list[str] | None = None):
        self.keys = keys
        self.strings = strings if strings is not None else list(keys)
        self.starts = []
        position = 0
        for text in self.strings:
            self.starts.append(position)
            position += len(text) + 1
        self.text = "\x00".join(self.strings)

    def containing(self, needle: str):
        """(index, offset) of each occurrence of `needle`, at most MAX_OCCURRENCES of them."""
        if not needle:
            return
        found, i = 0, self.text.find(needle)
        while i != -1 and found < MAX_OCCURRENCES:
            k = bisect_right(self.starts, i) - 1
            yield k, i - self.starts[k]
            found += 1
            i = self.text.find(needle, i + 1)


def _postings():
    return defaultdict(list)


@dataclass
class SearchIndex:
    entries: list[Entry] = field(default_factory=list)
    postings: dict = field(default_factory=_postings)  # normalized phrase -> [(entry, weight)]
    by_pinyin: dict = field(default_factory=_postings)  # "chushengdengji" -> [(entry, weight)]
    by_syllables: dict = field(default_factory=_postings)  # ("chu", "sheng", "deng", "ji") -> ...
    by_initials: dict = field(default_factory=_postings)  # "csdj" -> ...
    bigrams: dict = field(default_factory=lambda: defaultdict(set))  # "登记" -> {entry}
    codes: dict[str, int] = field(default_factory=dict)
    fuzzy_phrases: set = field(default_factory=set)  # names and synonyms worth an edit-distance comparison
    longest: int = 2

    def add_phrase(
        self, entry: int, text: str, weight: float, *, sounds: bool = True, fuzzy: bool = False
    ) -> None:
        """Index one phrase of an entry; `sounds` adds its pinyin, `fuzzy` offers it to typo matching."""
        phrase = normalize(text)[:MAX_PHRASE]
        if not phrase:
            return
        self.postings[phrase].append((entry, weight))
        self.longest = max(self.longest, len(phrase))
        for i in range(len(phrase) - 1):
            self.bigrams[phrase[i : i + 2]].add(entry)
        if fuzzy and len(phrase) <= FUZZY_MAX_LENGTH:
            self.fuzzy_phrases.add(phrase)
        if phrase.isascii() or not sounds:
            return
        sylls = syllables(phrase)
        self.by_syllables[sylls].append((entry, weight))
        self.by_pinyin["".join(sylls)].append((entry, weight))
        self.by_initials[initials(phrase)].append((entry, weight))

    def finish(self) -> None:
        self.phrases = Blob(list(self.postings))
        self.pinyins = Blob(list(self.by_pinyin))
        aligned = list(self.by_syllables)
        self.aligned = Blob(aligned, ["'".join(s) for s in aligned])
        self.initial_blob = Blob(list(self.by_initials))
        self.code_blob = Blob(list(self.codes))
        self.fuzzy = sorted(self.fuzzy_phrases)[:MAX_FUZZY_CHOICES]
        self.fuzzy_pinyin = sorted({"".join(syllables(p)) for p in self.fuzzy if not p.isascii()})[
            :MAX_FUZZY_CHOICES
        ]
        n = max(len(self.entries), 1)
        self.idf = {gram: math.log(1 + n / len(ids)) for gram, ids in self.bigrams.items()}
        # In a large catalog, bigrams found in over a third of the items (登记, 申请) say little.
        self.common_idf = math.log(4) if n >= 30 else 0.0


def _split(text: str) -> list[str]:
    return [part for part in (text or "").replace("，", ",").replace("、", ",").split(",") if part.strip()]


def build_index(rows) -> SearchIndex:
    """rows: (version id, item id, code, name, subject, department code, department name, department short
    name, kind, depth, keywords, themes, life events, result name) of each published version."""
    index = SearchIndex()
    for row in rows:
        version_id, item_id, code, name, subject, dept_code, dept_name, dept_short, kind, depth = row[:10]
        keywords, themes, events, result = row[10:]
        entry = len(index.entries)
        index.entries.append(
            Entry(
                version_id,
                item_id,
                code,
                name,
                subject,
                dept_code,
                kind == "instant",
                depth,
                frozenset(themes or ()),
            )
        )
        index.codes[normalize(code)] = entry
        parts = name_parts(name)
        index.add_phrase(entry, name, NAME, sounds=not parts, fuzzy=not parts)
        for part, is_main in parts:
            index.add_phrase(entry, part, NAME if is_main else NAME_PART, fuzzy=is_main)
        for keyword in _split(keywords):
            index.add_phrase(entry, keyword, KEYWORD, fuzzy=True)
        for event in events or ():
            for word in (event, *LIFE_EVENT_WORDS.get(event, ())):
                index.add_phrase(entry, word, LIFE_EVENT)
        for theme in themes or ():
            index.add_phrase(entry, theme, THEME)
        for part in _split(result):
            index.add_phrase(entry, part, RESULT)
        for label in {dept_name, dept_short} - {"", None}:
            index.add_phrase(entry, label, DEPARTMENT)
    index.finish()
    return index
