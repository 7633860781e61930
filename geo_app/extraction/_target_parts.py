"""Counts that continue the count before them.

A part at one level (``其中省级55家``, ``孵化器增加15家(省级不少于3家)``,
``国家级、省级、市级分别为3家、5家和10家``), a total a later clause adds
(``每年新增…5家以上,到2025年累计达到50家``), and a goal-looking count that
repeats a fact just stated.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo_app.extraction._lexicon import LEVEL_WORDS, SUBJECT_KINDS
from geo_app.extraction._numerals import NUMBER, parse_number
from geo_app.extraction._target_mention import (
    _COUNT_RE,
    _GOAL_YEAR_RE,
    _KIND_RE,
    _YEAR_CARRY,
    TargetMention,
    _bound,
    _limits,
    _own_year,
    _subkind,
)
from geo_app.extraction._text import Sentence

_OWN_GOAL_RE = re.compile("今年(?!以来)|年内|力争|争取|计划")


def _repeated_counts(found: list[TargetMention], sentences: list[Sentence]) -> list[TargetMention]:
    """A goal-looking count that repeats a fact of the sentences just before
    (设立…4个省级高新区。… 要求4个省级高新区突出特色) names the same carriers
    again as a subject, so it takes that fact's kind."""
    index_of = {id(s): i for i, s in enumerate(sentences)}
    facts: dict[tuple[str, float | None], tuple[int, str]] = {}
    result: list[TargetMention] = []
    for mention in found:
        here = index_of.get(id(mention.sentence), -1)
        key = (mention.category, mention.number)
        if mention.kind != "target":
            facts[key] = (here, mention.kind)
            result.append(mention)
            continue
        fact = facts.get(key)
        if (
            fact is not None
            and 0 < here - fact[0] <= _YEAR_CARRY
            and not _GOAL_YEAR_RE.search(mention.sentence.text)
            # 去年新建孵化器5个。…2021年要新建孵化器5家: a year of its own
            # makes the later count a new goal, not the fact repeated.
            and _own_year(mention.sentence.text) is None
            # 2020年新增…2家。…今年力争再新增…2个: a goal of its own, said so.
            and not _OWN_GOAL_RE.search(mention.sentence.text)
        ):
            mention = replace(mention, kind=fact[1])
        result.append(mention)
    return result


# 其中国家级10家, 其中国家级高新区6家以上: the kind may be written again.
_PART_RE = re.compile(
    r"其中(?P<level>国家级|国家|省级|省|市级)(?:的)?(?:" + _KIND_RE.pattern + ")?"
)


def _level_part(
    sentence: Sentence,
    match: re.Match[str],
    parent: TargetMention,
    level: str,
    *,
    start: int,
    bound: str = "exact",
) -> TargetMention | None:
    """The part at ``level`` of the count ``parent``: its kind, year and
    scope, the number ``match`` writes."""
    kinds = list(_KIND_RE.finditer(parent.subject))
    if not kinds:
        return None
    _, stem = SUBJECT_KINDS[kinds[-1].group(0)]
    try:
        number = float(parse_number(match.group("num")))
    except ValueError:
        return None
    minimum, maximum = _limits(bound, number, number)
    return replace(
        parent,
        subkind=_subkind(level, stem),
        bound=bound,
        number=number,
        min=minimum,
        max=maximum,
        start=start,
        end=sentence.start + match.end(),
    )


# 1个国家级、2个省级和8个市级现代农业产业园: a count at one level, its kind
# written once after the last.
_LEADING_PART_RE = re.compile(
    rf"(?P<num>{NUMBER})(?:个|家|座|处)(?P<post>以上|左右)?"
    r"(?P<level>国家级|省级|自治区级|市级|州级|县级|区级)[、和及与]$"
)


def _leading_parts(sentence: Sentence, last: TargetMention) -> list[TargetMention]:
    """The counts at other levels listed right before ``last`` that share
    its kind (争创1个国家级、2个省级和8个市级现代农业产业园)."""
    parts: list[TargetMention] = []
    at = last.start - sentence.start
    while (found := _LEADING_PART_RE.search(sentence.text, 0, at)) is not None:
        part = _level_part(
            sentence,
            found,
            last,
            found.group("level"),
            start=sentence.start + found.start(),
            bound=_bound("", found.group("post") or "", False),
        )
        if part is None:
            break
        parts.insert(0, replace(part, end=sentence.start + found.end() - 1))
        at = found.start()
    return _qualified_parts(sentence, last, at) + parts


# 5个营业收入超2000亿元、10个超1000亿元、25个超500亿元的产业园区: counts
# of the same kind told apart by what qualifies them, the kind written once.
_QUALIFIED_PART_RE = re.compile(
    rf"(?P<num>{NUMBER})(?:个|家|座|处)(?P<post>以上|左右)?(?P<qual>[^、,。;:个家]{{2,16}})、$"
)


