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
from collections.abc import Callable
from dataclasses import dataclass, replace

from geo_app.extraction._boundary import (
    HARD_STOPS,
    NAME_WORDS,
    SUFFIX_END_RE,
    is_name_char,
    latin_boundary,
    left_boundary,
    quoted_start,
)
from geo_app.extraction._carrier_city import (
    PROVINCIAL_ZONES,
    city_of,
    out_of_area_place,
    place_city,
)
from geo_app.extraction._generic import (
    LEADING_LEVELS,
    MIN_STEM,
    district_prefix,
    is_generic_name,
    strip_generic,
)
from geo_app.extraction._lexicon import (
    CARRIER_SUFFIXES,
    DEPENDENT_SUFFIXES,
    LIST_JOINERS,
    ORGANISATION_WORDS,
    RECOGNITION_WORDS,
    SUBJECT_KINDS,
    UNIT_WORDS,
    suffix_category,
    suffix_pattern,
)
from geo_app.extraction._numerals import CN_NUMBER, parse_number
from geo_app.extraction._places import (
    city_at,
    city_prefix_length,
    county_city_at,
    inside_place,
)
from geo_app.extraction._segment import segmenter_cut
from geo_app.extraction._status import CLAUSE_ENDS, carrier_status
from geo_app.extraction._text import Sentence

__all__ = ["CarrierMention", "find_carriers", "is_generic_name"]

_SUFFIX_RE = suffix_pattern()
_DEPENDENT_AFTER_RE = re.compile(
    r"[\u4e00-\u9fff]{0,6}?(?:" + "|".join(sorted(DEPENDENT_SUFFIXES, key=len, reverse=True)) + ")"
)
# …创业园等特色孵化载体: kinds listed as types; not …产业园等2家载体 (members).
_TYPE_LIST_RE = re.compile(
    rf"(?:、[^,。;、]{{1,20}}){{0,30}}等(?!(?:\d+|{CN_NUMBER})(?:家|个))[^,。;、]{{0,12}}?(?:载体|平台)"
)
# A、B…等8个<suffix>, A、B和C3家省级<suffix>, A、B等地5个<suffix>: items
# written without the suffix they share, closed by 等 or by their count.
_ABBREVIATED_LIST_RE = re.compile(
    rf"((?:[^、,。;:“”和及等的]{{1,8}}(?:、|和|及))+[^、,。;:“”和及等的]{{1,8}}?)(?:…+|\.{{3,}})?"
    rf"(?:等地?(?:\d+|{CN_NUMBER})?|(?:\d+|{CN_NUMBER})(?=个|家|座|所|处))"
    r"(?:个|家|座|所|处)?(?:国家级|省级|市级|自治区级|国家|省|市)?$"
)
# How such a list ends, right before its suffix (cheap to test first).
_ABBREVIATED_CLOSE_RE = re.compile(
    rf"(?:等地?(?:\d+|{CN_NUMBER})?|(?:\d+|{CN_NUMBER})(?=个|家|座|所|处))"
    r"(?:个|家|座|所|处)?(?:国家级|省级|市级|自治区级|国家|省|市)?$"
)
_ITEM_SEPARATOR_RE = re.compile("、|和|及")
_ABBREVIATED_WINDOW = 240
# A later phase (二期, 三期) is a carrier of its own; 一期 is the carrier itself.
_PHASE_RE = re.compile(r"(?:[二三四五六七八九十]|[2-9])期(?:工程)?")
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
_ALIAS_MARKERS = ("简称“", "简称")
_PARENTHETICAL_RE = re.compile(r"\([^()]*\)")
_MAX_ABBREVIATION = 5
_TITLE_WORDS = ("称号", "荣誉", "资质", "资格", "牌匾", "称谓", "殊荣")
_MAX_CONTEXT_NAME = 12
_COMPANY_ENDS = ("有限公司", "股份有限公司", "有限责任公司", "公司", "集团")
_MIN_LIST = 2
# 全省第一家生物化工专业孵化器, 首个离岸孵化基地: an ordinal before a name
# makes it a kind (the first of its kind), not a carrier's name.
_ORDINAL_BEFORE_RE = re.compile(
    rf"(?:第(?:\d+|{CN_NUMBER})|首|唯一一?)(?:家|个|座|所|批)?(?:国家级|省级|市级)?$"
)
# 科技企业孵化器数量领先, 大孵化器集群, 中国孵化器50强: a carrier word
# followed by a measure of the kind, a cluster or a ranking names the kind.
_YEAR_BEFORE_RE = re.compile(r"(?:19|20)\d{2}年度?$")
# 12个以上具有全国影响力的…: a count with its qualifiers before a name.
_COUNTED_BEFORE_RE = re.compile(
    rf"(?:\d+|{CN_NUMBER})(?:个|家|座|批)(?:以上|左右|及以上|多)?(?:[^,。;、\d]{{1,16}}的)$"
)
_KIND_AFTER_RE = re.compile(rf"数量|总数|数目|总量|集群|(?:\d+|{CN_NUMBER})强")


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


def _listed(
    sentence: Sentence,
    name: str,
    category: str,
    start: int,
    end: int,
    status: str = "existing",
) -> CarrierMention:
    """A carrier a list or a designation names (no district of its own,
    placed by its name or its passage); ``start``/``end`` are offsets in the
    whole text."""
    return CarrierMention(
        name=name,
        category=category,
        district="",
        city=city_of(name, "", sentence, ""),
        status=status,
        out_of_area=False,
        start=start,
        end=end,
        sentence=sentence,
    )


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
        prefix = district_prefix(name)
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


def _in_chain(text: str, start: int, end: int) -> bool:
    """Whether the name is a link of a chain (众创空间-孵化器-加速器).

    A carrier word joined by a dash to another carrier word names a stage
    of a pipeline, not a carrier.
    """
    for index in range(start, end):
        if text[index] == "-" and SUFFIX_END_RE.search(text, max(0, index - 12), index):
            return True
    after = _SUFFIX_RE.match(text, end + 1)
    # A double dash (——) sets off an apposition, not the next link.
    return text[end : end + 1] == "-" and text[end + 1 : end + 2] != "-" and after is not None


