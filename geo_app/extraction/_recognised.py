"""Carriers that recognition lists and designations name, whatever their names end with.

``甲有限公司等3家孵化器`` (operators counted as carriers),
``黔青梦工场等6家众创空间`` (members before their count),
``获评国家级科技企业孵化器的是甲有限公司`` (the holders of a designation).
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo_app.extraction._boundary import HARD_STOPS, latin_boundary, left_boundary
from geo_app.extraction._generic import LEADING_LEVELS, MIN_STEM, is_generic_name, strip_generic
from geo_app.extraction._lexicon import (
    ORGANISATION_WORDS,
    RECOGNITION_WORDS,
    SUBJECT_KINDS,
    suffix_category,
)
from geo_app.extraction._mention import (
    _CARRIER_CATEGORIES,
    _KIND_RE,
    _SUFFIX_RE,
    CarrierMention,
    _item_texts,
    _listed,
    _member,
    _split_items,
    _trim_start,
)
from geo_app.extraction._numerals import CN_NUMBER
from geo_app.extraction._places import (
    city_at,
    city_prefix_length,
    county_city_at,
    county_prefix_length,
    is_one_place,
    is_place_only,
)
from geo_app.extraction._segment import tag_words
from geo_app.extraction._text import Sentence

# Words after a carrier's name that start a clause, not its operator's name.
_NOT_ORG_START = frozenset("由是为在被将把对向并已的")
_ORG_RE = re.compile("|".join(map(re.escape, ORGANISATION_WORDS)))
_ORG_TAIL_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{0,12}?(?:" + _ORG_RE.pattern + ")")
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
# Kinds a designation writes in full that count as a shorter one (获批省级
# 经济开发区: a 开发区).
_KIND_ALIASES = {"经济开发区": "开发区"}
# 青禾创业咖啡被认定为省级众创空间, 甲、乙成功入选国家级众创空间: names that
# open their clause and receive a designation of a level and kind.
_DESIGNATED_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[,。;:]))(?P<items>[^,。;:“”]{2,80}?)(?:也|均|都|已|还|又|双双|分别|同时|先后|相继|再次)*"
    r"(?:被|成功|正式|顺利)*"
    r"(?:认定为|认定|入选|获批为|获批|获评|评为|备案为|列入)(?:为)?"
    r"(?:首批|第[一二三四五六七八九十\d]{1,3}批)?(?:国家级|省级|市级|自治区级)"
    r"(?:特色|专业化?|示范|重点)?(?P<kind>" + "|".join(_KIND_ALIASES) + "|" + _KIND_RE.pattern + ")"
)
_MAX_DESIGNATED = 30
# A county or city written short (龙港, 平阳).
_SHORT_PLACE = 2
_AGENCY_RE = re.compile("部|厅|局|委|办|政府|火炬中心|^获|^经|^由")


def _function_word(items: str) -> bool:
    """Whether the words before a designation end with an adverb or verb
    or time word (先后, 相继, 分别) rather than a name."""
    tags = tag_words(items)
    return bool(tags) and tags[-1][1][:1] in ("d", "v", "p", "c", "r", "t")


def _designated_members(sentence: Sentence, found: list[CarrierMention]) -> list[CarrierMention]:
    """Carriers named as the holders of a designation, whatever their names end with."""
    text = sentence.text
    taken = [(m.start - sentence.start, m.end - sentence.start) for m in found]
    spans: list[tuple[int, int, str]] = []
    # Each pattern below holds a level (国家级…) or 的是/的有: a sentence
    # without them is not scanned.
    leveled = "级" in text
    for match in _ORG_COPULA_RE.finditer(text) if leveled else ():
        pos = match.start(1)
        for item, separator in _split_items(match.group(1)):
            spans.append((pos, pos + len(item), match.group("kind")))
            pos += len(item) + len(separator)
    for match in _AWARDED_RE.finditer(text) if "的是" in text or "的有" in text else ():
        pos = match.start("items")
        for item, separator in _split_items(match.group("items")):
            end = pos + len(item)
            closing = text.find("等", pos, end)
            spans.append((pos, closing if closing > pos else end, match.group("kind")))
            pos = end + len(separator)
    for match in _DESIGNATED_SUBJECT_RE.finditer(text) if leveled else ():
        items = match.group("items")
        if _AGENCY_RE.search(items) or _function_word(items) or re.search(r"等|\d", items):
            # 获科技部认定为…, 先后入选…: the agency or an adverb, no name;
            # a counted list (甲等5家入选…) is read by its count.
            continue
        pos = match.start("items")
        for item, separator in _split_items(match.group("items")):
            spans.append((pos, pos + len(item), match.group("kind")))
            pos += len(item) + len(separator)
    members: list[CarrierMention] = []
    for index, (start, end, kind) in enumerate(spans):
        category = SUBJECT_KINDS[_KIND_ALIASES.get(kind, kind)][0]
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
        if is_one_place(name) or (len(name) == _SHORT_PLACE and category == "zone"):
            # 永嘉、平阳获批省级高新区: a place's carrier of the kind (东川芯港
            # names its own); a zone named by two characters is a place's
            # too (苍南、龙港获批省级经济开发区: 龙港 shares its name).
            name += kind
        members.append(
            _listed(sentence, name, category, sentence.start + start, sentence.start + end)
        )
    return members


_RECOGNITION_RE = re.compile("|".join(map(re.escape, RECOGNITION_WORDS)))


def _recognition(text: str) -> bool:
    """Whether a sentence lists carriers already recognised (认定, 备案, 名单 …)."""
    return _RECOGNITION_RE.search(text) is not None


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


def _span_member(sentence: Sentence, start: int, end: int, category: str) -> CarrierMention:
    """The carrier a list names with the sentence's characters ``start:end``."""
    return _listed(
        sentence, sentence.text[start:end], category, sentence.start + start, sentence.start + end
    )


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
            found.append(_span_member(sentence, start, end, category))
    return found


