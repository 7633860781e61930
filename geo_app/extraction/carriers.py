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
from dataclasses import replace

from geo_app.extraction._boundary import (
    BODY_ENDS,
    HARD_STOPS,
    SUFFIX_END_RE,
    is_layout,
    is_name_char,
    left_boundary,
    quoted_start,
    stop_before,
)
from geo_app.extraction._carrier_city import city_of, out_of_area_place
from geo_app.extraction._generic import (
    LEADING_LEVELS,
    MIN_STEM,
    district_prefix,
    is_generic_name,
    is_one_each,
    strip_generic,
)
from geo_app.extraction._lexicon import (
    CARRIER_SUFFIXES,
    DEPENDENT_SUFFIXES,
    LEVEL_WORDS,
    OCCUPANCY_WORDS,
    STOP_WORDS,
    UNIT_WORDS,
    suffix_category,
)
from geo_app.extraction._members import (
    _apposition_members,
    _bracketed_operators,
    _closed_list_members,
    _counted_place_members,
    _dash_apposition_members,
    _labelled_park_members,
    _list_context_members,
    _partner_pair_members,
    _trailing_place,
)
from geo_app.extraction._mention import _COMPANY_ENDS, _SUFFIX_RE, CarrierMention, _trim_start
from geo_app.extraction._numerals import CN_NUMBER
from geo_app.extraction._places import (
    CITIES,
    PREFECTURES,
    cities_in,
    city_at,
    city_prefix_length,
    county_city_at,
    county_prefix_length,
    is_place_only,
    landmark_city_at,
    province_short,
)
from geo_app.extraction._recognised import (
    _RUNS,
    _bracketed_members,
    _designated_members,
    _etc_list_members,
    _introduced_organisations,
    _listed_organisations,
    _organisation_end,
    _recognised_kind,
    _recognition,
)
from geo_app.extraction._segment import segmenter_cut, tag_words
from geo_app.extraction._shared_suffix import (
    _MAX_ABBREVIATION,
    RANKS,
    _abbreviated_items,
    _expanded,
    _list_items,
    _places_of_many,
    _shared_tail,
    counted_one_each,
    county_place_length,
    creating_places,
    describing_start,
    kept_describing,
    place_list_items,
    single_item,
    uncounted_close,
)
from geo_app.extraction._text import Sentence
from geo_app.extraction._tidy import (
    _drop_nested,
    _drop_places,
    _inherit_districts,
    _located_city,
    _sentence_city,
    _shared_status,
)

__all__ = ["CarrierMention", "find_carriers", "is_generic_name"]