def _in_title(text: str, start: int, end: int) -> bool:
    """Whether the name is part of a document's title (《东川市孵化器管理办法》)."""
    opening = text.rfind("《", 0, start)
    if opening < 0 or text.rfind("》", 0, start) > opening:
        return False
    closing = text.find("》", end)
    return closing > end


_OWNER_MAX = 8


def _bracket_start(text: str, start: int, end: int) -> int:
    """Where a name that meets a bracket at its start begins.

    A name does not begin inside a bracket (各县(市、区)科创产业园区: the
    words after its close); one opening with a place in brackets takes the
    owner's name before it (华为(邢台)大数据产业园), and a note in brackets
    with nothing before it is dropped ((含培育)孵化器 is a kind).
    """
    close = text.find(")", start, end)
    if close >= 0 and "(" not in text[start:close]:
        start = close + 1
    if not text.startswith("(", start):
        return start
    owner = start
    while owner > 0 and start - owner < _OWNER_MAX:
        char = text[owner - 1]
        if char in HARD_STOPS or not is_name_char(char) or char in "()":
            break
        owner -= 1
    owner = owner + segmenter_cut(text[owner:start], "")
    unit = next((w for w in UNIT_WORDS if text.startswith(w, owner)), "")
    if unit and owner > 0 and text[owner - 1].isdigit():
        owner += len(unit)  # 1家高质量(含培育)孵化器: a count, not an owner
    if owner < start and len(strip_generic(text[owner:start])) >= MIN_STEM:
        return owner
    close = text.find(")", start, end)
    return close + 1 if close >= 0 else start


def _trim_start(text: str, start: int, end: int, suffix: str) -> int:
    """Move the start of a name past a generic kind in apposition and past
    words the tagger shows are not part of it.

    ``全省首个智慧岛中原龙子湖智慧岛`` names 中原龙子湖智慧岛: the words up to
    the inner carrier word are a generic kind (an inner zone stays: it is
    the place prefix, see :func:`_split_place`).
    """
    for inner in _SUFFIX_RE.finditer(text, start, end - len(suffix)):
        if CARRIER_SUFFIXES[inner.group(0)] != "zone" and is_generic_name(
            text[start : inner.end()]
        ):
            start = inner.end()
    start += segmenter_cut(text[start : end - len(suffix)], suffix)
    level = next((w for w in LEADING_LEVELS if text.startswith(w, start)), "")
    if level and not is_generic_name(text[start + len(level) : end]):
        # 国家级昆山出口加工区: the level describes the carrier, it is not its name.
        start += len(level)
    return start


def _kind_context(text: str, start: int, end: int) -> bool:
    """Whether the words around a name show it names a kind.

    ``全省第一家生物化工专业孵化器`` (an ordinal before it) and
    ``孵化器数量领先`` (a measure after it) speak of a kind of carrier.
    """
    if _KIND_AFTER_RE.match(text, end):
        return True
    if _YEAR_BEFORE_RE.search(text, max(0, start - 8), start) and is_generic_name(
        text[start + city_prefix_length(text[start:end]) : end]
    ):
        # 2023年泉州市星创天地建设试点: a year's designation of a city's kind.
        return True
    if _COUNTED_BEFORE_RE.search(text, max(0, start - 24), start) and not (
        city_at(text[start:end]) or county_city_at(text[start:end], short_names=True)
    ):
        # 建成12个以上具有全国影响力的智能制造特色产业园: the kind a goal counts.
        return True
    return _ORDINAL_BEFORE_RE.search(text, max(0, start - 8), start) is not None


def _make(
    sentence: Sentence, raw_start: int, raw_end: int, suffix: str, org_end: int | None = None
) -> CarrierMention | None:
    """The carrier ending in ``suffix`` at ``raw_end`` (``None`` if generic).

    ``org_end`` extends the name over the operating organisation written
    right after it (…孵化器有限公司) once the carrier itself is known to be
    specific.
    """
    text = sentence.text
    if _in_chain(text, raw_start, raw_end) or _in_title(text, raw_start, raw_end):
        return None
    raw_start = _bracket_start(text, _trim_start(text, raw_start, raw_end, suffix), raw_end)
    if _kind_context(text, raw_start, raw_end):
        return None
    raw = text[raw_start:raw_end]
    district, name = _split_place(raw, suffix)
    quoted = (
        text[raw_start - 1 : raw_start] == "“"
        and text[raw_end : raw_end + 1] == "”"
        # 获评“国家级科技企业孵化器”称号: a title awarded, not a name.
        and not text.startswith(_TITLE_WORDS, raw_end + 1)
    )
    definite = _definite_zone(text, raw_start, raw_end, suffix)
    if not (quoted or definite) and is_generic_name(name) and is_generic_name(raw):
        return None
    if len(name) <= len(suffix) and not definite:
        return None
    start = raw_start + len(raw) - len(name)
    if org_end is not None and org_end > raw_end:
        name += text[raw_end:org_end]
        raw_end = org_end
    city = city_of(name, district, sentence, suffix)
    place = out_of_area_place(text, raw_start, sentence.city or "")
    return CarrierMention(
        name=name,
        category=CARRIER_SUFFIXES[suffix],
        district=district or place,
        city=city,
        status=carrier_status(text, raw_start, raw_end),
        out_of_area=bool(place),
        start=sentence.start + start,
        end=sentence.start + raw_end,
        sentence=sentence,
    )


def _list_items(text: str, boundary: int) -> list[tuple[int, int]]:
    """Spans of the suffix-less items of a 、-list ending just before ``boundary``."""
    items: list[tuple[int, int]] = []
    cur = boundary - 1
    # The last two items may be joined by 和 or 及 (…咸宁和黄冈高新区).
    while cur >= 0 and (text[cur] == "、" or (not items and text[cur] in "和及")):
        item_start = left_boundary(text, cur)
        item = text[item_start:cur]
        if not item or len(item) > _MAX_ABBREVIATION or suffix_category(item) is not None:
            return []
        if not all("\u3400" <= c <= "\u9fff" for c in item):
            return []
        items.append((item_start, cur))
        cur = item_start - 1
    return items[::-1]


