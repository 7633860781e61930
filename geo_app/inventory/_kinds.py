"""Carrier kinds (孵化器, 众创空间, 高新区 …): what a row of a list is.

The kinds, their map category, Chinese and English names and synonyms live
in ``data/kinds.csv`` (see ``data/README.md``). A row is classified by its
type column first — a 大学科技园 typed so is an incubation carrier even
when its name ends in 科技园 — then by its name; the level comes from a
级别 column, else from words in the type or the name, else the kind's
default (a 国家火炬特色产业基地 is national).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

from geo_app.errors import DataFileError
from geo_app.inventory._names import fold_text
from geo_app.model import Category, Level

__all__ = ["KINDS_CSV", "Classification", "Kind", "classify_carrier", "classify_level", "kinds"]

#: The shipped kinds table.
KINDS_CSV: Final[Path] = Path(__file__).with_name("data") / "kinds.csv"
_KIND_COLUMNS: Final[tuple[str, ...]] = (
    "key",
    "category",
    "level",
    "zh",
    "en",
    "synonyms",
    "source",
)

# Level words, most specific first (国家级 before 国家, 省级 before 省).
_LEVEL_WORDS: Final[tuple[tuple[str, str], ...]] = (
    ("国家级", Level.NATIONAL),
    ("国家", Level.NATIONAL),
    ("national", Level.NATIONAL),
    ("省级", Level.PROVINCIAL),
    ("河南省", Level.PROVINCIAL),
    ("provincial", Level.PROVINCIAL),
    ("市级", Level.MUNICIPAL),
    ("municipal", Level.MUNICIPAL),
)
# In a 级别 cell alone a bare 省 or 市 is a level too.
_CELL_LEVELS: Final[dict[str, str]] = {
    "国": Level.NATIONAL,
    "省": Level.PROVINCIAL,
    "市": Level.MUNICIPAL,
}


@dataclass(frozen=True, slots=True)
class Kind:
    """One row of ``kinds.csv``."""

    key: str
    category: str  # "" for an R&D platform (no map category)
    level: str
    zh: str
    en: str
    synonyms: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Classification:
    """What a row is: map category (``""`` if unknown), kind key and level (``""`` if unknown)."""

    category: str = ""
    kind: str = ""
    level: str = ""


def _read_kinds(path: Path) -> tuple[Kind, ...]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as err:
        raise DataFileError(path, code="file.unreadable", params={"detail": err.strerror}) from err
    out = []
    for number, row in enumerate(rows, start=2):
        missing = [c for c in _KIND_COLUMNS if row.get(c) is None]
        if missing:
            raise DataFileError(
                path, code="inventory.kinds_columns", params={"columns": ", ".join(missing)}, row=1
            )
        category, level = row["category"].strip(), row["level"].strip()
        # An empty category is an R&D platform: a kind targets count, no map layer.
        if (category and category not in set(Category)) or (level and level not in set(Level)):
            raise DataFileError(
                path,
                code="inventory.kinds_value",
                params={"value": category if category not in set(Category) else level},
                row=number,
            )
        words = [row["zh"], *row["synonyms"].split("|")]
        out.append(
            Kind(
                key=row["key"].strip(),
                category=category,
                level=level,
                zh=row["zh"].strip(),
                en=row["en"].strip(),
                synonyms=tuple(dict.fromkeys(fold_text(w) for w in words if w.strip())),
                source=row["source"].strip(),
            )
        )
    return tuple(out)


@lru_cache(maxsize=4)
def kinds(path: Path = KINDS_CSV) -> tuple[Kind, ...]:
    """The kinds of ``kinds.csv`` (read once).

    Raises
    ------
    DataFileError
        If the file is unreadable, lacks a column or names an unknown category or level.
    """
    return _read_kinds(path)


@lru_cache(maxsize=4)
def _words(path: Path = KINDS_CSV) -> tuple[tuple[str, Kind], ...]:
    """(synonym, kind), longest synonym first: 专业化众创空间 before 众创空间."""
    pairs = [(word, kind) for kind in kinds(path) for word in kind.synonyms]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def _kind_in(text: str) -> Kind | None:
    """The kind ``text`` names: the longest synonym it ends with, else the longest it contains."""
    if not text:
        return None
    words = _words()
    for word, kind in words:
        if text.endswith(word):
            return kind
    for word, kind in words:
        if word in text:
            return kind
    return None


def classify_level(*texts: str) -> str:
    """The level written in the first text that names one (``""`` if none).

    Examples
    --------
    >>> classify_level("", "国家级科技企业孵化器"), classify_level("省"), classify_level("孵化器")
    ('national', 'provincial', '')
    """
    for text in texts:
        folded = fold_text(text)
        if not folded:
            continue
        if folded in _CELL_LEVELS:
            return str(_CELL_LEVELS[folded])
        for word, level in _LEVEL_WORDS:
            if word in folded:
                return str(level)
    return ""


def classify_carrier(name: str, type_text: str = "", level_text: str = "") -> Classification:
    """Category, kind and level of a carrier from its type column, name and 级别 column.

    Examples
    --------
    >>> classify_carrier("北航科技园", "大学科技园")
    Classification(category='incubator', kind='university_park', level='')
    >>> classify_carrier("炎黄科技园", "孵化器", "国家级")
    Classification(category='incubator', kind='incubator', level='national')
    >>> classify_carrier("洛阳市涧西区创客空间")
    Classification(category='incubator', kind='makerspace', level='')
    >>> classify_carrier("漯河市某某火炬特色产业基地").level
    'national'
    >>> classify_carrier("某某公司")
    Classification(category='', kind='', level='')
    """
    kind = _kind_in(fold_text(type_text)) or _kind_in(fold_text(name))
    level = classify_level(level_text, type_text, name) or (kind.level if kind else "")
    if kind is None:
        return Classification(level=level)
    # An R&D platform (重点实验室 …) has a kind but no map category.
    return Classification(category=kind.category, kind=kind.key, level=level)
