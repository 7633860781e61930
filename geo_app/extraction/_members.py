"""Carriers a kind beside them or the list around them types.

Appositions (``国家级孵化器嵊州市科创中心``, ``孵化器——甲创新中心``), names
listed among maker spaces and incubators, counted lists of places, operators
in brackets after a carrier and places in brackets after a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from geo_app.extraction._boundary import (
    NAME_WORDS,
    SUFFIX_END_RE,
    is_name_char,
    latin_boundary,
    left_boundary,
)
from geo_app.extraction._carrier_city import city_of
from geo_app.extraction._generic import MIN_STEM, is_generic_name, strip_generic
from geo_app.extraction._lexicon import (
    CARRIER_SUFFIXES,
    ORGANISATION_WORDS,
    SUBJECT_KINDS,
    suffix_category,
)
from geo_app.extraction._mention import (
    _CARRIER_CATEGORIES,
    _COMPANY_ENDS,
    _KIND_RE,
    _SUFFIX_RE,
    CarrierMention,
    _listed,
    _member,
    _trim_start,
)
from geo_app.extraction._numerals import CN_NUMBER, parse_number
from geo_app.extraction._places import city_at, county_city_at, inside_place, is_place_only
from geo_app.extraction._spans import Overlaps
from geo_app.extraction._text import Sentence

_MAX_CONTEXT_NAME = 12
_MIN_LIST = 2
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
                status_at=(status_start, end),
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
    if name.endswith(_LEISURE_ENDS):
        # 电商产业园、体育公园: a park for leisure is no carrier.
        return None
    place_end = next((w for w in _PLACE_ENDS if name.endswith(w)), "")
    if place_end and not strip_generic(name[: -len(place_end)]):
        # 电商产业园、特色小镇: a kind of place, not one.
        return None
    return start, end


# A place's own word at the end of a name without a carrier word (铁山园,
# 中国眼谷, 东方芯港, 晶博科技小镇): listed among parks or zones, it names one.
# (A 基地 listed among parks is most often a firm's works: 电源研发制造基地.)
_PLACE_ENDS = ("园", "谷", "港", "城", "岛", "小镇", "工业区", "园区")
_LEISURE_ENDS = ("公园", "乐园", "游园")

# A name that ends in a place word, then the words of the clause (英才园则要…).
_PLACE_NAME_HEAD_RE = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:" + "|".join(_PLACE_ENDS) + r")(?=则|要|将|已|正|也|均|都|等)"
)

# The lists that type their other items: maker spaces and incubators type
# any name (two of them must be found); parks and zones type a name that
# ends with a place's own word (one is enough).
_LIST_TYPES: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("incubator", _MIN_LIST, ()),
    ("park", 1, _PLACE_ENDS),
    ("zone", 1, _PLACE_ENDS),
)


def _list_context_members(sentence: Sentence, found: list[CarrierMention]) -> list[CarrierMention]:
    """Names without a carrier word listed among carriers of one kind
    (聚方众创空间、中原智谷、3U双创众创空间; 光通信产业园、铁山园和英才园):
    the list types them."""
    members: list[CarrierMention] = []
    for category, least, ends in _LIST_TYPES:
        taken = found + members
        members += _typed_by_list(sentence, taken, category, least, ends)
    return members


def _typed_by_list(
    sentence: Sentence,
    found: list[CarrierMention],
    category: str,
    least: int,
    ends: tuple[str, ...],
) -> list[CarrierMention]:
    """The uncovered items of each clause's list that holds at least
    ``least`` carriers of ``category``, typed as that category (only the
    items ending in one of ``ends``, when given)."""
    text = sentence.text
    offset = sentence.start
    members: list[CarrierMention] = []
    clause_start = 0
    for clause_end in [*(i for i, c in enumerate(text) if c in ",。;:!?"), len(text)]:
        spans = [
            (m.start - len(m.district) - offset, m.end - offset)
            for m in found
            if m.category == category and clause_start <= m.start - offset < clause_end
        ]
        if len(spans) >= least:
            items = _list_items_of(text, clause_start, clause_end)
            typed = Overlaps(spans)
            every = Overlaps((m.start - len(m.district) - offset, m.end - offset) for m in found)
            covered = [typed.any(s_i, e_i) for s_i, e_i in items]
            # An item inside any carrier found (中国钛谷钛及新材料产业园) is no member.
            inside = [every.any(s_i, e_i) for s_i, e_i in items]
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
                item = items[index]
                if ends and index == high and (head := _PLACE_NAME_HEAD_RE.match(text, *item)):
                    # …和英才园要进一步做大: the last item ends at its place word.
                    item = (item[0], head.end())
                name_span = _context_member_name(text, *item, first=index == low)
                if name_span is None or (ends and not text[slice(*name_span)].endswith(ends)):
                    continue
                start, end = name_span
                members.append(
                    _listed(
                        sentence,
                        text[start:end],
                        category,
                        offset + start,
                        offset + end,
                        status_at=(start, end),
                    )
                )
        clause_start = clause_end + 1
    return members


# 以任泽区、旭阳、会宁(滨江)、南和区、邢台经济开发区等5个科创基地为支撑: as
# many places as the count, each with one carrier of the kind named after it.
_COUNTED_LIST_RE = re.compile(
    rf"等(?P<n>\d+|{CN_NUMBER})(?:个|家|座|所)(?:国家级|省级|市级)?(?P<suffix>{_SUFFIX_RE.pattern})"
)
_MAX_PLACE_ITEM = 10
# Words that count carriers of any kind (…保定高新区等4个国家级园区).
_HYPERNYMS = frozenset({"园区"})


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
        own = SUFFIX_END_RE.search(names[-1])
        if own is not None and suffix in _HYPERNYMS and all(is_place_only(n) for n in names[:-1]):
            # 秦皇岛、廊坊、保定高新区等4个国家级园区: the last item's own
            # carrier word is the one the list shares.
            suffix = own.group(0)
            names[-1] = names[-1][: own.start()]
        if any(
            not (MIN_STEM <= len(n) <= _MAX_PLACE_ITEM)
            or n.endswith(suffix)
            or not all(is_name_char(c) or c in "()" for c in n)
            for n in names
        ) or all(suffix_category(n) is not None for n in names):
            # 甲产业园、乙产业园等2个园区: items with carrier words of their own.
            continue
        members = [
            CarrierMention(
                name=name + suffix,
                category=CARRIER_SUFFIXES[suffix],
                district="",
                city=city_of(name + suffix, "", sentence, suffix),
                status="",
                status_at=(a, match.end()),
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


# 建成甲孵化园、乙农科、丙智慧农业等13家星创天地: a list its count and
# incubator kind close types every item.
_CLOSED_BY_INCUBATORS_RE = re.compile(
    rf"等(?:\d+|{CN_NUMBER})(?:家|个)(?P<place>[\u4e00-\u9fff]{{2,3}}?(?:市)?)?(?:国家级|省级|市级)?"
    r"(?:星创天地|众创空间|科技企业孵化器|孵化器|孵化基地)"
)
_SHORT_PLACE_ITEM = 3


_MAX_OPERATOR_NAME = 24


def _operator_name(text: str, start: int, end: int, first: bool) -> tuple[int, int] | None:
    """A firm's name as a list item (佛山市厚德众创科技有限公司): the list's
    closing kind says the firm's carrier is meant."""
    if first:
        start = max(start, left_boundary(text, end))
    name = text[start:end]
    if (
        MIN_STEM < len(name) <= _MAX_OPERATOR_NAME
        and name.endswith(_COMPANY_ENDS)
        and all(map(is_name_char, name))
    ):
        return start, end
    return None


