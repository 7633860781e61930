"""Lists of carriers whose suffix is written once, after the last item.

``东城、淞江、舞阳产业集聚区`` names three zones, ``郑州经开、洛阳伊滨等8个智慧岛``
eight smart islands by their abbreviated names.
"""

from __future__ import annotations

import re

from geo_app.extraction._boundary import AREA_ENDS, BODY_ENDS, WHOLE_NOUN_ENDS, left_boundary
from geo_app.extraction._carrier_city import city_of
from geo_app.extraction._generic import is_generic_name, strip_generic
from geo_app.extraction._lexicon import (
    CARRIER_SUFFIXES,
    STOP_WORDS,
    suffix_category,
    suffix_pattern,
)
from geo_app.extraction._mention import CarrierMention, _split_items
from geo_app.extraction._numerals import CN_NUMBER, parse_number
from geo_app.extraction._places import (
    PLACE_PAIR,
    city_prefix_length,
    county_city_at,
    county_prefix_length,
    is_one_place,
    is_place_only,
    province_short,
)
from geo_app.extraction._segment import tag_words
from geo_app.extraction._text import Sentence

#: The level written once for a list's members (省级, 镇级: not in their names).
GRADES = "国家级|省级|市级|自治区级|县级|区级|镇级|乡级|村级"
_LIST_GRADE = f"(?:{GRADES})"
_LIST_LEVEL = f"(?:{GRADES}|国家|省|市)"
# What an item may add in brackets (互助杂交油菜(马铃薯)).
_ALSO_NAMED = r"(?:\([\u3400-\u9fff]{0,3}[^\s()、区省市县]\))?"
# A character of a list's item: 和 and 及 only where they end one (政和、漳平,
# 均和等), not where they join two.
_ITEM_CHAR = "(?:[^、,。;:“”和及等的]|[和及](?=[、等]))"
# A、B…等8个<suffix>, A、B和C3家省级<suffix>, A、B等地5个<suffix>: items
# written without the suffix they share, closed by 等 or by their count (an
# item after 、 may open with 和: 连海、和平; 以及 opens a list, it joins none).
_ABBREVIATED_LIST_RE = re.compile(
    rf"((?:(?:(?<=、)[和及])?{_ITEM_CHAR}{{1,10}}{_ALSO_NAMED}(?:、|和|(?<!以)及))+"
    rf"(?:(?<=、)[和及])?{_ITEM_CHAR}{{1,10}}?{_ALSO_NAMED})(?:…+|\.{{3,}})?"
    rf"(?:等地?(?:\d+|{CN_NUMBER})?|(?:\d+|{CN_NUMBER})(?=个|家|座|所|处|批|大))"
    rf"(?:个|家|座|所|处|批|(?<![等地])大)?{_LIST_LEVEL}?$"
)
# How such a list ends, right before its suffix (cheap to test first).
_ABBREVIATED_CLOSE_RE = re.compile(
    rf"(?:等地?(?:\d+|{CN_NUMBER})?|(?:\d+|{CN_NUMBER})(?=个|家|座|所|处|批|大))"
    rf"(?:个|家|座|所|处|批|(?<![等地])大)?{_LIST_LEVEL}?$"
)
_ABBREVIATED_WINDOW = 240
_MAX_WHOLE_ITEM = 12
_LEADING_LEVEL_RE = re.compile("^(?:国家级|省级|国家|省)")
_WHOLE_ITEM_ENDS = ("园", "城")
_MAX_ABBREVIATION = 5
# What two places build together (湘琼合作产业园).
_PARTNERSHIP_WORDS = frozenset({"合作", "共建", "协作", "飞地"})


# Bodies, buildings and facilities (市政府各部门和…, 会展中心和…, 装备厂及…, 新机场及…):
# no carrier's short name.
_BODY_ITEMS = (
    *BODY_ENDS,
    "部门",
    "单位",
    "政府",
    "机关",
    "企业",
    "高校",
    "馆",
    "厅",
    "大厦",
    "厂",
    "机场",
    "站",
)


#: Words of a rank after a number (五强, 十佳): no name.
RANKS = "强佳优"
_RANK_RE = re.compile(rf"(?:\d+|{CN_NUMBER})[{RANKS}]$")