# Verbs of a firm that runs a carrier named after it.
_RUNS = ("运营的", "运作的", "管理的", "负责运营", "承建的", "建设的")


# 这两家分别是甲有限公司和乙有限公司, 获认定的是甲有限公司、乙有限公司:
# firms a recognition list names after the kind it counts run carriers of
# that kind.
_INTRODUCED_RE = re.compile("(?:分别是|分别为|依次是|依次为|的是|:)")
_FIRM_RE = re.compile(r"[^,。;:、和()“”]{2,30}?(?:有限责任公司|有限公司)")


def _introduced_organisations(
    sentence: Sentence, found: list[CarrierMention], previous: str
) -> list[CarrierMention]:
    """Carriers a recognition list names by their operators after a word
    that introduces them, the kind given earlier in the sentence or in the
    one before (else later in the sentence)."""
    text = sentence.text
    members: list[CarrierMention] = []
    if not (_recognition(text) or _recognition(previous)):
        return members
    taken = [(m.start - sentence.start, m.end - sentence.start) for m in found]
    ends = dict(taken)
    for intro in _INTRODUCED_RE.finditer(text):
        category = _context_kind(text, intro.start(), previous) or _context_kind(
            text[intro.end() :], len(text) - intro.end(), ""
        )
        if category is None:
            continue
        spans: list[tuple[int, int]] = []
        pos = intro.end()
        while True:
            firm = _FIRM_RE.match(text, pos)
            if firm is not None and text.startswith(_RUNS, firm.end()):
                # 甲有限公司运营的乙星创天地: the firm runs the carrier named next.
                break
            if pos in ends:
                # A carrier already named among the firms (…创业服务中心).
                pos = ends[pos]
            elif firm is not None:
                spans.append((firm.start(), firm.end()))
                pos = firm.end()
            else:
                break
            if text[pos : pos + 1] not in ("、", "和"):
                break
            pos += 1
        for start, end in spans:
            if any(a < end and start < b for a, b in taken):
                continue
            members.append(_span_member(sentence, start, end, category))
    return members


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
    recognition = _recognition(text + previous)
    for match in _COUNTED_TAIL_RE.finditer(text):
        if text[match.start() - 1 : match.start()] in ("-", "~", "至", "到"):
            continue  # 冲刺2-3家国家级经开区: the top of a range, not a list's count
        quoted = _QUOTED_BEFORE_RE.search(text, max(0, match.start() - 30), match.start())
        before = quoted or _ITEMS_BEFORE_RE.search(text, max(0, match.start() - 60), match.start())
        if before is None:
            continue
        category = _list_category(match, text, before.start(), previous)
        # “优梦智创”等16家单位: a quoted name is one whole member.
        split = [(quoted.group(1), "")] if quoted is not None else _split_items(before.group(0))
        items = [item for item, _ in split]
        if category is None or (match.group("etc") is None and len(items) < 2):
            continue
        end = match.start() - (1 if quoted is not None else 0)
        for demonstrative in ("这些", "这"):
            # …有限公司这2家国家级孵化器: the demonstrative closes the list.
            if text.endswith(demonstrative, 0, end) and items[-1].endswith(demonstrative):
                end -= len(demonstrative)
                items[-1] = items[-1][: -len(demonstrative)]
                break
        while closing := next(
            (w for w in ("等地", "等", "共计", "合计", "共") if text.endswith(w, 0, end)), ""
        ):
            if not items[-1].endswith(closing) or len(items[-1]) == len(closing):
                break
            # 东川、西河等地5个…, …和洪江高新区共6家, …工业园区等共11个: 等地,
            # 等 and 共 close the list, they are not part of a name.
            end -= len(closing)
            items[-1] = items[-1][: -len(closing)]
        tail = _place_list_tail(match, text, items)
        if not (recognition or tail):
            # A list of places with the kind they share (安溪县、建宁县等3个
            # 国家现代农业产业园) names its parks whatever the verb; other
            # members are named by a recognition list only.
            continue
        for index in range(len(items) - 1, -1, -1):
            item = items[index]
            start = max(end - len(item), latin_boundary(text, end))
            if index == 0 or quoted is not None:
                # Only the first member can carry words of the sentence
                # before it; the others are bounded by their separators.
                start = _trim_start(text, start, end, "")
            start = _inner_carrier_start(found, sentence.start, end - len(item), start, end)
            name = text[start:end]
            # The separator before this item may be longer than one character (以及).
            joiner = len(split[index - 1][1]) if index > 0 else 1
            item_end, end = end, end - len(item) - joiner
            # A carrier found inside the item that stops short of its end
            # (北京…孵化器有限公司 in 北京…孵化器有限公司埃米空间…平台) is only
            # the operator's name: the member is the whole item.
            taken = any(
                m.start - sentence.start < item_end <= m.end - sentence.start for m in found
            )
            if taken:
                continue
            if tail:
                # 河北滏东、赵县、宁晋等7家省级农业科技园区: places, each with
                # one park of the kind counted.
                place = item.strip()
                members.append(
                    _listed(
                        sentence,
                        place + tail,
                        category,
                        sentence.start + item_end - len(place),
                        sentence.start + item_end,
                    )
                )
                continue
            if not _member(name) or is_place_only(name.strip()):
                # (A place alone names no carrier: 河北定州 without its kind.)
                if index == len(items) - 1:
                    # 赴甲、乙、丙实地查看…的4家星创天地: words, not a member,
                    # stand before the count, so no list closes at it.
                    break
                continue
            members.append(
                _listed(sentence, name, category, sentence.start + start, sentence.start + item_end)
            )
    members += _described_place_members(sentence, found + members)
    return sorted(members, key=lambda m: m.start)


