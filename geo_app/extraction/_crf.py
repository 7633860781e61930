"""A learned tagger of carrier names: character-level BIO with a CRF.

Each character of a sentence gets a label, ``B`` (first character of a
carrier name), ``I`` (inside one) or ``O``.  The features of a character are
the character and its neighbours (±2, and bigrams), its kind (digit, Latin,
punctuation), its place in jieba's word split and that word's part of speech
(:func:`~geo_app.extraction._segment.tag_words`), whether a carrier word of
the lexicon (``carrier_suffixes.csv``) starts, ends or covers it and how far
the next one ends, whether a word of the extractor's lists (stop words,
generic words, endings of organisations) covers it or ends just before it,
whether a city, county or landmark name starts at it, and whether the
rule-based extractor found a name there (so the model can learn where the
rules go wrong).  Traditional characters, full-width forms and dashes are
read as the extractor reads them (one character for one).

A list whose members share a carrier word (郑州经开、洛阳伊滨等8个智慧岛) is
tagged member by member; :func:`span_name` completes a member with the
carrier word written after it.

python-crfsuite is an optional dependency, imported only to train or tag:
the features need the extractor alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo_app.extraction._errors import DocumentError
from geo_app.extraction._lexicon import (
    CARRIER_SUFFIXES,
    GENERIC_WORDS,
    ORGANISATION_WORDS,
    STOP_WORDS,
    suffix_category,
)
from geo_app.extraction._normalize import normalize_name, normalize_text
from geo_app.extraction._pipeline import extract_text
from geo_app.extraction._places import (
    city_at,
    county_city_at,
    landmark_city_at,
    place_heads,
)
from geo_app.extraction._segment import tag_words

__all__ = [
    "DEFAULT_C1",
    "DEFAULT_C2",
    "Features",
    "gold_spans",
    "load_tagger",
    "sentence_features",
    "span_name",
    "tag",
    "train",
]

Features = dict[str, str | float]
"""The features of one character (string values are one-hot, floats weights)."""

#: Regularisation (L1, L2) of :func:`train` unless given.
DEFAULT_C1 = 0.05
DEFAULT_C2 = 0.01

_SUFFIX_RE = re.compile(
    "|".join(re.escape(s) for s in sorted(CARRIER_SUFFIXES, key=len, reverse=True))
)
_MIN_LISTED = 2
_LISTED = {
    "stop": STOP_WORDS,
    "generic": GENERIC_WORDS,
    "organisation": ORGANISATION_WORDS,
}
_LISTED_RE = {
    kind: re.compile(
        "|".join(
            re.escape(w) for w in sorted(words, key=len, reverse=True) if len(w) >= _MIN_LISTED
        )
    )
    for kind, words in _LISTED.items()
}
_PUNCT = frozenset("“”\"'(),.;:!?、。《》[]~-·…/|<>{}@#%&*+=_")
_PLACE_WINDOW = 24
_MAX_ITERATIONS = 200


@lru_cache(maxsize=16384)
def _char(char: str) -> str:
    """One character as the extractor reads it (simplified, half-width)."""
    mapped = normalize_text(char).text
    return mapped if len(mapped) == 1 else char


def _reading(text: str) -> str:
    """``text`` read character for character (same length as ``text``)."""
    return "".join(_char(c) for c in text)


def _kind(char: str) -> str:
    if char.isdigit():
        return "digit"
    if char.isascii() and char.isalpha():
        return "latin"
    if char.isspace():
        return "space"
    if char in _PUNCT:
        return "punct"
    if "\u3400" <= char <= "\u9fff":
        return "han"
    return "other"


def _word_positions(text: str) -> tuple[list[str], list[str]]:
    """For each character: B/M/E/S in the word split, and the word's tag."""
    places: list[str] = []
    flags: list[str] = []
    for word, flag in tag_words(text) if text else []:
        size = len(word)
        if size == 1:
            places.append("S")
        else:
            places.extend(["B", *(["M"] * (size - 2)), "E"])
        flags.extend([flag] * size)
    return places, flags


@lru_cache(maxsize=1)
def _suffixes_by_initial() -> dict[str, tuple[str, ...]]:
    """The lexicon's carrier words grouped by their first character, in
    lexicon order."""
    grouped: dict[str, list[str]] = {}
    for suffix in CARRIER_SUFFIXES:
        grouped.setdefault(suffix[0], []).append(suffix)
    return {initial: tuple(words) for initial, words in grouped.items()}