def _list_items(text: str, boundary: int) -> list[tuple[int, int]]:
    """Spans of the suffix-less items of a 、-list ending just before ``boundary``."""
    items: list[tuple[int, int]] = []
    cur = boundary - 1
    # The last two items may be joined by 和 or 及 (…咸宁和黄冈高新区).
    while cur >= 0 and (text[cur] == "、" or (not items and text[cur] in "和及")):
        item_start = left_boundary(text, cur)
        item = text[item_start:cur]
        if (
            (
                not item
                or len(item) > _MAX_ABBREVIATION
                or suffix_category(item) is not None
                # 天津市和滨海新区, 鸭河工区及卧龙综合保税区: a city or an area
                # written in full is no carrier's short name.
                # (忠县, 沛县: a county whose full name is two characters is
                # written so in any list.)
                or (item.endswith(("市", "省", "县")) and not (len(item) == 2 and item[-1] == "县"))
                # 攀西经济区和川西北生态示范区, 于洪区、沈北新区: an area named in
                # full shares no carrier word.
                or (item.endswith("区") and len(item) > 2)
                # 市政府各部门和咸宁高新区管委会: bodies, not a carrier's short name.
                or item.endswith(_BODY_ITEMS)
                # 运营情况和雷甸科技园: a common word, no name.
                or not strip_generic(item)
                # 进全省五强和娄底高新区: a rank, no name.
                or _RANK_RE.search(item) is not None
                or (
                    item.endswith(AREA_ENDS)
                    # (萍乡: a city or county whose name ends so is written short.)
                    and not is_one_place(item)
                )
                # 韩城科技园区的花椒、榆林科技园区的马铃薯: what a carrier has.
                or (
                    text[item_start - 1 : item_start] == "的"
                    and suffix_category(text[max(0, item_start - 13) : item_start - 1]) is not None
                )
            )
            or not all("\u3400" <= c <= "\u9fff" for c in item)
        ):
            # 成都国际铁路港、宜宾、泸州综合保税区: places right before the
            # carrier word share it after a name that does not.
            # (延吉…产业园、和龙和润达…工业园: not after a 和 a name may hold.)
            if (
                items
                and text[cur] == text[items[0][1]] == "、"
                and all(is_one_place(text[a:b]) for a, b in items)
            ):
                return items[::-1]
            return []
        items.append((item_start, cur))
        cur = item_start - 1
    return items[::-1]


def place_list_items(text: str, boundary: int) -> list[tuple[int, int]]:
    """Spans of the places of a 、-list ending just before ``boundary``
    (察右前旗、商都县和|四子王旗马铃薯加工产业园): counties or cities written
    short or in full, each one word; [] when any item is not a place."""
    items: list[tuple[int, int]] = []
    cur = boundary - 1
    while cur >= 0 and (text[cur] == "、" or (not items and text[cur] in "和及")):
        item_start = max(left_boundary(text, cur), cur - _MAX_PLACE)
        item = text[item_start:cur]
        if not item or not is_place_only(item) or not _all_cjk(item):
            return []
        items.append((item_start, cur))
        cur = item_start - 1
    return items[::-1]


_MAX_PLACE = 6
_LIST_COUNT_RE = re.compile(rf"等?(\d+|{CN_NUMBER})(?:个|家|座|所|处|大(?!型|批))")


def counted_one_each(text: str, items: list[tuple[int, int]]) -> bool:
    """Whether the count closing a list is the number of its items
    (鹤庆、洱源、弥渡五个产业园区, 运城、晋中、大同三大现代农业示范区: one each)."""
    if not items:
        return False
    count = _LIST_COUNT_RE.match(text, items[-1][1], items[-1][1] + 8)
    return count is not None and parse_number(count.group(1)) == len(items)


_UNCOUNTED_CLOSE_RE = re.compile(r"等(?![地\d一二两三四五六七八九十百几])")


def uncounted_close(text: str, items: list[tuple[int, int]]) -> bool:
    """Whether a list of places closes with 等 and no count (南宁、梧州、贺州等
    生态产业园区: one carrier of each place, named by it)."""
    return bool(items) and _UNCOUNTED_CLOSE_RE.match(text, items[-1][1]) is not None


