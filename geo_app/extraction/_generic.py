"""Kinds versus names: whether a name made of a carrier word names one carrier.

A name whose stem is only descriptive words (国家级, 专业化, 科技 …), a
province with a kind (云南省众创空间) or a grade (A类孵化器) names a kind.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo_app.extraction._lexicon import (
    GENERIC_WORDS,
    LEVEL_WORDS,
    POLICY_PILOT_WORDS,
    suffix_category,
)
from geo_app.extraction._normalize import NAME_CACHE
from geo_app.extraction._places import (
    CITIES,
    PROVINCES,
    city_at,
    city_prefix_length,
    county_city_at,
    county_names,
    landmark_city_at,
)

__all__ = [
    "GENERIC_SET",
    "LEADING_LEVELS",
    "MIN_STEM",
    "ONE_EACH",
    "REGION_NAMES",
    "district_prefix",
    "is_generic_name",
    "is_one_each",
    "strip_generic",
]

_DISTRICT_PREFIX_RE = re.compile(r"^([\u4e00-\u9fff]{1,4}?(?:区|县))")


_NOT_DISTRICT = frozenset("全本各该辖城社园片景矿校市省县区跨")


_GENERIC_SORTED = sorted(GENERIC_WORDS, key=len, reverse=True)
# The descriptive words by their first character, longest first.
_GENERIC_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _word in _GENERIC_SORTED:
    _GENERIC_BY_FIRST[_word[0]] = (*_GENERIC_BY_FIRST.get(_word[0], ()), _word)


GENERIC_SET = frozenset(GENERIC_WORDS)


# A province written with 省/市/自治区, or a city written with 市, at the head
# of a stem (河南科技大学 is a university, 河南省科技企业孵化器 a kind).
_PLACE_HEAD_RE = re.compile(
    "(?:中国)?(?:"
    + "|".join(sorted(PROVINCES, key=len, reverse=True))
    + ")(?:省|市|自治区|(?=全[省区]))"
    "|(?:" + "|".join(sorted(CITIES, key=len, reverse=True)) + ")市"
)


# A size or scale at the head of a stem (千万平米, 600平方米, 百亿级).
_QUANTITY_HEAD_RE = re.compile(
    r"^(?:[\d.零〇一二两三四五六七八九十百千万亿]+(?:平方米|平米|万平|亩|公顷|级|元|亿元|万元)"
    r"|(?:百|千|万)亿级?|(?:平方米|平米))"
)


_INNER_LEVEL_RE = re.compile("国家级|省级|市级|县级|区级")


def _describes_a_kind(head: str) -> bool:
    """Whether the words before a level inside a name describe a kind: no
    county, landmark or city, and only generic words, an industry (…产业), a
    body (…中心) or a region (…部)."""
    if any(
        county_city_at(head[i:], short_names=True) is not None
        or landmark_city_at(head[i:]) is not None
        or city_at(head, i) is not None
        for i in range(len(head) - 1)
    ):
        return False
    return len(strip_generic(head)) < MIN_STEM or head.endswith(("产业", "中心", "部"))


_KIND_QUALIFIERS = (*sorted(LEVEL_WORDS, key=len, reverse=True), "科技企业")


# Parts of provinces written by their one-character names (粤东, 苏北 …):
# several of them, or one with 地区, name a region, not a place of one carrier.
_REGION = "[京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川黔滇藏陕甘陇青宁新][东西南北中]部?"
#: Regions of several provinces or cities (长三角, 成渝 …).
REGION_NAMES: tuple[str, ...] = (
    "长三角",
    "珠三角",
    "京津冀",
    "粤港澳",
    "成渝",
    "长江经济带",
    "黄河流域",
)
# Zones named for a purpose (融合发展试验区, 合作示范区).
_PURPOSE_ZONES = ("示范区", "试验区", "先行区", "实验区", "合作区")
_REGIONS_RE = re.compile(f"(?:{_REGION}[、和及与]?){{2,}}(?:地区)?|{_REGION}地区")


# The levels a name can start with (国家级, 省级 … 乡镇级), longest first.
LEADING_LEVELS = tuple(
    sorted((w for w in LEVEL_WORDS if w.endswith("级") and "以上" not in w), key=len, reverse=True)
)


MIN_STEM = 2


@lru_cache(maxsize=NAME_CACHE)
def strip_generic(stem: str) -> str:
    """Remove descriptive words from the front of ``stem`` until none fits
    (the longest that fits first)."""
    while stem:
        word = next((w for w in _GENERIC_BY_FIRST.get(stem[0], ()) if stem.startswith(w)), None)
        if word is None:
            break
        stem = stem[len(word) :]
    return stem


# Zones a province has many of: 广西高新区, 湖南省经济技术开发区 are kinds.
_CITY_NAMES = frozenset(CITIES)
# Ends of a zone's name before which a bare kind names its parts.
_ZONE_ENDS = ("开发区", "高新区", "经开区", "园区")
# Incubator kinds a city designates by its own name (福州市众创空间).
_CITY_DESIGNATED = frozenset({"众创空间", "孵化器", "科技企业孵化器", "星创天地"})
_ZONE_KINDS = frozenset(
    {"高新区", "高新技术产业开发区", "经开区", "经济技术开发区", "开发区", "经济开发区"}
)


#: 一县一…, 一县(区)一…: the head of a slogan of one carrier in each county.
ONE_EACH = r"一(?:县|区|乡|镇|县\([^()]{1,4}\)|县区|县市)一"
_ONE_EACH_RE = re.compile(ONE_EACH)


def is_one_each(name: str) -> bool:
    """Whether ``name`` is a slogan of one carrier in each county
    (一县(区)一省级以上开发区, quoted or not), not a carrier's name.

    >>> is_one_each("一县(区)一省级以上开发区"), is_one_each("一县一园")
    (True, True)
    """
    return _ONE_EACH_RE.match(name) is not None


_NEW_AREA_RE = re.compile("[\u4e00-\u9fff]{2,}新区")


_PILOT_ZONES = tuple(z for z in _PURPOSE_ZONES if z != "合作区")


def is_policy_pilot(name: str) -> bool:
    """Whether ``name`` is a demonstration or pilot zone of a field of social
    policy (:data:`~geo_app.extraction._lexicon.POLICY_PILOT_WORDS`), which
    is no innovation carrier.

    Examples
    --------
    >>> is_policy_pilot("东川平安法治示范区"), is_policy_pilot("国家中医药综合改革示范区")
    (True, True)
    >>> is_policy_pilot("东川中医药产业发展综合试验区"), is_policy_pilot("东川体育产业园")
    (False, False)
    """
    return name.endswith(_PILOT_ZONES) and any(w in name for w in POLICY_PILOT_WORDS)


# A campus of vocational or other schooling, or of health care (安宁职教园区,
# 海河教育园区, 医疗卫生园区, 清镇职教城), and a place's university district
# (松江大学园区; 哈尔滨工业大学园区 is one university's science park) are no
# innovation carriers; 科教园区 (science and education) may be.
_CAMPUS_RE = re.compile("(?:职教|职业教育|(?<!科)教育|医疗卫生)园区?$|职教城$")
_UNIVERSITY_DISTRICT = "大学园区"


def is_campus(name: str) -> bool:
    """Whether ``name`` is a campus of schooling or health care, no carrier.

    Examples
    --------
    >>> is_campus("东川职教园区"), is_campus("松江大学园区"), is_campus("东川科教园区")
    (True, True, False)
    >>> is_campus("长春理工大学园区"), is_campus("东川工业大学园区")
    (False, False)
    """
    if _CAMPUS_RE.search(name):
        return True
    stem = name.removesuffix(_UNIVERSITY_DISTRICT)
    return stem != name and (
        not stem or stem in county_names() or city_prefix_length(stem) == len(stem)
    )


@lru_cache(maxsize=NAME_CACHE)
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
    if found is None or (name in county_names() and not _NEW_AREA_RE.fullmatch(name)):
        # 绿园区, 清新区: a county-level unit's own name is a place (浦东新区,
        # 滨海新区: a new area that became a district is a zone still).
        return True
    written = name[: -len(found[0])]
    if (
        written.startswith("“")
        and written.endswith("”")
        and any(c in "一二三四五六七八九十两双多百千万" for c in written)
    ):
        return True  # “一区多园”产业园: a slogan with a kind, not a name (“量子”众创空间 is)
    if is_one_each(name):
        return True
    # A quoted word is read as its words (九江“双创”孵化园).
    stem = written.replace("“", "").replace("”", "")
    if not stem:
        return True
    if found[0] in (*_ZONE_KINDS, "园区") and (
        suffix_category(stem) == (stem, "zone") or stem.endswith(_ZONE_ENDS)
    ):
        # 新区开发区 (new areas and zones), 荆州开发区园区 (the parks of a
        # zone): two kinds, or a zone's parts, name no carrier.
        return True
    if stem in REGION_NAMES and found[0] not in _PURPOSE_ZONES:
        # 与长三角开发区开展共建: the zones of a region (长三角生态绿色一体化
        # 发展示范区 is one zone).
        return True
    if any(c.isascii() and c.isalpha() for c in stem):
        # Latin letters make a name (Go!众创空间), unless only a grade (A类).
        return not strip_generic(stem)
    regions = _REGIONS_RE.match(stem)
    if (
        regions is not None
        and not strip_generic(stem[regions.end() :].lstrip("省市"))
        and found[0] not in _PURPOSE_ZONES
    ):
        # 粤东粤西粤北地区省产业园: the parks of several regions are a kind
        # (川南渝西融合发展试验区 is one zone of two regions).
        return True
    if (
        found[0] in _ZONE_KINDS
        or found[0] in ("园区", "产业园区", "工业园区")
        or (found[1] in ("incubator", "smart_island", "community") and found[0] != "大学科技园")
    ) and (stem in PROVINCES[4:] and stem not in CITIES):
        # 广西高新区, 陕西众创空间, 新疆园区: the zones, parks or incubators of a province
        # (吉林 and the municipalities are cities; 湖南大学科技园 is a
        # university's park).
        return True
    place = _PLACE_HEAD_RE.match(stem)
    rest = stem[place.end() :] if place is not None else ""
    province = place is not None and not place.group(0).endswith("市")
    if (
        province
        and not rest
        and (found[1] in ("incubator", "smart_island", "community") or found[0] in _ZONE_KINDS)
    ):
        # 云南省众创空间, 河南省智慧岛: a province with only a word of the
        # kinds it designates is a kind (湖南省大学科技产业园 is one park).
        return True
    if province and rest and not strip_generic(rest):
        # 四川省四星级现代农业园区: a province's designation made of generic
        # words is a kind (浙江省地理信息产业园 is one park).
        return True
    if found[0] in _CITY_DESIGNATED and (
        (place is not None and not province and not rest)
        or (stem in _CITY_NAMES and stem not in PROVINCES)
    ):
        # 福州市众创空间, 佛山众创空间: a city with only the word of a kind it
        # designates is that kind (a city's 大学科技园 is one park).
        return True
    if rest.startswith("级"):
        # 温州市级众创空间: the level a city gives is a kind (温州市 + 市级).
        return True
    if not province and rest == "国家" and found[0] == "大学科技园":
        # 宁波市国家大学科技园: the official name of a city's one such park.
        return False
    if rest and found[1] == "incubator" and (province or rest.startswith(_KIND_QUALIFIERS)):
        # 山东省青年创业孵化基地, 合肥市国家级科技企业孵化器: a designation a
        # province gives, or a city's carriers of a level, are kinds;
        # 烟台市大学生创业园 and a city's one 国家级农业科技园区 are named.
        return len(strip_generic(rest)) < MIN_STEM
    if (found[0] == "园区" or (found[0] == "产业园区" and stem.endswith("市"))) and (
        (found[0] == "园区" and stem[-1:] in ("市", "县") and stem in county_names())
        or city_prefix_length(stem) == len(stem)
    ):
        # 庐山市园区, 乌鲁木齐园区: a city or county with the bare word names
        # its parks, a kind (东山园区 is a park named after its place).
        return True
    if (
        city_at(stem) is not None
        and stem[city_prefix_length(stem) :] in ("国际", "全球")
        and found[0].endswith("中心")
    ):
        # 上海国际科创中心: a role a city is given, not a carrier.
        return True
    if city_at(stem) is not None or district_prefix(name):
        return False
    level = _INNER_LEVEL_RE.search(stem, 2)
    if level is not None and _describes_a_kind(stem[: level.start()]):
        # 特优产业市级制造业特色产业园, 中西部省级高新区: a level after an
        # industry, a region or a body describes a kind (茶陵县省级…示范园 and
        # 岚山省级…开发区 are named after a place, 启迪之星国家级众创空间 after a brand).
        return True
    if stem in county_names() and strip_generic(stem):
        # 分宜工业园区: a county named alone, even one whose name holds a
        # generic word (分), names its park (新兴 is the word "emerging").
        return False
    quantity = _QUANTITY_HEAD_RE.match(stem)
    if quantity is not None:
        # 千万平米孵化器, 百亿级产业园: a size or a scale, not a name.
        stem = stem[quantity.end() :]
    return len(strip_generic(stem)) < MIN_STEM


def district_prefix(name: str) -> str:
    """A leading ``XX区``/``XX县`` that is not part of the carrier suffix."""
    found = suffix_category(name)
    stem = name[: -len(found[0])] if found else name
    match = _DISTRICT_PREFIX_RE.match(stem)
    if match is None:
        return ""
    prefix = match.group(1)
    if prefix[0] in _NOT_DISTRICT or prefix[:-1] in GENERIC_SET or prefix in GENERIC_SET:
        return ""
    if stem.startswith("域", len(prefix)):
        return ""  # 湘赣边区域合作示范区: 区域 (县域) is a word, no district
    return prefix