def _closed_list_members(sentence: Sentence, found: list[CarrierMention]) -> list[CarrierMention]:
    """Names without a carrier word in a list that a count of incubators
    closes (…、甜城农科、叙府农科等13家星创天地), typed as incubators."""
    text = sentence.text
    offset = sentence.start
    result = list(found)
    for match in _CLOSED_BY_INCUBATORS_RE.finditer(text):
        if match.group("place") and city_at(match.group("place")) is None:
            continue  # …等5家入选省级孵化器: no count of incubators closes the list
        clause_start = max(text.rfind(c, 0, match.start()) for c in ",。;:") + 1
        items = _list_items_of(text, clause_start, match.start())
        if len(items) < _MIN_LIST:
            continue
        every = [(m.start - len(m.district) - offset, m.end - offset) for m in result]
        added: list[CarrierMention] = []
        for index, (a, b) in enumerate(items):
            if any(s < b and a < e for s, e in every):
                continue
            span = _context_member_name(text, a, b, first=index == 0) or _operator_name(
                text, a, b, first=index == 0
            )
            if span is None:
                continue
            name = text[slice(*span)]
            if len(name) <= _SHORT_PLACE_ITEM and (
                city_at(name) is not None or county_city_at(name, short_names=True) is not None
            ):
                continue  # 宁波、温州等8家孵化器: places, not names
            added.append(
                _listed(
                    sentence,
                    name,
                    "incubator",
                    offset + span[0],
                    offset + span[1],
                    status_at=span,
                )
            )
        result += added
    return sorted(result, key=lambda m: m.start)