def _places_of_many(text: str, items: list[tuple[int, int]], suffix: str) -> bool:
    """``宁波、温州、绍兴8家孵化器``: places that each hold several carriers of
    a kind count them, they do not name them; a place has one zone of a kind
    (郑州、洛阳、新乡3个国家高新区)."""
    if CARRIER_SUFFIXES[suffix] == "zone":
        return False
    if counted_one_each(text, items):
        # 鹤庆、洱源、弥渡、宾川、巍山五个产业园区: as many as the places.
        return False
    if uncounted_close(text, items):
        # 嵩明、宜良、晋宁等园区: one for each place, named.
        return False
    return all(
        city_prefix_length(text[start:end]) == end - start
        or county_city_at(text[start:end], short_names=True) is not None
        # 河北滏东、赵县、宁晋等7家省级农业科技园区: a province and its place.
        or _province_and_place(text[start:end])
        for start, end in items
    )


def _province_and_place(item: str) -> bool:
    """Whether ``item`` is a province and a place of it (河北滏东, 河北沧县,
    河北石家庄藁城)."""
    province = province_short(item)
    if province is None or not item.startswith(province):
        return False
    rest = item[len(province) :].removeprefix("省")
    city = city_prefix_length(rest)
    return bool(rest) and (
        is_place_only(item)
        or is_place_only(rest)
        or county_city_at(rest) is not None
        or (0 < city < len(rest) and is_place_only(rest[city:]))
    )


_ITEM_CHARS_RE = re.compile(
    rf"[\u3400-\u9fff][\u3400-\u9fffA-Za-z0-9]*(?:[-－—][\u3400-\u9fff]{{2,}})?{_ALSO_NAMED}"
)


def _item_chars(item: str) -> bool:
    """Whether a list item is written as a name is: Chinese characters,
    Latin letters and digits inside it (联东U谷, 中关村E世界), two places
    joined by a dash (北留－周村), and what it adds in brackets
    (互助杂交油菜(马铃薯))."""
    if _ITEM_CHARS_RE.fullmatch(item) is None:
        return False
    if "(" not in item:
        return True
    # (高新区(任丘): a zone and its place; 示范区(徐圩新区)、成都经开区这: a
    # carrier named in full, not an item.)
    return not is_place_only(item[item.index("(") + 1 : -1]) and not _SUFFIX_IN_RE.search(item)


def _all_cjk(text: str) -> bool:
    return all("\u3400" <= c <= "\u9fff" for c in text)


# Evaluative words of a list's kind that its members' names do not carry
# (水月、董地等重点产业园区 → 水月产业园区).
_EVALUATIVE = ("重点", "主要", "骨干", "大型")
_MAX_DESCRIBING = 6
_MAX_COUNTED_DESCRIBING = 10
_SUFFIX_IN_RE = suffix_pattern()
# Words of a clause after a list's count, not of its kind.
_CLAUSE_WORDS = (
    "的",
    "是",
    "被",
    "获批",
    "获评",
    "获得",
    "认定",
    "入选",
    "成为",
    "作为",
    "列为",
    "评为",
    # (六个区以及滇中新区: a second thing joined, not the kind's words.)
    "及",
    # (…等一批产业项目落户新区: projects, and where they settle.)
    "项目",
)
_NOT_KIND_STARTS = ("多", "若干", "现有", "地", "各", "一些", "几", "众多")
_NOT_KIND_WORDS = ("和", "与", "及", "要", "在", "将", "已", "对口")


def _no_kinds_words(words: str) -> bool:
    """Whether words after a list's close join, plan or name bodies rather
    than describe the kind counted (…等6家企业与产业园, …等对口合作园区)."""
    return any(w in words for w in (*_NOT_KIND_WORDS, *_BODY_ITEMS))


_COUNTED_CLOSE_RE = re.compile(
    rf"等?(?:\d+|{CN_NUMBER})(?:个|家|座|所|处|大|批){_LIST_GRADE}?"
    rf"(?=[\u4e00-\u9fff]{{1,{_MAX_COUNTED_DESCRIBING}}}$)"
)
_LIST_CLOSE_WORD_RE = re.compile(rf"等|(?:\d|{CN_NUMBER})(?:个|家|座|所|处|大)")


