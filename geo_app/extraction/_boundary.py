"""Where a carrier's name begins: the walk left from its carrier word.

The walk stops at punctuation, at a listed verb, preposition or quantity
(建设, 在, 20家 …), at 及/和 when a whole carrier stands before them, and
at a quote that opens a quoted name; a verb before a firm's ending
(投资发展有限公司) and 和 before a place (和平潭) are handled apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo_app.extraction._generic import REGION_NAMES, strip_generic
from geo_app.extraction._lexicon import (
    CARRIER_SUFFIXES,
    CONJUNCTIONS,
    EXISTING_BEFORE,
    MANNER_WORDS,
    ORGANISATION_WORDS,
    PLANNED_BEFORE,
    STOP_WORDS,
    UNDER_CONSTRUCTION_BEFORE,
    UNIT_WORDS,
    ZONE_NAME_WORDS,
    suffix_pattern,
)
from geo_app.extraction._numerals import CN_NUMBER
from geo_app.extraction._places import (
    CITIES,
    PROVINCES,
    city_at,
    city_initials_length,
    city_prefix_length,
    county_city_at,
    county_names,
    county_prefix_length,
    inside_place,
    landmark_city_at,
)
from geo_app.extraction._segment import FIRM_WORDS, INDUSTRY_VERBS, tag_words

__all__ = [
    "AREA_ENDS",
    "BODY_ENDS",
    "HARD_STOPS",
    "NAME_WORDS",
    "SUFFIX_END_RE",
    "WHOLE_NOUN_ENDS",
    "is_layout",
    "is_name_char",
    "latin_boundary",
    "left_boundary",
    "quoted_start",
]

SUFFIX_END_RE = re.compile("(?:" + suffix_pattern().pattern + r")\)?$")
_SUFFIX_AT_RE = suffix_pattern()

HARD_STOPS = frozenset(",。;:、!?“”\"'《》[]{}<>/|+=~…\n \t")


_STOP_SET = frozenset(STOP_WORDS)


# Words that start with a one-character stop word but belong to names of
# streets, companies and parks (和平路, 和谐园), so the stop word is kept.
NAME_WORDS = frozenset(
    {"和平", "和谐", "和顺", "和美", "和兴", "和盛", "和信", "和丰", "和泰", "和悦", "从化", "对虾"}
    # 暨阳湖科学城: a place whose name starts with the joiner 暨.
    | {"暨阳", "暨南"}
    # 原料药产业园, 原创设计园, 油页岩原位转化…示范区: 原 (former) begins a word.
    | {"原料", "原材", "原位", "原生", "原创", "原始", "原乡"}
    # 中国—以色列(酒泉)绿色生态产业园: Israel; 有色金属循环产业园: non-ferrous;
    # 有机茶药农业科技园区: organic.
    | {"以色", "有色", "有机"}
    # 农业对外开放合作试验区, 向海经济…先行区, 长白对朝经济合作…产业园: words
    # of a zone's aim.
    | {"对外", "向海", "对朝", "对俄", "对韩", "对日", "对非", "对台", "对港", "对澳", "对欧"}
    # 以岭中医药产业园: a firm's name.
    | FIRM_WORDS
)


# Words that end with a one-character stop word (自由贸易试验区 keeps its 由).
_WORDS_ENDING_STOP = frozenset(
    {"自由", "经由", "理由", "相继", "后继"}
    # 原 (former) ends a name, but not 中原, 太原 …
    | {"中原", "太原", "平原", "高原", "草原", "固原", "九原", "五原", "镇原", "西原"}
    # 广州中以生物产业孵化基地: China and Israel, a partnership in a name.
    | {"中以"}
    # 天使汇孵化器: 使 (to make) ends a name, but not in these.
    | {"天使", "大使"}
    # 南京高等职业教育创新创业园: 等 (and so on) ends a name, but not in these.
    | {"高等", "中等", "初等", "同等", "对等", "平等"}
    # 华为…产业园, 美的库卡…科技园: firms whose names end in one.
    | FIRM_WORDS
)
# Words that end in 中 before a 以 that ends a name (其中以南山科技园为主).
_ZHONG_WORDS = "集其之当从空心"


_STOP_LENGTHS = sorted({len(w) for w in STOP_WORDS}, reverse=True)
# The last characters of the stop words: where none ends, none is looked up.
_STOP_LAST = frozenset(w[-1] for w in STOP_WORDS)


@lru_cache(maxsize=1)
def _counties_starting_stop() -> frozenset[str]:
    """Counties' two-character short names that start with a one-character
    stop word (即墨, 于都, 含山), but for those that are common words too
    (和平, 和顺: see NAME_WORDS)."""
    return frozenset(
        n
        for n in county_names()
        if len(n) == 2 and n[0] in STOP_WORDS and n not in NAME_WORDS and n[-1] not in "县区市旗"
    )


@lru_cache(maxsize=1)
def _counties_ending_stop() -> frozenset[str]:
    """Counties' and cities' two-character short names that end with a
    one-character stop word (三原, 太和, 周至, 松原)."""
    return frozenset(n for n in (*county_names(), *CITIES) if len(n) == 2 and n[-1] in STOP_WORDS)


_QUANTITY_ENDS = "个家座所批类处大"
_QUANTITY_RE = re.compile(rf"(?:\d+|{CN_NUMBER}|几|数|多)[{_QUANTITY_ENDS}]$")


# One-character verbs that end a name only right before a bare suffix (进园区).
_VERBS_BEFORE_SUFFIX = frozenset("进入出到去驻在")


_MAX_QUOTED = 20


def is_name_char(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or (char.isascii() and char.isalpha()) or char in "·-&"


def _place_starts(text: str, pos: int) -> bool:
    """Whether a city or county name starts at ``pos`` (…青创园和平潭台湾创业园:
    the 和 joins two names, 平潭 is a county, not the 和平 of a name)."""
    return (
        city_at(text, pos) is not None
        or county_city_at(text, short_names=True, start=pos) is not None
    )


def _place_ends(text: str, pos: int) -> bool:
    """Whether a county's or a city's name of two or three characters,
    written short, ends at ``pos`` (武进, 长治)."""
    return any(
        pos >= size
        and size
        in (
            county_prefix_length(text[pos - size : pos]),
            city_prefix_length(text[pos - size : pos]),
        )
        for size in (2, 3)
    )


def _places_joined(text: str, pos: int) -> bool:
    """Whether the joiner before ``pos`` stands between two places written
    short (潼南和丰都), not inside a county's name (南和)."""
    return (
        _place_starts(text, pos)
        and pos >= 3
        and (
            county_city_at(text[pos - 3 : pos - 1], short_names=True) is not None
            # 东兴和凭祥: a short name two counties share is a place too.
            or text[pos - 3 : pos - 1] in county_names()
        )
    )


