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
    EXISTING_CLAUSE_AFTER,
    GENERIC_WORDS,
    LEVEL_WORDS,
    LIST_JOINERS,
    ORGANISATION_WORDS,
    PLANNED_BEFORE,
    RECOGNITION_WORDS,
    STOP_WORDS,
    SUBJECT_KINDS,
    UNDER_CONSTRUCTION_AFTER,
    UNDER_CONSTRUCTION_BEFORE,
    UNIT_WORDS,
    suffix_category,
    suffix_pattern,
)
from geo_app.extraction._numerals import CN_NUMBER
from geo_app.extraction._places import (
    AMBIGUOUS_CITIES,
    CITIES,
    PROVINCES,
    cities_in,
    city_at,
    city_prefix_length,
    county_city_at,
)
from geo_app.extraction._segment import segmenter_cut
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
# Words that end with a one-character stop word (自由贸易试验区 keeps its 由).
_WORDS_ENDING_STOP = frozenset({"自由", "经由", "理由", "相继", "后继"})
_STOP_LENGTHS = sorted({len(w) for w in STOP_WORDS}, reverse=True)
_QUANTITY_RE = re.compile(rf"(?:\d+|{CN_NUMBER}|几|数|多)(?:个|家|座|所|批|类|处|大)$")
_DEPENDENT_AFTER_RE = re.compile(
    r"[\u4e00-\u9fff]{0,6}?(?:" + "|".join(sorted(DEPENDENT_SUFFIXES, key=len, reverse=True)) + ")"
)
# …创业园等特色孵化载体: kinds listed as types; not …产业园等2家载体 (members).
_TYPE_LIST_RE = re.compile(
    rf"(?:、[^,。;、]{{1,20}})*等(?!(?:\d+|{CN_NUMBER})(?:家|个))[^,。;、]{{0,12}}?(?:载体|平台)"
)
# A、B…等8个<suffix>, A、B和C3家省级<suffix>, A、B等地5个<suffix>: items
# written without the suffix they share, closed by 等 or by their count.
_ABBREVIATED_LIST_RE = re.compile(
    rf"((?:[^、,。;:“”和及]{{1,8}}(?:、|和|及))+[^、,。;:“”和及]{{1,8}}?)(?:…+|\.{{3,}})?"
    rf"(?:等地?(?:\d+|{CN_NUMBER})?|(?:\d+|{CN_NUMBER})(?=个|家|座|所|处))"
    r"(?:个|家|座|所|处)?(?:国家级|省级|市级|自治区级|国家|省|市)?$"
)
_ITEM_SEPARATOR_RE = re.compile("、|和|及")
# A later phase (二期, 三期) is a carrier of its own; 一期 is the carrier itself.
_PHASE_RE = re.compile(r"(?:[二三四五六七八九十]|[2-9])期(?:工程)?")
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
_GENERIC_SET = frozenset(GENERIC_WORDS)
# A province written with 省/市/自治区, or a city written with 市, at the head
# of a stem (河南科技大学 is a university, 河南省科技企业孵化器 a kind).
_PLACE_HEAD_RE = re.compile(
    "(?:中国)?(?:" + "|".join(sorted(PROVINCES, key=len, reverse=True)) + ")(?:省|市|自治区)"
    "|(?:" + "|".join(sorted(CITIES, key=len, reverse=True)) + ")市"
)
_PROVINCE_HEAD_RE = re.compile(
    r"^(?:中国)?(?:\([^()]*\))?(?:"
    + "|".join(sorted(PROVINCES, key=len, reverse=True))
    + ")(?:省|市|自治区|回族自治区|壮族自治区|维吾尔自治区)?"
)
_KIND_QUALIFIERS = (*sorted(LEVEL_WORDS, key=len, reverse=True), "科技企业")
_LEADING_LEVELS = ("国家级", "省级", "市级", "县级", "自治区级")
_MIN_STEM = 2
_MAX_ABBREVIATION = 5
# 全省第一家生物化工专业孵化器, 首个离岸孵化基地: an ordinal before a name
# makes it a kind (the first of its kind), not a carrier's name.
_ORDINAL_BEFORE_RE = re.compile(
    rf"(?:第(?:\d+|{CN_NUMBER})|首|唯一一?)(?:家|个|座|所|批)?(?:国家级|省级|市级)?$"
)
# 科技企业孵化器数量领先, 大孵化器集群, 中国孵化器50强: a carrier word
# followed by a measure of the kind, a cluster or a ranking names the kind.
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


