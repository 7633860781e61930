"""Trim words kept before a carrier name, with jieba's tagged dictionary.

The rule-based walk (:func:`~geo_app.extraction._boundary.left_boundary`)
stops at listed verbs and prepositions; words it does not list
(``考察组一行走进青禾智慧岛``, ``科技厅此次把兴庆…产业园``) stay in front of the
name.  The words of the candidate are found in jieba's bundled dictionary
(each word with its frequency and part of speech) by jieba's own method, the
most probable split into dictionary words; characters the dictionary does
not know are taken together as one unknown word, most often a proper name.
A function word (preposition, pronoun, adverb, conjunction, particle) of
two or more characters directly followed by a noun or by the bare carrier
word, or a verb of two or more characters directly followed by a proper
noun (place, organisation, other name, or an unknown word), ends the name
there; a numeral with its measure word (首个,
一行) only before a proper noun.  Single characters are left to the word
lists, because inside names they are too often part of a word (郑州经开,
许昌魏都, 创之谷).

Only the dictionary file is read (about half a second, once): jieba's
part-of-speech model is not loaded.  Without jieba, names are left as the
walk found them.
"""

from __future__ import annotations

import importlib.util
import math
from functools import lru_cache
from pathlib import Path

from geo_app.extraction._lexicon import GENERIC_WORDS
from geo_app.extraction._places import city_prefix_length, county_names

__all__ = ["ENABLED", "FIRM_WORDS", "INDUSTRY_VERBS", "segmenter_cut", "tag_words"]

#: Whether the tagger is used (switch off to measure what it adds).
ENABLED = True

# Function words that end a name before any noun; a numeral with its
# measure word (首个, 一行, 第一家) only before a proper noun.  Bare numerals
# (一品, 三江) and time words (天时) are often part of a name.
_FUNCTION_FLAGS = frozenset({"p", "r", "d", "c", "u"})
_QUANTITY_FLAGS = frozenset({"m", "q"})
_MEASURES = frozenset("个家批行座所处位")
_VERB_FLAGS = frozenset({"v", "vd", "vi", "vn"})
_NAME_FLAGS = frozenset({"ns", "nz", "nr", "nrt", "nrfg", "nt", "j", "eng", "x"})
_GENERIC = frozenset(GENERIC_WORDS)
# Words the tagger reads as verbs or adverbs that are words of a name: an
# industry inside a park's name (三江口节能环保生态产业园, 食品加工产业园),
# a zone's 特别: they end no name.
INDUSTRY_VERBS = frozenset(
    {
        "节能",
        "制造",
        "加工",
        "研发",
        "智造",
        "养殖",
        "种植",
        "储能",
        "康养",
        "循环",
        "装配",
        "冷链",
        "重工",
    }
    # 深汕特别合作区, 广清经济特别合作区.
    | {"特别"}
)
#: Firms and brands the tagger reads as verbs or adverbs (联想智慧创新产业园,
#: 天开高教科创园) or that begin or end with a stop word (以岭, 华为, 美的):
#: they begin a name.
FIRM_WORDS = frozenset({"联想", "华为", "美的", "以岭", "天开", "格力", "海尔", "小米", "比亚迪"})
_MIN_WORD = 2
_MAX_WORD = 8
_UNKNOWN = "x"


class _Dictionary:
    """jieba's dictionary, read as cheaply as a cold start allows.

    Each word maps to its row; its log probability is worked out the first
    time it is asked for (most of the 349,000 words never are), and the two-
    and three-character beginnings of longer words let a split stop looking
    once no word can continue.
    """

    def __init__(self, names: list[str], freqs: list[str], flags: list[str]) -> None:
        self.rows = dict(zip(names, range(len(names)), strict=True))
        self.flags = flags
        self._freqs = freqs
        self.log_total = math.log(sum(map(int, freqs)) or 1)
        self.beginnings = (
            frozenset(word[:2] for word in names if len(word) > 2),
            frozenset(word[:3] for word in names if len(word) > 3),
        )
        self._weights: dict[int, float] = {}

    def weight(self, row: int) -> float:
        """The log probability of the word in ``row``."""
        found = self._weights.get(row)
        if found is None:
            found = math.log(int(self._freqs[row]) or 1) - self.log_total
            self._weights[row] = found
        return found

    def may_continue(self, piece: str) -> bool:
        """Whether a longer word could begin with ``piece`` (of 2 or more characters)."""
        if len(piece) > 3:
            return True
        return piece in self.beginnings[len(piece) - 2]