_DEPENDENT_AFTER_RE = re.compile(
    r"[\u4e00-\u9fff]{0,6}?(?:" + "|".join(sorted(DEPENDENT_SUFFIXES, key=len, reverse=True)) + ")"
)
# …创业园等特色孵化载体: kinds listed as types; not …产业园等2家载体 or
# 等一批…载体 (members, counted or a batch).
_TYPE_LIST_RE = re.compile(
    rf"(?:、[^,。;、]{{1,20}}){{0,30}}等(?!(?:\d+|{CN_NUMBER})(?:家|个)|一批)[^,。;、]{{0,12}}?(?:载体|平台)"
)
# 佛山高新技术产业开发区南海园, 中关村科技园区海淀园: a zone's park named
# by its district alone (two characters and 园, then the name ends, or a
# clause goes on with what befell it: 佛山高新区三水园被评为…).
_BRANCH_PARK_RE = re.compile(
    r"[\u4e00-\u9fff]{2}园(?=[^\u4e00-\u9fff]|[、和及与被获]|管委会|管理委员会|入选|成为|$)"
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
_TITLE_WORDS = ("称号", "荣誉", "资质", "资格", "牌匾", "称谓", "殊荣")
# 全省第一家生物化工专业孵化器, 首个离岸孵化基地: an ordinal before a name
# makes it a kind (the first of its kind), not a carrier's name.
_ORDINAL_BEFORE_RE = re.compile(
    rf"(?:第(?:\d+|{CN_NUMBER})|首|唯一一?)(?:家|个|座|所|批)?(?:国家级|省级|市级)?$"
    # 建成…规模最大的林业循环经济产业园: the largest of a kind.
    "|最大的$"
)
# 六个示范区, 三大产业园, 三地高新区, 三县产业园区, 十佳开发区: a count or a
# rank before a kind.
_COUNT_RE = re.compile(rf"(?:\d+|{CN_NUMBER})(?:个|家|座|批|大|[{RANKS}]|地(?![区带])|县(?!区))")
_YEAR_BEFORE_RE = re.compile(r"(?:19|20)\d{2}年度?$")
# 12个以上具有全国影响力的…: a count with its qualifiers before a name.
_COUNTED_BEFORE_RE = re.compile(
    rf"(?:\d+|{CN_NUMBER})(?:个|家|座|批)(?:以上|左右|及以上|多)?"
    rf"(?:[^,。;、\d]{{1,16}}的|(?:国家级|省级|市级|国家|省|市)?)$"
)
# 十大价值创新园区, 两大医药产业园: the big ones of a kind, counted.
_BIG_ONES_BEFORE_RE = re.compile(rf"(?:\d+|{CN_NUMBER})大(?:国家级|省级|市级)?$")
# 先后被评为甲示范园区和乙示范区, 获评…基地: what an evaluation confers is a
# title, a kind (获评优秀的是甲孵化器 names the holder after 的是).
_TITLE_VERB_RE = re.compile(
    "(?:评为|評爲|評為|获评|獲評|荣获|榮獲|认定为|認定為|列为|列為|确定为|確定為|获批为|獲批為|授予"
    "|称作|稱作|誉为|譽爲|譽為|号称|號稱)"
    "[^,。;:是的]*$"
)
# 科技企业孵化器数量领先, 大孵化器集群, 中国孵化器50强, …产业园区名单,
# 留学人员创业园工作委员会, 产业园区建设领导小组, 厅产业园办公室: a carrier
# word followed by a measure of the kind,
# a cluster, a ranking, a list or a body named after it names the kind.
_KIND_AFTER_RE = re.compile(
    rf"数量|总数|数目|总量|集群|贡献度|[”」]?(?:备案|认定|建设|创建)?名单|(?:工作)?委员会|联盟|协会"
    rf"|(?:建设)?(?:领导小组|办公室)|(?:\d+|{CN_NUMBER})强"
    # 均居国家级新区第2位: a rank among the kind.
    rf"|第(?:\d+|{CN_NUMBER})(?:位|名)"
)
_SUFFIXES = tuple(CARRIER_SUFFIXES)
_DEVELOPMENT_ZONES = ("开发区", "高新区", "经开区")
_TRADE_AREAS = ("自贸区", "自由贸易区")
_AGREEMENT_AFTER_RE = re.compile(r"\d+(?:\.\d+)?版|(?:升级)?(?:谈判|协定|议定书)")
_LONGER_WORD_AFTER_RE = re.compile("块(?![状链])|院区|校区|段")
_CITY_WORD_AFTER_RE = re.compile("市(?!政|场|级|区|委|中心)")
# A school's or a hospital's branch or new campus (康乐幼儿园杏花岭分园,
# 市中医院新区) is no carrier.
_SCHOOL_WORDS = ("幼儿园", "小学", "中学", "学校", "医院")
# A short quoted word right before a name (“一带一路”临港产业园).
_MAX_LABEL = 8
_QUOTED_LABEL_RE = re.compile(rf"“[^“”,。;:、]{{1,{_MAX_LABEL}}}”$")
# 强流重离子加速器, 医用回旋加速器: a machine of physics, not an incubator.
_MACHINE_RE = re.compile("(?:离子|回旋|直线|粒子|质子|电子|同步|对撞|激光)加速器$")
# Goal labels: …发展示范区, …先行区, …试验区 written after a verb of development.
_LABEL_SUFFIX_RE = re.compile("发展(?:示范区|先行区|试验区)$")
# 打造数字产业园区50个以上: a count right after a name counts the kind, unless
# it closes a list of names (A、B和C3家); 青禾产业园5个项目 counts projects.
_COUNT_AFTER_RE = re.compile(
    rf"(?:\d+|{CN_NUMBER})(?:[~至到-](?:\d+|{CN_NUMBER}))?[个家所座](?:以上|左右)?(?=$|[,。;、)])"
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


# Zones a city's text names bare when it means its own (高新区持续做大…, and
# after another zone of its place in a list: 兰州高新区、经开区), each with
# the words its full name may end with instead (通化医药高新区 … 高新区: the
# same zone).
OWN_BARE_ZONES: dict[str, tuple[str, ...]] = {
    "高新区": ("高新区", "高新技术产业开发区", "高新技术开发区"),
    "高新技术产业开发区": ("高新区", "高新技术产业开发区", "高新技术开发区"),
    "经开区": ("经开区", "经济技术开发区", "经济开发区"),
    "经济技术开发区": ("经开区", "经济技术开发区", "经济开发区"),
    "综合保税区": ("综合保税区", "综保区"),
    "综保区": ("综合保税区", "综保区"),
    "保税区": ("保税区",),
    "临空经济区": ("临空经济区", "临空经济示范区"),
}
# (longest first: 综合保税区 before 保税区)
_OWN_BARE_LONGEST_FIRST = tuple(sorted(OWN_BARE_ZONES, key=len, reverse=True))
# What may stand right before such a zone: a clause's start (not 省级, 全市,
# 各, 该 or a count: kinds and references; not a verb's object, which the
# corpus reads either way).
_OWN_ZONE_BEFORE_RE = re.compile("(?:^|[,;。:])$")


# After a bare zone: a count of the kind (综合保税区增至3个), or the name of a
# carrier the zone is the place of (高新区中南网商园获批…).
_NOT_OWN_ZONE_AFTER_RE = re.compile(
    rf"(?:增至|增加到|增加至|达到|达|超过|共有|总数)?(?:\d+|{CN_NUMBER})[个家所座]"
    r"|[\u4e00-\u9fff]{2,8}?(?:园|基地|小镇|中心)(?=[,。;、]|获|被|入选|成功|成为)"
)


def _own_bare_zone(text: str, start: int, raw: str, sentence: Sentence) -> bool:
    """Whether ``raw`` is a zone a city's text names bare, meaning its own:
    it opens a clause (高新区持续做大…) of a city's text."""
    end = start + len(raw)
    return (
        raw in OWN_BARE_ZONES
        and bool(sentence.city)
        and _OWN_ZONE_BEFORE_RE.search(text, max(0, start - 4), start) is not None
        and _NOT_OWN_ZONE_AFTER_RE.match(text, end) is None
    )


# 市高新区, 市经开区: a city's report names its own zones so; not 全市/各市/
# 县市 … 开发区, which speak of all of them.
_CITY_OWN_ZONES = _DEFINITE_ZONES | {"开发区"}
_NOT_ONE_CITY_BEFORE = "全各本每该城县省州两三四五六七八九十等和、"


def _city_own_zone(text: str, start: int, raw: str, suffix: str) -> bool:
    """Whether ``raw`` is 市 and a zone word: the city's own zone."""
    return (
        suffix in _CITY_OWN_ZONES
        and raw == "市" + suffix
        and text[start - 1 : start] not in tuple(_NOT_ONE_CITY_BEFORE)
    )


# 信息产业园一期, 细胞产业园也正式开园, 一座…大数据产业园将落户…: a phase or a
# one-off event makes a plain name (an industry and a park word) one park.
_PLAIN_NAME_AFTER_RE = re.compile(
    "[一二三四五六七八九十]期|(?:一至|至)?[二三四五]期"
    "|(?:也|已|均|将)?(?:正式)?(?:开园|揭牌|落户|奠基|启用|投用|投入使用)"
)


def _plain_name(text: str, start: int, end: int, suffix: str) -> bool:
    """Whether a name made of an industry and a park word names one park."""
    return (
        CARRIER_SUFFIXES[suffix] == "park"
        and end - start > len(suffix) + 1
        and (
            _PLAIN_NAME_AFTER_RE.match(text, end) is not None
            or text.endswith("一座", 0, start)
            or _listed_industry_park(text, start, end, suffix)
            or _one_park_built(text, start, end, suffix)
        )
    )


# 建设数字孪生产业园, 建成现代粮食产业园: one park a verb builds, the clause
# ending with it (not 建设一批…产业园 or 各类产业园).
_BUILDS_ONE_BEFORE_RE = re.compile("(?:建设|建成|打造|新建|谋划|筹建)$")
_CLAUSE_END_AFTER_RE = re.compile("(?:建设)?(?:[,。;]|$)")
# 加快跨境电商产业园建设: the same park, its building pushed on.
_PUSHES_BEFORE_RE = re.compile("(?:推进|加快|推动|启动)$")
_BUILDING_CLOSES_RE = re.compile("建设(?:[,。;]|$)")
_MANY_BEFORE_RE = re.compile("各|每|一批|若干|多个|鼓励|引导")


def _one_park_built(text: str, start: int, end: int, suffix: str) -> bool:
    stem = text[start : end - len(suffix)]
    clause_start = max(text.rfind(c, 0, start) for c in ",;。:") + 1
    return (
        suffix in ("产业园", "产业园区")
        # 鼓励各县建设大数据产业园: a kind each county may build.
        and _MANY_BEFORE_RE.search(text, clause_start, start) is None
        and (
            (
                _BUILDS_ONE_BEFORE_RE.search(text, 0, start) is not None
                and _CLAUSE_END_AFTER_RE.match(text, end) is not None
            )
            or (
                _PUSHES_BEFORE_RE.search(text, 0, start) is not None
                and _BUILDING_CLOSES_RE.match(text, end) is not None
            )
        )
        and not stem.startswith(_LEVEL_QUALIFIERS)
        and stem not in _KIND_STEMS
    )


_LEVEL_QUALIFIERS = tuple(sorted(LEVEL_WORDS, key=len, reverse=True))
# 孵化器和科技产业园: a kind beside a kind, not a park of an industry.
_KIND_STEMS = frozenset({"科技", "高新", "创新", "特色", "专业", "现代", "新型", "园区"})


def _listed_industry_park(text: str, start: int, end: int, suffix: str) -> bool:
    """Whether an industry park sits in a list of parks (健康食品产业园、
    数字经济产业园、无人机产业园和秸秆产业园): a zone's parks named by their
    industries, unless a level (省级现代农业产业园) or a bare kind
    (科技产业园) says it is a kind."""
    stem = text[start : end - len(suffix)]
    return (
        suffix == "产业园"
        and "、" in text[max(0, start - 30) : end + 30]
        and (
            "、" in (text[start - 1 : start], text[end : end + 1])
            or "和" in (text[start - 1 : start], text[end : end + 1])
        )
        and not stem.startswith(_LEVEL_QUALIFIERS)
        and stem not in _KIND_STEMS
    )


def _in_chain(text: str, start: int, end: int) -> bool:
    """Whether the name is a link of a chain (众创空间-孵化器-加速器, 众创空间+孵化器).

    A carrier word joined by a dash to another carrier word names a stage
    of a pipeline, not a carrier.
    """
    for index in range(start, end):
        if text[index] in "-+" and SUFFIX_END_RE.search(text, max(0, index - 12), index):
            return True
    if "-" in text[start:end] and "-" in (text[start - 1 : start], text[end : end + 1]):
        # 龙头企业-重大项目-产业链-产业集群-产业基地: a chain whose links go on
        # past the name is a pipeline, whatever its links are.
        return True
    after = _SUFFIX_RE.match(text, end + 1)
    # A double dash (——) sets off an apposition, not the next link.
    return text[end : end + 1] in "-+" and text[end + 1 : end + 2] != "-" and after is not None


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
        if owner < start - 1 and stop_before(text, owner):
            break  # 要加快中以(汕头)…: the verb before the owner's name
        char = text[owner - 1]
        if char in HARD_STOPS or not is_name_char(char) or char in "()":
            break
        owner -= 1
    joiner = max(text.rfind(c, owner, start) for c in "和及与")
    if joiner > 0 and (
        text.endswith(BODY_ENDS, max(0, joiner - 4), joiner)
        or SUFFIX_END_RE.search(text, max(0, joiner - 12), joiner)
    ):
        # 甲创新促进中心和秦创原(榆阳)…孵化器, …特色产业基地和省级…(船海装备)
        # 产业示范基地: the joiner ends the body or the carrier before.
        owner = joiner + 1
    owner = owner + segmenter_cut(text[owner:start], "")
    unit = next((w for w in UNIT_WORDS if text.startswith(w, owner)), "")
    if unit and owner > 0 and text[owner - 1].isdigit():
        owner += len(unit)  # 1家高质量(含培育)孵化器: a count, not an owner
    if owner < start and len(strip_generic(text[owner:start])) >= MIN_STEM:
        return owner
    close = text.find(")", start, end)
    return close + 1 if close >= 0 else start


def _named_after_a_place(name: str) -> bool:
    """A name that opens with a city, a county or a landmark (阿拉善高新区)."""
    return not is_generic_name(name) and (
        city_at(name) is not None
        or county_city_at(name, short_names=True) is not None
        or landmark_city_at(name) is not None
        or any(name.startswith(p[:-1]) for p in PREFECTURES if p.endswith("盟"))
    )


def _kind_context(text: str, start: int, end: int, suffix: str) -> bool:
    """Whether the words around a name show it names a kind.

    ``全省第一家生物化工专业孵化器`` (an ordinal before it) and
    ``孵化器数量领先`` (a measure after it) speak of a kind of carrier.
    """
    after = _KIND_AFTER_RE.match(text, end)
    if after and not (after.group(0).endswith("委员会") and _named_after_a_place(text[start:end])):
        # 阿拉善高新技术产业开发区工作委员会: the body of a named zone.
        return True
    if (
        _COUNT_AFTER_RE.match(text, end)
        and "、" not in text[max(text.rfind(c, 0, start) for c in ",。;:") + 1 : start]
        and not (
            start > 0 and text[start - 1] in "和及与" and text.endswith(_SUFFIXES, 0, start - 1)
        )
    ):
        return True
    title = _TITLE_VERB_RE.search(text, max(0, start - 80), start)
    if (
        title is not None
        and not (
            # 授予长春高新区、吉林高新区等18个开发区…称号: the names after 授予
            # hold the title.
            title.group(0).startswith("授予") and text[title.start() - 1 : title.start()] != "被"
        )
        # 变更认定为黔东南高新技术产业开发区: a development zone named after
        # its place is no title (被评为东川市服务外包示范区 confers one).
        and not (suffix.endswith(_DEVELOPMENT_ZONES) and _named_after_a_place(text[start:end]))
    ):
        return True
    prefix = city_prefix_length(text[start:end])
    if (
        _YEAR_BEFORE_RE.search(text, max(0, start - 8), start)
        and is_generic_name(text[start + prefix : end])
        and not (prefix and CARRIER_SUFFIXES[suffix] == "zone")
        # 2002年赤峰国家农业科技园区成为…: a city's national park is one.
        and not (prefix and text.startswith("国家", start + prefix))
    ):
        # 2023年泉州市星创天地建设试点: a year's designation of a city's kind
        # (2014年新余高新区…: a city's own zone is one).
        return True
    if _COUNTED_BEFORE_RE.search(text, max(0, start - 24), start) and not (
        city_at(text[start:end]) or county_city_at(text[start:end], short_names=True)
    ):
        # 建成12个以上具有全国影响力的智能制造特色产业园: the kind a goal counts.
        return True
    if _BIG_ONES_BEFORE_RE.search(text, max(0, start - 8), start) and not (
        city_at(text[start:end]) or county_city_at(text[start:end], short_names=True)
    ):
        return True
    return _ORDINAL_BEFORE_RE.search(text, max(0, start - 8), start) is not None


# 国家生态工业示范园区, 四川省五金工模具特色产业基地, 陕西省示范众创空间: a
# nation's or a province's designation of a kind, not a carrier; one named
# after a place inside it (黑龙江佳木斯国家农业高新技术产业示范区) is one.
_DESIGNATION_RE = re.compile(
    "(?:示范园区|示范区|示范基地|示范园|特色产业基地|特色产业园区|特色创新产业园区"
    "|创新型园区|示范众创空间)$"
)
# 河北国家自主创新示范区, 山西转型综合改革示范区: zones a province is named for.
_ZONE_WORDS = ("自主创新示范区", "改革", "综改")
_PROVINCE_LEVELS = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")


def _designation(raw: str) -> bool:
    """Whether ``raw`` is a national or provincial designation of a kind."""
    head = "国家" if raw.startswith("国家") else province_short(raw)
    if head is None or _DESIGNATION_RE.search(raw) is None or any(w in raw for w in _ZONE_WORDS):
        return False
    rest = raw[len(head) :]
    rest = rest[len(next((w for w in _PROVINCE_LEVELS if rest.startswith(w)), "")) :]
    return not cities_in(rest) and not any(
        county_city_at(rest[i:], short_names=True) for i in range(len(rest) - 2)
    )


def _inner_park(raw: str, suffix: str) -> re.Match[str] | None:
    """The park word inside ``raw`` when only generic words (千亩) and
    another park word follow it: the scheme a park is part of is no part
    of its name."""
    if CARRIER_SUFFIXES[suffix] != "park":
        return None
    last = None
    for found in _SUFFIX_RE.finditer(raw, 0, len(raw) - len(suffix)):
        last = found
    if last is None or CARRIER_SUFFIXES[last.group(0)] != "park" or last.start() == 0:
        return None
    rest = raw[last.end() : len(raw) - len(suffix)]
    return last if rest and not strip_generic(rest) else None


def _label_before_place(raw: str) -> int:
    """Length of an industry label written before a name that opens with a
    province and a place, or before a city after only generic words
    (特钢新材料及制品江苏江阴高新技术产业开发区, 工业互联网苏州工业园区: a list of
    bases by industry); 0 when the name starts with its own place."""
    if city_at(raw) is not None or county_city_at(raw) is not None or province_short(raw):
        return 0
    if raw.startswith(("中国", "国家")):
        return 0
    depth = 0
    for at in range(1, min(len(raw) - 2, _MAX_LABEL) + 1):
        char = raw[at - 1]
        if not ("\u4e00" <= char <= "\u9fff" or char in "()"):
            return 0
        depth += (char == "(") - (char == ")")
        if at < 2 or depth:
            continue  # 海峡两岸(广西玉林)…: the place in brackets is the name's
        head = raw[:at]
        province = province_short(raw[at:])
        if province is not None:
            rest = raw[at + len(province) :].removeprefix("省")
            if city_at(rest) is not None or county_city_at(rest, short_names=True) is not None:
                return at
        elif city_at(raw, at) is not None and not strip_generic(head):
            return at
    return 0


_MAX_LABEL = 14
# Qualifiers written in brackets as part of a carrier's name.
_NAME_QUALIFIERS = ("(筹)", "(B型)", "(A型)")
# 杭州高新技术产业开发区(滨江), 邯郸国家农业科技园区(曲周、鸡泽): the places
# in brackets right after a carrier word are part of its name.
_PLACE_BRACKET_RE = re.compile(r"\(([\u4e00-\u9fff、]{2,12})\)")


def _place_bracket(text: str, end: int) -> str:
    """The bracketed places written right after a name ending at ``end``."""
    match = _PLACE_BRACKET_RE.match(text, end)
    if match is None:
        return ""
    parts = match.group(1).split("、")
    if all(
        (is_place_only(part) or province_short(part) == part) and suffix_category(part) is None
        for part in parts
    ):
        return match.group(0)
    return ""


def _branch_park(text: str, end: int) -> str:
    """A place's name and 园 written right after a carrier ending at ``end``
    (…科技城平湖园, …试验区贵州园), or ``""``."""
    for length in (2, 3):
        place = text[end : end + length]
        if (
            all("\u4e00" <= c <= "\u9fff" for c in place)
            and (is_place_only(place) or province_short(place) == place)
            and text.startswith("园", end + length)
            and text[end + length + 1 : end + length + 2] not in _PARK_WORD_ENDS
        ):
            return place + "园"
    return ""


# 园区, 园林, 园艺: words that begin with 园.
_PARK_WORD_ENDS = frozenset("区林艺")


_CLOSING_BRACKETS = (")", "）")
_LIST_JOINERS = ("以及", "及", "、")


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
    raw_start += _label_before_place(text[raw_start:raw_end])
    if _kind_context(text, raw_start, raw_end, suffix):
        return None
    raw = text[raw_start:raw_end]
    inner = _inner_park(raw, suffix)
    if inner is not None:
        # 顺德电子信息科技园千亩产业园区: a park, then the scheme it belongs to.
        raw_end, suffix = raw_start + inner.end(), inner.group(0)
        raw = text[raw_start:raw_end]
    if _designation(raw) or is_one_each(raw):
        return None
    if _COUNT_RE.match(raw) and county_city_at(raw, short_names=True) is None:
        # “六个示范区”, 三大产业园: a count of a kind, quoted or not, names none
        # (五家渠经济技术开发区 is named after its county).
        return None
    district, name = _split_place(raw, suffix)
    if name[:1] in _CLOSING_BRACKETS and name[1:].startswith(LEADING_LEVELS):
        # 阜合现代产业园区(阜阳经开区)省级试验区: after another name's
        # bracketed alias comes a designation of that carrier, no name
        # (无锡(新区)留学人员创业园 is one name).
        return None
    if district and name.startswith(_LIST_JOINERS):
        # 攀西经济区及川西北生态示范区: two carriers joined, not a district
        # and a carrier inside it (和 opens places' names: 和林格尔新区).
        joiner = next(j for j in _LIST_JOINERS if name.startswith(j))
        district, name = "", name[len(joiner) :]
    quoted = (
        text[raw_start - 1 : raw_start] == "“"
        and text[raw_end : raw_end + 1] == "”"
        # 获评“国家级科技企业孵化器”称号: a title awarded, not a name.
        and not text.startswith(_TITLE_WORDS, raw_end + 1)
        # 建设茂名市“创新驱动发展示范区”: a goal label a plan quotes.
        and not (CARRIER_SUFFIXES[suffix] == "zone" and _LABEL_SUFFIX_RE.search(raw))
        # 有了“省级高新技术产业开发区”这块金字招牌: a level and a kind quoted
        # are a title held (“飞地孵化器” is a quoted kind of its own).
        and not (raw.startswith(LEADING_LEVELS) and is_generic_name(raw))
    )
    definite = (
        _definite_zone(text, raw_start, raw_end, suffix)
        or _plain_name(text, raw_start, raw_end, suffix)
        or _city_own_zone(text, raw_start, raw, suffix)
        or _own_bare_zone(text, raw_start, raw, sentence)
    )
    if not (quoted or definite) and is_generic_name(name) and is_generic_name(raw):
        return None
    if text[raw_start - 1 : raw_start] == "“" and text.startswith(_TITLE_WORDS, raw_end + 1):
        # 获得“吉林省先进工业集中区”称号: a title awarded, not a carrier.
        return None
    if len(name) <= len(suffix) and not definite:
        return None
    start = raw_start + len(raw) - len(name)
    qualifier = next((q for q in _NAME_QUALIFIERS if text.startswith(q, raw_end)), None)
    if qualifier is None and (
        city_at(district + name) is not None or county_prefix_length(district + name)
    ):
        # (年内高新区(任丘): the place of a zone the text does not name.)
        qualifier = _place_bracket(text, raw_end) or None
    if qualifier is not None and org_end is None:
        # 合肥商贸物流开发区(筹), 黑河保税物流园区(B型): a qualifier the name
        # is written with. (In a recognition list a bracket after a name
        # gives its city: 永新工业开发区(吉安).)
        name += qualifier
        raw_end += len(qualifier)
    branch = _branch_park(text, raw_end) if qualifier is None else ""
    if branch and not is_generic_name(district + name):
        # 张江长三角科技城平湖园, 吉林大学国家科技园四平园: a park named after
        # the place it lies in, of the carrier written before it (of any
        # kind, on every path to a name; a zone's park named by any two
        # characters, 佛山高新区三水园, is found by the walk: _BRANCH_PARK_RE).
        name += branch
        raw_end += len(branch)
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
        status="",
        status_at=(raw_start, raw_end),
        out_of_area=bool(place),
        start=sentence.start + start,
        end=sentence.start + raw_end,
        sentence=sentence,
    )


def _place_headed(text: str, start: int) -> bool:
    """Whether the name starting at ``start`` opens with a city or county
    (after a level word): ``台州高新区、…等平台`` lists carriers, where
    ``…创业园等特色孵化载体`` lists kinds."""
    level = next((w for w in LEADING_LEVELS if text.startswith(w, start)), "")
    start += len(level)
    return (
        city_at(text, start) is not None
        or county_city_at(text, start=start) is not None
        # 凭祥国家重点开发开放试验区: a county written short.
        or county_prefix_length(text[start : start + 8]) > 0
        or bool(district_prefix(text[start : start + 8]))
    )


def _place_in_list(text: str, end: int) -> bool:
    """Whether an item of the list a name closes opens with a place
    (…、常熟大学科技园、相城阳澄湖国际科创园等孵化载体 lists carriers)."""
    etc = text.find("等", end)
    low = max(text.rfind(c, 0, end) for c in ",。;:") + 1
    separators = [i for i in range(low, etc) if text[i] in "、和及"]
    if not separators:
        return False
    starts = [left_boundary(text, separators[0])] + [i + 1 for i in separators]
    return any(_place_headed(text, start) for start in starts)


_MEASURED_OCCUPANCY = tuple(f"的{w}" for w in OCCUPANCY_WORDS)


def _type_in_list(text: str, match: re.Match[str]) -> bool:
    """Whether a name closing a list of types (…创业园等特色孵化载体) is a kind:
    not when a place heads it (台州高新区、…等平台), a kind in apposition
    introduces it (国家级众创空间北航投星空众创空间等创新平台) or it stands
    alone before 等 and is no kind (青禾大学科技园等载体)."""
    start = left_boundary(text, match.start())
    if _place_headed(text, start) or _place_in_list(text, match.end()):
        return False
    closing = _TYPE_LIST_RE.match(text, match.end())
    if closing is not None and text.startswith(_MEASURED_OCCUPANCY, closing.end()):
        # …数字经济产业园和秸秆产业园等核心载体的入驻率: carriers whose
        # occupancy is measured are carriers, not kinds.
        return False
    trimmed = _trim_start(text, start, match.end(), match.group(0))
    introduced = _SUFFIX_RE.search(text, start, trimmed) is not None
    listed = text[start - 1 : start] in ("、", "和", "及") or text.startswith("、", match.end())
    return (
        not introduced and listed and not _proper_head(text[trimmed : match.start()])
    ) or is_generic_name(text[trimmed : match.end()])


# Parts of speech of a word that names something (a person, a firm, a
# brand) or that the dictionary does not know.
_PROPER_FLAGS = frozenset({"nr", "nrt", "nz", "ng", "x", "eng"})


def _proper_head(stem: str) -> bool:
    """Whether a listed name starts with a proper word (青洋…产业园, 阿里…产业园,
    a place) rather than a common one (退役军人就业创业园, 电商产业园): a
    list's item named so is one carrier, not a kind."""
    words = tag_words(stem)
    if not words or not stem:
        return False
    word, flag = words[0]
    if len(word) == 1 or flag in _PROPER_FLAGS:
        return True
    return flag == "ns" and (
        city_at(stem) is not None
        or county_city_at(stem, short_names=True) is not None
        or stem.startswith("中国")
        or (len(word) > 1 and strip_generic(word) == word and province_short(word) != word)
    )


_SUBAREAS = ("片区", "起步区", "核心区", "拓展区")
_SUBAREA_OF_RE = re.compile("[区园][东南西北中]?$")
_SUBAREA_AFTER_RE = re.compile("[东南西北中]?(?:" + "|".join(_SUBAREAS) + ")")


def _bare_part(name: str, suffix: str) -> bool:
    """Whether ``name`` is a 片区 named by its place alone (民乐片区, and the
    items of 姚江两岸、东钱湖等片区): a part of a city, not of a carrier;
    湖南自贸区岳阳片区 names the zone it is part of."""
    return suffix == "片区" and _SUFFIX_RE.search(name, 0, name.rfind(suffix)) is None


_BUILT_TOGETHER = ("共建",)


def _places_before(text: str, boundary: int, name: str, suffix: str) -> bool:
    """Whether ``name`` is a place and its carrier word, after a 、-list of
    places only (吕梁、交口、岚县开发区)."""
    items = place_list_items(text, boundary)
    return (
        len(items) >= 1
        and text[items[-1][1] : items[-1][1] + 1] == "、"
        and is_place_only(name[: -len(suffix)])
    )


# Single characters the walk stops at that may open a place's name instead
# (向塘, 元和塘): a preposition, or a joiner after one character.
_HEAD_PREPOSITIONS = ("向", "往")
# (至此省级…, 在市高新区: a pronoun or a level, no name's head.)
_NO_HEAD = frozenset("市县区省此该其本这那各全每")
_HEAD_JOINERS = ("和", "与", "及")


def _one_character_head(text: str, boundary: int, suffix_start: int) -> int:
    """Where a name begins when the walk left it one character of its own
    before descriptive words (塘文化产业园区 of 元和塘文化产业园区, 塘商贸物流
    产业园 of 推动向塘商贸物流产业园): the character the walk stopped at
    opens the name, and so does one before a joiner at a clause's start."""
    stem = text[boundary:suffix_start]
    before = text[boundary - 1 : boundary]
    if (
        before in _HEAD_JOINERS
        and (not strip_generic(stem) or text[boundary - 3 : boundary - 2] == "的")
        and boundary >= 2
        and is_name_char(text[boundary - 2])
        and text[boundary - 2] not in _NOT_ONE_HEAD
        and (boundary == 2 or not is_name_char(text[boundary - 3]) or text[boundary - 3] == "的")
    ):
        # 三和智慧农业产业园: one character at a clause's start, the joiner
        # and descriptive words alone make one name.
        return boundary - 2
    if len(stem) < 2 or strip_generic(stem[1:]) or not is_name_char(stem[0]) or stem[0] in _NO_HEAD:
        return boundary
    if before in _HEAD_PREPOSITIONS:
        return boundary - 1
    if (
        before in _HEAD_JOINERS
        and boundary >= 2
        and is_name_char(text[boundary - 2])
        and (boundary == 2 or not is_name_char(text[boundary - 3]))
    ):
        return boundary - 2
    return boundary


# Last characters of a division's full name (冷水江市, 商都县, 烈山区).
_ADMIN_ENDS = frozenset("省市县区旗州盟镇乡村")
# Characters that open no name alone: a division's word, a measure word, one
# that makes a word with the joiner (以及, 涉及, 普及).
_NOT_ONE_HEAD = _ADMIN_ENDS | frozenset("个家座所批项类种以涉普危顾惠波")


def _county_and_one_head(text: str, boundary: int, suffix_start: int) -> int:
    """Where a name begins when the walk stopped at a joiner that follows a
    county's name and one character at a clause's start (江源三和循环经济静脉
    产业园: 三和 is a town of 江源, not 江源三 and a park)."""
    if text[boundary - 1 : boundary] not in _HEAD_JOINERS or boundary < 4:
        return boundary
    for length in (2, 3, 4):
        start = boundary - 2 - length
        if start < 0 or (start > 0 and is_name_char(text[start - 1])):
            continue
        if text[start - 1 : start] == "、" and strip_generic(text[boundary:suffix_start]):
            # In a list the place must lack a name of its own after the joiner
            # (…、藤县中和陶瓷产业园; 沙巴台、大武口沟和长胜崇岗工业园区: two items).
            continue
        if (
            county_prefix_length(text[start : boundary - 1]) == length
            and is_name_char(text[boundary - 2])
            and text[boundary - 2] not in _ADMIN_ENDS
        ):
            return start
    return boundary


def _created_by_places(
    sentence: Sentence, boundary: int, suffix_start: int, suffix: str
) -> list[CarrierMention]:
    """The carriers of a kind (a level and words before the carrier word)
    that each place of a list before 成功创建 has (武功、兴平成功创建省级
    高新区 → 武功高新区, 兴平高新区; a park keeps 国家: 甲国家现代农业产业园)."""
    text = sentence.text
    kind = text[boundary:suffix_start]
    level = next((lv for lv in (*LEADING_LEVELS, "国家") if kind.startswith(lv)), "")
    if not level:
        return []
    places = creating_places(text, boundary)
    if not places:
        return []
    national = level == "国家" and CARRIER_SUFFIXES[suffix] == "park"
    tail = ("国家" if national else "") + kept_describing(kind[len(level) :]) + suffix
    found = []
    for start, end in places:
        mention = _expanded(sentence, start, end, suffix, tail)
        if mention is not None:
            found.append(mention)
    return found


def _sentence_carriers(sentence: Sentence, previous: str = "") -> list[CarrierMention]:
    text = sentence.text
    found: list[CarrierMention] = _listed_organisations(sentence)
    # The mention whose carrier word a list's items were given.
    listed_by: dict[int, CarrierMention] = {}
    recognition = _recognition(text)
    for match in _SUFFIX_RE.finditer(text):
        suffix = match.group(0)
        part = _DEPENDENT_AFTER_RE.match(text, match.end())
        if (
            part is not None
            and suffix not in DEPENDENT_SUFFIXES
            and not _SUBAREA_AFTER_RE.match(text, match.end())
            # …科技园到沧州设立分园: a verb between makes the 分园 a new carrier.
            and not any(w in text[match.end() : part.end()] for w in STOP_WORDS)
        ):
            continue
        if _TYPE_LIST_RE.match(text, match.end()) and _type_in_list(text, match):
            continue
        if suffix in _TRADE_AREAS and _AGREEMENT_AFTER_RE.match(text, match.end()):
            # 中国-东盟自贸区3.0版升级协定: a free-trade agreement, no zone.
            continue
        if _LONGER_WORD_AFTER_RE.match(text, match.end()) or (
            # 世界科技城市联盟, 现代生态城市: a city, not a 城 carrier.
            suffix.endswith("城") and _CITY_WORD_AFTER_RE.match(text, match.end())
        ):
            # 改造低效工业区块40个 (blocks of land), 中医院赣江新区院区 (a
            # hospital's campus), 复兴大道荆州高新区段 (a road's section): the
            # carrier word is part of a longer word (a zone's 块状经济 and
            # 区块链 stay).
            continue
        if suffix in _SUBAREAS and _SUBAREA_OF_RE.search(text, 0, match.start()):
            # 荆门高新区南片区, 海河科技园区起步区: a part of the carrier just named.
            continue
        close = describing_start(text, match.start())
        abbreviated = _abbreviated_items(text, close)
        if (
            close < match.start()
            and all(is_place_only(text[a:b]) for a, b in abbreviated)
            and not counted_one_each(text, abbreviated)
            and (
                not uncounted_close(text, abbreviated)
                # (信阳、南阳、洛阳等中医药产业基地: a field the places have.)
                or strip_generic(text[close : match.start()])
            )
        ):
            # 鄂州、黄石、黄冈等科技产业集聚区: places and a kind they have
            # (南靖、同安等2个闽台农业融合发展产业园: one for each place, named).
            abbreviated = []
        if abbreviated and not _places_of_many(text, abbreviated, suffix):
            # 河北沧州、江苏徐州等32个国家农业科技园区: each place's park has
            # 国家 in its name (郑州、洛阳3个国家高新区 and 安陆、大悟3个省级
            # 开发区 name zones without their level).
            national = text.endswith("国家", 0, close)
            level = "国家" if national and CARRIER_SUFFIXES[suffix] == "park" else ""
            places = bool(level) and all(is_place_only(text[a:b]) for a, b in abbreviated)
            describing = kept_describing(text[close : match.start()])
            tail = (level if places else "") + describing + suffix
            for start, end in abbreviated:
                mention = _expanded(
                    sentence,
                    start,
                    end,
                    suffix,
                    tail if tail != suffix else None,
                    described=close < match.start(),
                )
                if mention is not None and not _bare_part(mention.name, suffix):
                    found.append(mention)
            continue
        if not recognition and text.startswith(_COMPANY_ENDS, match.end()):
            # 鄂州火炬科技孵化器有限公司签订…: a firm, not the carrier it runs.
            continue
        org_end = _organisation_end(text, match.end()) if recognition else None
        if org_end is not None and org_end > match.end() and text.startswith(_RUNS, org_end):
            # 甲孵化器管理有限公司运营的乙众创空间: the firm that runs another carrier.
            continue
        boundary = quoted_start(text, match.start(), match.end())
        if boundary is None:
            boundary = _one_character_head(text, left_boundary(text, match.start()), match.start())
            boundary = _county_and_one_head(text, boundary, match.start())
        if boundary == match.start() and text.endswith(_BUILT_TOGETHER, 0, boundary):
            # 湘琼先进制造业共建产业园: built together, the verb is part of the name.
            # (与深圳共建产业园: a partner, then the verb.)
            together = left_boundary(text, boundary - 2)
            partner = text[together : boundary - 2]
            if (
                partner
                and text[together - 1 : together] not in ("与", "同", "和")
                # 南北共建园区, 南京合作共建产业园区: a kind, or the partner city.
                and partner not in ("南北", "东西")
                and not partner.endswith(("合作", "市", "省", "盟"))
                and strip_generic(partner)
            ):
                boundary = together
        branch = _BRANCH_PARK_RE.match(text, match.end())
        if branch is not None and CARRIER_SUFFIXES[suffix] == "zone":
            # 张江高新区普陀园: a zone's park in a district is the carrier.
            org_end = branch.end()
        mention = _make(sentence, boundary, match.end(), suffix, org_end)
        if mention is None:
            single = single_item(text, close, match.start())
            # (解放东路立交等3个低洼易涝片区: parts of a city, no carriers.)
            if single is not None and suffix not in DEPENDENT_SUFFIXES:
                tail = kept_describing(text[close : match.start()]) + suffix
                item = text[single[0] : single[1]]
                # 大东港物流等5个物流产业集聚区: a word the item ends with and
                # the kind begins with is written once.
                shared = next((k for k in (3, 2) if k < len(tail) and item.endswith(tail[:k])), 0)
                tail = tail[shared:]
                mention = _expanded(sentence, *single, suffix, tail if tail != suffix else None)
                if mention is not None:
                    found.append(mention)
                continue
            # 武功、兴平成功创建省级高新区: a kind each place has created.
            found.extend(_created_by_places(sentence, boundary, match.start(), suffix))
            continue
        label = _QUOTED_LABEL_RE.search(text, max(0, boundary - _MAX_LABEL - 2), boundary)
        if (
            label is not None
            and text[mention.start - sentence.start - 1] == "”"
            and not is_layout(label.group(0)[1:-1])
        ):
            # “一带一路”临港产业园, “明珠数谷”大数据产业园: a quoted word
            # before the name is part of it (“省部共建”国家级… is a title).
            labelled = _make(sentence, label.start(), match.end(), suffix, org_end)
            if labelled is not None and labelled.name.startswith("“"):
                mention = labelled
        if (
            _bare_part(mention.name, suffix)
            or any(w in mention.name for w in _SCHOOL_WORDS)
            or _MACHINE_RE.search(mention.name)
        ):
            continue
        found.append(mention)
        # A suffix shared by a list is written after its last item only
        # (东城、淞江、舞阳产业集聚区); a name the list goes on after is whole.
        # (嘉兴市委、市政府作出兴建嘉兴科技城: a name cut from longer words
        # stands alone; the list before those words is none of its.)
        whole = text[boundary : match.end()] in (mention.name, mention.district + mention.name)
        if (
            whole
            and len(mention.name) - len(suffix) <= _MAX_ABBREVIATION
            and (
                text[match.end() : match.end() + 1] not in ("、", "和", "及")
                # 吕梁、交口、岚县开发区和方山…示范区: places share the word
                # though another name follows (not 端州、鼎湖、肇庆新区和…, a
                # new district of its own name).
                or (
                    text[match.end() : match.end() + 1] in ("和", "及")
                    and suffix != "新区"
                    and _places_before(text, boundary, mention.name, suffix)
                )
            )
        ):
            items = _list_items(text, boundary)
            place = city_prefix_length(mention.name) or county_prefix_length(mention.name)
            if place and any(text[start:end] == mention.name[:place] for start, end in items):
                # 兰州、天水、金昌及兰州新区: the list names the last carrier's
                # own city before it; it shares no carrier word.
                items = []
            if (
                not place
                and len(items) > 1
                and all(text[start:end].removesuffix("市") in CITIES for start, end in items)
                # (南宁、柳州、桂林和北海自主创新示范区: 北海 is a city too.)
                and not mention.name.startswith(CITIES)
            ):
                # 与九江、抚州、宜春、上饶、赣江新区协作: cities, then an area
                # named by no place; the cities share no carrier word.
                items = []
            after = text[match.end() : match.end() + 2]
            if len(after) == 2 and all(map(is_name_char, after)):
                # 西丽湖论坛、光明科学城论坛: the items end with the word that
                # follows the carrier word; the list is of that word's things.
                items = [(start, end) for start, end in items if not text.endswith(after, 0, end)]
            for start, end in items:
                extra = _expanded(
                    sentence, start, end, suffix, _shared_tail(mention.name, text[start:end])
                )
                if extra is not None:
                    found.append(extra)
                    listed_by[id(extra)] = mention
        elif (
            whole
            and (place := max(county_place_length(mention.name), city_prefix_length(mention.name)))
            and (
                text[match.end() : match.end() + 1] not in ("、", "和", "及")
                # 舒兰和永吉钼产业园、磐石石墨产业园: two places joined by 和
                # share the name though the list goes on.
                or (
                    text[match.end() : match.end() + 1] == "、"
                    and text[boundary - 1 : boundary] in ("和", "及")
                    and len(joined := place_list_items(text, boundary)) == 1
                    # (滨海新区和天津滨海—中关村科技园: a zone, no place alone.)
                    and suffix_category(text[joined[0][0] : joined[0][1]]) is None
                )
            )
        ):
            # 察右前旗、商都县和四子王旗马铃薯加工产业园, 梧州、北海、防城港
            # 跨境电商综合试验区: places before a name that opens with its
            # county or city share all that follows it.
            for start, end in place_list_items(text, boundary):
                extra = _expanded(sentence, start, end, suffix, mention.name[place:])
                if extra is not None:
                    found.append(extra)
                    listed_by[id(extra)] = mention
    found = _drop_lists_of_inner_names(found, listed_by)
    found = found + _listed_own_zones(sentence, found)
    found = found + _partner_pair_members(sentence, found)
    found = found + _etc_list_members(sentence, found, previous)
    found = found + _introduced_organisations(sentence, found, previous)
    found = found + _bracketed_members(sentence, found)
    found = found + _apposition_members(sentence, found)
    found = found + _dash_apposition_members(sentence, found)
    found = found + _designated_members(sentence, found)
    found = _drop_aliases(_drop_places(_drop_nested(found), text), sentence)
    found = sorted(found + _list_context_members(sentence, found), key=lambda m: m.start)
    found = _bracketed_operators(found, text)
    found = [_trailing_place(m) for m in _counted_place_members(sentence, found)]
    found = _closed_list_members(sentence, _labelled_park_members(sentence, found))
    found = _sentence_city([_located_city(m, text) for m in _inherit_districts(found, text)])
    if recognition:
        found = [_recognised_kind(m, text) for m in found]
    return _shared_status(found, text)


def _listed_own_zones(sentence: Sentence, found: list[CarrierMention]) -> list[CarrierMention]:
    """A zone written bare right after a zone named with its place, in one
    list, is the same place's (兰州高新区、经开区 → 兰州经开区)."""
    text = sentence.text
    taken = {m.start for m in found}
    extra: list[CarrierMention] = []
    for mention in found:
        end = mention.end - sentence.start
        if mention.category != "zone" or text[end : end + 1] not in ("、", "和", "及"):
            continue
        place = city_prefix_length(mention.name) or county_prefix_length(mention.name)
        bare = next(
            (z for z in _OWN_BARE_LONGEST_FIRST if text.startswith(z, end + 1)),
            None,
        )
        if not place or bare is None or sentence.start + end + 1 in taken:
            continue
        name = mention.name[:place] + bare
        extra.append(
            replace(
                mention,
                name=name,
                district="",
                city=city_of(name, "", sentence, bare),
                status="",
                status_at=(end + 1, end + 1 + len(bare)),
                start=sentence.start + end + 1,
                end=sentence.start + end + 1 + len(bare),
            )
        )
    return extra


def _drop_lists_of_inner_names(
    found: list[CarrierMention], listed_by: dict[int, CarrierMention]
) -> list[CarrierMention]:
    """Drop the items given the carrier word of a name that is only the
    head of a longer one (寿县蜀山、…、合肥高新区霍邱现代产业园: the list
    shares 现代产业园, not the 高新区 of the place it is written in)."""

    def inner(m: CarrierMention) -> bool:
        return any(
            o is not m and o.start - len(o.district) <= m.start - len(m.district) and m.end < o.end
            for o in found
        )

    return [m for m in found if id(m) not in listed_by or not inner(listed_by[id(m)])]


def _drop_aliases(found: list[CarrierMention], sentence: Sentence) -> list[CarrierMention]:
    """A carrier named in brackets right after another (梅州经济开发区(东升工业园区))
    is that carrier's other name, not one more."""
    text = sentence.text
    ends = {m.end - sentence.start for m in found}
    kept = []
    for mention in found:
        start = mention.start - sentence.start - len(mention.district)
        end = mention.end - sentence.start
        if text[start - 1 : start] == "(" and text[end : end + 1] == ")" and start - 1 in ends:
            continue
        kept.append(mention)
    return kept


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
    last: list[CarrierMention] = []
    for sentence in sentences:
        mentions = _sentence_carriers(sentence, previous)
        found.extend(_referred_city(sentence, mentions, last))
        previous = sentence.text
        last = mentions or last
    return found


# 园区陆续引进…, 该高新区…, 下一步,高新区将…: a sentence that speaks of the
# carrier just named.
_REFERENCE_RE = re.compile(
    r"^(?:[^,。;]{0,8},)?(?:该|这一|这个|此|全)?(?:园区|高新区|开发区|经开区|新区|园内|区内|基地)"
)


def _referred_city(
    sentence: Sentence, mentions: list[CarrierMention], last: list[CarrierMention]
) -> list[CarrierMention]:
    """In a text with no city of its own, carriers of a sentence that speaks
    of the carrier named just before lie in that carrier's city."""
    cities = {m.city for m in last if m.city and not m.out_of_area}
    if sentence.city or len(cities) != 1 or not _REFERENCE_RE.match(sentence.text):
        return mentions
    [city] = cities
    return [replace(m, city=city) if not m.city and not m.out_of_area else m for m in mentions]