# 安溪县、建宁县、古田县等3个国家现代农业产业园: places, a count, then the
# level, the words that describe the kind, and the kind.
_DESCRIBED_TAIL_RE = re.compile(
    r"(?:(?:等地?)?(?P<count>(?:\d+|" + CN_NUMBER + r")(?:家|个|所|座|大|批))|等地?"
    # 肇东、兰西两地的低空经济产业园: the places counted, then the kind.
    r"|(?P<places>(?:\d+|" + CN_NUMBER + r")地的))"
    r"(?P<tail>(?:国家级|省级|市级|自治区级|国家|省|市)?[^\W\d的和及与等个家为在是_]{0,6}?"
    r"(?P<kind>" + _KIND_RE.pattern + r"))"
)


_PRAISE = ("知名", "重点", "优秀", "先进", "典型", "骨干", "主要", "大型", "优势")


_MAX_HEADED = 10


def _county_at_end(item: str) -> str:
    """The county a list's first item ends with, without the words of the
    sentence before it (现把安溪县 → 安溪县); the item itself when none."""
    return next(
        (
            item[-n:]
            for n in range(min(len(item), 7), 1, -1)
            if county_city_at(item[-n:], short_names=True) is not None
        ),
        item,
    )


def _county_headed(item: str) -> str | None:
    """The part of a list item that opens with a county and goes on with
    the words of its park's industry (以及平舆白芝麻 → 平舆白芝麻), or None."""
    item = item.strip()
    for start in range(min(len(item), 4)):
        rest = item[start:]
        place = county_prefix_length(rest)
        if (
            place
            and place < len(rest) <= _MAX_HEADED
            and all("\u4e00" <= c <= "\u9fff" or c in "()" for c in rest)
            # (互助杂交油菜(马铃薯): a product in brackets is part of the name.)
            and rest.count("(") == rest.count(")")
        ):
            return rest
    return None


