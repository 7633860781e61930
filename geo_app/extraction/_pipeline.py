"""Run the whole extraction on one document: read, normalise, find, dedupe."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geo_app.extraction._carrier_city import abroad_country
from geo_app.extraction._confirm import confirmed
from geo_app.extraction._generic import is_campus, is_policy_pilot
from geo_app.extraction._lexicon import DEPENDENT_SUFFIXES, suffix_category
from geo_app.extraction._model import ExtractedCarrier, ExtractedTarget, Extraction, excerpt
from geo_app.extraction._normalize import NormalizedText, normalize_name, normalize_text
from geo_app.extraction._places import (
    city_prefix_length,
    county_city_at,
    county_names,
    foreign_countries,
    full_city_name,
)
from geo_app.extraction._readers import read_document, read_document_bytes
from geo_app.extraction._status import done_in_review
from geo_app.extraction._text import Sentence, detect_city, detect_province, split_sentences
from geo_app.extraction.carriers import OWN_BARE_ZONES, CarrierMention, find_carriers
from geo_app.extraction.targets import (
    FUTURE_MARKS,
    FUTURE_RE,
    TargetMention,
    find_named_lists,
    find_targets,
)

__all__ = ["extract_document", "extract_document_bytes", "extract_text", "plan_target_year"]

_FIVE_YEAR_PLANS = {
    "十三五": 2020,
    "十四五": 2025,
    "十五五": 2030,
    # …国民经济和社会发展第十四个五年规划纲要: the plan's name written out.
    "第十三个五年": 2020,
    "第十四个五年": 2025,
    "第十五个五年": 2030,
}
_SECTION_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+[章节部分])"
)
_PAST_SECTION_WORDS = ("基础", "现状", "回顾", "成效", "成就", "进展")
# (三)…夯实高质量发展底部基础, 推动…取得新进展: a heading of tasks.
_TASK_HEADING_RE = re.compile(
    "(?:夯实|筑牢|打牢|巩固|厚植|奠定|打下)[^,。;]{0,12}基础|新(?:进展|成效|成就)"
)
_YEAR_TOKEN_RE = re.compile(r"((?:19|20)\d{2})年|“?(十三五)”?")
_BASELINE_WINDOW = 600


# 三年行动计划(2024—2026年): the period in a plan's title ends at its horizon.
_PLAN_PERIOD_RE = re.compile(
    r"(?:规划|计划|方案|纲要)\s*\(\s*20\d{2}\s*[-—~至到]+\s*(20\d{2})\s*年?\s*\)"
)
_TITLE_SPAN = 400


def plan_target_year(text: str) -> int | None:
    """The year a plan's targets are for when a sentence names none.

    The five-year plan the document belongs to (十四五 → 2025), else the
    period its title gives (行动计划(2024—2026年) → 2026), else the most
    frequent ``到20XX年``.

    Examples
    --------
    >>> plan_target_year("《洛阳市“十四五”科技创新规划》")
    2025
    >>> plan_target_year("到2030年,建成……到2030年")
    2030
    >>> plan_target_year("孵化器三年行动计划(2024—2026年)")
    2026
    """
    counts = Counter(
        year for word, year in _FIVE_YEAR_PLANS.items() for _ in range(text.count(word))
    )
    counts.pop(2020, None)
    if counts:
        return counts.most_common(1)[0][0]
    period = _PLAN_PERIOD_RE.search(text[:_TITLE_SPAN])
    if period is not None:
        return int(period.group(1))
    years = Counter(int(y) for y in re.findall(r"(?:到|至)(20\d{2})年", text))
    return years.most_common(1)[0][0] if years else None


_DATELINE_RE = re.compile(r"(20\d{2})\s*年\s*/?\s*(\d{1,2})\s*月\s*/?\s*(\d{1,2})\s*日")


def publication_year(text: str, head: int = 400) -> int | None:
    """The year of a news item's dateline near the top (``2023 年/4 月/17 日``).

    A news item states what happened "this year" without naming the year;
    its undated counts belong to the year it was published.

    >>> publication_year("中国高新技术产业导报/2023 年/4 月/17 日/第 004 版")
    2023
    >>> publication_year("洛阳市“十四五”科技创新规划") is None
    True
    """
    found = _DATELINE_RE.search(text[:head])
    return int(found.group(1)) if found else None


# 2021年是…, 既逢…, 恰逢…, 对“十四五”而言是…: a year a text speaks of as its own.
_IS = (
    r"(?:不仅|不仅仅|既|也|都|又|更)?(?:是|逢|恰逢|正逢|适逢|正值|恰值|适值|对[^,。;]{1,12}而言是)"
)


# 2024年是…的关键一年: the sentence in which a text states its own year.
# 2022年在“十四五”规划实施中地位重要,是…之年; 2022年恰逢…,也处在…关键节点.
# 今年是2022年; 2019年,新中国迎来成立70周年,这一年…; 2024年在…中十分重要,
# 对…来说,更是…的关键一年.
_STATED_YEAR = (
    r"(?:(?<!结束的)(?<!过去的)(20\d{2})年(?:[^,。;]{0,30}?,){0,2}"
    + _IS
    + r"[^。;]{0,60}?(?:之年|一年|关键年|关键节点|开局年份)"
    + r"|今年(?:是|为|即|就是)(20\d{2})年|(20\d{2})年,[^。;]{0,40}?(?:周年|这一年))"
)


# 2025年的工作安排, 2023年的目标任务和重点工作: a report turning to its year.
_YEARS_WORK = (
    r"(20\d{2})年(?:的)?(?:工作安排|目标任务|重点工作|各项工作|工作建议|工作部署|工作思路|工作目标|工作任务)"
    # 2020年市政府工作要以…为指导.
    r"|(20\d{2})年,?(?:市|州|盟|县|省)?(?:人民)?政府(?:工作)?(?:将|要)"
    # 在分析2012年面临的形势时: the year a report looks ahead to.
    r"|(20\d{2})年(?:所|将要)?面临的(?:形势|环境)"
    # 2021年州政府工作的总体要求是…
    r"|(20\d{2})年[^,。;]{0,6}?(?:政府工作|经济社会发展|工作)的?总体要求"
    # 2022年,全市经济社会发展的主要预期目标是…; 展望2024年:今年是…
    r"|(20\d{2})年,?[^,。;]{0,16}?主要预期目标|展望(20\d{2})年[,:]?今年"
    # 做好2019年的政府工作, 全力做好2019年政府重点工作: the year's work ahead.
    r"|做好(20\d{2})年(?:的)?[^,。;]{0,6}?工作"
    # 2008年政府工作总的要求是…, 2008年政府工作的指导思想, 2022年政府工作坚持
    # 以…为指导: the year's work set out.
    r"|(20\d{2})年(?:的)?政府工作(?:的)?(?:总的要求|指导思想|坚持|要|必须|将)"
    # 三、2020年经济社会发展的主要目标与重点工作; 关于2023年的主要任务.
    r"|(?<![到至])(20\d{2})年[^,。;]{0,10}?的主要目标(?:与|和|及)(?:重点工作|主要任务)"
    r"|关于(20\d{2})年的?主要任务"
    # 今年(2020年)要…: the year's work.
    r"|今年\((20\d{2})年\)"
    # 2013年,郑州的发展依然处于重要战略机遇期: the year ahead's outlook.
    r"|(20\d{2})年,?[^。;]{0,20}?(?:面临|处于)[^。;]{0,12}?机遇"
)


# 力争2023年…, 2022年要…, 2012年实施计划, 2023年政府工作报告: the year a text
# sets its work for is the year its undated goals (今年, 年内) belong to.
_WORK_YEAR_RE = re.compile(
    r"力争(20\d{2})年|(20\d{2})年度?(?:要|将|力争|计划|(?:的)?(?:实施计划|工作要点|工作计划|政府工作报告))"
    # 2018年全省生产总值预期增长6.5%: the year a work report sets its goals for.
    r"|(20\d{2})年[^,。;]{0,12}?预期"
    # 浙江把2019年定为…的“全面推进年”: the year a text names for its campaign.
    r"|把(20\d{2})年(?:定为|确定为|作为)"
    # 2021年白山市政府工作报告: a city's report of the year, its name between.
    r"|(20\d{2})年[^,。;\d]{1,8}?政府工作报告"
    # 2021年政府工作要以…为指导, 2021年工作的总体要求是: the year's work set out.
    r"|(20\d{2})年(?:的)?(?:政府)?工作(?:要|的总体要求|总体要求|的主要任务)"
    # 2023年,政府将重点做好…: the year a report's tasks are for.
    r"|(20\d{2})年,(?:市?政府|我们|全市|全省|全区|全州|[\u4e00-\u9fff]{2})?(?:将|要)"
    r"|"
    + _YEARS_WORK
    # 2020年既是全面建成小康社会的收官之年: the year a text speaks from.
    + r"|(?<!结束的)(?<!过去的)(20\d{2})年"
    + _IS
    # 2022年在“十四五”规划实施中地位重要,是…之年: a clause between.
    + r"|(?<!结束的)(?<!过去的)(20\d{2})年[^,。;]{1,30}?,"
    + _IS
    + r"[^。;]{0,60}?(?:之年|一年|关键年)|"
    + _STATED_YEAR
)


# 对2022年主要工作作出部署: the year whose work a report sets, said outright.
_WORK_FOR_RE = re.compile(
    r"(?:对|安排|部署)了?(20\d{2})年(?:[^,。;]{0,6}?的)?(?:主要|重点)?工作"
    r"|(20\d{2})年(?:的)?主要工作(?:任务|安排)"
    # A heading of its own line: 三、2022年工作安排, 2021年重点工作.
    r"|(?:^|\n)[一二三四五六七八九十、.(（)）\s]*(20\d{2})年(?:的)?(?:工作安排|重点工作|工作任务)\s*(?:\n|$)"
)
# 2021年1月7日在…人民代表大会…上: the day a report was given (early in the
# year whose work it sets).
_CONGRESS_DAY_RE = re.compile(r"(20\d{2})年\d{1,2}月\d{1,2}日[^。;]{0,40}?人民代表大会")
# 刚刚结束的2015年是…收官之年: the year behind a report, the one before its own.
_YEAR_ENDED = r"(?:结束|过去)的(20\d{2})年" + _IS
_YEAR_ENDED_RE = re.compile(_YEAR_ENDED)
# A government's work report, whatever the words for giving it.
WORK_REPORT_RE = re.compile(
    r"政府工作报告|作工作报告|报告工作|人民代表大会[^。;]{0,20}?报告|报告于[^。;]{0,40}?人民代表大会|"
    + _YEARS_WORK
    # A text that states its year (or the year behind it) sets that year's work.
    + "|"
    + _YEAR_ENDED
    + "|"
    + _STATED_YEAR
)


def work_year(text: str) -> int | None:
    """The year a text without a dateline or horizon sets its work for.

    >>> work_year("2022年全市生产总值预计增长5%。力争2023年新增孵化器3家。")
    2023
    >>> work_year("2017年全省新增孵化器12家。") is None
    True
    >>> work_year("报告提出,2018年全省生产总值预期增长6.5%左右。")
    2018
    >>> work_year("2021年白山市政府工作报告提出了全年的任务。")
    2021
    >>> work_year("2021年12月30日,市长作政府工作报告,对2022年主要工作作出部署。")
    2022
    >>> work_year("市长于2021年1月7日在市第七届人民代表大会第六次会议上报告工作。")
    2021
    >>> work_year("刚刚结束的2015年是“十二五”的收官之年。")
    2016
    >>> work_year("2020年是极不平凡的一年。2021年是“十四五”开局之年。")
    2021
    >>> work_year("2011年全市国民经济和社会发展的主要预期目标建议为:增长11%。")
    2011
    >>> work_year("2021年,是开局之年。2021年,是攻坚之年。\\n三、2022年工作安排\\n")
    2022
    """
    said = _WORK_FOR_RE.search(text)
    if said is not None:
        return int(next(y for y in said.groups() if y))
    years = Counter(
        int(next(y for y in m.groups() if y))
        for pattern in (_WORK_YEAR_RE, _CONGRESS_DAY_RE)
        for m in pattern.finditer(text)
    )
    years.update(int(m.group(1)) + 1 for m in _YEAR_ENDED_RE.finditer(text))
    # 2020年是极不平凡的一年 … 2021年是“十四五”开局之年: on a tie the later
    # year is the one a report speaks from, the earlier the one it reviews.
    return max(years, key=lambda year: (years[year], year)) if years else None


def _baseline_sections(sentences: list[Sentence]) -> frozenset[int]:
    """Indexes of sentences inside sections about the past (发展基础 …)."""
    inside = False
    indexes: set[int] = set()
    for index, sentence in enumerate(sentences):
        if _SECTION_RE.match(sentence.text) and len(sentence.text) <= 30:
            inside = any(
                word in sentence.text for word in _PAST_SECTION_WORDS
            ) and not _TASK_HEADING_RE.search(sentence.text)
        elif inside:
            indexes.add(index)
    return frozenset(indexes)


def _sentence_year(text: str) -> int | None:
    found = [
        int(m.group(1)) if m.group(1) else _FIVE_YEAR_PLANS["十三五"]
        for m in _YEAR_TOKEN_RE.finditer(text)
    ]
    return max(found) if found else None


# 2021年是“十四五”开局之年, 今年政府工作的总体要求是: where a work report
# turns from the year behind it to the year it sets.
_TURN_RE = re.compile(
    _STATED_YEAR
    + r"|今年(?:政府)?工作的总体要求|今年(?:经济社会发展)?的?主要预期目标|"
    + _YEARS_WORK
)


def _turn(sentences: list[Sentence], year: int) -> int | None:
    """Index of the sentence in which a work report turns to ``year``'s work."""
    for index, sentence in enumerate(sentences):
        turn = _TURN_RE.search(sentence.text)
        said = next((g for g in turn.groups() if g), None) if turn is not None else None
        if turn is not None and (said is None or int(said) == year):
            return index
    return None