def _split_items(items: str) -> list[tuple[str, str]]:
    """``A、B和C`` → ``[("A", "、"), ("B", "和"), ("C", "")]``.

    A 和 or 及 inside a place name (呼和浩特) or right after 的 (…市的和林县)
    joins nothing.
    """
    result: list[tuple[str, str]] = []
    start = 0
    for match in _ITEM_SEPARATOR_RE.finditer(items):
        at = match.start()
        if match.group(0) != "、" and (inside_place(items, at) or items[at - 1 : at] == "的"):
            continue
        result.append((items[start:at], match.group(0)))
        start = match.end()
    result.append((items[start:], ""))
    return result


def _item_texts(items: str) -> list[str]:
    """The items of ``A、B和C`` (see :func:`_split_items`)."""
    return [item for item, _ in _split_items(items)]


def _places_of_many(text: str, items: list[tuple[int, int]], suffix: str) -> bool:
    """``宁波、温州、绍兴8家孵化器``: places that each hold several carriers of
    a kind count them, they do not name them; a place has one zone of a kind
    (郑州、洛阳、新乡3个国家高新区)."""
    if CARRIER_SUFFIXES[suffix] == "zone":
        return False
    return all(
        city_prefix_length(text[start:end]) == end - start
        or county_city_at(text[start:end], short_names=True) is not None
        for start, end in items
    )


def _all_cjk(text: str) -> bool:
    return all("\u3400" <= c <= "\u9fff" for c in text)


def _abbreviated_items(text: str, suffix_start: int) -> list[tuple[int, int]]:
    """Items of ``A、B…等8个<suffix>`` written without the suffix."""
    if not _ABBREVIATED_CLOSE_RE.search(text, max(0, suffix_start - 24), suffix_start):
        return []  # no 等 or count right before the suffix: no such list
    # The items are short (at most 8 characters): a window before the
    # suffix holds any such list and keeps the search linear in the text.
    match = _ABBREVIATED_LIST_RE.search(
        text, max(0, suffix_start - _ABBREVIATED_WINDOW), suffix_start
    )
    if match is None:
        return []
    spans: list[tuple[int, int]] = []
    pos = match.start(1)
    for item, separator in _split_items(match.group(1)):
        start, end = pos, pos + len(item)
        pos = end + len(separator)
        cut = left_boundary(text, end) if start == match.start(1) else start
        start = max(start, cut)
        item = text[start:end]
        if not item or suffix_category(item) is not None or not _all_cjk(item):
            # 每个县(市、区)建设1-2个: not a list of names.
            return []
        spans.append((start, end))
    return spans


# Words after a carrier's name that start a clause, not its operator's name.
_NOT_ORG_START = frozenset("由是为在被将把对向并已")
_ORG_RE = re.compile("|".join(map(re.escape, ORGANISATION_WORDS)))
_ORG_TAIL_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{0,12}?(?:" + _ORG_RE.pattern + ")")
_KIND_RE = re.compile("|".join(sorted(map(re.escape, SUBJECT_KINDS), key=len, reverse=True)))
# 甲公司、乙中心3家科技企业孵化器 / 甲公司等8家单位…为省级孵化器
# In a list closed by its count and kind, any 中心 or 研究院 is an operator too.
_LISTED_ORG = _ORG_RE.pattern + "|中心|研究院"


def _organisations(separators: str) -> str:
    """A pattern for a list of operators' names joined by ``separators``."""
    item = r"[^、,。;:“”]{2,40}?(?:" + _LISTED_ORG + ")"
    return rf"((?:{item}(?:{separators}))*{item})"


_ORG_LIST_RE = re.compile(
    _organisations("、")
    + r"(?:等)?(?:\d+|"
    + CN_NUMBER
    + r")(?:家|个|所)(?:单位|载体|机构)?(?:[^。;,、]{0,10}?为)?"
    r"(?:国家级|省级|市级|自治区级|国家|省|市)?(?P<kind>" + _KIND_RE.pattern + ")"
)


# 甲有限公司、乙有限公司和丙有限公司也都是厦门的国家级孵化器: operators named
# as carriers of a designated level and kind.
_ORG_COPULA_RE = re.compile(
    _organisations("、|和|及")
    + r"(?:也|均|都|皆)*(?:是|为|属于)[^,。;]{0,10}?(?:国家级|省级|市级|自治区级)"
    r"(?P<kind>" + _KIND_RE.pattern + ")"
)
# 获评国家级科技企业孵化器的是甲有限公司: the carriers a designation went to.
_AWARDED_RE = re.compile(
    r"(?:获评|认定为|评为|入选|获批)[^,。;]{0,6}?(?P<kind>"
    + _KIND_RE.pattern
    + r")的(?:是|有)(?P<items>[^,。;:]{2,80})"
)
_MAX_DESIGNATED = 30


def _designated_members(sentence: Sentence, found: list[CarrierMention]) -> list[CarrierMention]:
    """Carriers named as the holders of a designation, whatever their names end with."""
    text = sentence.text
    taken = [(m.start - sentence.start, m.end - sentence.start) for m in found]
    spans: list[tuple[int, int, str]] = []
    for match in _ORG_COPULA_RE.finditer(text):
        pos = match.start(1)
        for item, separator in _split_items(match.group(1)):
            spans.append((pos, pos + len(item), match.group("kind")))
            pos += len(item) + len(separator)
    for match in _AWARDED_RE.finditer(text):
        pos = match.start("items")
        for item, separator in _split_items(match.group("items")):
            end = pos + len(item)
            closing = text.find("等", pos, end)
            spans.append((pos, closing if closing > pos else end, match.group("kind")))
            pos = end + len(separator)
    members: list[CarrierMention] = []
    for index, (start, end, kind) in enumerate(spans):
        category = SUBJECT_KINDS[kind][0]
        if index == 0 or spans[index - 1][1] + 2 < start:
            start = max(start, left_boundary(text, end))
            start = _trim_start(text, start, end, "")
        name = text[start:end]
        if (
            category not in _CARRIER_CATEGORIES
            or not (MIN_STEM <= len(name) <= _MAX_DESIGNATED)
            or not _member(name)
            or any(a < end and start < b for a, b in taken)
        ):
            continue
        members.append(
            _listed(sentence, name, category, sentence.start + start, sentence.start + end)
        )
    return members