def describing_start(text: str, suffix_start: int) -> int:
    """Where the words describing a list's kind begin, between its close
    and the carrier word (金普新区智能制造、通用航空3个|特色|产业园,
    泰兴市、盱眙县4家|现代农业|产业园); ``suffix_start`` when none."""
    if _ABBREVIATED_CLOSE_RE.search(text, max(0, suffix_start - 24), suffix_start):
        return suffix_start
    counted = _COUNTED_CLOSE_RE.search(
        text, max(0, suffix_start - _MAX_COUNTED_DESCRIBING - 6), suffix_start
    )
    if (
        counted is not None
        and _all_cjk(text[counted.end() : suffix_start])
        # (…等15个条件较好的中西部省级开发区, …等3家获批省级众创空间: a
        # clause, not a kind's words.)
        and not any(w in text[counted.end() : suffix_start] for w in _CLAUSE_WORDS)
        # (…等2家佛山众创空间: the city the counted ones lie in.)
        and city_prefix_length(text[counted.end() : suffix_start]) == 0
        # (四个高新区升级为国家级高新区: a carrier word before, a clause.)
        and _SUFFIX_IN_RE.search(text, counted.end(), suffix_start) is None
    ):
        # 南靖、同安等9个闽台农业融合发展产业园: words of the kind's own after a count.
        return counted.end()
    window = max(0, suffix_start - _MAX_DESCRIBING - 2)
    if _LIST_CLOSE_WORD_RE.search(text, window, suffix_start) is None:
        return suffix_start  # no 等 or count just before: no list closes here
    for start in range(suffix_start - 1, max(-1, suffix_start - _MAX_DESCRIBING - 1), -1):
        words = text[start:suffix_start]
        if not _all_cjk(words) or any(w in words for w in _CLAUSE_WORDS):
            continue
        if strip_generic(words) and (
            text[start - 1 : start] != "等"
            or words.startswith(_NOT_KIND_STARTS)
            or _no_kinds_words(words)
            # (…宏柏新材料等乐平工业园区企业: a place's carrier, named.)
            or city_prefix_length(words)
            or county_prefix_length(words)
            # (…等创建国家级高新区, …等高校建设大学科技园: a verb's clause.)
            or any(len(w) > 1 and w in words for w in STOP_WORDS)
        ):
            # (国际生物岛、天河软件等价值创新园区: right after 等, the words
            # describe the kind; not a quantity (等多个, 等若干, 等现有, 等地)
            # or a clause.)
            continue
        if _ABBREVIATED_CLOSE_RE.search(text, max(0, start - 24), start):
            return start
    return suffix_start


# 武功、兴平、礼泉成功创建省级高新区: places, then the verb of a creation
# done, a carrier of the kind for each of them (支持甲、乙创建…, a plan to
# create, names none yet).
_CREATING_PLACES_RE = re.compile(
    r"((?:[\u4e00-\u9fff]{2,6}[、和及])+[\u4e00-\u9fff]{2,6}?)"
    r"(?:[两二三四五]地|等地|等)?(?:均|都|分别)?成功创建$"
)
_MAX_CREATING_LIST = 40


def creating_places(text: str, boundary: int) -> list[tuple[int, int]]:
    """Spans of the places that have created, each, the carrier of a kind
    written after the verb ending at ``boundary`` (武功、兴平、礼泉成功创建
    省级高新区); [] unless every item is one place."""
    match = _CREATING_PLACES_RE.search(text, max(0, boundary - _MAX_CREATING_LIST), boundary)
    if match is None:
        return []
    spans: list[tuple[int, int]] = []
    pos = match.start(1)
    for item, separator in _split_items(match.group(1)):
        start, end = pos, pos + len(item)
        pos = end + len(separator)
        if not spans:
            start = max(start, left_boundary(text, end))
        if not is_one_place(text[start:end]):
            return []
        spans.append((start, end))
    return spans


# A scale of output alone ranks a list's kind (3个百亿元园区: not in the
# members' names; 百亿级玉米产业园 names the field too).
_SCALE_RE = re.compile(r"(?:超|过)?[十百千万]+亿(?:元|级)?")


_CLASS_RE = re.compile(r"^[\u4e00-\u9fff]{1,4}类")