def _review(sentences: list[Sentence], year: int) -> frozenset[int]:
    """Indexes of a work report's sentences before it turns to ``year``'s
    work: its review of the year behind it, whose counts are results."""
    turn = _turn(sentences, year)
    return frozenset(i for i in range(turn or 0) if not FUTURE_RE.search(sentences[i].text))


def _work(sentences: list[Sentence], year: int) -> frozenset[int]:
    """Indexes of a work report's sentences after it turns to ``year``'s
    work from a review before it: the year's tasks (全年新建…10个 is one)."""
    turn = _turn(sentences, year)
    return frozenset(range(turn + 1, len(sentences))) if turn else frozenset()


def _baseline_years(sentences: list[Sentence]) -> dict[int, int]:
    """For each sentence, the latest year written in it or just before it."""
    own = [_sentence_year(s.text) for s in sentences]
    years: dict[int, int] = {}
    for index in range(len(sentences)):
        length = 0
        back = index
        best: int | None = None
        while back >= 0 and length < _BASELINE_WINDOW:
            year = own[back]
            if year is not None and (best is None or year > best):
                best = year
            length += len(sentences[back].text)
            back -= 1
        if best is not None:
            years[index] = best
    return years


def _carrier(m: CarrierMention, norm: NormalizedText, source: str) -> ExtractedCarrier:
    start, end = norm.original_span(m.start, m.end)
    # 越南海河工业园: a carrier named after the country it lies in is abroad,
    # whatever city the text is of.
    # (在哈萨克斯坦建设…产业园: built in another country, no city of China.)
    country = (
        (m.district if m.district.startswith(foreign_countries()) else None)
        if m.out_of_area
        else abroad_country(m.name)
    )
    return ExtractedCarrier(
        name=m.name,
        category=m.category,
        district=country or m.district,
        city="" if country else m.city,
        status=m.status,
        out_of_area=m.out_of_area or country is not None,
        sentence=m.sentence.text,
        start=start,
        end=end,
        line=m.sentence.line,
        source_file=source,
    )