def _qualified_parts(sentence: Sentence, last: TargetMention, at: int) -> list[TargetMention]:
    """The counts listed right before ``last`` that share its kind after a
    qualifier of their own (see ``_QUALIFIED_PART_RE``); ``last`` must
    qualify its own count with 的 before its kind."""
    text = sentence.text
    number_end = at
    kind_at = text.find(last.subject, number_end)
    if kind_at < 0 or "的" not in text[number_end : kind_at + len(last.subject)]:
        return []
    parts: list[TargetMention] = []
    while (found := _QUALIFIED_PART_RE.search(text, 0, at)) is not None:
        if _KIND_RE.search(found.group("qual")) or found.group("qual").startswith("的"):
            break
        try:
            number = float(parse_number(found.group("num")))
        except ValueError:
            break
        bound = _bound("", found.group("post") or "", False)
        minimum, maximum = _limits(bound, number, number)
        parts.insert(
            0,
            replace(
                last,
                bound=bound,
                number=number,
                min=minimum,
                max=maximum,
                start=sentence.start + found.start(),
                end=sentence.start + found.end() - 1,
            ),
        )
        at = found.start()
    return parts


_LEVEL = r"(?:国家级|省级|自治区级|市级|州级|县级|区级)"
# 创建自治区级和市级示范性创业园各1个: one count for each level listed.
_EACH_LEVEL_RE = re.compile(rf"(?P<levels>{_LEVEL}(?:[、和及与]{_LEVEL})+)[^,;。、]{{1,16}}?各$")


def _each_level_parts(sentence: Sentence, last: TargetMention) -> list[TargetMention]:
    """The counts at the other levels of a list that each gets ``last``'s
    number (创建自治区级和市级示范性创业园各1个: one of each)."""
    at = last.start - sentence.start
    head = max(sentence.text.rfind(c, 0, at) for c in ",;。") + 1
    found = _EACH_LEVEL_RE.search(sentence.text, head, at)
    if found is None:
        return _each_item_parts(sentence, last, head)
    levels = re.findall(_LEVEL, found.group("levels"))
    kinds = list(_KIND_RE.finditer(last.subject))
    if not kinds:
        return []
    _, stem = SUBJECT_KINDS[kinds[-1].group(0)]
    return [replace(last, subkind=_subkind(level, stem)) for level in levels[1:]]


# 奶牛和肉牛产业试验示范园各建1个, 过100亿元、过200亿元的园区各1个: one
# count for each item listed before the kind.
_EACH_RE = re.compile(r"各(?:建|新建|建设|建成|创建|培育|打造|新增)?$")
_JOINERS = "、和与及"


def _each_item_parts(sentence: Sentence, last: TargetMention, head: int) -> list[TargetMention]:
    """The counts of the other items of a list before ``last``'s kind, each
    of which gets its number (…各1个)."""
    text = sentence.text
    kind_at = text.find(last.subject, head)
    number_at = last.start - sentence.start
    if kind_at < 0 or kind_at >= number_at or not _EACH_RE.search(text, kind_at, number_at):
        return []
    listed = text[head:kind_at]
    joiners = sum(listed.count(j) for j in _JOINERS)
    return [last] * joiners if 0 < joiners <= 4 else []


def _part_of(
    sentence: Sentence, match: re.Match[str], parent: TargetMention
) -> TargetMention | None:
    """``…总数达197家,其中省级55家``: the part of the count just before, at one level.

    The clause must start with 其中 and a level word and follow the parent's
    clause directly; the part keeps the parent's kind, year and scope.
    """
    text = sentence.text
    clause_start = max(text.rfind(c, 0, match.start()) for c in ",;。:") + 1
    part = _PART_RE.fullmatch(text[clause_start : match.start()])
    if part is None or match.group("pre") or match.group("mid"):
        return None
    if text[parent.end - sentence.start : clause_start] not in (",", ","):
        return None
    return _level_part(
        sentence,
        match,
        parent,
        part.group("level"),
        start=sentence.start + clause_start,
        # 其中国家级10家以上: the part has its own bound.
        bound=_bound("", match.group("post") or "", False),
    )


_LEVEL_ALTERNATION = "|".join(re.escape(w) for w in sorted(LEVEL_WORDS, key=len, reverse=True))
_RESPECTIVELY_RE = re.compile(
    rf"(?P<levels>(?:{_LEVEL_ALTERNATION})(?:[、和及](?:{_LEVEL_ALTERNATION}))+)"
    r"(?:的)?分别(?:为|是|有|达到|建成)"
)