def _recognition(text: str) -> bool:
    """Whether a sentence lists carriers already recognised (认定, 备案, 名单 …)."""
    return any(w in text for w in RECOGNITION_WORDS)


def _organisation_end(text: str, end: int) -> int:
    """End of an organisation name that continues a carrier word
    (成都天府软件园有限公司, 潍坊软件园发展中心), or ``end`` if none."""
    tail = _ORG_TAIL_RE.match(text, end)
    if tail is None or any(c in HARD_STOPS or c in "和及与" for c in tail.group(0)):
        return end
    if tail.group(0)[0] in _NOT_ORG_START:
        return end  # …孵化器由甲投资公司运营: the firm that runs it, another party
    if _SUFFIX_RE.search(tail.group(0)):
        return end  # another carrier follows: 创业园和潍坊软件园发展中心
    return tail.end()


def _listed_organisations(sentence: Sentence) -> list[CarrierMention]:
    """Carriers a recognition list names by their operator (甲有限公司等3家孵化器)."""
    text = sentence.text
    found: list[CarrierMention] = []
    if not _recognition(text):
        return found
    for match in _ORG_LIST_RE.finditer(text):
        category = SUBJECT_KINDS[match.group("kind")][0]
        if category not in ("incubator", "park", "zone", "community", "smart_island"):
            continue
        pos = match.start(1)
        for item in match.group(1).split("、"):
            start, end = pos, pos + len(item)
            pos = end + 1
            start = max(start, left_boundary(text, end)) if start == match.start(1) else start
            start = _trim_start(text, start, end, "")
            if end - start < MIN_STEM or _SUFFIX_RE.search(text, start, end):
                continue
            found.append(
                _listed(
                    sentence,
                    text[start:end],
                    category,
                    sentence.start + start,
                    sentence.start + end,
                )
            )
    return found


# 未来空间Future Space等13家载体备案为市级众创空间 / 黔青梦工场等6家众创空间 /
# 甲公司等8家单位名列其中 (the kind in the sentence before): the members
# named before their count are carriers of the kind the list gives,
# whatever their names end with.
_COUNTED_TAIL_RE = re.compile(
    r"(?P<etc>等)?(?:这|这些)?(?:\d+|" + CN_NUMBER + r")(?:家|个|所)(?P<unit>单位|载体|机构)?"
    r"(?:(?:[^。;,]{0,16}?(?:为|予以)[^。;,]{0,8}?|(?:国家级|省级|市级|自治区级|国家|省|市)?)"
    r"(?P<kind>" + _KIND_RE.pattern + r")"
    r"|(?=(?:均|都|已|被|成功|获|入选|上榜|名列|位列|进入|纳入|列入|通过)))"
)
_ITEMS_BEFORE_RE = re.compile(r"[^,。;:“”!?]{2,60}$")
_QUOTED_BEFORE_RE = re.compile(r"“([^,。;:“”!?、]{2,20})”$")


# Members that are groups of bodies, not carriers (高校、科研院所等20家单位).
_NOT_MEMBER_ENDS = ("高校", "院所", "企业", "单位", "部门", "机构", "政府", "大学", "学院")
_CARRIER_CATEGORIES = ("incubator", "park", "zone", "community", "smart_island")


def _context_kind(text: str, before: int, previous: str) -> str | None:
    """The carrier category a list takes from the words before it: the last
    kind named earlier in its sentence, else in the sentence before."""
    for context in (text[:before], previous):
        kinds = [m.group(0) for m in _KIND_RE.finditer(context)]
        categories = [SUBJECT_KINDS[k][0] for k in kinds]
        found = [c for c in categories if c in _CARRIER_CATEGORIES]
        if found:
            return found[-1]
    return None


def _member(name: str) -> bool:
    """Whether a list item can be a carrier's name (not a kind, a body or a place)."""
    return not (
        len(name) < MIN_STEM
        or SUFFIX_END_RE.search(name)
        or name.endswith(_NOT_MEMBER_ENDS)
        or len(strip_generic(name)) < MIN_STEM
        or name.startswith(LEADING_LEVELS)
        or (city_at(name) is not None and city_prefix_length(name) >= len(name) - 1)
        or (county_city_at(name) is not None and len(name) <= 4)
        or name in ("我市", "我省", "我区", "我县", "全市", "全省", "全区", "全县")
    )


def _list_category(match: re.Match[str], text: str, items_start: int, previous: str) -> str | None:
    if match.group("kind"):
        category = SUBJECT_KINDS[match.group("kind")][0]
        return category if category in _CARRIER_CATEGORIES else None
    if match.group("unit") is None:
        # 公示…孵化器名单,甲中心、乙平台和丙园3家入选: a count without a
        # unit takes the kind its own sentence named before the list.
        return _context_kind(text, items_start, "")
    return _context_kind(text, items_start, previous)


def _inner_carrier_start(
    found: list[CarrierMention], offset: int, item_start: int, start: int, end: int
) -> int:
    """Where a member begins when a carrier found inside it starts before
    the walk's stop (…孵化器有限公司埃米空间新材料产业孵化加速平台: 加速 is a
    verb only outside a name)."""
    for mention in found:
        inner = mention.start - len(mention.district) - offset
        if item_start <= inner < start and mention.end - offset < end:
            start = inner
    return start