def _target(t: TargetMention, norm: NormalizedText, city: str, source: str) -> ExtractedTarget:
    start, end = norm.original_span(t.start, t.end)
    return ExtractedTarget(
        category=t.category,
        subkind=t.subkind,
        subject=t.subject,
        kind=t.kind,
        bound=t.bound,
        number=t.number,
        min=t.min,
        max=t.max,
        year=t.year,
        scope=t.scope,
        city=t.sentence.city or city,
        named="|".join(t.named),
        per=t.per,
        sentence=excerpt(t.sentence.text, t.start - t.sentence.start, t.end - t.sentence.start),
        start=start,
        end=end,
        line=t.sentence.line,
        source_file=source,
    )


def _rule_spans(mentions: list[CarrierMention]) -> dict[str, list[tuple[int, int]]]:
    """Each sentence's names as the rules found them, at their offsets in it."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        spans.setdefault(m.sentence.text, []).append(
            (m.start - m.sentence.start, m.end - m.sentence.start)
        )
    return spans


def _place_length(name: str) -> int:
    """Length of the city or county written at the head of ``name``."""
    city = city_prefix_length(name)
    if city:
        return city
    county = re.match(r"[\u4e00-\u9fff]{1,4}?[市县区]", name)
    return county.end() if county and county_city_at(name) else 0


_MIN_SHORT_STEM = 2


_NEW_AREA = "新区"


def _is_short_form(short: str, short_suffix: str, long: str, long_suffix: str) -> bool:
    """Whether the zone ``short`` is ``long`` written short: its characters
    in order (玉山高新区 of 玉山高新技术产业园区, 甘泉堡经开区 of 乌鲁木齐甘泉堡经济技术
    开发区), not a part of it (上海自贸区 of 上海自贸区临港新片区)."""
    stem, whole_stem = short[: -len(short_suffix)], long[: -len(long_suffix)]
    if len(stem) < _MIN_SHORT_STEM or short[-1] != long[-1] or long.endswith(short):
        # 据连云港高新区 then 连云港高新区: the first kept words before the name.
        return False
    if short_suffix == _NEW_AREA and (long_suffix != _NEW_AREA or long.endswith("创新区")):
        # 两江新区 after 两江协同创新区: a new area, not the innovation zone
        # inside it.
        return False
    if stem in whole_stem and _is_place(stem) and _is_place(whole_stem.replace(stem, "", 1)):
        # 阿克苏高新区 of 阿克苏阿拉尔高新区: one of the two places of a joint zone.
        return False
    rest = iter(long)
    return all(char in rest for char in short)


_REFERENCE_WORDS = ("该", "此", "这一", "这个", "这座", "这家")
_BARE_PARK_WORDS = ("园区", "园")


_BRACKETED_RE = re.compile(r"\([^()]*\)")


class _Earlier:
    """The names kept so far, looked up by a character they hold and, for
    zones, by the first characters of their names."""

    def __init__(self) -> None:
        self.holding: dict[str, list[str]] = {}
        self.zones: dict[str, list[str]] = {}
        self.unbracketed: set[str] = set()

    def add(self, name: str, category: str) -> None:
        for char in set(name):
            self.holding.setdefault(char, []).append(name)
        if category == "zone":
            self.zones.setdefault(name[:_MIN_SHORT_STEM], []).append(name)
        if "(" in name:
            # 广德(英德)产业园 is named again as 广德产业园.
            self.unbracketed.add(_BRACKETED_RE.sub("", name))

    def referred(self, mention: CarrierMention) -> bool:
        """Whether a name speaks of a carrier named before: after 该 or 此
        (该生猪示范园区 of 晋州市优质生猪示范园区), or as its place and a bare
        园区 (岚山园区 of 岚山省级农业高新技术产业开发区)."""
        name = normalize_name(mention.name)
        if not name:
            return False
        if "(" not in name and any(
            long.endswith(name) and len(name) >= _MIN_SHORT_STEM + 2 for long in self.unbracketed
        ):
            return True
        at = mention.start - mention.sentence.start
        before = mention.sentence.text[max(0, at - 2) : at]
        if before.endswith(_REFERENCE_WORDS):
            for long in self.holding.get(name[0], ()):
                rest = iter(long)
                if long != name and all(char in rest for char in name):
                    return True
        bare = next((w for w in _BARE_PARK_WORDS if name.endswith(w)), "")
        stem = name[: -len(bare)] if bare else ""
        return len(stem) >= _MIN_SHORT_STEM and any(
            long.startswith(stem) and len(long) > len(name)
            for long in self.zones.get(stem[:_MIN_SHORT_STEM], ())
        )


def _drop_short_forms(mentions: list[CarrierMention]) -> list[CarrierMention]:
    """A zone named again in short after its full name is the same zone; so
    is a park named again without the 区 of its 园区, and a carrier referred
    to again (:meth:`_Earlier.referred`)."""
    kept: list[CarrierMention] = []
    zones: list[tuple[str, str]] = []  # the whole zones kept: name, carrier word
    holding: dict[str, list[int]] = {}  # the zones whose names hold a character
    earlier = _Earlier()
    names: set[str] = set()
    for mention in mentions:
        name = normalize_name(mention.name)
        found = suffix_category(name) if mention.category == "zone" else None
        if found is not None and any(
            zones[i][0] != name and _is_short_form(name, found[0], *zones[i])
            for i in holding.get(name[0], ())
        ):
            continue
        if name.endswith("园") and f"{name}区" in names:
            # 江西安福工业园区, then 江西安福工业园: the same park.
            continue
        if _place_and_word_of_earlier(name, mention.category, kept):
            # 泰兴市现代农业产业园, then 泰兴市产业园: the same park.
            continue
        if earlier.referred(mention):
            continue
        kept.append(mention)
        names.add(name)
        earlier.add(normalize_name(mention.district + mention.name), mention.category)
        if found is not None and found[0] not in DEPENDENT_SUFFIXES:
            for char in set(name):
                holding.setdefault(char, []).append(len(zones))
            zones.append((name, found[0]))
    return kept


def _drop_bare_references(
    mentions: list[CarrierMention], doc_city: str | None
) -> list[CarrierMention]:
    """A zone written bare (高新区) is the city's own only in a city's text
    that names no such zone in full: 通化医药高新区 … 高新区 speak of one
    zone, and a province's text of its zones in general."""
    named = [normalize_name(m.name) for m in mentions]
    kept = []
    for mention, name in zip(mentions, named, strict=True):
        ends = OWN_BARE_ZONES.get(name)
        if ends is not None and (
            not doc_city or any(other != name and other.endswith(ends) for other in named)
        ):
            continue
        kept.append(mention)
    return kept