def _respective_part(
    sentence: Sentence, match: re.Match[str], parent: TargetMention
) -> TargetMention | None:
    """``建成18家…孵化器,国家级、省级、市级分别为3家、5家和10家``: the parts of
    the count before, one per level, in the order the levels are written."""
    text = sentence.text
    head = None
    for found in _RESPECTIVELY_RE.finditer(text, parent.end - sentence.start, match.start()):
        head = found
    if head is None or re.search(r"[;。]", text[head.end() : match.start()]):
        return None
    levels = re.split("[、和及]", head.group("levels"))
    index = len(_COUNT_RE.findall(text, head.end(), match.start()))
    if index >= len(levels):
        return None
    return _level_part(sentence, match, parent, levels[index], start=sentence.start + match.start())


_BRACKET_PART_RE = re.compile(rf"\((?P<level>{_LEVEL_ALTERNATION})(?:的)?$")


def _bracket_part(
    sentence: Sentence, match: re.Match[str], parent: TargetMention
) -> TargetMention | None:
    """``孵化器增加15家(省级不少于3家)``: the part of the count just before, at
    one level, written in brackets right after it."""
    text = sentence.text
    opening = parent.end - sentence.start
    if not text.startswith("(", opening):
        return None
    part = _BRACKET_PART_RE.search(text, opening, match.start())
    if part is None or part.start() != opening:
        return None
    bound = _bound(match.group("pre") or "", match.group("post") or "", False)
    return _level_part(
        sentence,
        match,
        parent,
        part.group("level"),
        start=sentence.start + match.start(),
        bound=bound,
    )


_LEVEL_NAMES = frozenset(LEVEL_WORDS.values())
# 创建省级…创业基地2个、市级基地5个以上: the kind may be written short again.
_NEXT_PART_RE = re.compile(
    rf"[、,和及](?P<level>{_LEVEL_ALTERNATION})(?:的)?(?P<short>[\u4e00-\u9fff]{{1,3}})?"
)


def _next_part(
    sentence: Sentence, match: re.Match[str], previous: TargetMention, parent: TargetMention
) -> TargetMention | None:
    """``…100家,其中国家级10家、省级30家``: a further part at another level,
    written right after the part before it; ``新增国家级孵化器5家、省级10家``:
    the same kind at another level, right after a count that names its level."""
    if match.group("pre") or match.group("mid"):
        return None
    if (
        previous is parent
        and parent.subkind.split("_")[0] not in _LEVEL_NAMES
        # 省级农民工返乡创业基地2个: the level may lead a longer kind.
        and not parent.subject.startswith(tuple(LEVEL_WORDS))
    ):
        return None
    text = sentence.text
    gap = _NEXT_PART_RE.fullmatch(text, previous.end - sentence.start, match.start())
    if gap is None or (gap.group("short") and not previous.subject.endswith(gap.group("short"))):
        return None
    bound = _bound("", match.group("post") or "", False)
    start = sentence.start + gap.start() + 1
    return _level_part(sentence, match, previous, gap.group("level"), start=start, bound=bound)


# …过千亿元的经开区达到6个以上,过500亿元的达到15个以上: a clause naming only
# a measure (…的) counts the kind of the count before it too.
_CONTINUED_RE = re.compile(
    r"(?:(?:到|至)(?P<year>20\d{2})年底?)?(?:累计|总计|总数|共计|共)?"
    r"|[^,;。的]{1,12}的"
    # 新增小微企业园200个以上、新开工150个以上: a verb alone counts the same kind.
    r"|(?:新|再)?(?:开工|建成|新建|培育|认定|投用|竣工)"
)


def _continued(
    sentence: Sentence, match: re.Match[str], parent: TargetMention
) -> TargetMention | None:
    """``每年新增市级众创空间5家以上,到2025年累计达到50家``: a clause that
    only adds a year and a total, or only a verb (…、新开工150个以上), counts
    the kind of the count before it."""
    text = sentence.text
    clause_start = max(text.rfind(c, 0, match.start()) for c in ",;。:、") + 1
    lead = _CONTINUED_RE.fullmatch(text[clause_start : match.start()])
    if lead is None or not lead.group(0) or text[match.end() : match.end() + 1] not in "。;,、":
        return None
    if text[parent.end - sentence.start : clause_start] not in (",", ";", "、"):
        return None
    try:
        number = float(parse_number(match.group("num")))
    except ValueError:
        return None
    bound = _bound(match.group("pre") or "", match.group("post") or match.group("mid") or "", False)
    minimum, maximum = _limits(bound, number, number)
    year = int(lead.group("year")) if lead.group("year") else parent.year
    return replace(
        parent,
        bound=bound,
        number=number,
        min=minimum,
        max=maximum,
        year=year,
        per="",
        start=sentence.start + clause_start,
        end=sentence.start + match.end(),
    )