def _etc_list_members(
    sentence: Sentence, found: list[CarrierMention], previous: str = ""
) -> list[CarrierMention]:
    """Carriers a recognition list names before their count (no carrier word)."""
    text = sentence.text
    members: list[CarrierMention] = []
    if not _recognition(text + previous):
        return members
    for match in _COUNTED_TAIL_RE.finditer(text):
        if text[match.start() - 1 : match.start()] in ("-", "~", "至", "到"):
            continue  # 冲刺2-3家国家级经开区: the top of a range, not a list's count
        quoted = _QUOTED_BEFORE_RE.search(text, max(0, match.start() - 30), match.start())
        before = quoted or _ITEMS_BEFORE_RE.search(text, max(0, match.start() - 60), match.start())
        if before is None:
            continue
        category = _list_category(match, text, before.start(), previous)
        # “优梦智创”等16家单位: a quoted name is one whole member.
        items = [quoted.group(1)] if quoted is not None else _item_texts(before.group(0))
        if category is None or (match.group("etc") is None and len(items) < 2):
            continue
        end = match.start() - (1 if quoted is not None else 0)
        for demonstrative in ("这些", "这"):
            # …有限公司这2家国家级孵化器: the demonstrative closes the list.
            if text.endswith(demonstrative, 0, end) and items[-1].endswith(demonstrative):
                end -= len(demonstrative)
                items[-1] = items[-1][: -len(demonstrative)]
                break
        closing = next((w for w in ("等地", "等") if text.endswith(w, 0, end)), "")
        if closing and items[-1].endswith(closing):
            # 东川、西河等地5个…: 等地 closes the list, it is not a name.
            end -= len(closing)
            items[-1] = items[-1][: -len(closing)]
        for index in range(len(items) - 1, -1, -1):
            item = items[index]
            start = max(end - len(item), latin_boundary(text, end))
            if index == 0 or quoted is not None:
                # Only the first member can carry words of the sentence
                # before it; the others are bounded by their separators.
                start = _trim_start(text, start, end, "")
            start = _inner_carrier_start(found, sentence.start, end - len(item), start, end)
            name = text[start:end]
            item_end, end = end, end - len(item) - 1
            # A carrier found inside the item that stops short of its end
            # (北京…孵化器有限公司 in 北京…孵化器有限公司埃米空间…平台) is only
            # the operator's name: the member is the whole item.
            taken = any(
                m.start - sentence.start < item_end <= m.end - sentence.start for m in found
            )
            if taken or not _member(name):
                continue
            members.append(
                _listed(sentence, name, category, sentence.start + start, sentence.start + item_end)
            )
    return sorted(members, key=lambda m: m.start)


# 新认定省级科技企业孵化器2家(甲有限公司、乙学院): the bracket after a count
# names the members of the counted kind, operators and colleges included.
_BRACKETED_LIST_RE = re.compile(
    r"(?P<kind>" + _KIND_RE.pattern + r")(?:\d+|" + CN_NUMBER + r")(?:家|个|所)"
    r"[(（](?P<items>[^()（）]{2,200})[)）]"
)


def _bracketed_members(sentence: Sentence, found: list[CarrierMention]) -> list[CarrierMention]:
    """Carriers a recognition list names in brackets after its kind and count."""
    text = sentence.text
    members: list[CarrierMention] = []
    if not _recognition(text):
        return members
    taken = [(m.start - sentence.start, m.end - sentence.start) for m in found]
    for match in _BRACKETED_LIST_RE.finditer(text):
        category = SUBJECT_KINDS[match.group("kind")][0]
        if category not in _CARRIER_CATEGORIES:
            continue
        pos = match.start("items")
        for item in _item_texts(match.group("items")):
            start, end = pos, pos + len(item)
            pos = end + 1
            name = item.strip()
            if (
                len(strip_generic(name)) < MIN_STEM
                or (suffix_category(name) is not None and is_generic_name(name))
                or any(a < end and start < b for a, b in taken)
                or (city_at(name) is not None and city_prefix_length(name) >= len(name) - 1)
            ):
                continue
            members.append(
                _listed(sentence, name, category, sentence.start + start, sentence.start + end)
            )
    return members


# 国家级孵化器嵊州市科创中心、…: a level and kind in apposition before a
# place-headed name type it, whatever the name ends with.
_APPOSITION_RE = re.compile(
    r"(?:国家级|省级|市级|自治区级)(?P<kind>" + _KIND_RE.pattern + r")"
    r"(?P<name>[\u4e00-\u9fffA-Za-z0-9·]{4,16})(?=[、,，。;；]|等|和)"
)


def _apposition_members(sentence: Sentence, found: list[CarrierMention]) -> list[CarrierMention]:
    """Place-headed carriers introduced by their level and kind (no carrier word)."""
    return _appositions(
        sentence,
        found,
        _APPOSITION_RE,
        lambda name: city_at(name) is not None or county_city_at(name) is not None,
        status_from_kind=True,
    )


def _appositions(
    sentence: Sentence,
    found: list[CarrierMention],
    pattern: re.Pattern[str],
    accept: Callable[[str], bool],
    *,
    status_from_kind: bool = False,
) -> list[CarrierMention]:
    """Carriers a kind written next to them types (``kind`` and ``name``
    groups of ``pattern``), when ``accept`` takes the name."""
    text = sentence.text
    taken = [(m.start - sentence.start, m.end - sentence.start) for m in found]
    members: list[CarrierMention] = []
    for match in pattern.finditer(text):
        category = SUBJECT_KINDS[match.group("kind")][0]
        name, start, end = match.group("name"), match.start("name"), match.end("name")
        if (
            category not in _CARRIER_CATEGORIES
            or _SUFFIX_RE.search(name)
            or not accept(name)
            or any(a < end and start < b for a, b in taken)
        ):
            continue
        status_start = match.start() if status_from_kind else start
        members.append(
            _listed(
                sentence,
                name,
                category,
                sentence.start + start,
                sentence.start + end,
                status=carrier_status(text, status_start, end),
            )
        )
    return members


# 飞地孵化器——株洲(深圳)离岸创新中心: a name set off by a dash after a
# kind is a carrier of that kind, whatever word it ends with.
_DASH_APPOSITION_RE = re.compile(
    r"(?P<kind>" + _KIND_RE.pattern + r")(?:——|—|--)"
    r"(?P<name>[\u4e00-\u9fffA-Za-z0-9·()]{2,18}?"
    r"(?:中心|港|谷|空间|平台|工场|工坊|小镇|大厦|基地|社区|家园|梦工厂|汇|坊))"
    r"(?![\u4e00-\u9fffA-Za-z0-9·()]*(?:中心|港|谷|空间|平台|工场|工坊|小镇|大厦|基地|社区)"
    r"(?:[、,。;]|$))"
)