def _described_place_members(
    sentence: Sentence, members: list[CarrierMention]
) -> list[CarrierMention]:
    """The parks of a list of places whose shared kind is described
    (…等3个国家现代农业产业园 → 安溪县国家现代农业产业园)."""
    text = sentence.text
    taken = [(m.start - sentence.start, m.end - sentence.start) for m in members]
    found: list[CarrierMention] = []
    for match in _DESCRIBED_TAIL_RE.finditer(text):
        kind = match.group("kind")
        if (
            SUBJECT_KINDS[kind][0] not in ("park", "zone")
            or kind in _BARE_KINDS
            # 等7家知名科创园区: a kind cut short, or praise, is no name's part.
            or text[match.end() : match.end() + 1] in ("区", "园")
            or any(w in match.group("tail") for w in _PRAISE)
        ):
            continue
        before = _ITEMS_BEFORE_RE.search(text, max(0, match.start() - 60), match.start())
        if before is None:
            continue
        items = [item for item, _ in _split_items(before.group(0)) if item.strip()]
        if len(items) < 2:
            continue
        items[0] = _county_at_end(items[0])
        if len(items) < 2:
            continue
        if not all(is_place_only(i) for i in items):
            # 平舆白芝麻、遂平优质小麦等7个省级农业产业园: each item a county and
            # the industry of its park.
            headed = [_county_headed(i) for i in items]
            if any(h is None or h.endswith(_AREA_WORD_ENDS) for h in headed):
                # (龙城产业聚集区、…等一批特色产业园区: items named in full.)
                continue
            items = [h for h in headed if h is not None]
        if (
            match.group("count") is None
            and match.group("places") is None
            and not all(
                county_city_at(i, short_names=True) is not None and city_at(i) is None
                for i in items
            )
        ):
            # 宁乡、浏阳等工业园区 names the counties' parks; 北京、上海等
            # 高新区 may count several in each city.
            continue
        tail = match.group("tail")
        pos = before.start()
        for index, item in enumerate(items):
            at = text.find(item, pos, match.start())
            if at < 0:
                break
            pos = at + len(item)
            # (A name found from the place to the kind, 兰西两地的…产业园, is
            # the list's own walk, not another carrier.)
            if any(a < pos and at < b <= match.start() for a, b in taken):
                continue
            # The last place's span runs to the kind, so that the list's
            # status is read up to it (推进漠河、塔河等四大生态工业园区建设).
            end = match.end() if index == len(items) - 1 else pos
            listed = _listed(
                sentence,
                item.strip() + tail,
                SUBJECT_KINDS[kind][0],
                sentence.start + at,
                sentence.start + end,
            )
            # 明溪(鲤城)山海协作产业园: the county the item opens with places
            # it, not the partner in brackets.
            county = county_city_at(item.strip(), short_names=True) if "(" in item else None
            found.append(replace(listed, city=county) if county else listed)
    return found


_BARE_KINDS = frozenset({"园区", "园", "区", "基地"})
# Ends of an item that is an area or a carrier already (宽城龙城产业聚集区).
_AREA_WORD_ENDS = ("区", "园", "基地")


def _place_list_tail(match: re.Match[str], text: str, items: list[str]) -> str:
    """The level and kind a list of places shares (…等7家省级农业科技园区 →
    省级农业科技园区) when every item is a place of a park or a zone; ""
    otherwise."""
    kind = match.group("kind")
    if kind is None or SUBJECT_KINDS[kind][0] not in ("park", "zone") or not items:
        return ""
    if kind in _BARE_KINDS:
        return ""  # 无为市等38个园区: the places, not the names of parks
    kind_at = match.start("kind")
    assigned = text.find("为", match.start(), kind_at)
    if assigned >= 0:
        # 天津宝坻等25家农业科技园区为第九批国家农业科技园区: each place's
        # park has the kind the list writes before 为; a bare 园区 (无为市等
        # 38个园区为…) names none.
        own = _KIND_RE.search(text, match.start(), assigned)
        if own is None or own.group(0) in _BARE_KINDS:
            return ""
        if own.end() == assigned:
            kind, kind_at = own.group(0), own.start()
        # (…等10个国家农业科技园区的评估结果为“优秀”: the kind the list counts.)
    # 现把安溪县、建宁县…: the first item may carry the words before the list.
    first = _county_at_end(items[0])
    if not all(is_place_only(i) for i in (first, *items[1:])):
        return ""
    items[0] = first
    level = next((w for w in (*LEADING_LEVELS, "国家") if text.endswith(w, 0, kind_at)), "")
    return level + kind


# 新认定省级科技企业孵化器2家(甲有限公司、乙学院): the bracket after a count
# names the members of the counted kind, operators and colleges included.
_BRACKETED_LIST_RE = re.compile(
    r"(?P<kind>" + _KIND_RE.pattern + r")(?:\d+|" + CN_NUMBER + r")(?:家|个|所)"
    r"[(（](?P<items>[^()（）]{2,200})[)）]"
)


_COUNT_ITEM_RE = re.compile(rf"(?:\d+|{CN_NUMBER})(?:家|个|所|座)(?:以上)?$")


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
                # 众创空间64家(国家级28家): a part of the count, not a name.
                or _COUNT_ITEM_RE.search(name) is not None
                or (suffix_category(name) is not None and is_generic_name(name))
                or any(a < end and start < b for a, b in taken)
                or (city_at(name) is not None and city_prefix_length(name) >= len(name) - 1)
            ):
                continue
            members.append(
                _listed(sentence, name, category, sentence.start + start, sentence.start + end)
            )
    return members


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
