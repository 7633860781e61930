"""Word lists that drive the extractor: suffixes, stop words, bound words.

The words live in CSV files in ``geo_app/extraction/data`` (see the README
there), so that they apply to any city's plan and can be extended without
touching the algorithms; this module reads them once, at import.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Final

from geo_app.archives import one_line
from geo_app.errors import DataFileError
from geo_app.extraction._normalize import NAME_CACHE

__all__ = [
    "BOUND_WORDS",
    "CARRIER_SUFFIXES",
    "CONJUNCTIONS",
    "DEPENDENT_SUFFIXES",
    "EXISTING_AFTER",
    "EXISTING_BEFORE",
    "EXISTING_CLAUSE_AFTER",
    "EXISTING_PREDICATES",
    "FUTURE_ACTION_WORDS",
    "FUTURE_COUNT_WORDS",
    "GENERIC_WORDS",
    "LEVEL_WORDS",
    "LIST_JOINERS",
    "MANNER_WORDS",
    "MEASURED_WORDS",
    "OCCUPANCY_WORDS",
    "ORGANISATION_WORDS",
    "OWN_WORKS_AFTER",
    "PAST_COUNT_WORDS",
    "PLANNED_BEFORE",
    "POLICY_PILOT_WORDS",
    "RECOGNITION_WORDS",
    "STOP_WORDS",
    "SUBJECT_KINDS",
    "UNDER_CONSTRUCTION_AFTER",
    "UNDER_CONSTRUCTION_BEFORE",
    "UNIT_WORDS",
    "ZONE_NAME_WORDS",
    "suffix_category",
    "suffix_pattern",
]

_DATA = Path(__file__).with_name("data")


def _rows(name: str) -> list[dict[str, str]]:
    """The rows of one lexicon file in ``geo_app/extraction/data``.

    Raises
    ------
    DataFileError
        If the file is missing or unreadable (a broken installation).
    """
    path = _DATA / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [
                {k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise DataFileError(
            path, code="extraction.word_list_unreadable", params={"detail": one_line(err)}
        ) from err


def _words(name: str, **where: str) -> tuple[str, ...]:
    """The ``word`` column of the rows whose columns equal ``where``."""
    return tuple(
        dict.fromkeys(
            row["word"]
            for row in _rows(name)
            if row["word"] and all(row.get(k) == v for k, v in where.items())
        )
    )


#: Carrier suffix → map category.  Longer suffixes win over shorter ones.
_LISTED_SUFFIXES = {
    row["suffix"]: row["category"] for row in _rows("carrier_suffixes.csv") if row["suffix"]
}
#: Carrier words and their categories.  A park word ending in 园 has its
#: long form in 园区 too (创意园 → 西藏文化旅游创意园区).
CARRIER_SUFFIXES: Final[dict[str, str]] = _LISTED_SUFFIXES | {
    suffix + "区": category
    for suffix, category in _LISTED_SUFFIXES.items()
    if category == "park" and suffix.endswith("园")
}

#: Suffixes that name a part of a larger zone written just before them
#: (``自由贸易试验区洛阳片区``): the larger zone is part of the name.
DEPENDENT_SUFFIXES: Final[frozenset[str]] = frozenset(
    row["suffix"] for row in _rows("carrier_suffixes.csv") if row["dependent"] == "yes"
)

#: Words that end a name on its left: verbs, prepositions, quantifiers.
STOP_WORDS: Final[tuple[str, ...]] = _words("boundary_words.csv", role="stop")

#: Adverbs of manner (全面, 如期 …): a set phrase of one and a stop word
#: (全面完成) is a verb phrase before a name, not a word of it (综合利用).
MANNER_WORDS: Final[frozenset[str]] = frozenset(_words("boundary_words.csv", role="manner"))

#: Stop words that a demonstration or pilot zone's name may hold after its
#: place (南通陆海统筹发展…试验区, 昆山深化两岸产业合作试验区).
ZONE_NAME_WORDS: Final[tuple[str, ...]] = _words("boundary_words.csv", role="zone_name")

#: Conjunctions that end a name only when a whole carrier name precedes them.
CONJUNCTIONS: Final[tuple[str, ...]] = _words("boundary_words.csv", role="conjunction")

#: Conjunctions across which a district prefix carries over (洛龙区A和B).
LIST_JOINERS: Final[tuple[str, ...]] = _words("boundary_words.csv", role="list_joiner")

#: Level words (also the subkind prefix of a target).
LEVEL_WORDS: Final[dict[str, str]] = {
    row["word"]: row["level"] for row in _rows("level_words.csv") if row["word"]
}

#: Words that describe a kind of carrier rather than name one.  A stem made
#: of these words only (建设一批"专业化众创空间") is a generic mention.
GENERIC_WORDS: Final[tuple[str, ...]] = _words("generic_words.csv")
#: Fields of social policy (法治, 养老, 中医药综合改革 …): a demonstration or
#: pilot zone of one is no innovation carrier.
POLICY_PILOT_WORDS: Final[tuple[str, ...]] = _words("policy_pilot_words.csv")

#: Words right after a name that show the carrier already exists.
EXISTING_AFTER: Final[tuple[str, ...]] = _words(
    "status_words.csv", position="after", status="existing"
)
#: Verbs right after a name whose subject the carrier is (举行, 召开): read
#: before any word later in the clause, the carrier hosts, so it exists.
EXISTING_PREDICATES: Final[tuple[str, ...]] = _words(
    "status_words.csv", position="predicate", status="existing"
)
#: Words before a name that show the carrier already exists.
EXISTING_BEFORE: Final[tuple[str, ...]] = _words(
    "status_words.csv", position="before", status="existing"
)
#: Words before a name that show the carrier is planned.
PLANNED_BEFORE: Final[tuple[str, ...]] = _words(
    "status_words.csv", position="before", status="planned"
)

#: Words before a name, or later in its clause, that show it is being built.
UNDER_CONSTRUCTION_BEFORE: Final[tuple[str, ...]] = _words(
    "status_words.csv", position="before", status="under_construction"
)
UNDER_CONSTRUCTION_AFTER: Final[tuple[str, ...]] = _words(
    "status_words.csv", position="clause_after", status="under_construction"
)
#: Works on the carrier's own buildings later in its clause (奠基, 封顶): it
#: is being built even when it hosts the ceremony (…创业园举行奠基仪式).
OWN_WORKS_AFTER: Final[tuple[str, ...]] = _words(
    "status_words.csv", position="own_works", status="under_construction"
)
#: Words later in a name's clause that show it exists (…基础上, …以来, 完成…).
EXISTING_CLAUSE_AFTER: Final[tuple[str, ...]] = _words(
    "status_words.csv", position="clause_after", status="existing"
)
#: Measures of what runs in a carrier (入驻率, 出租率 …): carriers listed
#: before ``的`` and such a measure exist, whatever kind closes the list.
OCCUPANCY_WORDS: Final[tuple[str, ...]] = _words(
    "status_words.csv", position="occupancy", status="existing"
)
#: Words of a sentence that lists carriers already recognised (认定, 入选 …).
RECOGNITION_WORDS: Final[tuple[str, ...]] = _words(
    "status_words.csv", position="sentence", status="existing"
)

#: Units and time words written right after a number (2023年度, 600平方米):
#: never the start of a name.
UNIT_WORDS: Final[tuple[str, ...]] = tuple(
    sorted(_words("boundary_words.csv", role="unit"), key=len, reverse=True)
)

#: Words that end the name of an organisation (有限公司, 发展中心 …): a
#: recognised carrier is often listed by its operating company's name.
ORGANISATION_WORDS: Final[tuple[str, ...]] = tuple(
    sorted(_words("boundary_words.csv", role="organisation"), key=len, reverse=True)
)

#: Words that make a count a fact already reached (截至, 现有, 入选 …) or a
#: goal still to reach (到2025年, 力争, 新建 …).
PAST_COUNT_WORDS: Final[tuple[str, ...]] = _words("count_role_words.csv", role="past")
FUTURE_COUNT_WORDS: Final[tuple[str, ...]] = _words("count_role_words.csv", role="future")
#: Verbs of building (新建, 培育 …): a goal, unless a word of the past says
#: the building is done (“十三五”期间新建).
FUTURE_ACTION_WORDS: Final[tuple[str, ...]] = _words("count_role_words.csv", role="future_action")
#: Measures written right after a counted kind (169家国家级高新区营业收入…):
#: the count is the population measured, not a goal for the carriers.
MEASURED_WORDS: Final[tuple[str, ...]] = _words("count_role_words.csv", role="measured")

#: Bound words.  Order matters: longer, more specific patterns first.
BOUND_WORDS: Final[dict[str, tuple[str, ...]]] = {
    bound: _words("bound_words.csv", bound=bound)
    for bound in ("at_least", "more_than", "about", "at_most")
}

#: Target subject kinds: word → (category, subkind stem).  The level word
#: in front of the subject (省级, 国家级 ...) completes the subkind.
SUBJECT_KINDS: Final[dict[str, tuple[str, str]]] = {
    row["word"]: (row["category"], row["subkind"])
    for row in _rows("subject_kinds.csv")
    if row["word"]
}


def suffix_pattern() -> re.Pattern[str]:
    """Compiled alternation of :data:`CARRIER_SUFFIXES`, longest first.

    Examples
    --------
    >>> suffix_pattern().search("建设农业科技园区").group(0)
    '农业科技园区'
    """
    words = sorted(CARRIER_SUFFIXES, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


_SUFFIXES_LONGEST_FIRST = tuple(sorted(CARRIER_SUFFIXES, key=len, reverse=True))


@lru_cache(maxsize=NAME_CACHE)
def suffix_category(name: str) -> tuple[str, str] | None:
    """The ``(suffix, category)`` a name ends with, longest suffix first.

    Examples
    --------
    >>> suffix_category("周山双创智慧岛")
    ('智慧岛', 'smart_island')
    >>> suffix_category("洛阳") is None
    True
    """
    for suffix in _SUFFIXES_LONGEST_FIRST:
        if name.endswith(suffix):
            return suffix, CARRIER_SUFFIXES[suffix]
    return None