def _dash_apposition_members(
    sentence: Sentence, found: list[CarrierMention]
) -> list[CarrierMention]:
    """Carriers named after a kind and a dash (孵化器——甲创新中心)."""
    return _appositions(
        sentence,
        found,
        _DASH_APPOSITION_RE,
        lambda name: _member(name) and not is_generic_name(name + "众创空间"),
    )


_OWNER_RE = re.compile(r"([\u4e00-\u9fff]{2,8})的$")
_LOCATED_RE = re.compile(r"(?:位于|落户|坐落于|在|于)(?=[\u4e00-\u9fff])")


def _located_city(mention: CarrierMention, text: str) -> CarrierMention:
    """A carrier with no city placed by its clause (…在宁乡高新区揭牌)."""
    if mention.city or mention.out_of_area:
        return mention
    raw_start = _raw_start(mention, text, mention.sentence.start)
    owner = _OWNER_RE.search(text, max(0, raw_start - 10), raw_start)
    if owner is not None:
        # 十堰的湖北神农蜂语生物产业有限公司, 咸安区的…孵化器: the place
        # before 的 owns it.
        city = place_city(owner.group(1))
        if city:
            return replace(mention, city=city)
    end = mention.end - mention.sentence.start
    clause_end = min(
        (i for i in (text.find(c, end) for c in CLAUSE_ENDS) if i >= 0), default=len(text)
    )
    for match in _LOCATED_RE.finditer(text, end, clause_end):
        place = text[match.end() : clause_end]
        city = city_at(place) or county_city_at(place, short_names=True)
        if city:
            return replace(mention, city=city)
    return mention


def _sentence_city(found: list[CarrierMention]) -> list[CarrierMention]:
    """In a text of several cities, carriers with no city of their own lie
    in the one city all the others of their sentence are placed in."""
    cities = {m.city for m in found if m.city}
    if len(cities) != 1 or any(m.sentence.city for m in found):
        return found
    [city] = cities
    return [
        replace(m, city=city)
        if not m.city and not m.out_of_area and not m.name.endswith(PROVINCIAL_ZONES)
        else m
        for m in found
    ]


def _place_headed(text: str, start: int) -> bool:
    """Whether the name starting at ``start`` opens with a city or county
    (after a level word): ``台州高新区、…等平台`` lists carriers, where
    ``…创业园等特色孵化载体`` lists kinds."""
    level = next((w for w in LEADING_LEVELS if text.startswith(w, start)), "")
    start += len(level)
    return (
        city_at(text, start) is not None
        or county_city_at(text[start:]) is not None
        or bool(district_prefix(text[start : start + 8]))
    )


def _type_in_list(text: str, match: re.Match[str]) -> bool:
    """Whether a name closing a list of types (…创业园等特色孵化载体) is a kind:
    not when a place heads it (台州高新区、…等平台) or a kind in apposition
    introduces it (国家级众创空间北航投星空众创空间等创新平台)."""
    start = left_boundary(text, match.start())
    if _place_headed(text, start):
        return False
    trimmed = _trim_start(text, start, match.end(), match.group(0))
    introduced = _SUFFIX_RE.search(text, start, trimmed) is not None
    return not introduced or is_generic_name(text[trimmed : match.end()])


def _sentence_carriers(sentence: Sentence, previous: str = "") -> list[CarrierMention]:
    text = sentence.text
    found: list[CarrierMention] = _listed_organisations(sentence)
    recognition = _recognition(text)
    for match in _SUFFIX_RE.finditer(text):
        suffix = match.group(0)
        if _DEPENDENT_AFTER_RE.match(text, match.end()) and suffix not in DEPENDENT_SUFFIXES:
            continue
        if _TYPE_LIST_RE.match(text, match.end()) and _type_in_list(text, match):
            continue
        abbreviated = _abbreviated_items(text, match.start())
        if abbreviated and not _places_of_many(text, abbreviated, suffix):
            for start, end in abbreviated:
                mention = _expanded(sentence, start, end, suffix)
                if mention is not None:
                    found.append(mention)
            continue
        if not recognition and text.startswith(_COMPANY_ENDS, match.end()):
            # 鄂州火炬科技孵化器有限公司签订…: a firm, not the carrier it runs.
            continue
        boundary = quoted_start(text, match.start(), match.end())
        if boundary is None:
            boundary = left_boundary(text, match.start())
        org_end = _organisation_end(text, match.end()) if recognition else None
        phase = _PHASE_RE.match(text, match.end())
        if phase is not None:
            # 湾谷科技园二期: a phase of a carrier is named with it.
            org_end = phase.end()
        mention = _make(sentence, boundary, match.end(), suffix, org_end)
        if mention is None:
            continue
        found.append(mention)
        # A suffix shared by a list is written after its last item only
        # (东城、淞江、舞阳产业集聚区); a name the list goes on after is whole.
        if len(mention.name) - len(suffix) <= _MAX_ABBREVIATION and text[
            match.end() : match.end() + 1
        ] not in ("、", "和", "及"):
            for start, end in _list_items(text, boundary):
                extra = _expanded(
                    sentence, start, end, suffix, _shared_tail(mention.name, text[start:end])
                )
                if extra is not None:
                    found.append(extra)
    found = found + _etc_list_members(sentence, found, previous)
    found = found + _bracketed_members(sentence, found)
    found = found + _apposition_members(sentence, found)
    found = found + _dash_apposition_members(sentence, found)
    found = found + _designated_members(sentence, found)
    found = _drop_places(_drop_nested(found), text)
    found = sorted(found + _list_context_members(sentence, found), key=lambda m: m.start)
    found = _bracketed_operators(found, text)
    found = [_trailing_place(m) for m in _counted_place_members(sentence, found)]
    found = _sentence_city([_located_city(m, text) for m in _inherit_districts(found, text)])
    if recognition:
        found = [_recognised_kind(m, text) for m in found]
    return _shared_status(found, text)