def _suffix_marks(text: str) -> tuple[list[set[str]], list[int]]:
    """Carrier words of the lexicon at each character, and the distance to
    the end of the nearest carrier word at or after it (-1 if none)."""
    marks: list[set[str]] = [set() for _ in text]
    ends: list[int] = []
    by_initial = _suffixes_by_initial()
    for start in range(len(text)):
        for suffix in by_initial.get(text[start], ()):
            if text.startswith(suffix, start):
                end = start + len(suffix)
                marks[start].add("start")
                marks[end - 1].add("end")
                ends.append(end - 1)
                for inner in range(start, end):
                    marks[inner].add("in")
    ends.sort()
    distance = [-1] * len(text)
    following = -1
    pointer = len(ends) - 1
    for index in range(len(text) - 1, -1, -1):
        while pointer >= 0 and ends[pointer] >= index:
            following = ends[pointer]
            pointer -= 1
        distance[index] = following - index if following >= 0 else -1
    return marks, distance


def _listed_marks(text: str) -> list[set[str]]:
    """Words of the extractor's lists (stop words, generic words, endings of
    organisations) covering each character, and those ending just before it."""
    marks: list[set[str]] = [set() for _ in text]
    for kind, pattern in _LISTED_RE.items():
        for match in pattern.finditer(text):
            marks[match.start()].add(f"{kind}_start")
            for index in range(match.start(), match.end()):
                marks[index].add(kind)
            if match.end() < len(text):
                marks[match.end()].add(f"after_{kind}")
    return marks


def _bucket(distance: int) -> str:
    if distance < 0:
        return "none"
    if distance <= 2:
        return str(distance)
    if distance <= 5:
        return "3-5"
    if distance <= 10:
        return "6-10"
    if distance <= 20:
        return "11-20"
    return "far"


def _place_starts(text: str) -> list[str]:
    """Which kind of place name (city, county, landmark) starts at each character."""
    kinds: list[str] = []
    heads = place_heads()
    for index in range(len(text)):
        if text[index : index + 2] not in heads:
            kinds.append("")
            continue
        window = text[index : index + _PLACE_WINDOW]
        if city_at(window) is not None:
            kinds.append("city")
        elif county_city_at(window) is not None:
            kinds.append("county")
        elif landmark_city_at(window) is not None:
            kinds.append("landmark")
        elif county_city_at(window, short_names=True) is not None:
            kinds.append("county_short")
        else:
            kinds.append("")
    return kinds