def _is_name_char(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or (char.isascii() and char.isalpha()) or char in "·-&"


def _stop_before(text: str, pos: int) -> bool:
    """Whether a stop word or quantity ends exactly at ``pos``.

    A one-character stop word that begins a common name word (和平, 和谐…)
    does not end a name there: 和平科技产业园 keeps its 和.
    """
    for length in _STOP_LENGTHS:
        if length <= pos and text[pos - length : pos] in _STOP_SET:
            if length == 1 and (
                text[pos - 1 : pos + 1] in _NAME_WORDS or text[pos - 2 : pos] in _WORDS_ENDING_STOP
            ):
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
        elif char == "+" and pos >= 2 and text[pos - 2].isascii() and text[pos - 2].isalnum():
            pass  # V+合伙人大厦产业园: a plus sign inside a Latin name
        elif char in _HARD_STOPS:
            break
        elif char.isdigit():
            neighbours = text[pos - 2 : pos - 1] + text[pos : pos + 1]
            if not any(c.isascii() and c.isalpha() for c in neighbours) and _is_quantity(text, pos):
                break
        elif not _is_name_char(char):
            break
        pos -= 1
    while pos < suffix_start and text[pos] in ")·-&":
        pos += 1
    if pos > 0 and text[pos - 1].isdigit():
        # 2023年度省级众创空间, 600平方米滨湖创业园: the unit belongs to the number.
        unit = next((u for u in UNIT_WORDS if text.startswith(u, pos)), "")
        if unit and pos + len(unit) < suffix_start:
            pos += len(unit)
    return pos


def _is_quantity(text: str, pos: int) -> bool:
    """Whether the digits ending at ``pos`` are a number with its unit.

    Digits followed by a unit or time word (2023年, 600平方米, 8家) are a
    quantity and end a name; digits inside a name (创意100文化产业园) are not.
    """
    while pos < len(text) and (text[pos].isdigit() or text[pos] == "."):
        pos += 1
    return pos >= len(text) or not _is_name_char(text[pos]) or text.startswith(UNIT_WORDS, pos)


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
    place = _PLACE_HEAD_RE.match(stem)
    rest = stem[place.end() :] if place is not None else ""
    province = place is not None and not place.group(0).endswith("市")
    if rest and found[1] == "incubator" and (province or rest.startswith(_KIND_QUALIFIERS)):
        # 山东省青年创业孵化基地, 合肥市国家级科技企业孵化器: a designation a
        # province gives, or a city's carriers of a level, are kinds;
        # 烟台市大学生创业园 and a city's one 国家级农业科技园区 are named.
        return len(_strip_generic(rest)) < _MIN_STEM
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
    if prefix[0] in _NOT_DISTRICT or prefix[:-1] in _GENERIC_SET or prefix in _GENERIC_SET:
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


# 于1999年开工建设 / 将于2025年建成: a dated act, past unless a future word leads.
_DATED_ACT_RE = re.compile(r"(?P<lead>[^,。;:]{0,6}?)于(?:19|20)\d{2}年")
_PLACE_OF_ACT = ("在", "位于", "落户", "落户于")
_FUTURE_LEADS = ("将", "计划", "拟", "预计", "力争", "争取", "确保", "预期")


def _dated_in_past(clause: str) -> bool:
    """Whether a clause dates its act with ``于YYYY年`` and no future word."""
    match = _DATED_ACT_RE.search(clause)
    return match is not None and not any(w in match.group("lead") for w in _FUTURE_LEADS)


def _status(text: str, start: int, end: int) -> str:
    """``existing`` or ``planned`` from the words around ``text[start:end]``.

    In order: being built (开工, 加快建设 …: the product files it as
    planned); words right after or before that show an existing carrier;
    a sentence that lists recognised carriers (认定, 入选, 名单 …) unless a
    planning verb stands right before the name; planning verbs; else a
    name opening its clause is a subject that exists.
    """
    after = text[end : end + 8]
    before = text[max(0, start - 12) : start]
    clause_end = min(
        (i for i in (text.find(c, end) for c in _CLAUSE_ENDS) if i >= 0), default=len(text)
    )
    later = text[end:clause_end]
    clause_start = max(text.rfind(c, 0, start) for c in _CLAUSE_ENDS) + 1
    if _dated_in_past(text[clause_start:clause_end]):
        # 福州软件园于1999年开工建设, 于2022年引入…项目: done, so it exists.
        return "existing"
    if before.endswith(_PLACE_OF_ACT):
        # 项目在兰州高新区榆中园区开工: the place where work starts exists.
        return "existing"
    if any(w in later for w in UNDER_CONSTRUCTION_AFTER) or before.endswith(
        UNDER_CONSTRUCTION_BEFORE
    ):
        return "planned"
    if after.startswith(EXISTING_AFTER) or any(w in later for w in _UPGRADES):
        return "existing"
    if any(w in later for w in EXISTING_CLAUSE_AFTER):
        return "existing"
    clause_start = max(text.rfind(c, 0, start) for c in _CLAUSE_ENDS) + 1
    if before.endswith(EXISTING_BEFORE) or (before.endswith("以") and "为" in later):
        # 以西咸新区为总窗口: a plan builds on a carrier that exists.
        return "existing"
    if _builds_on(text[clause_start:start]):
        return "existing"
    planned_verb = next((w for w in PLANNED_BEFORE if before.endswith(w)), "")
    if planned_verb and before[: -len(planned_verb)].endswith(RECOGNITION_WORDS):
        # 批复设立, 获批建设: the approval makes the carrier exist.
        return "existing"
    if any(w in text for w in RECOGNITION_WORDS) and not planned_verb:
        return "existing"
    if any(w in before for w in PLANNED_BEFORE) or after.startswith("建设"):
        return "planned"
    clause_start = max(text.rfind(c, 0, start) for c in _CLAUSE_ENDS)
    return "existing" if clause_start == start - 1 or start == 0 else "planned"


_BUILDS_ON = tuple(w for w in EXISTING_BEFORE if len(w) >= _MIN_STEM)


def _builds_on(prefix: str) -> bool:
    """``依托A、B、`` before a name: the plan builds on a list of carriers
    (no planning verb between the word and the name)."""
    for word in _BUILDS_ON:
        at = prefix.rfind(word)
        if at >= 0 and not any(w in prefix[at + len(word) :] for w in PLANNED_BEFORE):
            return True
    return False


def _city_of(name: str, district: str, sentence: Sentence, suffix: str) -> str:
    """The city a carrier belongs to, from its own name first.

    A city at the head of the name; a county written in full (常熟市 …)
    wherever the text is; the city of a 片区; the city inside a name that
    starts with a province or 中国; else the passage's city, and in a
    passage that has none (a province-wide list), a county written short
    (江华, 临澧).
    """
    if suffix in _PROVINCIAL_ZONES:
        return ""
    whole = district + name
    named = city_at(whole) or _short_city(whole) or county_city_at(whole)
    if named is not None:
        return named
    if suffix in DEPENDENT_SUFFIXES:
        inside = cities_in(name)
        if inside:
            return inside[-1]
    if whole.startswith(("中国", *PROVINCES)):
        head = _PROVINCE_HEAD_RE.sub("", whole, count=1)
        inside = cities_in(head)
        if head and inside and head.startswith(inside[0][:-1]):
            return inside[0]
        county = county_city_at(head, short_names=True)
        if county is None and whole.endswith(ORGANISATION_WORDS):
            # 山东潍工大投资有限公司 in a passage about 潍坊: a firm named
            # after its province operates in the passage's city.
            return sentence.city or ""
        return county or ""
    if sentence.city:
        return sentence.city
    return county_city_at(whole, short_names=True) or ""


def _short_city(name: str) -> str | None:
    """A city whose short name is also a common word (长治, 延安 …) when the
    rest of the name is only a carrier kind (长治高新区) or starts with one
    of its counties (延安黄陵…)."""
    for short in AMBIGUOUS_CITIES:
        if not name.startswith(short):
            continue
        rest = name[len(short) :]
        city = short + "市"
        if is_generic_name(rest) or county_city_at(rest, short_names=True) == city:
            return city
    return None


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


def _in_chain(text: str, start: int, end: int) -> bool:
    """Whether the name is a link of a chain (众创空间-孵化器-加速器).

    A carrier word joined by a dash to another carrier word names a stage
    of a pipeline, not a carrier.
    """
    for index in range(start, end):
        if text[index] == "-" and _SUFFIX_END_RE.search(text, max(0, index - 12), index):
            return True
    after = _SUFFIX_RE.match(text, end + 1)
    return text[end : end + 1] == "-" and after is not None


def _in_title(text: str, start: int, end: int) -> bool:
    """Whether the name is part of a document's title (《东川市孵化器管理办法》)."""
    opening = text.rfind("《", 0, start)
    if opening < 0 or text.rfind("》", 0, start) > opening:
        return False
    closing = text.find("》", end)
    return closing > end


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
    level = next((w for w in _LEADING_LEVELS if text.startswith(w, start)), "")
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
    raw_start = _trim_start(text, raw_start, raw_end, suffix)
    if _kind_context(text, raw_start, raw_end):
        return None
    raw = text[raw_start:raw_end]
    district, name = _split_place(raw, suffix)
    quoted = text[raw_start - 1 : raw_start] == "“" and text[raw_end : raw_end + 1] == "”"
    definite = _definite_zone(text, raw_start, raw_end, suffix)
    if not (quoted or definite) and is_generic_name(name) and is_generic_name(raw):
        return None
    if len(name) <= len(suffix) and not definite:
        return None
    start = raw_start + len(raw) - len(name)
    if org_end is not None and org_end > raw_end:
        name += text[raw_end:org_end]
        raw_end = org_end
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


def _split_items(items: str) -> list[tuple[str, str]]:
    """``A、B和C`` → ``[("A", "、"), ("B", "和"), ("C", "")]``."""
    parts = _ITEM_SEPARATOR_RE.split(items)
    separators = [*_ITEM_SEPARATOR_RE.findall(items), ""]
    return list(zip(parts, separators, strict=True))


def _abbreviated_items(text: str, suffix_start: int) -> list[tuple[int, int]]:
    """Items of ``A、B…等8个<suffix>`` written without the suffix."""
    match = _ABBREVIATED_LIST_RE.search(text[:suffix_start])
    if match is None:
        return []
    spans: list[tuple[int, int]] = []
    pos = match.start(1)
    for item, separator in _split_items(match.group(1)):
        start, end = pos, pos + len(item)
        pos = end + len(separator)
        cut = left_boundary(text, end) if start == match.start(1) else start
        start = max(start, cut)
        if not text[start:end] or suffix_category(text[start:end]) is not None:
            return []
        spans.append((start, end))
    return spans


_ORG_RE = re.compile("|".join(map(re.escape, ORGANISATION_WORDS)))
_ORG_TAIL_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{0,12}?(?:" + _ORG_RE.pattern + ")")
_KIND_RE = re.compile("|".join(sorted(map(re.escape, SUBJECT_KINDS), key=len, reverse=True)))
# 甲公司、乙中心3家科技企业孵化器 / 甲公司等8家单位…为省级孵化器
# In a list closed by its count and kind, any 中心 or 研究院 is an operator too.
_LISTED_ORG = _ORG_RE.pattern + "|中心|研究院"
_ORG_LIST_RE = re.compile(
    r"((?:[^、,。;:“”]{2,40}?(?:"
    + _LISTED_ORG
    + r")、)*[^、,。;:“”]{2,40}?(?:"
    + _LISTED_ORG
    + r"))(?:等)?(?:\d+|"
    + CN_NUMBER
    + r")(?:家|个|所)(?:单位|载体|机构)?(?:[^。;,、]{0,10}?为)?"
    r"(?:国家级|省级|市级|自治区级|国家|省|市)?(?P<kind>" + _KIND_RE.pattern + ")"
)


def _recognition(text: str) -> bool:
    """Whether a sentence lists carriers already recognised (认定, 备案, 名单 …)."""
    return any(w in text for w in RECOGNITION_WORDS)


def _organisation_end(text: str, end: int) -> int:
    """End of an organisation name that continues a carrier word
    (成都天府软件园有限公司, 潍坊软件园发展中心), or ``end`` if none."""
    tail = _ORG_TAIL_RE.match(text, end)
    if tail is None or any(c in _HARD_STOPS or c in "和及与" for c in tail.group(0)):
        return end
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
            if end - start < _MIN_STEM or _SUFFIX_RE.search(text, start, end):
                continue
            found.append(
                CarrierMention(
                    name=text[start:end],
                    category=category,
                    district="",
                    city=_city_of(text[start:end], "", sentence, ""),
                    status="existing",
                    out_of_area=False,
                    start=sentence.start + start,
                    end=sentence.start + end,
                    sentence=sentence,
                )
            )
    return found


# 未来空间Future Space等13家载体备案为市级众创空间 / 黔青梦工场等6家众创空间 /
# 甲公司等8家单位名列其中 (the kind in the sentence before): the members
# named before their count are carriers of the kind the list gives,
# whatever their names end with.
_COUNTED_TAIL_RE = re.compile(
    r"(?P<etc>等)?(?:\d+|" + CN_NUMBER + r")(?:家|个|所)(?P<unit>单位|载体|机构)?"
    r"(?:(?:[^。;,]{0,16}?为[^。;,]{0,8}?|(?:国家级|省级|市级|自治区级|国家|省|市)?)"
    r"(?P<kind>" + _KIND_RE.pattern + r")"
    r"|(?=(?:均|都|已|被|成功|获|入选|上榜|名列|位列|进入|纳入|列入|通过)))"
)
_ITEMS_BEFORE_RE = re.compile(r"[^,。;:“”!?]{2,60}$")


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


def _latin_boundary(text: str, end: int) -> int:
    """:func:`left_boundary` that keeps a space between Latin words
    (未来空间Future Space)."""
    start = left_boundary(text, end)
    while (
        start > 1
        and text[start - 1] == " "
        and text[start].isascii()
        and text[start].isalpha()
        and _is_name_char(text[start - 2])
    ):
        start = left_boundary(text, start - 1)
    return start


def _member(name: str) -> bool:
    """Whether a list item can be a carrier's name (not a kind, a body or a place)."""
    return not (
        len(name) < _MIN_STEM
        or _SUFFIX_RE.search(name)
        or name.endswith(_NOT_MEMBER_ENDS)
        or len(_strip_generic(name)) < _MIN_STEM
        or name.startswith(_LEADING_LEVELS)
        or (city_at(name) is not None and city_prefix_length(name) >= len(name) - 1)
        or (county_city_at(name) is not None and len(name) <= 4)
        or name in ("我市", "我省", "我区", "我县", "全市", "全省", "全区", "全县")
    )


def _list_category(match: re.Match[str], text: str, items_start: int, previous: str) -> str | None:
    if match.group("kind"):
        category = SUBJECT_KINDS[match.group("kind")][0]
        return category if category in _CARRIER_CATEGORIES else None
    if match.group("unit") is None:
        return None
    return _context_kind(text, items_start, previous)


def _etc_list_members(
    sentence: Sentence, found: list[CarrierMention], previous: str = ""
) -> list[CarrierMention]:
    """Carriers a recognition list names before their count (no carrier word)."""
    text = sentence.text
    members: list[CarrierMention] = []
    if not _recognition(text + previous):
        return members
    for match in _COUNTED_TAIL_RE.finditer(text):
        before = _ITEMS_BEFORE_RE.search(text, max(0, match.start() - 60), match.start())
        if before is None:
            continue
        category = _list_category(match, text, before.start(), previous)
        items = _ITEM_SEPARATOR_RE.split(before.group(0))
        if category is None or (match.group("etc") is None and len(items) < 2):
            continue
        end = match.start()
        for item in reversed(items):
            start = max(end - len(item), _latin_boundary(text, end))
            start = _trim_start(text, start, end, "")
            name = text[start:end]
            item_end, end = end, end - len(item) - 1
            taken = any(
                m.start - sentence.start < item_end and start < m.end - sentence.start
                for m in found
            )
            if taken or not _member(name):
                continue
            members.append(
                CarrierMention(
                    name=name,
                    category=category,
                    district="",
                    city=_city_of(name, "", sentence, ""),
                    status="existing",
                    out_of_area=False,
                    start=sentence.start + start,
                    end=sentence.start + item_end,
                    sentence=sentence,
                )
            )
    return sorted(members, key=lambda m: m.start)


_OWNER_RE = re.compile(r"([\u4e00-\u9fff]{2,6})的$")
_LOCATED_RE = re.compile(r"(?:位于|落户|坐落于|在|于)(?=[\u4e00-\u9fff])")


def _located_city(mention: CarrierMention, text: str) -> CarrierMention:
    """A carrier with no city placed by its clause (…在宁乡高新区揭牌)."""
    if mention.city or mention.out_of_area:
        return mention
    raw_start = _raw_start(mention, text, mention.sentence.start)
    owner = _OWNER_RE.search(text, max(0, raw_start - 8), raw_start)
    if owner is not None:
        # 十堰的湖北神农蜂语生物产业有限公司: the place before 的 owns it.
        named = cities_in(owner.group(1))
        if named and owner.group(1).endswith((named[-1], named[-1][:-1])):
            return replace(mention, city=named[-1])
    end = mention.end - mention.sentence.start
    clause_end = min(
        (i for i in (text.find(c, end) for c in _CLAUSE_ENDS) if i >= 0), default=len(text)
    )
    for match in _LOCATED_RE.finditer(text, end, clause_end):
        place = text[match.end() : clause_end]
        city = city_at(place) or county_city_at(place, short_names=True)
        if city:
            return replace(mention, city=city)
    return mention


def _sentence_carriers(sentence: Sentence, previous: str = "") -> list[CarrierMention]:
    text = sentence.text
    found: list[CarrierMention] = _listed_organisations(sentence)
    recognition = _recognition(text)
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
        org_end = _organisation_end(text, match.end()) if recognition else None
        phase = _PHASE_RE.match(text, match.end())
        if phase is not None:
            # 湾谷科技园二期: a phase of a carrier is named with it.
            org_end = phase.end()
        mention = _make(sentence, boundary, match.end(), suffix, org_end)
        if mention is None:
            continue
        found.append(mention)
        if len(mention.name) - len(suffix) <= _MAX_ABBREVIATION:
            for start, end in _list_items(text, boundary):
                extra = _expanded(
                    sentence, start, end, suffix, _shared_tail(mention.name, text[start:end])
                )
                if extra is not None:
                    found.append(extra)
    found = found + _etc_list_members(sentence, found, previous)
    found = [_located_city(m, text) for m in _inherit_districts(_drop_nested(found), text)]
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
    if head and city_at(item) is not None and len(last) - head > len(suffix):
        return last[head:]
    return suffix


def _expanded(
    sentence: Sentence, start: int, end: int, suffix: str, tail: str | None = None
) -> CarrierMention | None:
    """A carrier whose suffix (or shared tail) is written once for the whole list."""
    name = sentence.text[start:end] + (tail or suffix)
    city = _city_of(name, "", sentence, suffix)
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
    previous = ""
    for sentence in sentences:
        found.extend(_sentence_carriers(sentence, previous))
        previous = sentence.text
    return found