# …等4家单位为自治区科技企业孵化器 / …等2家载体转型认定为市级专业型孵化器
_ASSIGNED_KIND_RE = re.compile(
    r"[^。;]{0,30}?(?:\d+|"
    + CN_NUMBER
    + r")(?:家|个|所)[^。;,]{0,16}?为[^。;,]{0,8}?(?P<kind>"
    + _KIND_RE.pattern
    + ")"
)


def _recognised_kind(mention: CarrierMention, text: str) -> CarrierMention:
    """The category a recognition list gives its members.

    ``兴庆数字经济产业园等4家单位认定为自治区科技企业孵化器``: an incubator
    whose name ends in a park word is an incubator.
    """
    assigned = _ASSIGNED_KIND_RE.match(text, mention.end - mention.sentence.start)
    if assigned is None:
        return mention
    category = SUBJECT_KINDS[assigned.group("kind")][0]
    if category != "incubator" or mention.category == category:
        return mention
    return replace(mention, category=category)


def _list_items_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the items of ``text[start:end]`` separated by 、, 和 or 及
    outside parentheses."""
    items: list[tuple[int, int]] = []
    depth = 0
    item_start = start
    for pos in range(start, end):
        char = text[pos]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and char in "、和及"
            and text[pos - 1 : pos + 1] not in NAME_WORDS
            and (char == "、" or not (inside_place(text, pos) or text[pos - 1 : pos] == "的"))
        ):
            items.append((item_start, pos))
            item_start = pos + 1
    items.append((item_start, end))
    return items


def _context_member_name(text: str, start: int, end: int, first: bool) -> tuple[int, int] | None:
    """The name an uncovered list item gives (its place in parentheses and a
    closing 等… dropped), or ``None`` when it cannot be a carrier's name."""
    end = text.find("(", start, end) if "(" in text[start:end] else end
    closing = text.find("等", start, end)
    end = closing if closing > start else end
    if first:
        start = max(start, latin_boundary(text, end))
    name = text[start:end]
    if not (MIN_STEM <= len(name) <= _MAX_CONTEXT_NAME) or not all(map(is_name_char, name)):
        return None
    if not _member(name) or name.endswith(ORGANISATION_WORDS) or is_generic_name(name + "众创空间"):
        return None
    return start, end


def _list_context_members(sentence: Sentence, found: list[CarrierMention]) -> list[CarrierMention]:
    """Names without a carrier word listed among maker spaces and
    incubators (聚方众创空间、中原智谷、3U双创众创空间; 上海新车间、深圳柴火
    创客空间、杭州洋葱胶囊和南京创客空间): the list types them."""
    text = sentence.text
    offset = sentence.start
    members: list[CarrierMention] = []
    clause_start = 0
    for clause_end in [*(i for i, c in enumerate(text) if c in ",。;:!?"), len(text)]:
        spans = [
            (m.start - len(m.district) - offset, m.end - offset)
            for m in found
            if m.category == "incubator" and clause_start <= m.start - offset < clause_end
        ]
        if len(spans) >= _MIN_LIST:
            items = _list_items_of(text, clause_start, clause_end)
            every = [(m.start - len(m.district) - offset, m.end - offset) for m in found]
            covered = [any(s < e_i and s_i < e for s, e in spans) for s_i, e_i in items]
            # An item inside any carrier found (中国钛谷钛及新材料产业园) is no member.
            inside = [any(s < e_i and s_i < e for s, e in every) for s_i, e_i in items]
            first = covered.index(True)
            last = len(covered) - 1 - covered[::-1].index(True)
            low = max(0, first - 1)
            high = last + 1 if last + 1 < len(items) else last
            if not any(e == items[last][1] for _, e in spans):
                # …蒙宏星创天地共3家单位在推荐、现场核查: the words after the
                # last carrier end the list, the next item is not a member.
                high = last
            for index in range(low, high + 1):
                if covered[index] or inside[index]:
                    continue
                name_span = _context_member_name(text, *items[index], first=index == low)
                if name_span is None:
                    continue
                start, end = name_span
                members.append(
                    _listed(
                        sentence,
                        text[start:end],
                        "incubator",
                        offset + start,
                        offset + end,
                        status=carrier_status(text, start, end),
                    )
                )
        clause_start = clause_end + 1
    return members


def _drop_places(found: list[CarrierMention], text: str) -> list[CarrierMention]:
    """Drop a zone written as the place of the carrier after it
    (咸宁高新区的津晶城科技孵化器): it locates that carrier, it is not listed."""
    offset = found[0].sentence.start if found else 0
    starts = {m.start - len(m.district) - offset for m in found}
    ends = {m.end - offset for m in found}
    return [
        m
        for m in found
        if not (
            m.category == "zone"
            and (
                (text.startswith("的", m.end - offset) and m.end - offset + 1 in starts)
                or (
                    # 3U双创众创空间(郑东新区): the district a list names it in.
                    text[
                        m.start - len(m.district) - offset - 1 : m.start - offset - len(m.district)
                    ]
                    == "("
                    and text.startswith(")", m.end - offset)
                    and m.start - len(m.district) - offset - 1 in ends
                )
            )
        )
    ]


def _drop_nested(found: list[CarrierMention]) -> list[CarrierMention]:
    """Drop a name written inside a longer one (南岭科技园 in 南岭科技园孵化器),
    the longer one counted with the district written before it
    (津市高新区 in 津市高新区生物医药科技企业孵化器)."""

    def span(m: CarrierMention) -> tuple[int, int]:
        offset = m.sentence.start
        return _raw_start(m, m.sentence.text, offset) + offset, m.end

    spans = [span(m) for m in found]
    return [
        m
        for m, (start, end) in zip(found, spans, strict=True)
        if not any(
            o is not m and o_start <= start and end <= o_end and o_end - o_start > end - start
            for o, (o_start, o_end) in zip(found, spans, strict=True)
        )
    ]


