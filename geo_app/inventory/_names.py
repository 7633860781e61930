"""Names compared across lists: one spelling per carrier.

A planner's list writes ``洛阳伊滨智慧岛``, ``联东U谷·洛阳光电科技产业社区`` or
``河南省XX孵化器有限公司`` where the registry writes ``伊滨智慧岛``; folding
width, traditional characters, punctuation, company endings and the city or
province in front makes these spellings compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import zhconv

from geo_app.extraction._places import CITIES as _ALL_CITIES
from geo_app.extraction._places import PROVINCES

__all__ = ["fold_text", "normalise_name"]

# Company endings: a list may name the operating company instead of the carrier.
_COMPANY = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团公司|公司)$")
# Punctuation, brackets and separators (·, 、, full-width forms after NFKC).
_PUNCT = re.compile(
    r"[\s·•・.,，、;；:：!！?？'\"“”‘’《》<>〈〉「」『』()\[\]【】{}（）\-—–_/\\|~～*#&＆+]+"
)
_BRACKETED = re.compile(r"[(（\[【]([^()（）\[\]【】]*)[)）\]】]")
_PREFIX = re.compile(
    "^(?:(?:"
    + "|".join(sorted((re.escape(p) for p in PROVINCES), key=len, reverse=True))
    + ")(?:省|市|自治区)?)?(?:(?:"
    + "|".join(sorted((re.escape(c) for c in _ALL_CITIES), key=len, reverse=True))
    + ")市?)?"
)


def fold_text(text: str) -> str:
    """NFKC, simplified characters, case-folded, inner spaces between Chinese removed.

    Examples
    --------
    >>> fold_text("  聯東Ｕ谷 科技園 ")
    '联东u谷科技园'
    """
    folded = zhconv.convert(unicodedata.normalize("NFKC", text), "zh-cn").casefold().strip()
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", folded)


def _unbracket(text: str) -> str:
    """Drop a bracketed place (``中欧(洛阳)…``), keep other bracketed words."""

    def keep(match: re.Match[str]) -> str:
        inner = match.group(1)
        return "" if _PREFIX.fullmatch(inner) else inner

    return _BRACKETED.sub(keep, text)


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """One spelling of a carrier's name for comparison.

    Folds width, case and traditional characters (zhconv), removes
    punctuation, brackets around a place, ``有限公司``-style endings and a
    leading province and/or city (``河南省洛阳市``, ``洛阳``).

    Examples
    --------
    >>> normalise_name("联东U谷·洛阳光电科技产业社区")
    '联东u谷洛阳光电科技产业社区'
    >>> normalise_name("河南省洛阳市 伊濱智慧島")
    '伊滨智慧岛'
    >>> normalise_name("中欧（洛阳）科创国际合作产业园")
    '中欧科创国际合作产业园'
    >>> normalise_name("洛阳炎黄科技园有限公司")
    '炎黄科技园'
    """
    text = _unbracket(fold_text(name))
    text = _PUNCT.sub("", text)
    text = _COMPANY.sub("", text)
    stripped = _PREFIX.sub("", text, count=1)
    # A name that is only a place keeps it (洛阳 → 洛阳, not "").
    return stripped if len(stripped) >= 2 else text