def rule_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` where the rule-based extractor found a carrier name."""
    if not text.strip():
        return []
    try:
        extraction = extract_text(text, learned=False)
    except DocumentError:  # a text the extractor refuses has no rule names
        return []
    return [(c.start, c.end) for c in extraction.carriers if 0 <= c.start < c.end <= len(text)]


def sentence_features(text: str, rules: Sequence[tuple[int, int]] | None = None) -> list[Features]:
    """The features of each character of ``text`` (one dict per character).

    Parameters
    ----------
    text
        A sentence as written.
    rules
        Spans the rule-based extractor found in ``text``; computed when
        ``None``.

    Examples
    --------
    >>> f = sentence_features("建设郑州经开智慧岛")
    >>> len(f), f[8]["suffix_end"], f[2]["place"]
    (9, 1.0, 'city')
    """
    read = _reading(text)
    places, flags = _word_positions(read)
    marks, distance = _suffix_marks(read)
    starts = _place_starts(read)
    listed = _listed_marks(read)
    rule = ["O"] * len(text)
    for start, end in rule_spans(text) if rules is None else rules:
        for index in range(max(0, start), min(end, len(text))):
            rule[index] = "B" if index == start else "I"
    padded = f"\x02\x02{read}\x03\x03"
    kinds = [_kind(c) for c in padded]
    features: list[Features] = []
    for index, char in enumerate(read):
        at = index + 2
        one: Features = {
            "bias": 1.0,
            "c0": char,
            "c-1": padded[at - 1],
            "c-2": padded[at - 2],
            "c+1": padded[at + 1],
            "c+2": padded[at + 2],
            "b-1": padded[at - 1 : at + 1],
            "b+1": padded[at : at + 2],
            "b-2": padded[at - 2 : at],
            "b+2": padded[at + 1 : at + 3],
            "kind": kinds[at],
            "kind-1": kinds[at - 1],
            "kind+1": kinds[at + 1],
            "word": places[index],
            "pos": flags[index],
            "word|pos": f"{places[index]}|{flags[index]}",
            "next_suffix": _bucket(distance[index]),
            "rule": rule[index],
            "rule-1": rule[index - 1] if index else "BOS",
            "rule+1": rule[index + 1] if index + 1 < len(text) else "EOS",
        }
        for mark in sorted(marks[index]):
            one[f"suffix_{mark}"] = 1.0
        for mark in sorted(listed[index]):
            one[mark] = 1.0
        if starts[index]:
            one["place"] = starts[index]
        if index and starts[index - 1]:
            one["place-1"] = starts[index - 1]
        features.append(one)
    return features


def _crfsuite() -> Any:
    import pycrfsuite  # type: ignore[import-untyped,import-not-found,unused-ignore]

    return pycrfsuite


def _labels(size: int, spans: Iterable[tuple[int, int]]) -> list[str]:
    labels = ["O"] * size
    for start, end in spans:
        if 0 <= start < end <= size:
            labels[start] = "B"
            for index in range(start + 1, end):
                labels[index] = "I"
    return labels


def gold_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Every place in ``text`` where one of ``names`` is written.

    Names are compared as the extractor reads them (simplified characters,
    spaces and quotes ignored); longer names win over names inside them.  A
    name written as a member of a list with a shared carrier word
    (郑州经开、洛阳伊滨等8个智慧岛 for 郑州经开智慧岛) is located by its
    own part (郑州经开), the carrier word being written later in the text.

    Examples
    --------
    >>> gold_spans("支持郑州经开、洛阳伊滨等智慧岛", ["郑州经开智慧岛", "洛阳伊滨智慧岛"])
    [(2, 6), (7, 11)]
    """
    read = _reading(text)
    taken = [False] * len(text)
    spans: list[tuple[int, int]] = []
    for name in sorted({normalize_name(n) for n in names if n}, key=lambda n: (-len(n), n)):
        pattern = re.compile(r"[\s“”\"']*".join(re.escape(c) for c in name))
        found = [(m.start(), m.end()) for m in pattern.finditer(read)]
        if not found:
            found = _list_member(read, name)
        for start, end in found:
            if not any(taken[start:end]):
                spans.append((start, end))
                for index in range(start, end):
                    taken[index] = True
    return sorted(spans)


def _list_member(read: str, name: str) -> list[tuple[int, int]]:
    """Where the own part of a list member is written (the shared word after it)."""
    for cut in range(len(name) - 1, 1, -1):
        head, tail = name[:cut], name[cut:]
        at = read.find(head)
        if at >= 0 and read.find(tail, at + cut) >= 0:
            return [(at, at + cut)]
    return []


def _spans(labels: Sequence[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = -1
    for index, label in enumerate([*labels, "O"]):
        if label != "I" and start >= 0:
            spans.append((start, index))
            start = -1
        if label == "B" or (label == "I" and start < 0):
            start = index
    return spans


def train(
    sentences_with_gold_spans: Iterable[tuple[str, Sequence[tuple[int, int]]]],
    path: str | Path,
    *,
    c1: float = DEFAULT_C1,
    c2: float = DEFAULT_C2,
    features: Iterable[list[Features]] | None = None,
) -> Path:
    """Train a tagger on sentences with their carrier spans; write it to ``path``.

    ``features`` (one list per sentence, in the same order) spares computing
    them again when one set of sentences trains several models.
    """
    trainer = _crfsuite().Trainer(verbose=False)
    pairs = list(sentences_with_gold_spans)
    computed = list(features) if features is not None else [sentence_features(t) for t, _ in pairs]
    for (text, spans), sentence in zip(pairs, computed, strict=True):
        if text:
            trainer.append(sentence, _labels(len(text), spans))
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": _MAX_ITERATIONS,
            "feature.possible_transitions": True,
        }
    )
    target = Path(path)
    trainer.train(str(target))
    return target


def load_tagger(path: str | Path) -> Any:
    """Open a trained model for :func:`tag`."""
    tagger = _crfsuite().Tagger()
    tagger.open(str(path))
    return tagger


def tag(
    text: str,
    model: Any,
    *,
    features: list[Features] | None = None,
) -> list[tuple[int, int]]:
    """Spans of ``text`` the model tags as carrier names.

    ``model`` is a path to a trained model or a tagger from
    :func:`load_tagger`.
    """
    if not text:
        return []
    tagger = load_tagger(model) if isinstance(model, str | Path) else model
    labels = tagger.tag(features if features is not None else sentence_features(text))
    return _spans(labels)


def span_name(text: str, start: int, end: int) -> str:
    """The carrier name of a tagged span: its text, completed with the
    carrier word written after it when the span is a member of a list
    (郑州经开 in 郑州经开、洛阳伊滨等8个智慧岛 → 郑州经开智慧岛).

    Examples
    --------
    >>> span_name("郑州经开、洛阳伊滨等8个智慧岛", 0, 4)
    '郑州经开智慧岛'
    """
    name = text[start:end]
    if suffix_category(normalize_name(name)) is not None:
        return name
    match = _SUFFIX_RE.search(_reading(text), end)
    return name + text[match.start() : match.end()] if match else name