def _place_and_word_of_earlier(name: str, category: str, kept: list[CarrierMention]) -> bool:
    """Whether a park's name is only a place and its park word, written after
    a longer park of the same place and word (泰兴市产业园 after 泰兴市现代
    农业产业园)."""
    found = suffix_category(name)
    if category != "park" or found is None or not _is_place(name[: len(name) - len(found[0])]):
        return False
    place = name[: len(name) - len(found[0])]
    return any(
        m.category == "park"
        and (earlier := normalize_name(m.name)) != name
        and earlier.startswith(place)
        and earlier.endswith(found[0])
        for m in kept
    )


def _is_place(word: str) -> bool:
    """Whether ``word`` is only a city's or a county's name (阿拉尔, 郧阳区)."""
    return bool(word) and (city_prefix_length(word) == len(word) or word in county_names())


def _dedupe_carriers(mentions: list[CarrierMention]) -> list[CarrierMention]:
    """One mention per carrier: its first, placed in the city a later
    mention of the same name gives when the first has none; a zone named
    again in short is not another."""
    at: dict[tuple[str, str], int] = {}
    cities: dict[str, set[str]] = {}
    placed: dict[str, str] = {}
    unique: list[CarrierMention] = []
    for mention in mentions:
        name = normalize_name(mention.name)
        key = (mention.city, name)
        known = cities.setdefault(name, set())
        if key in at or (not mention.city and known - {""}):
            continue
        if placed.get(name) in ("", mention.city) or (name in placed and not mention.city):
            # 琼海市富海产业园 …, 富海产业园地处…: the name again without its place.
            continue
        bare = name[_place_length(name) :]
        if bare != name and len(bare) > len(name) // 2:
            placed.setdefault(bare, mention.city)
        if mention.city and known == {""}:
            # 学府产业园区 first with no city, then in a sentence of 太原市.
            index = at.pop(("", name))
            unique[index] = replace(unique[index], city=mention.city)
            at[key] = index
            known.clear()
        else:
            at[key] = len(unique)
            unique.append(mention)
        known.add(mention.city)
    return _drop_short_forms(unique)


