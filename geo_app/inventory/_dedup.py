"""Duplicates across sources: the same carrier in the registry and in a list.

A candidate matches an existing carrier by (best first): the same name;
the same normalised name in the same city (and district); an alias of it;
one normalised name containing the other's distinctive part in the same
city; or, for two exact sites of the same category, a distance measured in
a Gauss-Krüger projection (never in degrees). Representative points of a
district or city are never compared by distance: every carrier of that
district shares them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd
import pyproj
from scipy.spatial import cKDTree

from geo_app.analysis.crs import gauss_kruger_crs
from geo_app.inventory._kinds import kinds
from geo_app.inventory._names import normalise_name

__all__ = ["MATCH_COLUMNS", "MATCH_REASONS", "match_duplicates"]

#: Columns of :func:`match_duplicates`' result.
MATCH_COLUMNS: Final[tuple[str, ...]] = ("candidate_index", "existing_id", "score", "reason")

#: Every reason :func:`match_duplicates` gives, in each language (``within N m`` apart:
#: its Chinese is ``相距 N 米``).
MATCH_REASONS: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        "same name": {"zh": "同名", "en": "same name"},
        "same normalised name": {"zh": "规范化名称相同", "en": "same normalised name"},
        "same normalised name and district": {
            "zh": "规范化名称相同且同区县",
            "en": "same normalised name and district",
        },
        "alias": {"zh": "别名相同", "en": "alias"},
        "same name apart from its kind word": {
            "zh": "除类型词外同名",
            "en": "same name apart from its kind word",
        },
        "name contains the other, same category": {
            "zh": "名称互相包含且类别相同",
            "en": "name contains the other, same category",
        },
        "name contains the other": {"zh": "名称互相包含", "en": "name contains the other"},
    }
)

# Scores: ≥ 0.9 is the same carrier by its name; below asks the planner.
_SAME_NAME, _SAME_NORMALISED, _ALIAS, _SAME_CORE = 1.0, 0.95, 0.9, 0.9
_CONTAINS_SAME_CATEGORY, _CONTAINS = 0.9, 0.75
_DISTINCT: Final[int] = 2  # characters a contained name keeps once its kind word is removed
_CORE: Final[int] = 3  # characters of a name's own part (炎黄青年) compared without its kind word
_EXACT_SITES: Final[frozenset[str]] = frozenset({"point", "area"})


@dataclass(frozen=True, slots=True)
class _Record:
    key: str  # existing id or "#<index>"
    name: str
    norm: str
    core: str
    aliases: tuple[str, ...]
    city: str
    district: str
    category: str


def _text(frame: pd.DataFrame, column: str) -> list[str]:
    if column not in frame.columns:
        return [""] * len(frame)
    return [
        "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
        for v in frame[column]
    ]


def _records(frame: pd.DataFrame, keys: Iterable[str]) -> list[_Record]:
    names, cities = _text(frame, "name_zh"), _text(frame, "city")
    districts, categories = _text(frame, "admin_district"), _text(frame, "category")
    aliases = _text(frame, "aliases")
    return [
        _Record(
            key,
            names[i].strip(),
            normalise_name(names[i]),
            _distinct(normalise_name(names[i])),
            tuple(normalise_name(a) for a in aliases[i].split("|") if a.strip()),
            cities[i],
            districts[i],
            categories[i],
        )
        for i, key in enumerate(keys)
    ]


@lru_cache(maxsize=1)
def _kind_suffix() -> re.Pattern[str]:
    """Any kind word at the end of a name, longest first."""
    words = sorted({w for kind in kinds() for w in kind.synonyms}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")$")


@lru_cache(maxsize=65536)
def _distinct(norm: str) -> str:
    """The part of a normalised name left once its kind words are removed (炎黄青年数创社区 → 炎黄青年).

    Kind words are peeled off the end repeatedly; a name that is only a kind word stays whole.
    """
    pattern = _kind_suffix()
    if pattern.fullmatch(norm):
        return norm
    while True:
        found = pattern.search(norm, 1)
        if found is None or found.start() == 0:
            return norm
        norm = norm[: found.start()]


def _same_place(a: _Record, b: _Record) -> bool:
    return (not a.city or not b.city or a.city == b.city) and (
        not a.district or not b.district or a.district == b.district
    )


def _name_match(c: _Record, e: _Record) -> tuple[float, str] | None:
    """Score and reason of two records that look like one carrier by name, else ``None``."""
    if not c.norm or not e.norm or not _same_place(c, e):
        return None
    if c.name == e.name:
        return (_SAME_NAME, "same name")
    if c.norm == e.norm:
        both = c.district and c.district == e.district
        reason = "same normalised name and district" if both else "same normalised name"
        return (_SAME_NORMALISED, reason)
    if c.norm in e.aliases or e.norm in c.aliases:
        return (_ALIAS, "alias")
    if not (c.city and e.city):
        return None
    same_category = bool(c.category) and c.category == e.category
    short_core, long_core = sorted((c.core, e.core), key=len)
    if same_category and len(short_core) >= _CORE and short_core in long_core:
        return (_SAME_CORE, "same name apart from its kind word")
    short, long_ = sorted((c.norm, e.norm), key=len)
    # A name that is only a kind word (科技企业孵化器) is inside every such name.
    if (
        short in long_
        and not _kind_suffix().fullmatch(short)
        and len(_distinct(short)) >= _DISTINCT
    ):
        if same_category:
            return (_CONTAINS_SAME_CATEGORY, "name contains the other, same category")
        return (_CONTAINS, "name contains the other")
    return None


def _lonlat(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """lon, lat and whether each row is an exact site (point/area precision)."""
    n = len(frame)
    if "lon" in frame.columns and "lat" in frame.columns:
        lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(dtype=float)
        lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(dtype=float)
    elif "geometry" in frame.columns:
        geoms = list(frame["geometry"])
        lon = np.array([g.x if g is not None and not g.is_empty else np.nan for g in geoms])
        lat = np.array([g.y if g is not None and not g.is_empty else np.nan for g in geoms])
    else:
        lon = lat = np.full(n, np.nan)
    exact = np.array([p in _EXACT_SITES for p in _text(frame, "precision")], dtype=bool)
    return lon, lat, exact & np.isfinite(lon) & np.isfinite(lat)


def _near_pairs(
    candidates: pd.DataFrame, existing: pd.DataFrame, max_distance_m: float
) -> list[tuple[int, int, float]]:
    """(candidate position, existing position, metres) of exact sites within the distance."""
    clon, clat, cok = _lonlat(candidates)
    elon, elat, eok = _lonlat(existing)
    if not cok.any() or not eok.any():
        return []
    centre = float(np.nanmean(np.concatenate([clon[cok], elon[eok]])))
    to_metres = pyproj.Transformer.from_crs(4326, gauss_kruger_crs(centre), always_xy=True)
    cx, cy = to_metres.transform(clon[cok], clat[cok])
    ex, ey = to_metres.transform(elon[eok], elat[eok])
    tree = cKDTree(np.column_stack([ex, ey]))
    cpos, epos = np.flatnonzero(cok), np.flatnonzero(eok)
    out = []
    for i, hits in enumerate(tree.query_ball_point(np.column_stack([cx, cy]), r=max_distance_m)):
        for j in hits:
            metres = math.hypot(cx[i] - ex[j], cy[i] - ey[j])
            out.append((int(cpos[i]), int(epos[j]), metres))
    return out


def _index(records: Iterable[_Record]) -> dict[str, list[_Record]]:
    """Records by every normalised name and alias, and by their distinctive parts' substrings."""
    by: dict[str, list[_Record]] = {}
    for r in records:
        for key in {r.norm, *r.aliases, "core:" + r.core}:
            if key and key != "core:":
                by.setdefault(key, []).append(r)
    return by