def _inside_carrier_word(text: str, pos: int) -> bool:
    """Whether a carrier word runs across ``pos`` (集聚|区)."""
    low = max(0, pos - 6)
    return any(
        match.start() < pos < match.end()
        for match in _SUFFIX_AT_RE.finditer(text, low, min(len(text), pos + 6))
    )


def _is_verb(word: str) -> bool:
    """Whether the tagger reads ``word`` alone as one verb (推进, not 共同)."""
    words = tag_words(word)
    return len(words) == 1 and words[0][1].startswith("v")


def _inside_word(text: str, pos: int, length: int) -> bool:
    """Whether a dictionary word runs across ``pos`` where a stop word of
    ``length`` characters ends (精细化工: 细化 is inside a longer word), or a
    set phrase ends there with it (综合利用)."""
    low = max(0, pos - length - 2)
    at = low
    before = ""
    words = tag_words(text[low : pos + 3])
    if length > 1:
        ends = {low}
        end = low
        for word, _ in words:
            end += len(word)
            ends.add(end)
        if pos not in ends and pos - length not in ends:
            # 健全国际家纺产业园: 全国 straddles 健全 and 国际; it is no word here.
            return True
    for word, flag in words:
        if (
            at < pos < at + len(word)
            and at <= pos - length
            # (推进力博有色…产业园: the verb, not 推进力, before a name; but
            # 共同体 is a word where 共同 is none.)
            and not (
                at == pos - length
                and len(word) == length + 1
                and flag == "n"
                and _is_verb(text[pos - length : pos])
            )
            # (首家5G…产业园: the tagger runs a numeral's word on into digits.)
            and not word[pos - at :].isascii()
        ):
            return True
        if at + len(word) == pos and len(word) == length and before in INDUSTRY_VERBS:
            # 金属循环利用产业园: an industry's word and the stop word make
            # one phrase of the name.
            return True
        before = word
        if (
            at + len(word) == pos
            and at < pos - length
            and flag == "l"
            and word[: len(word) - length] not in MANNER_WORDS
            and tag_words(word[: len(word) - length])[0][1] not in ("v", "d", "ad")
        ):
            # 综合利用产业园: a set phrase that ends in the word holds it
            # (加快调整, 全面完成 are verbs before a name).
            return True
        at += len(word)
    return False