@lru_cache(maxsize=1)
def _dictionary() -> _Dictionary | None:
    """jieba's bundled dictionary (``dict.txt``), found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        return None
    path = Path(spec.origin).with_name("dict.txt")
    try:
        # One line per word: the word, its frequency and its part of speech.
        # Read as one split (several times faster than line by line, which
        # a cold start of the CLI pays for).
        tokens = path.read_text(encoding="utf-8").split()
        if len(tokens) % 3:
            raise ValueError("dict.txt: a line without three fields")
        return _Dictionary(tokens[0::3], tokens[1::3], tokens[2::3])
    except (OSError, ValueError):  # pragma: no cover - a damaged installation
        return None


def _unknown_flag(char: str) -> str:
    """Tag of a character the dictionary lacks: digits are numerals (``m``),
    Latin letters ``eng``, anything else part of an unknown name (``x``)."""
    if char.isdigit():
        return "m"
    if char.isascii() and char.isalpha():
        return "eng"
    return _UNKNOWN


def tag_words(text: str) -> list[tuple[str, str]]:
    """``text`` split into dictionary words with their part of speech.

    Runs of characters the dictionary does not know come out as one word
    tagged ``x``.

    Examples
    --------
    >>> tag_words("把兴庆数字经济")[0]
    ('把', 'p')
    """
    loaded = _dictionary()
    if loaded is None:
        return [(text, _UNKNOWN)]
    rows = loaded.rows
    size = len(text)
    best: list[tuple[float, int]] = [(0.0, size)] * (size + 1)
    for start in range(size - 1, -1, -1):
        single = rows.get(text[start])
        first = -loaded.log_total if single is None else loaded.weight(single)
        candidates = [(first + best[start + 1][0], start + 1)]
        for end in range(start + 2, min(size, start + _MAX_WORD) + 1):
            piece = text[start:end]
            found = rows.get(piece)
            if found is not None:
                candidates.append((loaded.weight(found) + best[end][0], end))
            if not loaded.may_continue(piece):
                break
        best[start] = max(candidates)
    tagged: list[tuple[str, str]] = []
    pos = 0
    while pos < size:
        end = best[pos][1]
        word = text[pos:end]
        row = rows.get(word)
        flag = loaded.flags[row] if row is not None else _unknown_flag(word)
        if row is None and tagged and tagged[-1][1] == flag:
            tagged[-1] = (tagged[-1][0] + word, flag)
        else:
            tagged.append((word, flag))
        pos = end
    return tagged


def _flag(flag: str) -> str:
    return flag[:1] if flag[:1] in "pdcumq" else flag


@lru_cache(maxsize=8192)
def segmenter_cut(stem: str, suffix: str) -> int:
    """How many characters to drop from the left of ``stem`` (0 if none).

    Parameters
    ----------
    stem
        The name found by the walk, without its carrier suffix.
    suffix
        The carrier word it ends with.

    Examples
    --------
    >>> segmenter_cut("考察组一行走进青禾", "智慧岛")
    7
    >>> segmenter_cut("郑州经开", "智慧岛")
    0
    """
    if not ENABLED or len(stem) < _MIN_WORD + 1:
        return 0
    words = tag_words(stem + suffix)
    cut = 0
    pos = 0
    for index, (word, flag) in enumerate(words):
        end = pos + len(word)
        if end > len(stem):
            break
        following = words[index + 1] if index + 1 < len(words) else ("", "")
        if following[0] in _GENERIC and following[1] in _NAME_FLAGS:
            # 联运智慧物流园区: a descriptive word the tagger reads as a
            # person's name (智慧) is a common word.
            following = (following[0], "n")
        bare = end == len(stem)
        if _ends_name(word, flag, following[1], bare):
            cut = end
        pos = end
    return cut


def _ends_name(word: str, flag: str, next_flag: str, bare: bool) -> bool:
    """Whether ``word`` is a function word or verb that ends a name on its left."""
    if (
        len(word) < _MIN_WORD
        or word in _GENERIC
        or word in INDUSTRY_VERBS
        or word in FIRM_WORDS
        or city_prefix_length(word) == len(word)
        or word in county_names()
    ):
        # A city's or a county's name (大连, 大足, tagged adverbs) always
        # belongs to the name.
        return False
    base = _flag(flag)
    if base in _FUNCTION_FLAGS:
        return next_flag in _NAME_FLAGS or bare or next_flag == "n"
    if base in _QUANTITY_FLAGS:
        return word[-1] in _MEASURES and next_flag in _NAME_FLAGS
    if base in _VERB_FLAGS:
        # Not before the bare carrier word: 自主创业园, 创新孵化器 are names;
        # a level word after a verb (跻身国家级…) opens a kind.
        return next_flag in _NAME_FLAGS or next_flag == "b"
    return False