def _shared_tail(last: str, item: str) -> str:
    """What the items of a list share, written once after the last one.

    The carrier word (东城、淞江、舞阳产业集聚区), or, when the items are
    cities, all that follows the last one's city (济南、潍坊、聊城山东省大学科技园
    → 山东省大学科技园).
    """
    found = suffix_category(last)
    suffix = found[0] if found else ""
    head = city_prefix_length(last)
    if head and city_prefix_length(item) == len(item) and len(last) - head > len(suffix):
        return last[head:]
    return suffix


def _expanded(
    sentence: Sentence, start: int, end: int, suffix: str, tail: str | None = None
) -> CarrierMention | None:
    """A carrier whose suffix (or shared tail) is written once for the whole list."""
    name = sentence.text[start:end] + (tail or suffix)
    city = city_of(name, "", sentence, suffix)
    if is_generic_name(name):
        return None
    return CarrierMention(
        name=name,
        category=CARRIER_SUFFIXES[suffix],
        district="",
        city=city,
        status=carrier_status(sentence.text, start, end),
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
            common = carrier_status(text, start, group[-1].end - offset)
            status.update({id(m): common for m in group})
    result = [replace(m, status=status.get(id(m), m.status)) for m in found]
    for index, mention in enumerate(result):
        if _is_alias(mention, text, offset):
            opening = max(text.rfind(b, 0, mention.start - offset) for b in "(（")
            referent = next((m for m in result if m.end - offset == opening), None)
            if referent is not None:
                result[index] = replace(mention, status=referent.status)
    return result


# 以任泽区、旭阳、会宁(滨江)、南和区、邢台经济开发区等5个科创基地为支撑: as
# many places as the count, each with one carrier of the kind named after it.
_COUNTED_LIST_RE = re.compile(
    rf"等(?P<n>\d+|{CN_NUMBER})(?:个|家|座|所)(?:国家级|省级|市级)?(?P<suffix>{_SUFFIX_RE.pattern})"
)
_MAX_PLACE_ITEM = 10


def _counted_place_members(sentence: Sentence, found: list[CarrierMention]) -> list[CarrierMention]:
    """Carriers a counted list of places names by their place alone."""
    text = sentence.text
    offset = sentence.start
    result = list(found)
    for match in _COUNTED_LIST_RE.finditer(text):
        suffix = match.group("suffix")
        clause_start = max(text.rfind(c, 0, match.start()) for c in ",。;:") + 1
        items = _list_items_of(text, clause_start, match.start())
        try:
            count = parse_number(match.group("n"))
        except ValueError:
            continue
        if len(items) < _MIN_LIST or len(items) != count:
            continue
        first_start, first_end = items[0]
        first_start = max(first_start, left_boundary(text, first_end))
        items[0] = (_trim_start(text, first_start, first_end, ""), first_end)
        names = [text[a:b] for a, b in items]
        if any(
            not (MIN_STEM <= len(n) <= _MAX_PLACE_ITEM)
            or n.endswith(suffix)
            or not all(is_name_char(c) or c in "()" for c in n)
            for n in names
        ):
            continue
        members = [
            CarrierMention(
                name=name + suffix,
                category=CARRIER_SUFFIXES[suffix],
                district="",
                city=city_of(name + suffix, "", sentence, suffix),
                status=carrier_status(text, a, match.end()),
                out_of_area=False,
                start=offset + a,
                end=offset + b,
                sentence=sentence,
            )
            for name, (a, b) in zip(names, items, strict=True)
        ]
        low, high = offset + items[0][0], offset + match.end()
        result = [m for m in result if not low <= m.start < high] + members
    return sorted(result, key=lambda m: m.start)


_TRAILING_PLACE_RE = re.compile(r"\(([^()]{2,10})\)$")


def _trailing_place(mention: CarrierMention) -> CarrierMention:
    """A county or city in brackets after a name says where the carrier is
    (成都市京东云创新空间(郫都区)); it is not part of the name."""
    match = _TRAILING_PLACE_RE.search(mention.name)
    if match is None or len(mention.name) - len(match.group(0)) < MIN_STEM:
        return mention
    place = match.group(1)
    if city_at(place) is None and county_city_at(place) is None:
        return mention
    return replace(
        mention,
        name=mention.name[: match.start()],
        end=mention.end - len(match.group(0)),
        city=mention.city or city_at(place) or county_city_at(place) or "",
    )


def _bracketed_operators(found: list[CarrierMention], text: str) -> list[CarrierMention]:
    """A firm in brackets after a name is its operator, not a carrier
    (太湖国际人才港(无锡技创众创空间孵化器有限公司)): the name before the
    bracket is the carrier, of the kind the firm's name gives."""
    offset = found[0].sentence.start if found else 0
    ends = {m.end - offset for m in found}
    result: list[CarrierMention] = []
    for mention in found:
        start = mention.start - len(mention.district) - offset
        end = mention.end - offset
        inside = (
            start > 0
            and text[start - 1] == "("
            and text.startswith(")", end)
            and mention.name.endswith(_COMPANY_ENDS)
        )
        if not inside:
            result.append(mention)
            continue
        opening = start - 1
        if opening in ends:
            continue  # the carrier before the bracket is already found
        item_start = max(text.rfind(c, 0, opening) for c in "、,;:") + 1
        item_start = max(item_start, left_boundary(text, opening))
        item_start = _trim_start(text, item_start, opening, "")
        name = text[item_start:opening]
        if not (MIN_STEM <= len(name) <= _MAX_CONTEXT_NAME) or not _member(name):
            continue
        result.append(
            replace(
                mention,
                name=name,
                district="",
                city=mention.city or city_of(name, "", mention.sentence, ""),
                start=offset + item_start,
                end=offset + opening,
            )
        )
    return sorted(result, key=lambda m: m.start)


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
    ['东城产业集聚区', '淞江产业集聚区', '舞阳产业集聚区']
    """
    found: list[CarrierMention] = []
    previous = ""
    for sentence in sentences:
        found.extend(_sentence_carriers(sentence, previous))
        previous = sentence.text
    return found