def _substrings(text: str, shortest: int = 3) -> set[str]:
    """The beginnings and endings of ``text`` at least ``shortest`` long, and ``text`` itself.

    A list shortens a name at either end (联东U谷 for 联东U谷·洛阳光电科技产业社区,
    伊滨智慧岛 for 洛阳伊滨智慧岛); a part from the middle is not looked for, which
    keeps a 10,000 × 10,000 comparison to a few seconds.
    """
    n = len(text)
    heads = {text[:j] for j in range(shortest, n + 1)}
    tails = {text[i:] for i in range(n - shortest + 1)}
    return heads | tails | ({text} if text else set())


class _Affixes:
    """Records whose key begins or ends with a given text (sorted keys and bisection)."""

    def __init__(self, pairs: Iterable[tuple[str, _Record]]) -> None:
        items = [(k, r) for k, r in pairs if k]
        self._heads = sorted(items, key=lambda item: item[0])
        self._head_keys = [k for k, _ in self._heads]
        self._tails = sorted(((k[::-1], r) for k, r in items), key=lambda item: item[0])
        self._tail_keys = [k for k, _ in self._tails]

    @staticmethod
    def _starting(keys: list[str], items: list[tuple[str, _Record]], text: str) -> list[_Record]:
        out = []
        for position in range(bisect_left(keys, text), len(keys)):
            if not keys[position].startswith(text):
                break
            out.append(items[position][1])
        return out

    def around(self, text: str) -> list[_Record]:
        """Records whose key begins or ends with ``text``."""
        if not text:
            return []
        heads = self._starting(self._head_keys, self._heads, text)
        return heads + self._starting(self._tail_keys, self._tails, text[::-1])


