"""Find named carriers in a plan: names ending in a carrier suffix.

The algorithm, for each sentence:

1. find every carrier suffix (科技产业社区, 智慧岛, 孵化器, 产业园, 高新区 …);
2. walk left from the suffix over name characters until punctuation, a verb
   or preposition (建设, 推动, 在, 和 …) or a quantity (一批, 20家);
   及/暨 end the name only when a full carrier name stands before them, so
   ``智能制造及大数据科技产业社区`` stays whole;
3. split a leading district (洛龙区, 高新区) off as the place prefix; a
   county (嵩县) is reported as the place but stays in the name;
4. drop generic mentions whose stem is only descriptive words
   (``建设一批专业化众创空间``) and kinds listed as types
   (``…创业园等特色孵化载体``), but keep a quoted kind (“飞地孵化器”) and a
   bare zone that opens a clause and achieved something
   (``经济开发区成功创建…``: the city's own zone);
5. expand lists whose shared suffix is written once
   (``东城、淞江、舞阳产业集聚区``) or whose members are abbreviated
   (``郑州经开、洛阳伊滨等8个智慧岛``);
6. give each carrier a city: the one its name starts with, else the passage's;
   zones spanning several cities (自由贸易试验区, 自主创新示范区) belong to
   none unless a city's 片区 is named;
7. read the status (existing/planned) from the words around the carrier, or
   around the whole list it belongs to, or from the carrier a short name
   (以下简称“…”) was defined for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from geo_app.extraction._lexicon import (
    CARRIER_SUFFIXES,
    CONJUNCTIONS,
    DEPENDENT_SUFFIXES,
    EXISTING_AFTER,
    EXISTING_BEFORE,
    GENERIC_WORDS,
    LIST_JOINERS,
    PLANNED_BEFORE,
    STOP_WORDS,
    suffix_category,
    suffix_pattern,
)
from geo_app.extraction._numerals import CN_NUMBER
from geo_app.extraction._places import PROVINCES, cities_in, city_at
from geo_app.extraction._text import Sentence

__all__ = ["CarrierMention", "find_carriers", "is_generic_name"]

_SUFFIX_RE = suffix_pattern()
_SUFFIX_END_RE = re.compile("(?:" + _SUFFIX_RE.pattern + r")\)?$")
_HARD_STOPS = frozenset(",。;:、!?“”\"'《》[]{}<>/|+=~…\n \t")
_STOP_SET = frozenset(STOP_WORDS)
# Words that start with a one-character stop word but belong to names of
# streets, companies and parks (和平路, 和谐园), so the stop word is kept.
_NAME_WORDS = frozenset(
    {"和平", "和谐", "和顺", "和美", "和兴", "和盛", "和信", "和丰", "和泰", "和悦"}
)
_STOP_LENGTHS = sorted({len(w) for w in STOP_WORDS}, reverse=True)
_QUANTITY_RE = re.compile(rf"(?:\d+|{CN_NUMBER}|几|数|多)(?:个|家|座|所|批|类|处|大)$")
_DEPENDENT_AFTER_RE = re.compile(
    r"[\u4e00-\u9fff]{0,6}?(?:" + "|".join(sorted(DEPENDENT_SUFFIXES, key=len, reverse=True)) + ")"
)
_TYPE_LIST_RE = re.compile(r"(?:、[^,。;、]{1,20})*等[^,。;、]{0,12}?(?:载体|平台)")
_ABBREVIATED_LIST_RE = re.compile(
    rf"((?:[^、,。;:“”]{{1,8}}、)+[^、,。;:“”]{{1,8}}?)(?:…+|\.{{3,}})?等(?:\d+|{CN_NUMBER})?"
    r"(?:个|家|座|所|处)?$"
)
_DISTRICT_PREFIX_RE = re.compile(r"^([\u4e00-\u9fff]{1,4}?(?:区|县))")
_NOT_DISTRICT = frozenset("全本各该辖城社园片景矿校市省县区跨")
# One-character verbs that end a name only right before a bare suffix (进园区).
_VERBS_BEFORE_SUFFIX = frozenset("进入出到去驻在")
_PROVINCIAL_ZONES = ("自主创新示范区", "自由贸易试验区", "自贸试验区", "自贸区", "自创区")
_OUT_OF_AREA_RE = re.compile(
    r"在((?:[\u4e00-\u9fff、]{2,12}?)(?:等[\u4e00-\u9fff]{0,8}?)?)"
    r"(?=布局|建设|设立|建立|共建|自建|打造|发展)"
)
# Zones a plan may name bare when it means its own city's (经济开发区成功创建…).
_DEFINITE_ZONES = frozenset(
    {
        "高新区",
        "经开区",
        "经济开发区",
        "经济技术开发区",
        "高新技术产业开发区",
        "科技城",
        "产业集聚区",
    }
)
_ACHIEVED = ("成功", "获批", "已", "被", "荣获", "入选")
_CLAUSE_ENDS = ",。;:\n"
_ALIAS_MARKERS = ("简称“", "简称")
_PARENTHETICAL_RE = re.compile(r"\([^()]*\)")
# Work on a carrier that only an existing one can undergo.
_UPGRADES = ("改造", "升级", "提质", "扩区", "扩容")
_GENERIC_SORTED = sorted(GENERIC_WORDS, key=len, reverse=True)
_MIN_STEM = 2
_MAX_ABBREVIATION = 5


@dataclass(frozen=True)
class CarrierMention:
    """A carrier name located in a sentence (offsets in the normalised text)."""

    name: str
    category: str
    district: str
    city: str
    status: str
    out_of_area: bool
    start: int
    end: int
    sentence: Sentence


def _is_name_char(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or (char.isascii() and char.isalpha()) or char in "·-&"


def _stop_before(text: str, pos: int) -> bool:
    """Whether a stop word or quantity ends exactly at ``pos``.

    A one-character stop word that begins a common name word (和平, 和谐…)
    does not end a name there: 和平科技产业园 keeps its 和.
    """
    for length in _STOP_LENGTHS:
        if length <= pos and text[pos - length : pos] in _STOP_SET:
            if length == 1 and text[pos - 1 : pos + 1] in _NAME_WORDS:
                continue
            return True
    if _QUANTITY_RE.search(text[max(0, pos - 8) : pos]):
        return True
    for conj in CONJUNCTIONS:
        if text.endswith(conj, 0, pos):
            before = text[max(0, pos - len(conj) - 12) : pos - len(conj)]
            if _SUFFIX_END_RE.search(before):
                return True
    return False


def left_boundary(text: str, suffix_start: int) -> int:
    """Index where the name ending in the suffix at ``suffix_start`` begins.

    Examples
    --------
    >>> s = "加快宠物经济园区建设"
    >>> s[left_boundary(s, 6):]
    '宠物经济园区建设'
    >>> s = "建设和平科技产业园"
    >>> s[left_boundary(s, 4):]
    '和平科技产业园'
    """
    pos = suffix_start
    depth = 0
    if pos > 0 and text[pos - 1] in _VERBS_BEFORE_SUFFIX:
        return pos
    while pos > 0:
        if depth == 0 and _stop_before(text, pos):
            break
        char = text[pos - 1]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                break
            depth -= 1
        elif char in _HARD_STOPS:
            break
        elif char.isdigit():
            neighbours = text[pos - 2 : pos - 1] + text[pos : pos + 1]
            if not any(c.isascii() and c.isalpha() for c in neighbours):
                break
        elif not _is_name_char(char):
            break
        pos -= 1
    while pos < suffix_start and text[pos] in ")·-&":
        pos += 1
    return pos


def _strip_generic(stem: str) -> str:
    """Remove descriptive words from the front of ``stem`` until none fits."""
    changed = True
    while stem and changed:
        changed = False
        for word in _GENERIC_SORTED:
            if stem.startswith(word):
                stem = stem[len(word) :]
                changed = True
                break
    return stem


def is_generic_name(name: str) -> bool:
    """Whether ``name`` names a kind of carrier rather than one carrier.

    Examples
    --------
    >>> is_generic_name("省级高新区")
    True
    >>> is_generic_name("专业化众创空间")
    True
    >>> is_generic_name("沙澧高新区")
    False
    >>> is_generic_name("漯河市国家级农业科技示范园区")
    False
    """
    found = suffix_category(name)
    if found is None:
        return True
    stem = name[: -len(found[0])]
    if not stem:
        return True
    if any(c.isascii() and c.isalpha() for c in stem):
        return False
    if city_at(stem) is not None or _district_prefix(name):
        return False
    return len(_strip_generic(stem)) < _MIN_STEM


def _district_prefix(name: str) -> str:
    """A leading ``XX区``/``XX县`` that is not part of the carrier suffix."""
    found = suffix_category(name)
    stem = name[: -len(found[0])] if found else name
    match = _DISTRICT_PREFIX_RE.match(stem)
    if match is None:
        return ""
    prefix = match.group(1)
    if prefix[0] in _NOT_DISTRICT or prefix[:-1] in GENERIC_WORDS:
        return ""
    return prefix


def _split_place(name: str, final_suffix: str) -> tuple[str, str]:
    """Split ``高新区周山双创智慧岛`` into ``("高新区", "周山双创智慧岛")``."""
    if final_suffix in DEPENDENT_SUFFIXES:
        return "", name
    body = name[: -len(final_suffix)]
    cut = 0
    for inner in _SUFFIX_RE.finditer(body):
        if CARRIER_SUFFIXES[inner.group(0)] == "zone":
            cut = inner.end()
    if not cut:
        prefix = _district_prefix(name)
        # A county keeps its name in the carrier's (嵩县生物医药产业园).
        cut = len(prefix) if prefix.endswith("区") else 0
        if prefix.endswith("县") and not is_generic_name(name[len(prefix) :]):
            return prefix, name
    if cut and not is_generic_name(name[cut:]) and len(name) - cut > len(final_suffix):
        return name[:cut], name[cut:]
    if cut:
        # The place stays in the name (东城区科技园) but is still reported.
        return name[:cut], name
    return "", name


def _status(text: str, start: int, end: int) -> str:
    """``existing`` or ``planned`` from the words around ``text[start:end]``."""
    after = text[end : end + 8]
    before = text[max(0, start - 12) : start]
    clause_end = min(
        (i for i in (text.find(c, end) for c in _CLAUSE_ENDS) if i >= 0), default=len(text)
    )
    if after.startswith(EXISTING_AFTER) or any(w in text[end:clause_end] for w in _UPGRADES):
        return "existing"
    if any(before.endswith(w) for w in EXISTING_BEFORE):
        return "existing"
    if any(w in before for w in PLANNED_BEFORE) or after.startswith("建设"):
        return "planned"
    clause_start = max(text.rfind(c, 0, start) for c in _CLAUSE_ENDS)
    return "existing" if clause_start == start - 1 or start == 0 else "planned"


def _city_of(name: str, district: str, sentence: Sentence, suffix: str) -> str:
    """The city a carrier belongs to, from its own name first."""
    if suffix in _PROVINCIAL_ZONES:
        return ""
    named = city_at(district + name)
    if named is not None:
        return named
    if suffix in DEPENDENT_SUFFIXES:
        inside = cities_in(name)
        if inside:
            return inside[-1]
    if (district + name).startswith(("中国", *PROVINCES)):
        inside = cities_in(name)
        return inside[-1] if inside else ""
    return sentence.city or ""


def _out_of_area(text: str, start: int, city: str) -> str:
    clause_start = max(text.rfind(c, 0, start) for c in ",。;:") + 1
    for match in _OUT_OF_AREA_RE.finditer(text, clause_start, start):
        named = cities_in(match.group(1))
        if named and named[0] != city:
            return match.group(1)
    return ""


def _definite_zone(text: str, start: int, end: int, suffix: str) -> bool:
    """A bare zone that opens a clause and achieved something is the city's own.

    ``经济开发区成功创建国家级农业科技园区`` in a city's plan speaks of that
    city's development zone, so the bare suffix is kept as its name.
    """
    opens_clause = start == 0 or text[start - 1] in ",;。:"
    return (
        suffix in _DEFINITE_ZONES
        and end - start == len(suffix)
        and opens_clause
        and text.startswith(_ACHIEVED, end)
    )


def _make(sentence: Sentence, raw_start: int, raw_end: int, suffix: str) -> CarrierMention | None:
    text = sentence.text
    raw = text[raw_start:raw_end]
    district, name = _split_place(raw, suffix)
    quoted = text[raw_start - 1 : raw_start] == "“" and text[raw_end : raw_end + 1] == "”"
    definite = _definite_zone(text, raw_start, raw_end, suffix)
    if not (quoted or definite) and is_generic_name(name) and is_generic_name(raw):
        return None
    if len(name) <= len(suffix) and not definite:
        return None
    start = raw_start + len(raw) - len(name)
    city = _city_of(name, district, sentence, suffix)
    place = _out_of_area(text, raw_start, sentence.city or "")
    return CarrierMention(
        name=name,
        category=CARRIER_SUFFIXES[suffix],
        district=district or place,
        city=city,
        status=_status(text, raw_start, raw_end),
        out_of_area=bool(place),
        start=sentence.start + start,
        end=sentence.start + raw_end,
        sentence=sentence,
    )


def _list_items(text: str, boundary: int) -> list[tuple[int, int]]:
    """Spans of the suffix-less items of a 、-list ending just before ``boundary``."""
    items: list[tuple[int, int]] = []
    cur = boundary - 1
    while cur >= 0 and text[cur] == "、":
        item_start = left_boundary(text, cur)
        item = text[item_start:cur]
        if not item or len(item) > _MAX_ABBREVIATION or suffix_category(item) is not None:
            return []
        if not all("\u3400" <= c <= "\u9fff" for c in item):
            return []
        items.append((item_start, cur))
        cur = item_start - 1
    return items[::-1]


def _abbreviated_items(text: str, suffix_start: int) -> list[tuple[int, int]]:
    """Items of ``A、B…等8个<suffix>`` written without the suffix."""
    match = _ABBREVIATED_LIST_RE.search(text[:suffix_start])
    if match is None:
        return []
    spans: list[tuple[int, int]] = []
    pos = match.start(1)
    for item in match.group(1).split("、"):
        start, end = pos, pos + len(item)
        pos = end + 1
        cut = left_boundary(text, end) if start == match.start(1) else start
        start = max(start, cut)
        if not text[start:end] or suffix_category(text[start:end]) is not None:
            return []
        spans.append((start, end))
    return spans


def _sentence_carriers(sentence: Sentence) -> list[CarrierMention]:
    text = sentence.text
    found: list[CarrierMention] = []
    for match in _SUFFIX_RE.finditer(text):
        suffix = match.group(0)
        if _DEPENDENT_AFTER_RE.match(text, match.end()) and suffix not in DEPENDENT_SUFFIXES:
            continue
        if _TYPE_LIST_RE.match(text, match.end()):
            continue
        abbreviated = _abbreviated_items(text, match.start())
        if abbreviated:
            for start, end in abbreviated:
                mention = _expanded(sentence, start, end, suffix)
                if mention is not None:
                    found.append(mention)
            continue
        boundary = left_boundary(text, match.start())
        mention = _make(sentence, boundary, match.end(), suffix)
        if mention is None:
            continue
        found.append(mention)
        if len(mention.name) - len(suffix) <= _MAX_ABBREVIATION:
            for start, end in _list_items(text, boundary):
                extra = _expanded(sentence, start, end, suffix)
                if extra is not None:
                    found.append(extra)
    return _shared_status(_inherit_districts(found, text), text)


def _expanded(sentence: Sentence, start: int, end: int, suffix: str) -> CarrierMention | None:
    """A carrier whose suffix is written once for the whole list."""
    name = sentence.text[start:end] + suffix
    city = city_at(name) or sentence.city or ""
    if is_generic_name(name):
        return None
    return CarrierMention(
        name=name,
        category=CARRIER_SUFFIXES[suffix],
        district="",
        city=city,
        status=_status(sentence.text, start, end),
        out_of_area=False,
        start=sentence.start + start,
        end=sentence.start + end,
        sentence=sentence,
    )


def _inherit_districts(found: list[CarrierMention], text: str) -> list[CarrierMention]:
    """Give ``B`` the district of ``A`` in ``<district>A和B``, both carriers."""
    result: list[CarrierMention] = []
    offset = found[0].sentence.start if found else 0
    for mention in found:
        previous = result[-1] if result else None
        if previous is not None and previous.district and not mention.district:
            between = text[previous.end - offset : mention.start - offset]
            if between in LIST_JOINERS:
                mention = replace(mention, district=previous.district)
        result.append(mention)
    return result


def _raw_start(mention: CarrierMention, text: str, offset: int) -> int:
    start = mention.start - offset
    if mention.district and text.endswith(mention.district, 0, start):
        start -= len(mention.district)
    return start


def _is_alias(mention: CarrierMention, text: str, offset: int) -> bool:
    """``X`` in ``…(以下简称“X”)``: a short name defined for the carrier before it."""
    return text.endswith(_ALIAS_MARKERS, 0, mention.start - offset)


def _list_groups(found: list[CarrierMention], text: str) -> list[list[CarrierMention]]:
    """Carriers written one after another, joined by 、 or a conjunction."""
    offset = found[0].sentence.start if found else 0
    groups: list[list[CarrierMention]] = []
    for mention in sorted(found, key=lambda m: m.start):
        if _is_alias(mention, text, offset):
            continue
        if groups:
            last = groups[-1][-1]
            between = _PARENTHETICAL_RE.sub(
                "", text[last.end - offset : _raw_start(mention, text, offset)]
            )
            if between == "、" or between in LIST_JOINERS:
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def _shared_status(found: list[CarrierMention], text: str) -> list[CarrierMention]:
    """Members of a list share one status; a defined short name shares its carrier's."""
    offset = found[0].sentence.start if found else 0
    status: dict[int, str] = {}
    for group in _list_groups(found, text):
        if len(group) > 1:
            start = _raw_start(group[0], text, offset)
            common = _status(text, start, group[-1].end - offset)
            status.update({id(m): common for m in group})
    result = [replace(m, status=status.get(id(m), m.status)) for m in found]
    for index, mention in enumerate(result):
        if _is_alias(mention, text, offset):
            opening = text.rfind("(", 0, mention.start - offset)
            referent = next((m for m in result if m.end - offset == opening), None)
            if referent is not None:
                result[index] = replace(mention, status=referent.status)
    return result


def find_carriers(sentences: list[Sentence]) -> list[CarrierMention]:
    """All named carriers in ``sentences``, in document order.

    Parameters
    ----------
    sentences
        Sentences from :func:`~geo_app.extraction._text.split_sentences`.

    Returns
    -------
    list of CarrierMention
        One mention per occurrence (deduplication happens later).

    Examples
    --------
    >>> from geo_app.extraction._text import split_sentences
    >>> found = find_carriers(split_sentences("支持东城、淞江、舞阳产业集聚区建设省级高新区。", "漯河市"))
    >>> [m.name for m in found]
    ['舞阳产业集聚区', '东城产业集聚区', '淞江产业集聚区']
    """
    found: list[CarrierMention] = []
    for sentence in sentences:
        found.extend(_sentence_carriers(sentence))
    return found
