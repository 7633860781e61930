"""Length-aware normalisation of Chinese plan text.

Plans arrive with full-width digits and punctuation, traditional characters
and stray spaces inside numbers (``13. 45 亿元``, ``100 家``).  The extractor
works on a normalised copy; :class:`NormalizedText` keeps, for every
character of that copy, its index in the original so that positions reported
to a planner point at the text as written.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["NAME_CACHE", "NormalizedText", "normalize_name", "normalize_text", "to_simplified_char"]

_FULLWIDTH_START = 0xFF01
_FULLWIDTH_END = 0xFF5E
_FULLWIDTH_OFFSET = 0xFEE0

# Dashes, tildes and quotes that mean the same thing in a plan.
_PUNCT_MAP = {
    "\u3000": " ",
    "\u00a0": " ",
    "\u2014": "-",  # em dash
    "\u2013": "-",  # en dash
    "\u2015": "-",
    "\u2212": "-",
    "\u301c": "~",  # wave dash
    "\u223c": "~",
    "\u2018": "“",
    "\u2019": "”",
    "\u201c": "“",
    "\u201d": "”",
    "\u300c": "“",
    "\u300d": "”",
    "\u3010": "[",
    "\u3011": "]",
    "\ufe4f": "_",
    "\u30fb": "·",
    "\u2022": "·",
    "\uff65": "·",
    "\r": "\n",
}
# Full-width forms that should stay Chinese punctuation after mapping.
_KEEP_FULLWIDTH = {"\uff01": "!", "\uff1f": "?"}


@dataclass(frozen=True)
class NormalizedText:
    """A normalised text with a map back to the original.

    Parameters
    ----------
    text
        The normalised text.
    offsets
        ``offsets[i]`` is the index in the original text of ``text[i]``;
        one extra entry maps ``len(text)`` to ``len(original)``.
    """

    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of :attr:`text` to the original text.

        Examples
        --------
        >>> n = normalize_text("建成 100 家")
        >>> n.text
        '建成100家'
        >>> n.original_span(2, 5)
        (3, 6)
        """
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if end == start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


#: How many names a lookup keeps: names come back again and again across a
#: long text.
NAME_CACHE = 1 << 16


@lru_cache(maxsize=1)
def _simplified_chars() -> dict[str, str]:
    """zhconv's table of traditional characters and their simplified forms,
    one character to one: what ``zhconv.convert(char, "zh-hans")`` gives for
    a single character.

    Read from zhconv's data file without importing zhconv, whose import
    loads ``pkg_resources`` (a fifth of a second of every cold start).
    """
    spec = importlib.util.find_spec("zhconv")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        return {}
    table: dict[str, str] = json.loads(
        Path(spec.origin).with_name("zhcdict.json").read_text(encoding="utf-8")
    )["zh2Hans"]
    return {old: new for old, new in table.items() if len(old) == 1 and len(new) == 1}


def to_simplified_char(char: str) -> str:
    """Return the simplified form of one character (itself if it has none).

    Examples
    --------
    >>> to_simplified_char("區")
    '区'
    """
    return _simplified_chars().get(char, char)


def _map_char(char: str) -> str:
    if char in _KEEP_FULLWIDTH:
        return _KEEP_FULLWIDTH[char]
    if char in _PUNCT_MAP:
        return _PUNCT_MAP[char]
    code = ord(char)
    if _FULLWIDTH_START <= code <= _FULLWIDTH_END:
        # Full-width parentheses, comma, colon, semicolon become ASCII; the
        # extractor treats both widths alike after this step.
        return chr(code - _FULLWIDTH_OFFSET)
    if char.isspace():
        return " " if char != "\n" else "\n"
    if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff":
        if "\uf900" <= char <= "\ufaff":
            char = unicodedata.normalize("NFKC", char)[:1] or char
        return to_simplified_char(char)
    return char


def _is_numeric_neighbour(char: str) -> bool:
    return char.isdigit() or char in ".%"


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _drop_space(prev: str, nxt: str) -> bool:
    """Whether a run of spaces between ``prev`` and ``nxt`` is noise."""
    if not prev or not nxt:
        return True
    if prev == "\n" or nxt == "\n":
        return True
    digit_side = _is_numeric_neighbour(prev) or _is_numeric_neighbour(nxt)
    cjk_or_digit = (_is_cjk(prev) or _is_numeric_neighbour(prev)) and (
        _is_cjk(nxt) or _is_numeric_neighbour(nxt)
    )
    if digit_side and cjk_or_digit:
        return True
    # Spaces after or before Chinese punctuation or quotes carry no meaning.
    punct = "“”\"'(),.;:!?、。《》[]~-·"
    return prev in punct or nxt in punct


def normalize_text(raw: str) -> NormalizedText:
    """Normalise widths, dashes, traditional characters and spaces.

    Full-width ASCII becomes half-width, traditional characters become
    simplified, spaces inside numbers and next to punctuation are dropped,
    other runs of spaces become one space (a word boundary).

    Parameters
    ----------
    raw
        Text as read from the document.

    Returns
    -------
    NormalizedText
        The normalised text and its map back to ``raw``.

    Examples
    --------
    >>> normalize_text("建設２０ 家產業園區，達到 1 600家").text
    '建设20家产业园区,达到1600家'
    """
    # Map each distinct character once; every mapping is one character long.
    table = {ord(c): _map_char(c) for c in set(raw)}
    mapped = raw.translate(table)
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    n = len(mapped)
    while i < n:
        char = mapped[i]
        if char == " ":
            j = i
            while j < n and mapped[j] == " ":
                j += 1
            prev = out[-1] if out else ""
            nxt = mapped[j] if j < n else ""
            if not _drop_space(prev, nxt):
                out.append(" ")
                offsets.append(i)
            i = j
            continue
        out.append(char)
        offsets.append(i)
        i += 1
    offsets.append(len(raw))
    return NormalizedText("".join(out), tuple(offsets))


@lru_cache(maxsize=NAME_CACHE)
def normalize_name(name: str) -> str:
    """Normalise a carrier name for comparison.

    Applies :func:`normalize_text`, drops all spaces, unifies brackets and
    the middle dot, so that names written in different styles compare equal.

    Examples
    --------
    >>> normalize_name("中欧（洛阳）科創國際合作產業園")
    '中欧(洛阳)科创国际合作产业园'
    >>> normalize_name("联东U谷・洛阳 光电")
    '联东U谷·洛阳光电'
    """
    text = normalize_text(name).text
    return "".join(c for c in text if not c.isspace()).replace("“", "").replace("”", "")