def kept_describing(words: str) -> str:
    """The describing words a member's name keeps (特色, 现代农业; not 重点,
    not the scale alone of 百亿元园区, not the class of 茶叶类现代农业产业园)."""
    if _SCALE_RE.fullmatch(words):
        return ""
    # 5个茶叶类重点现代农业产业园: the class the list's members are of.
    words = _CLASS_RE.sub("", words)
    for word in _EVALUATIVE:
        if words.startswith(word):
            return words[len(word) :]
    return words


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
    items = _split_items(match.group(1))
    first, joiner = items[0]
    if joiner != "、" and suffix_category(first) is not None and len(items) > 2:
        # 融侨经济技术开发区以及青口、江阴等工业集中区: a carrier named in
        # full and joined to the list is none of its items.
        pos += len(first) + len(joiner)
        items = items[1:]
    for item, separator in items:
        start, end = pos, pos + len(item)
        pos = end + len(separator)
        cut = left_boundary(text, end) if start == match.start(1) else start
        if (
            cut < start
            and _all_cjk(text[start - 1 : start])
            and end - cut <= _MAX_WHOLE_ITEM
            and text[end - 1] in _WHOLE_ITEM_ENDS
        ):
            # 大连国际综合物流园、香炉礁物流园等: a first item named in full is
            # longer than the window an abbreviation fits; it starts where
            # its name does.
            start = cut
        elif start > match.start(1) and (inner := left_boundary(text, end)) > start:
            # 为双核、以鹤庆、洱源五个产业园区: the list starts after the word
            # that ends a name; 尚志市、双城区联合组建了2个: or it is none.
            if inner >= end:
                return []
            spans, cut = [], inner
        start = max(start, cut)
        item = text[start:end]
        if not item or suffix_category(item) is not None or not _item_chars(item):
            # 每个县(市、区)建设1-2个: not a list of names.
            return []
        spans.append((start, end))
    return spans


# 方山肉牛等3个农业循环经济园区, 石岩-百旺等20个先进制造业园区: one item,
# then 等 and a count of the kind: the item is one carrier of the kind.
_SINGLE_CLOSE_RE = re.compile(rf"等(?:\d+|{CN_NUMBER})(?:个|家|座|所|处){_LIST_LEVEL}?$")
_SINGLE_ITEM_RE = re.compile(r"[\u4e00-\u9fff]+(?:[-－—][\u4e00-\u9fff]+)?")
_MAX_SINGLE_ITEM = 8


def single_item(text: str, close: int, suffix_start: int) -> tuple[int, int] | None:
    """Span of the one item before ``等`` and a count ending at ``close``
    (the kind's describing words run from there to ``suffix_start``), when
    it opens with a city's or county's name and goes on with a name of its
    own (沾益花山, 安龙铁皮石斛); ``None`` otherwise."""
    closed = _SINGLE_CLOSE_RE.search(text, max(0, close - 12), close)
    if closed is None:
        return None
    describing = text[close:suffix_start]
    if (
        # (晋州市周家庄等24个重点园区: parks of any kind, one named among them.)
        (text[suffix_start:].startswith("园区") and not kept_describing(describing))
        # (东莞讯源电子等6家企业与产业园: firms, counted.)
        or _no_kinds_words(describing)
    ):
        return None
    end = closed.start()
    start = left_boundary(text, end)
    item = text[start:end]
    if (
        not item
        or len(item) > _MAX_SINGLE_ITEM
        or text[start - 1 : start] in ("、", "和", "及")
        or _SINGLE_ITEM_RE.fullmatch(item) is None
        or suffix_category(item) is not None
        # (北京路文化核心区, 北京通州物流基地: an area or a base named in full.)
        or item.endswith((*AREA_ENDS, *WHOLE_NOUN_ENDS, "城"))
    ):
        return None
    place = city_prefix_length(item) or county_place_length(item)
    if not place or len(item) - place < 2 or not strip_generic(item[place:]):
        return None
    return start, end


def _without_zone_level(tail: str, suffix: str) -> str:
    """赣州、龙南、瑞金国家级经开区: a zone's level is not part of its name."""
    if CARRIER_SUFFIXES.get(suffix) == "zone":
        return _LEADING_LEVEL_RE.sub("", tail)
    return tail


# What may end a place's name after a county's short name (县, 山 of 莲花山).
_COUNTY_NAME_ENDS = ("县", "市", "区", "旗", "山")


_COMMON_FLAGS = frozenset({"n", "v", "vn", "a", "ad", "d", "m"})


def _common_word(text: str) -> bool:
    """Whether ``text`` is one common word (生物, 低空), no place's name."""
    words = tag_words(text)
    return len(words) == 1 and words[0][1] in _COMMON_FLAGS