# Units that are no county but hold parks in their own name
# (新疆生产建设兵团五家渠国家农业科技园区): no word inside them ends a name.
_UNITS = ("新疆生产建设兵团",)


def _inside_county(text: str, pos: int) -> bool:
    """Whether a county's name of three characters or more runs across
    ``pos`` (无为市, 五大连池市): no word inside it ends a name."""
    if any(
        text.find(unit, max(0, pos - len(unit) + 1), pos + len(unit) - 1) >= 0 for unit in _UNITS
    ):
        return True
    names = county_names()
    for start in range(max(0, pos - _COUNTY_MAX + 1), pos):
        for end in range(pos + 1, min(len(text), start + _COUNTY_MAX) + 1):
            if end - start >= 3 and text[start:end] in names:
                return True
    return False


_COUNTY_MAX = 8


def stop_before(text: str, pos: int) -> bool:
    """Whether a word that ends a name on its left ends at ``pos``."""
    return _stop_before(text, pos)


def _stop_before(text: str, pos: int) -> bool:
    """Whether a stop word or quantity ends exactly at ``pos``, outside a
    county's name (无为市, 五大连池市 keep their 为 and 五大)."""
    if (
        pos > 1
        and text[pos - 1] in "和与及就对向把同"
        and text.endswith(_BODY_BEFORE_JOINER, 0, pos - 1)
    ):
        # 工业园区管委会和县农业科技园区: a joiner after a body joins, even
        # before a county's name (和县); a preposition after one (管委会就…)
        # opens what the body acts on.
        return True
    if (
        text[pos - 1 : pos] in "及同"
        and pos > 1
        and is_name_char(text[pos - 2])
        and city_at(text, pos)
    ):
        # 创新型城市及厦门科学城, 书记某某同保定高新区: 及 or 同 before a city
        # joins two things.
        return True
    if text[pos - 1 : pos] == "及" and pos > 1 and text[pos - 2] in _FACILITY_ENDS:
        # 木材加工交易园及腾冲综合物流产业园, 三亚新机场及临空产业园: 及 after
        # a place or a facility joins two things.
        return True
    if (
        text[pos - 1 : pos] in _FUNCTION_CHARS
        and (
            city_at(text, pos)
            # 指海南…, 如储能…: not 经 before a county (南充经开化工园区: 经开).
            or (text[pos - 1] != "经" and _place_name_starts(text, pos))
        )
        and not _place_ends(text, pos)
        and not _inside_county(text, pos)
    ):
        # 据武汉东湖高新区, 往赤峰高新区, 用好衡阳综合保税区: a preposition or
        # a verb's complement before a city.
        return True
    if (
        text[pos - 1 : pos] == "如"
        and (pos == 1 or text[pos - 2] in HARD_STOPS or text[pos - 2] == "(")
        and not county_prefix_length(text[pos - 1 : pos + 7])
    ):
        # 将打造十大专业产业园区,如储能炭材料产业园: "such as" at a clause's
        # start (not 如东, 如皋, counties).
        return True
    if text.endswith(_VERBS_BEFORE_PLACE, 0, pos) and (
        _place_name_starts(text, pos)
        or (
            landmark_city_at(text[pos : pos + 12]) is not None
            # (东川创新光谷…, 、西河创新光谷…: inside a name the word is one of it.)
            and _verb_leads(text, pos - 2)
        )
    ):
        # 进一步创新漳浦台湾农民创业园的…模式, 支持服务横琴…合作区: a verb
        # before a place acts on its carrier.
        return True
    if (
        text[pos - 1 : pos] == "中"
        and SUFFIX_END_RE.search(text, max(0, pos - 13), pos - 1)
        and _place_starts(text, pos)
    ):
        # 在国家级经开区中合肥经开区排第7位: among the kind, a place's carrier.
        return True
    return _stop_word_before(text, pos) and not _inside_county(text, pos)