@dataclass(frozen=True)
class CountSetting:
    """What a text says of the counts in it: the year its goals are for,
    which sentences speak of the past, whether it is a plan or a work
    report, and the year it speaks from (see :func:`find_targets`)."""

    target_year: int | None
    baseline_sections: frozenset[int]
    baseline_years: dict[int, int]
    plan: bool
    report: bool
    this_year: int | None
    work_sections: frozenset[int] = frozenset()
    lead_sections: frozenset[int] = frozenset()

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments of :func:`find_targets`."""
        return {
            "work_sections": self.work_sections,
            "lead_sections": self.lead_sections,
            "target_year": self.target_year,
            "baseline_sections": self.baseline_sections,
            "baseline_years": self.baseline_years,
            "plan": self.plan,
            "report": self.report,
            "this_year": self.this_year,
        }


# “十三五”在2016年开局,这一年…; 2018年的主要任务是…; 对荆门来说,2016年意味着…:
# a text that opens by saying what its year is sets that year's work.
_OPENING_YEAR_RE = re.compile(
    r"(?<![\d\-—~至到])(20\d{2})年(?![\d)])[^。;()《》]{0,80}?"
    r"(?:这一年|之年|开局|收官|迎来|意味着|关键节点|承前启后|承上启下|头一年|第一年|攻坚年|开启|开始实施)"
    r"|(?<![\d\-—~至到])(20\d{2})年的?主要任务"
    # 作为…开局之年,2016年做好全年工作意义重大.
    r"|(?:之年|一年),(20\d{2})年"
)
_OPENING = 2


def opening_year(text: str) -> int | None:
    """The year the first sentences of ``text`` say it is (see ``_OPENING_YEAR_RE``).

    >>> opening_year("“十三五”在2016年开局,这一年意义重大。去年新建孵化器3家。")
    2016
    >>> opening_year("2019年3月,全市新认定孵化器5家。") is None
    True
    """
    head = "。".join(text.split("。", _OPENING)[:_OPENING])
    found = _OPENING_YEAR_RE.search(head)
    return int(next(y for y in found.groups() if y)) if found else None


# 2019年,…这一年对全面建成小康社会至关重要; 2024年…的起步年: a year the text
# calls by what it is for, wherever the sentence stands.
_YEAR_CALLED_RE = re.compile(
    r"(?<![\d\-—~至到])(20\d{2})年(?![\d)底末])[^。;()《》]{0,60}?"
    r"(?:之年|的一年|这一年|关键年|攻坚年|起步年|开局年|收官年|决胜年|周年)"
)


def _year_called_so(text: str) -> int | None:
    """The latest year ``text`` calls by what it is for (see ``_YEAR_CALLED_RE``):
    a report's own year, stated after its review of the year behind it.

    >>> _year_called_so("去年新建孵化器3家。2019年,新中国迎来成立70周年,这一年意义重大。")
    2019
    >>> _year_called_so("到2025年新建孵化器3家。") is None
    True
    """
    years = [int(m.group(1)) for m in _YEAR_CALLED_RE.finditer(text)]
    return max(years) if years else None


def _lead(sentences: list[Sentence]) -> frozenset[int]:
    """Indexes of a work report's first sentences before any speaks of the
    future, those that say what its year is aside (an excerpt that states
    its year first goes on with its review)."""
    lead: set[int] = set()
    for index, sentence in enumerate(sentences):
        if _OPENING_YEAR_RE.search(sentence.text) or re.search(_STATED_YEAR, sentence.text):
            continue
        if any(word in sentence.text for word in FUTURE_MARKS):
            break
        lead.add(index)
    return frozenset(lead)


def count_setting(text: str, sentences: list[Sentence]) -> CountSetting:
    """The setting of the counts of ``text`` (normalised), split into ``sentences``."""
    # A plan's own horizon; for a news item without one, the year it was published.
    horizon = plan_target_year(text)
    # A government work report sets the work of its year: its undated goals
    # are that year's, even where it speaks of the five-year plan too.
    worked = work_year(text)
    report = worked if WORK_REPORT_RE.search(text) else None
    if report is None and (opened := opening_year(text) or _year_called_so(text)) is not None:
        report = worked = opened
    return CountSetting(
        target_year=report or horizon or publication_year(text) or worked,
        baseline_sections=_baseline_sections(sentences)
        | (_review(sentences, report) if report is not None else frozenset()),
        baseline_years=_baseline_years(sentences),
        plan=horizon is not None or report is not None,
        report=report is not None,
        this_year=worked,
        work_sections=_work(sentences, report) if report is not None else frozenset(),
        lead_sections=_lead(sentences) if report is not None else frozenset(),
    )


def _reviewed(
    mentions: list[CarrierMention], sentences: list[Sentence], review: frozenset[int]
) -> list[CarrierMention]:
    """``mentions`` with those a work report's review says were built or set
    up (建成甲产业园) made existing (see :func:`done_in_review`)."""
    reviewed = {id(sentences[i]) for i in review}
    return [
        replace(m, status="existing")
        if m.status == "planned"
        and id(m.sentence) in reviewed
        and done_in_review(m.sentence.text, m.start - m.sentence.start)
        else m
        for m in mentions
    ]


def _lists_of_kept(
    targets: tuple[ExtractedTarget, ...], carriers: tuple[ExtractedCarrier, ...]
) -> tuple[ExtractedTarget, ...]:
    """The targets without the named lists none of whose names is a carrier
    kept (光伏、机电、医药、特色农业4大外贸产业基地: fields, no names)."""
    names = {c.name for c in carriers}
    return tuple(
        t for t in targets if t.bound != "named_list" or any(n in names for n in t.named.split("|"))
    )


def extract_text(
    raw: str, *, city: str | None = None, source_file: str = "", learned: bool = True
) -> Extraction:
    """Extract carriers and counts from a plan's text.

    Parameters
    ----------
    raw
        The document text as read.
    city
        The plan's city (``洛阳`` or ``洛阳市``); detected from the text if
        ``None``.  News items about other cities keep their own city.
    source_file
        File name recorded with every row.
    learned
        Keep only the names the learned tagger confirms
        (:mod:`~geo_app.extraction._confirm`); ``False`` gives the rules'
        names as they are.

    Returns
    -------
    Extraction

    Examples
    --------
    >>> e = extract_text("到2025年,建设科技产业社区不少于20家,加快卓阳科技产业社区建设。")
    >>> [c.name for c in e.carriers], [(t.bound, t.min) for t in e.targets]
    (['卓阳科技产业社区'], [('at_least', 20.0)])
    """
    norm = normalize_text(raw)
    doc_city = full_city_name(city) if city else detect_city(norm.text)
    sentences = split_sentences(norm.text, doc_city, detect_province(norm.text))
    setting = count_setting(norm.text, sentences)
    # Pilot zones of social policy (平安法治示范区) and campuses of schooling
    # (职教园区) are named like carriers but are none.
    carriers = [
        m for m in find_carriers(sentences) if not (is_policy_pilot(m.name) or is_campus(m.name))
    ]
    if setting.report:
        carriers = _reviewed(carriers, sentences, setting.baseline_sections)
    counts = find_targets(sentences, **setting.arguments())
    counts += find_named_lists(carriers, target_year=setting.target_year)
    counts.sort(key=lambda t: t.start)
    mentions = _drop_bare_references(_dedupe_carriers(carriers), doc_city)
    found = tuple(_carrier(m, norm, source_file) for m in mentions)
    kept = confirmed(found, _rule_spans(carriers)) if learned else found
    # The tagger reads whole sentences; the review rows keep the words around
    # each name.
    spans = {
        id(c): (m.start - m.sentence.start, m.end - m.sentence.start)
        for c, m in zip(found, mentions, strict=True)
    }
    kept = tuple(replace(c, sentence=excerpt(c.sentence, *spans[id(c)])) for c in kept)
    targets = tuple(_target(t, norm, doc_city or "", source_file) for t in counts)
    return Extraction(
        carriers=kept,
        targets=_lists_of_kept(targets, kept),
        city=doc_city or "",
        source_file=source_file,
    )


def extract_document(path: str | Path, *, city: str | None = None) -> Extraction:
    """Read a .txt/.docx/.pdf plan from disk and extract from it.

    Raises
    ------
    DocumentError
        If the document cannot be read as text.
    """
    path = Path(path)
    return extract_text(read_document(path), city=city, source_file=path.name)


def extract_document_bytes(data: bytes, name: str, *, city: str | None = None) -> Extraction:
    """Extract from an uploaded document's bytes (see :func:`extract_document`)."""
    return extract_text(read_document_bytes(data, name), city=city, source_file=Path(name).name)
