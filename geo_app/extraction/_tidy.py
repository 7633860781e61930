"""Tidy the carriers found in a sentence.

Drop zones written as another carrier's place and names nested in longer
ones, pass a district on along a list, place carriers with no city, and give
the members of a list (and a defined short name) one status.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from geo_app.extraction._carrier_city import PROVINCIAL_ZONES, place_city
from geo_app.extraction._lexicon import LIST_JOINERS, suffix_category
from geo_app.extraction._mention import CarrierMention
from geo_app.extraction._numerals import CN_NUMBER
from geo_app.extraction._places import cities_in, city_at, county_city_at
from geo_app.extraction._shared_suffix import GRADES
from geo_app.extraction._spans import held_in_longer
from geo_app.extraction._status import CLAUSE_ENDS, carrier_status

_ALIAS_MARKERS = ("简称“", "简称")
_PARENTHETICAL_RE = re.compile(r"\([^()]*\)")
_OWNER_RE = re.compile(r"([\u4e00-\u9fff]{2,8})的$")
_LOCATED_BEFORE = ("位于", "坐落于", "落户于", "地处")
_LOCATED_RE = re.compile(r"(?:位于|落户|坐落于|在|于)(?=[\u4e00-\u9fff])")


def _located_city(mention: CarrierMention, text: str) -> CarrierMention:
    """A carrier with no city placed by its clause (…在宁乡高新区揭牌), or
    placed by a bracket right after its name (…集群产业园(云浮市))."""
    bracketed = _bracketed_city(mention, text)
    if bracketed and not mention.out_of_area and not _own_place(mention):
        return replace(mention, city=bracketed)
    if mention.out_of_area:
        return mention
    raw_start = _raw_start(mention, text, mention.sentence.start)
    if mention.city:
        owner = _OWNER_RE.search(text, max(0, raw_start - 10), raw_start)
        owners = cities_in(owner.group(1)) if owner is not None else ()
        if owners and owners[-1] != mention.city and not _own_place(mention):
            # 南通…与盐城市城南新区的盐南高新区: the city written right before
            # 的 owns it, not the sentence's first one.
            return replace(mention, city=owners[-1])
        return mention
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


_BRACKET_MAX = 12


def _bracketed_city(mention: CarrierMention, text: str) -> str | None:
    """The city of a place written in brackets right after a name
    (广东省优质鸡跨县集群产业园(云浮市), …微生物产业园(肇庆高新区))."""
    end = mention.end - mention.sentence.start
    if not text.startswith("(", end):
        return None
    close = text.find(")", end, end + _BRACKET_MAX)
    if close < 0:
        return None
    place = text[end + 1 : close]
    return city_at(place) or county_city_at(place, short_names=True)


def _own_place(mention: CarrierMention) -> bool:
    """Whether a name opens with a city or county of its own."""
    whole = mention.district + mention.name
    return city_at(whole) is not None or county_city_at(whole) is not None


_EVENT_RE = re.compile("召开|举行|举办|开幕|发布|会议|论坛|大会")


def _sentence_city(found: list[CarrierMention]) -> list[CarrierMention]:
    """In a text of several cities, carriers with no city of their own lie
    in the one city all the others of their sentence are placed in; parks
    and incubators, in the one city the sentence opens with (在海口中心城区,
    甲创业园、乙众创空间…; a zone there may span cities)."""
    if not found or found[0].sentence.city:
        return found
    cities = {m.city for m in found if m.city}
    text = found[0].sentence.text
    clause = text[: max(0, text.find(",")) or len(text)]
    # 在北京召开的会议: the place of an event, not of the carriers.
    opening = set() if _EVENT_RE.search(clause) else set(cities_in(clause))
    zones = True
    if not cities and len(opening) == 1 and set(cities_in(text)) == opening:
        cities, zones = opening, False
    if len(cities) != 1:
        return found
    [city] = cities
    return [
        replace(m, city=city)
        if not m.city
        and not m.out_of_area
        and not m.name.endswith(PROVINCIAL_ZONES)
        and (zones or m.category != "zone")
        else m
        for m in found
    ]


_DESIGNATION_HEADS = ("国家", "省级", "省")


def _drop_places(found: list[CarrierMention], text: str) -> list[CarrierMention]:
    """Drop a zone written as the place of the carrier after it
    (咸宁高新区的津晶城科技孵化器): it locates that carrier, it is not listed."""
    offset = found[0].sentence.start if found else 0
    # 江宁经开区的国家碳达峰试点园区: a designation the zone holds is no
    # carrier the zone locates.
    starts = {
        m.start - len(m.district) - offset
        for m in found
        if not (m.district + m.name).startswith(_DESIGNATION_HEADS)
    }
    ends = {m.end - offset for m in found}
    return [
        m
        for m in found
        if not (
            m.category == "zone"
            and (
                (
                    text.startswith("的", m.end - offset)
                    and m.end - offset + 1 in starts
                    # 位于宁波市鄞州经济开发区的…飞地: a zone a clause locates
                    # the carrier in is named for itself.
                    and not text.endswith(_LOCATED_BEFORE, 0, m.start - len(m.district) - offset)
                )
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

    held = held_in_longer([span(m) for m in found])
    return [m for m, inside in zip(found, held, strict=True) if not inside]


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


# What may follow the items of a clause that only names: nothing, or the
# list's close and kind (…等10个镇级产业社区).
_LIST_TAIL_RE = re.compile(
    rf"等?(?:(?:\d+|{CN_NUMBER})(?:个|家|座|所|处|批))?(?:{GRADES})?"
    r"[\u4e00-\u9fff]{0,8}"
)


def _names_only_clause(group: list[CarrierMention], text: str, offset: int) -> bool:
    """Whether the clause holding ``group`` is made of it alone, between
    commas: the members of a clause that only names (重点推进甲、乙等5个产业
    社区,丙、丁等10个产业社区,以及…建设) are governed by the verb of the
    clause before."""
    start = _raw_start(group[0], text, offset)
    opening = max(text.rfind(c, 0, start) for c in CLAUSE_ENDS)
    if opening < 0 or text[opening] != "," or opening + 1 != start:
        return False
    end = group[-1].end - offset
    close = min((i for i in (text.find(c, end) for c in CLAUSE_ENDS) if i >= 0), default=-1)
    if close < 0 or text[close] != ",":
        return False
    tail = text[end:close]
    return not tail or (
        tail[0] in "等0123456789一二三四五六七八九十两"
        and _LIST_TAIL_RE.fullmatch(tail) is not None
        and suffix_category(tail) is not None
    )


def _shared_status(found: list[CarrierMention], text: str) -> list[CarrierMention]:
    """Read each carrier's status: members of a list share one, read once
    for the list; a defined short name shares its carrier's; a clause that
    only names shares the status of the clause before."""
    offset = found[0].sentence.start if found else 0
    status: dict[int, str] = {}
    groups = _list_groups(found, text)
    for group in groups:
        if len(group) > 1:
            start = _raw_start(group[0], text, offset)
            common = carrier_status(text, start, group[-1].end - offset)
            status.update({id(m): common for m in group})
    for mention in found:
        if id(mention) not in status:
            at = mention.status_at
            status[id(mention)] = mention.status if at is None else carrier_status(text, *at)
    for before, group in pairwise(groups):
        last = before[-1].end - offset
        opening = max(text.rfind(c, 0, _raw_start(group[0], text, offset)) for c in CLAUSE_ENDS)
        if (
            opening >= last
            and not any(c in CLAUSE_ENDS for c in text[last:opening])
            and id(before[-1]) in status
            and _names_only_clause(group, text, offset)
        ):
            status.update({id(m): status[id(before[-1])] for m in group})
    result = [replace(m, status=status[id(m)], status_at=None) for m in found]
    for index, mention in enumerate(result):
        if _is_alias(mention, text, offset):
            opening = max(text.rfind(b, 0, mention.start - offset) for b in "(（")
            referent = next((m for m in result if m.end - offset == opening), None)
            if referent is not None:
                result[index] = replace(mention, status=referent.status)
    return result