def _verb_leads(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` opens its clause or follows a stop word,
    an adverb or a verb (服务雄安新区…, 全力服务横琴…, 支持服务…), so that it
    is a verb, not a word of a name."""
    if pos == 0 or text[pos - 1] in HARD_STOPS:
        return True
    if _stop_word_ends(text, pos):
        return True  # 全力服务…, 支持服务…
    words = tag_words(text[max(0, pos - 2) : pos])
    return len(words) == 1 and words[0][1] in ("d", "ad", "b", "v", "vd")


def _place_name_starts(text: str, pos: int) -> bool:
    """Whether a city's name, or a county's the dictionary knows as a place
    (漳浦; not 灯塔 or 合作, common words), starts at ``pos``."""
    if city_at(text, pos) is not None:
        return True
    length = county_prefix_length(text[pos : pos + 8])
    words = tag_words(text[pos : pos + length]) if length else []
    return len(words) == 1 and words[0][1] == "ns"


# One-character stop words that end a name only where the dictionary reads
# them as words of their own (not 粉末冶金).
_WORD_ONLY_STOPS = frozenset("末")
# One-character prepositions, conjunctions and verb complements that no
# name ends in right before a city's.
_FUNCTION_CHARS = frozenset("据往如指好并予自经向后有现")
# Prepositions of a route (经, 往) that no name ends in before a kind alone.
_VIA_CHARS = frozenset("经往")
# Verbs no carrier's name opens with before a place (创新漳浦…, 服务横琴…).
_VERBS_BEFORE_PLACE = ("创新", "服务", "开发")
# Last characters of places and facilities (…交易园, …新机场, …开发区).
_FACILITY_ENDS = frozenset("园厂场区城港馆站镇村")


def _stop_word_ends(text: str, pos: int) -> bool:
    """Whether a stop word of two characters or more ends at ``pos``."""
    return any(
        length > 1 and length <= pos and text[pos - length : pos] in _STOP_SET
        for length in _STOP_LENGTHS
    )


def _stop_word_before(text: str, pos: int) -> bool:
    """Whether a stop word or quantity ends exactly at ``pos``.

    A one-character stop word that begins a common name word (和平, 和谐…)
    or a county's full name (原州区) does not end a name there: 和平科技产业园
    keeps its 和.
    """
    for length in _STOP_LENGTHS if text[pos - 1 : pos] in _STOP_LAST else ():
        if length <= pos and text[pos - length : pos] in _STOP_SET:
            if (
                length > 1
                and (
                    text[pos - length : pos - 1] in _STOP_SET
                    or (text[pos - 1] == "成" and _stop_word_ends(text, pos - 1))
                )
                and (
                    _place_starts(text, pos - 1)
                    or text.startswith(REGION_NAMES, pos - 1)
                    or city_initials_length(text[pos - 1 : pos + 8])
                )
            ):
                # 加快建设成都东部科学城, 建设成渝地区…, 创建成德绵…: the stop
                # word is 建设 or 创建; 成 begins a place (not 建设成 as in 建设成为).
                continue
            if (
                length == 1
                and text[pos - 1] in "和与及"
                and SUFFIX_END_RE.search(text, max(0, pos - 13), pos - 1)
            ):
                # 南票新区和龙栖湾新区: after a whole carrier the 和 joins, even
                # before a county that starts with it (和龙).
                return True
            if (
                length == 1
                and (
                    (
                        text[pos - 1 : pos + 1] in NAME_WORDS
                        and not _place_starts(text, pos)
                        # …现代物流园和兴发物流园: after a whole carrier the 和 joins.
                        and not SUFFIX_END_RE.search(text, max(0, pos - 13), pos - 1)
                    )
                    or (
                        text[pos - 2 : pos] in _WORDS_ENDING_STOP
                        and not (
                            text[pos - 2] == "中" and pos >= 3 and text[pos - 3] in _ZHONG_WORDS
                        )
                    )
                    # 三原高新区, 太和经开区: a county's short name ends in the word.
                    or (
                        text[pos - 2 : pos] in _counties_ending_stop()
                        and not _places_joined(text, pos)
                    )
                    # …市的和林县: a joiner right after 的 joins nothing.
                    or (text[pos - 1] in "和与及" and text[pos - 2 : pos - 1] == "的")
                    # 仁和区南山…开发区: the joiner is inside a county's name.
                    or (
                        text[pos - 1] in "和与及暨"
                        and inside_place(text, pos - 1)
                        and not _places_joined(text, pos)
                    )
                    or (
                        county_city_at(text, start=pos - 1) is not None
                        and not _place_starts(text, pos)
                    )
                    # 即墨经济开发区, 于都工业园区: a county's short name.
                    or (
                        text[pos - 1 : pos + 1] in _counties_starting_stop()
                        and not _place_starts(text, pos)
                    )
                )
            ):
                # 原州区, 从化区: a county whose name starts with the word.
                continue
            if (
                text[pos - 1] == "原"
                and length == 1
                and pos >= 2
                and is_name_char(text[pos - 2])
                and not _stop_word_before(text, pos - 1)
            ):
                # 认定牧原现代农业园区: 原 (former) opens a phrase; after a
                # name's character it ends a word of the name.
                continue
            if length > 1 and text[pos - 1 : pos + 1] in NAME_WORDS:
                # 工业园区有色金属…: 区有 ends no name where 有色 is a word.
                continue
            if length > 1 and _inside_word(text, pos, length):
                # 精细化工科技园: 细化 is a stop word only as a word of its own.
                continue
            if length == 1 and text[pos - 1] in _WORD_ONLY_STOPS and _inside_word(text, pos, 1):
                # 粉末冶金科技园: 末 (end of) ends a name only as a word of its own.
                continue
            if length > 1 and _inside_carrier_word(text, pos):
                # 台州湾集聚区东部新区: 集聚 is the start of the carrier word 集聚区.
                continue
            return True
    if text[pos - 1 : pos] in _QUANTITY_ENDS and _QUANTITY_RE.search(text[max(0, pos - 8) : pos]):
        return True
    for conj in CONJUNCTIONS:
        if (
            text.endswith(conj, 0, pos)
            and not _inside_word(text, pos, len(conj))
            and text[pos - 1 : pos + 1] not in NAME_WORDS
        ):
            before = text[max(0, pos - len(conj) - 12) : pos - len(conj)]
            if (
                SUFFIX_END_RE.search(before)
                or before.endswith(BODY_ENDS + AREA_ENDS)
                or _PHASE_END_RE.search(before)
                # 推进甲示范区设立及风陵渡、绛县开发区扩区: a verb before it.
                or (
                    len(before) >= 2
                    and before[-1] not in "和与及、"
                    and _stop_word_before(text, pos - len(conj))
                )
            ):
                # …创新促进中心和秦创原…孵化器, 官庄工区及卧龙综合保税区: the
                # joiner ends a body's or an area's name too.
                return True
    return False


# …产业园三期及南航…产业园: a carrier's phase ends before the joiner too.
_PHASE_END_RE = re.compile(rf"(?:\d+|{CN_NUMBER})期$")


def _joined_words(text: str, suffix_start: int) -> bool:
    """Whether the joiner before a bare incubator word joins a word to it
    (创新和育成中心), not a name or a place to another (大学城和高新区)."""
    suffix = _SUFFIX_AT_RE.match(text, suffix_start)
    return (
        suffix is not None
        and CARRIER_SUFFIXES.get(suffix.group(0)) == "incubator"
        and is_name_char(text[suffix_start - 2])
        and not SUFFIX_END_RE.search(text, 0, suffix_start - 1)
        # 产业创新中心和孵化器, 研发机构和众创空间: two whole kinds, not one name.
        and not text.endswith(WHOLE_NOUN_ENDS, 0, suffix_start - 1)
    )


#: Ends of a body's name (a centre, a firm, a college) a joiner can follow.
BODY_ENDS = ("中心", "研究院", "公司", "平台", "大学", "学院", "工程", "项目")
# Ends of an area written in full (工区, 新城, 镇): a joiner after one ends the
# next name, and such an area shares no carrier word with the next item.
AREA_ENDS = ("工区", "城区", "新城", "片区", "镇", "乡")
# A body's name, or a committee's, that a joiner after it ends (…管委会和县…).
_BODY_BEFORE_JOINER = (*BODY_ENDS, "管委会", "委员会", "政府")
#: Ends of a thing named in full (a centre, a base, a park, an area).
WHOLE_NOUN_ENDS = ("中心", "机构", "平台", "基地", "空间", "院", "所", "室", "站", "园", "区")


_MAX_QUOTED_CORE = 8
# The fewest characters of a field's word (医学, 新能源).
_MIN_FIELD = 2
# 一区六园, 一核两翼, 1+N: counts of parts, the label of a layout.
_LAYOUT_RE = re.compile(r"(?:[一二三四五六七八九十两双多百千万N\d+]+[\u4e00-\u9fff]?){2,}")


# 一带一路 is an initiative's name, not a layout of parts.
_NOT_LAYOUTS = frozenset({"一带一路"})


def is_layout(label: str) -> bool:
    """Whether a quoted label counts the parts of a layout (一区六园, 一核两翼).

    >>> is_layout("一区六园"), is_layout("一带一路"), is_layout("东数西算")
    (True, False, False)
    """
    return label not in _NOT_LAYOUTS and _LAYOUT_RE.fullmatch(label) is not None


def _quoted_core(text: str, close: int) -> int | None:
    """Index of the “ that opens a short quoted word closed by the ” at
    ``close - 1`` (“三创”, “互联网+”), or ``None``."""
    opening = text.rfind("“", max(0, close - 2 - _MAX_QUOTED_CORE), close - 1)
    if opening < 0:
        return None
    inner = text[opening + 1 : close - 1]
    if not inner or not all(is_name_char(c) or c in "+·" for c in inner):
        return None
    return opening


# Demonstration and pilot zones whose names may hold 发展 (…融合发展试验区).
_DEVELOPMENT_ZONES = ("示范", "试验区", "先行区", "实验区")


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
    start = _walked_start(text, suffix_start)
    for pos in range(suffix_start, start + 1, -1):
        if strip_generic(text[pos:suffix_start]):
            break
        if text[pos - 1] in _VIA_CHARS and is_name_char(text[pos - 2]):
            # 免税店货物经综合保税区, 新区经高新区: a preposition before a
            # kind alone; what comes before it names nothing of the zone.
            return pos
    return start


def _walked_start(text: str, suffix_start: int) -> int:
    if text.endswith("发展", 0, suffix_start) and text.startswith(_DEVELOPMENT_ZONES, suffix_start):
        # 望城区农村产业融合发展示范园, 武汉生命健康创新发展试验区: 发展 belongs
        # to the name of a place's zone or of a zone named for its field
        # (创新驱动发展示范区 alone names a goal).
        start = _walk_left(text, suffix_start - 2)
        if (
            _place_starts(text, start)
            or text.startswith(PROVINCES, start)
            or strip_generic(text[start : suffix_start - 2])
        ):
            return start
    start = _walk_left(text, suffix_start)
    if text.startswith(_DEVELOPMENT_ZONES, suffix_start):
        return _zone_name_start(text, start)
    if start < suffix_start and text.startswith(_DEVELOPMENT_ZONES, start):
        # 国家城乡融合发展试验区广清接合片区: the walk stopped at the 发展 of
        # the zone a part is named after; that zone's name begins the part's,
        # with or without a place (the part names one area).
        inner = left_boundary(text, start)
        if inner >= start and text.endswith("发展", 0, start):
            inner = _walk_left(text, start - 2)
        return min(start, inner)
    return start


def _zone_name_start(text: str, start: int) -> int:
    """Where a demonstration or pilot zone's name begins when the walk
    stopped at a word such a name may hold: at the place before that word
    (南通陆海统筹发展综合配套改革试验区, 随州市何店高质量发展示范区), or
    ``start`` when no place is written there."""
    pos = start
    for _ in range(_MAX_ZONE_WORDS):
        word = next((w for w in ZONE_NAME_WORDS if text.endswith(w, 0, pos)), None)
        if word is None:
            break
        pos = _walk_left(text, pos - len(word))
        if _place_starts(text, pos) or text.startswith(PROVINCES, pos):
            return pos
    return start


_MAX_ZONE_WORDS = 3


@lru_cache(maxsize=1)
def _county_stop_words() -> frozenset[str]:
    """Stop words that are a county's short name and no verb of status
    (东至, a direction, is 东至县; 新建 and 比如 are read as words)."""
    verbs = {*EXISTING_BEFORE, *PLANNED_BEFORE, *UNDER_CONSTRUCTION_BEFORE}
    return frozenset(w for w in _STOP_SET if w in county_names() and w not in verbs)


def _county_before_kind(text: str, pos: int, suffix_start: int) -> bool:
    """Whether the stop word ending at ``pos`` is a county that only a
    kind follows (对东至经济开发区: the zone of 东至县)."""
    return text[max(0, pos - 2) : pos] in _county_stop_words() and not strip_generic(
        text[pos:suffix_start]
    )


# Last characters of a thing's name that is a building or an area, no field
# (会展中心和…, 市体育馆和…, 国际汽车城和…).
_PLACE_NOUN_ENDS = (
    "园",
    "城",
    "区",
    "心",
    "馆",
    "厅",
    "厦",
    "港",
    "台",
    "所",
    "院",
    "站",
    "室",
    "地",
)
# Words that end a body, a firm, a work or a project, not an industry
# (企业和园区, 灯塔工厂和…, 田园综合体和…, 系统集成产业化和…).
_NOT_INDUSTRY_ENDS = (
    *_PLACE_NOUN_ENDS,
    *BODY_ENDS,
    "企业",
    "高校",
    "机关",
    "部门",
    "单位",
    "集团",
    "药业",
    "总部",
    "广场",
    "工厂",
    "综合体",
    "产业化",
)


def _industries_joined(text: str, pos: int, suffix_start: int) -> bool:
    """Whether the 和, 与 or 及 ending at ``pos`` joins two industries before
    one industry's park or zone word (生物医药和医疗器械产业园,
    电子元器件和电子材料产业集聚区): one carrier, not two names."""
    suffix = _SUFFIX_AT_RE.match(text, suffix_start)
    if (
        suffix is None
        or CARRIER_SUFFIXES.get(suffix.group(0)) not in ("park", "zone")
        or "产业" not in text[pos : suffix.end()]
        or suffix_start - pos < 2
        or pos < 3
        or _place_starts(text, pos)
        or _place_ends(text, pos - 1)
        # 奶牛和肉牛产业试验示范园各建1个: one carrier of each field.
        or text.startswith("各", suffix.end())
        # …优先支持对象和国家农业高新技术产业示范区: a level opens a name.
        or text.startswith(("国家", "省", "市", "全国", *REGION_NAMES), pos)
    ):
        return False
    before = text[max(0, pos - 9) : pos - 1]
    if before.endswith(_NOT_INDUSTRY_ENDS) or SUFFIX_END_RE.search(before):
        return False
    left = tag_words(before)
    right = tag_words(text[pos:suffix_start])
    if not left or not right:
        return False
    # The field before the joiner is a common noun (not 机床重整, 光伏发电:
    # works); the one after is a common noun, a verb's noun or an adjective
    # (健康食品; not a firm: 天士力, 奇瑞).
    (word, flag), (after, after_flag) = left[-1], right[0]
    return (
        len(word) >= _MIN_FIELD
        and flag in ("n", "nz")
        and len(after) >= _MIN_FIELD
        and after_flag in ("n", "vn", "a")
        and not {word, after} & _STOP_SET
    )


def _walk_left(text: str, suffix_start: int) -> int:
    pos = suffix_start
    depth = 0
    if pos > 0 and text[pos - 1] in _VERBS_BEFORE_SUFFIX and not _place_ends(text, pos):
        # (武进高新区: the verb's character ends a county's name.)
        return pos
    if pos > 1 and text[pos - 1] in "和与及" and _joined_words(text, pos):
        # 技术创新和育成中心: a joiner right before the bare word of an
        # incubator joins two words of one name, not two names.
        pos -= 1
    while pos > 0:
        if (
            depth == 0
            and _stop_before(text, pos)
            and not text.startswith(ORGANISATION_WORDS, pos)
            and not _county_before_kind(text, pos, suffix_start)
        ):
            if text[pos - 1] in "和与及" and _industries_joined(text, pos, suffix_start):
                pos -= 1
                continue
            # 投资发展有限公司, 建设集团: a verb before a firm's ending is its name.
            break
        char = text[pos - 1]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                break
            depth -= 1
        elif char in "+!" and pos >= 2 and text[pos - 2].isascii() and text[pos - 2].isalnum():
            pass  # V+合伙人大厦产业园, Go!众创空间: a sign inside a Latin name
        elif char == "." and pos >= 2 and text[pos - 2].isdigit() and text[pos : pos + 1].isdigit():
            pass  # 武汉5.5创意产业园: a decimal point inside a name's number
        elif char == "”" and (opening := _quoted_core(text, pos)) is not None:
            # 中国动力谷“新动力”众创空间: a quoted word inside a name (the
            # quote may open the text: “新动力”众创空间); a quoted layout
            # (“一区六园”白银工业集中区) is a label before the name.
            if is_layout(text[opening + 1 : pos - 1]):
                break
            pos = opening
            continue
        elif char in HARD_STOPS or text[pos - 2 : pos] == "--":
            # A double dash (——) sets off an apposition: 首个智慧岛——郑州智慧岛.
            break
        elif char.isdigit():
            neighbours = text[pos - 2 : pos - 1] + text[pos : pos + 1]
            if not any(c.isascii() and c.isalpha() for c in neighbours) and _is_quantity(text, pos):
                break
        elif not is_name_char(char):
            break
        pos -= 1
    while pos < suffix_start and text[pos] in ")·-&":
        pos += 1
    if pos > 0 and (
        text[pos - 1].isdigit() or (text[pos - 1] in "万亿" and text[pos - 2 : pos - 1].isdigit())
    ):
        # 2023年度省级众创空间, 600平方米滨湖创业园, 550万吨…园区: the unit
        # belongs to the number.
        unit = next((u for u in UNIT_WORDS if text.startswith(u, pos)), "")
        if unit and pos + len(unit) <= suffix_start:
            pos += len(unit)
    return pos


def _is_quantity(text: str, pos: int) -> bool:
    """Whether the digits ending at ``pos`` are a number with its unit.

    Digits followed by a unit or time word (2023年, 600平方米, 8家) are a
    quantity and end a name; digits inside a name (创意100文化产业园) are not.
    """
    start = pos
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    while pos < len(text) and (text[pos].isdigit() or text[pos] == "."):
        pos += 1
    if text.startswith(_NUMBERED_PLACES, pos):
        return False  # 道东19号院文创产业集聚区: a numbered courtyard in a name
    if (
        text.startswith("号", pos)
        and start > 0
        and is_name_char(text[start - 1])
        and text[start - 1] not in _DATE_WORDS
        and not _stop_before(text, start)
        and SUFFIX_END_RE.search(text[max(0, start - 12) : start]) is None
    ):
        # 东方1号创意产业园, 东川第3号众创空间: a number in a name, after its
        # other words (3月5号 is a day, 根据2号文件 a document's number,
        # 凤翔工业园区2号路 a road of a park).
        return False
    if re.fullmatch("(?:19|20)[0-9]{2}", text[start:pos]) and (
        city_prefix_length(text[pos:]) or county_city_at(text, short_names=True, start=pos)
    ):
        return True  # 2020江阴高新区: a year written before the place, without 年
    return pos >= len(text) or not is_name_char(text[pos]) or text.startswith(UNIT_WORDS, pos)


_NUMBERED_PLACES = ("号院", "号楼", "号地块", "号厂房", "号园")
# Words of a date before a day's number (3月5号, 每月5号).
_DATE_WORDS = "年月日"


def latin_boundary(text: str, end: int) -> int:
    """:func:`left_boundary` that keeps a space between Latin words
    (未来空间Future Space)."""
    start = left_boundary(text, end)
    while (
        start > 1
        and text[start - 1] == " "
        and text[start].isascii()
        and text[start].isalpha()
        and is_name_char(text[start - 2])
    ):
        start = left_boundary(text, start - 1)
    return start


def quoted_start(text: str, start: int, end: int) -> int | None:
    """Start of a quoted name that ends with the carrier word
    (“零到壹众创空间”, “汉阳造聚和孵化众创空间”): inside quotes, 到 and 和
    are part of the name."""
    if not text.startswith("”", end):
        return None
    opening = text.rfind("“", max(0, start - _MAX_QUOTED), start)
    if opening < 0 or any(c in text[opening + 1 : start] for c in "”,。;:、的"):
        # (“红船旁的国家高新区”: a slogan, no name.)
        return None
    return opening + 1