# 规划布局了“一区五园”,即A园、B园…和E园, “五园”则是A园…: a zone's parks,
# counted by their label and then named one by one.
_LABELLED_PARKS_RE = re.compile(
    rf"“?(?:一区|一城)?(?P<n>{CN_NUMBER}|\d+)园”?[,:]?则?(?:即|是|包括|分别是|分别为|:)"
)
_PARK_ENDS = ("园", "园区")


def _label_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a list a label counts: split at 、 and at the last 和
    (跨境电子商务及商贸物流园 is one park)."""
    items: list[tuple[int, int]] = []
    item_start = start
    for pos in range(start, end):
        if text[pos] == "、":
            items.append((item_start, pos))
            item_start = pos + 1
    last_and = text.rfind("和", item_start, end)
    if last_and > item_start:
        items.append((item_start, last_and))
        item_start = last_and + 1
    items.append((item_start, end))
    return items


def _labelled_park_members(sentence: Sentence, found: list[CarrierMention]) -> list[CarrierMention]:
    """The parks a label counts (一区五园) and the text names right after it;
    each ends with 园, as many as the label says."""
    text = sentence.text
    offset = sentence.start
    result = list(found)
    for match in _LABELLED_PARKS_RE.finditer(text):
        clause_end = min(
            [i for i in (text.find(c, match.end()) for c in ",。;") if i >= 0] or [len(text)]
        )
        items = _label_items(text, match.end(), clause_end)
        try:
            count = parse_number(match.group("n"))
        except ValueError:
            continue
        names = [text[a:b] for a, b in items]
        if len(items) != count or any(
            not (MIN_STEM < len(n) <= _MAX_CONTEXT_NAME)
            or not n.endswith(_PARK_ENDS)
            or not all(is_name_char(c) or c in "“”" for c in n)
            for n in names
        ):
            continue
        known = {m.start - offset for m in found}
        result += [
            _listed(sentence, name, "park", offset + a, offset + b, status_at=(a, b))
            for name, (a, b) in zip(names, items, strict=True)
            if a not in known
        ]
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


# 中德、中俄、中白等国际合作园区, 中意、中捷、中新等国别产业园: parks of China and
# another country, named by the pair, sharing the words written once after
# the list (and after its 等 or count).
_PARTNER_COUNTRIES = (
    "德法意韩日美英俄以瑞荷奥澳新加白古哈欧捷印乌泰马越朝蒙巴埃沙阿匈波比丹芬挪西葡希"
)
_PAIR = rf"中[{_PARTNER_COUNTRIES}]{{1,2}}"
_PAIR_LIST_RE = re.compile(
    # (A last item of other partners closed by 等: 中意、中法、新川等.)
    rf"(?P<items>{_PAIR}(?:[、和]{_PAIR})+(?:、[\u4e00-\u9fff]{{2,4}}(?=等))?)"
    rf"(?:等(?:\d+|{CN_NUMBER})?(?:个|家)?)?"
    "(?P<tail>(?:国际|国别|产能|创新|特色|跨境|合作|产业|离岸|双向|经济|联合){0,4}"
    "(?:合作产业园区|合作产业园|合作园区|产业园区|产业园|园区|孵化基地|工业园))"
)


def _partner_pair_members(sentence: Sentence, found: list[CarrierMention]) -> list[CarrierMention]:
    """Each pair of a list of partner-country parks with the shared words."""
    text = sentence.text
    known = {m.name for m in found}
    members: list[CarrierMention] = []
    for match in _PAIR_LIST_RE.finditer(text):
        tail = match.group("tail")
        own = SUFFIX_END_RE.search(tail)
        if own is None:
            continue
        suffix = own.group(0)
        status_at = (match.start(), match.end())
        pos = match.start("items")
        for item in re.split("[、和]", match.group("items")):
            start, pos = pos, pos + len(item) + 1
            name = item + tail
            if name in known:
                continue
            members.append(
                CarrierMention(
                    name=name,
                    category=CARRIER_SUFFIXES[suffix],
                    district="",
                    city=city_of(name, "", sentence, suffix),
                    status="",
                    status_at=status_at,
                    out_of_area=False,
                    start=sentence.start + start,
                    end=sentence.start + start + len(item),
                    sentence=sentence,
                )
            )
    return members


def partner_pair_listed(name: str, sentence: str) -> bool:
    """Whether ``name`` is a pair and the shared words of a list of partner
    countries' parks in ``sentence`` (see :func:`_partner_pair_members`)."""
    return any(
        name.endswith(match.group("tail"))
        and name[: -len(match.group("tail"))] in re.split("[、和]", match.group("items"))
        for match in _PAIR_LIST_RE.finditer(sentence)
    )