def _candidates_of(
    c: _Record, by_name: dict[str, list[_Record]], names: _Affixes, cores: _Affixes
) -> dict[str, _Record]:
    """Records worth comparing with ``c``: one name, alias or core in or around the other."""
    seen: dict[str, _Record] = {}
    keys = [c.norm, *c.aliases, *_substrings(c.norm)]
    keys += ["core:" + part for part in _substrings(c.core, _CORE)] if len(c.core) >= _CORE else []
    for key in keys:
        for r in by_name.get(key, ()):
            seen[r.key] = r
    around = names.around(c.norm) + (cores.around(c.core) if len(c.core) >= _CORE else [])
    for r in around:
        seen[r.key] = r
    return seen


def _pairs(cands: list[_Record], pool: list[_Record]) -> dict[tuple[str, str], tuple[float, str]]:
    """Best (score, reason) per (candidate key, existing key) matched by name."""
    by_name = _index(pool)
    names = _Affixes((r.norm, r) for r in pool)
    cores = _Affixes((r.core, r) for r in pool if len(r.core) >= _CORE)
    best: dict[tuple[str, str], tuple[float, str]] = {}
    for c in cands:
        for r in _candidates_of(c, by_name, names, cores).values():
            if r.key == c.key:
                continue
            found = _name_match(c, r)
            if found is not None and found[0] > best.get((c.key, r.key), (0.0, ""))[0]:
                best[(c.key, r.key)] = found
    return best


def match_duplicates(
    candidates: pd.DataFrame, existing: pd.DataFrame, *, max_distance_m: float = 500.0
) -> pd.DataFrame:
    """Pairs of a candidate and an existing carrier (or another candidate) that look the same.

    Columns ``candidate_index`` (index label in ``candidates``),
    ``existing_id`` (``existing``'s ``id``, or ``#<index>`` for another
    candidate of the same list), ``score`` (0–1; ≥ 0.9 is the same carrier
    by name, lower ones are for the planner to confirm) and ``reason``
    (``same name``, ``same normalised name and district``, ``alias``,
    ``name contains the other``, ``within 120 m``). Best first per candidate.

    Examples
    --------
    >>> cands = pd.DataFrame({"name_zh": ["洛阳伊滨智慧岛"], "city": ["洛阳市"]})
    >>> reg = pd.DataFrame({"id": ["LY-ISL-02"], "name_zh": ["伊滨智慧岛"], "city": ["洛阳市"]})
    >>> match_duplicates(cands, reg)[["existing_id", "reason"]].values.tolist()
    [['LY-ISL-02', 'same normalised name']]
    """
    cand_keys = [f"#{i}" for i in candidates.index]
    cands = _records(candidates, cand_keys)
    pool = _records(existing, _text(existing, "id"))
    position = {key: i for i, key in enumerate(cand_keys)}
    best = {
        pair: found
        for pair, found in _pairs(cands, pool + cands).items()
        # Inside the list each pair once: the later row is the duplicate.
        if pair[1] not in position or position[pair[0]] > position[pair[1]]
    }
    categories_c = _text(candidates, "category")
    categories_e = _text(existing, "category")
    ids = _text(existing, "id")
    for ci, ei, metres in _near_pairs(candidates, existing, max_distance_m):
        if categories_c[ci] and categories_c[ci] == categories_e[ei]:
            score = (
                round(0.5 + 0.3 * (1 - metres / max_distance_m), 3) if max_distance_m > 0 else 0.8
            )
            key = (cand_keys[ci], ids[ei])
            if score > best.get(key, (0.0, ""))[0]:
                best[key] = (score, f"within {metres:.0f} m")
    labels = dict(zip(cand_keys, candidates.index, strict=True))
    rows = [(labels[c], e, s, r) for (c, e), (s, r) in best.items()]
    out = pd.DataFrame(rows, columns=list(MATCH_COLUMNS))
    if out.empty:
        return out.astype({"score": float})
    out = out.sort_values(["candidate_index", "score"], ascending=[True, False], kind="stable")
    return out.reset_index(drop=True)