def county_place_length(name: str) -> int:
    """Length of the county that opens ``name``, with the character that
    ends its place: the county's own 县 (湟中县国家级…示范区), or the 山 of a
    longer place a short county name begins (莲花山都市观光农业示范区)."""
    place = county_prefix_length(name)
    if (
        place
        and name[place : place + 1] in _COUNTY_NAME_ENDS
        # (罗城市级工业园区: 市级 is a level.)
        and name[place + 1 : place + 2] != "级"
    ):
        place += 1
    return place


def _shared_tail(last: str, item: str) -> str:
    """What the items of a list share, written once after the last one.

    The carrier word (东城、淞江、舞阳产业集聚区), or, when the items are
    cities, all that follows the last one's city (济南、潍坊、聊城山东省大学科技园
    → 山东省大学科技园).
    """
    found = suffix_category(last)
    suffix = found[0] if found else ""
    partnership = last[PLACE_PAIR : len(last) - len(suffix)]
    if len(item) == PLACE_PAIR and partnership in _PARTNERSHIP_WORDS:
        # 湘琼、粤琼、深儋合作产业园: pairs of places, one character each,
        # share the partnership written after the last pair.
        return partnership + suffix
    head = city_prefix_length(last)
    if head and city_prefix_length(item) == len(item) and len(last) - head > len(suffix):
        return _without_zone_level(last[head:], suffix)
    # 寿县蜀山、凤阳宁国、霍邱现代产业园: after the last item's county, the
    # generic words before the carrier word are shared too.
    place = head or county_place_length(last)
    rest = last[place:]
    if place and len(rest) > len(suffix) and not strip_generic(rest[: len(rest) - len(suffix)]):
        return _without_zone_level(rest, suffix)
    if (
        place
        # (本溪桥北、本溪湖经济开发区: one character after the city is a word
        # of the last item's own place.)
        and len(rest) > len(suffix) + 1
        and is_place_only(item)
        and re.search(r"[\d和及与、县]", rest) is None
    ):
        # 砚山、富宁绿色铝产业园区: counties alone share all that follows the
        # last one's county.
        return rest
    middle = last[len(item) : len(last) - len(suffix)]
    if (
        not place
        and len(item) == 2
        and middle
        and not strip_generic(middle)
        # (新一、生物科技产业园区: the last item is a field, a common word.)
        and not _common_word(last[:2])
    ):
        # 铁山、红坊、蛟洋物流集聚区: places unknown, written in two
        # characters each, share the kind's words after the last one's.
        return middle + suffix
    return suffix


_AREA_WORDS = ("城", "谷", "港")
_MIN_AREA_NAME = 4
_HUBS = ("空港", "陆港", "地港", "路港", "海港")


def _expanded(
    sentence: Sentence,
    start: int,
    end: int,
    suffix: str,
    tail: str | None = None,
    described: bool = False,
) -> CarrierMention | None:
    """A carrier whose suffix (or shared tail) is written once for the whole list."""
    item = sentence.text[start:end]
    added = tail or suffix
    # 创信园、创博园和创投园四个园区, 空天园、信息园和未来科技园, 光谷生物城和
    # 武汉未来科技城: an item that already ends in the word the carrier word
    # begins or ends with is named in full.
    # So is one written before words describing the list's kind (康泰惠民园、
    # 集宁国际皮革城等重点创业园区).
    whole = (
        (
            item.endswith(("园", "城"))
            and (
                added.startswith(item[-1])
                or added.endswith(item[-1])
                or (described and not is_place_only(item))
            )
        )
        or (
            # 天府旌城、天府数谷、旌北新区: a place's name and a word of an area
            # (城, 谷, 港) name an area in full.
            item.endswith(_AREA_WORDS)
            and len(item) >= _MIN_AREA_NAME
            and not is_place_only(item)
            # (朝阳龙城: a city and its district 龙城, a place.)
            and not is_place_only(item[-2:])
            # (西咸空港、兰州国际陆港: a transport hub parks are named after.)
            and not item.endswith(_HUBS)
        )
    )
    name = item if whole else item + added
    city = city_of(name, "", sentence, suffix)
    if is_generic_name(item + added):
        return None
    return CarrierMention(
        name=name,
        category=CARRIER_SUFFIXES[suffix],
        district="",
        city=city,
        status="",
        status_at=(start, end),
        out_of_area=False,
        start=sentence.start + start,
        end=sentence.start + end,
        sentence=sentence,
    )
