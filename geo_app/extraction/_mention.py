"""The carrier mention and the small builders the carrier finders share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo_app.extraction._boundary import NAME_WORDS, SUFFIX_END_RE, stop_before
from geo_app.extraction._carrier_city import city_of
from geo_app.extraction._generic import LEADING_LEVELS, MIN_STEM, is_generic_name, strip_generic
from geo_app.extraction._lexicon import CARRIER_SUFFIXES, SUBJECT_KINDS, suffix_pattern
from geo_app.extraction._places import (
    city_at,
    city_prefix_length,
    county_city_at,
    inside_place,
    province_short,
)
from geo_app.extraction._segment import segmenter_cut, tag_words
from geo_app.extraction._text import Sentence

_SUFFIX_RE = suffix_pattern()
_KIND_RE = re.compile("|".join(sorted(map(re.escape, SUBJECT_KINDS), key=len, reverse=True)))
# (政和、漳平, 均和等: a 和 right before 、 or 等 ends an item's name, it joins none.)
_ITEM_SEPARATOR_RE = re.compile("、|(?:和|以及|及)(?![、等])")
_COMPANY_ENDS = ("有限公司", "股份有限公司", "有限责任公司", "公司", "集团")


@dataclass(frozen=True)
class CarrierMention:
    """A carrier name located in a sentence (offsets in the normalised text).

    ``status_at`` is where the status is to be read (offsets in the
    sentence's text) while ``status`` is not read yet: the members of a list
    share one status, read once for the whole list when the sentence's
    carriers are tidied, so a list of thousands of names is not read name by
    name first.
    """

    name: str
    category: str
    district: str
    city: str
    status: str
    out_of_area: bool
    start: int
    end: int
    sentence: Sentence
    status_at: tuple[int, int] | None = None


def _listed(
    sentence: Sentence,
    name: str,
    category: str,
    start: int,
    end: int,
    status: str = "existing",
    status_at: tuple[int, int] | None = None,
) -> CarrierMention:
    """A carrier a list or a designation names (no district of its own,
    placed by its name or its passage); ``start``/``end`` are offsets in the
    whole text. Its status is ``status``, or read at ``status_at`` later."""
    return CarrierMention(
        name=name,
        category=category,
        district="",
        city=city_of(name, "", sentence, ""),
        status="" if status_at is not None else status,
        out_of_area=False,
        start=start,
        end=end,
        sentence=sentence,
        status_at=status_at,
    )


_CLOSING_QUOTES = "”’」』"


_AREA_LABEL_RE = re.compile(r"[A-Z][区片](?=[\u4e00-\u9fff])")


# One-character complements of a verb (建设好, 抓实, 用足) left after it.
_COMPLEMENTS = ("好", "实", "足", "活")


def _trim_start(text: str, start: int, end: int, suffix: str) -> int:
    """Move the start of a name past a generic kind in apposition and past
    words the tagger shows are not part of it.

    ``全省首个智慧岛中原龙子湖智慧岛`` names 中原龙子湖智慧岛: the words up to
    the inner carrier word are a generic kind (an inner zone stays: it is
    the place prefix, see :func:`~geo_app.extraction.carriers._split_place`).
    """
    for inner in _SUFFIX_RE.finditer(text, start, end - len(suffix)):
        if CARRIER_SUFFIXES[inner.group(0)] != "zone" and is_generic_name(
            text[start : inner.end()]
        ):
            start = inner.end()
    start += segmenter_cut(text[start : end - len(suffix)], suffix)
    while start < end and text[start] in _CLOSING_QUOTES:
        # “省部共建”国家级…创业园: a closing quote ends the words before the name.
        start += 1
    opens_clause = start == 0 or text[start - 1] in ",:;。"
    if opens_clause and (
        (
            # …中,有石狮国家高新区创新创业中心: a clause's verb before a place.
            text.startswith(("有", "是"), start)
            and (
                city_at(text[start + 1 : end])
                or county_city_at(text[start + 1 : end], short_names=True)
            )
        )
        # …,就东北黑蜂产业园区、口岸建设等开展调研: "as to", not a name.
        or (text.startswith("就", start) and not text.startswith("就业", start))
    ):
        start += 1
    if (
        text.startswith(_COMPLEMENTS, start)
        and stop_before(text, start)
        and tag_words(text[start : start + 3])[0][0] in _COMPLEMENTS
    ):
        # 建设好伏羲文化旅游产业园, 抓实…: the verb's complement is no part
        # of the name (好孩子 is a word of its own).
        start += 1
    label = _AREA_LABEL_RE.match(text, start, end)
    if label is not None:
        # A区玛纳斯混纺产业园: the label of a part of a park comes before
        # the name of the park in that part.
        start = label.end()
    place = city_prefix_length(text[start:end]) or len(province_short(text[start:end]) or "")
    if (
        place
        and text.startswith(("有", "是"), start + place)
        and text[start + place : start + place + 2] not in NAME_WORDS
        and end - start - place > 6
    ):
        # 宁波有浙江布利杰博锐产业园, 湖北有宜昌高新区: a city or province that
        # "has" a carrier is no part of its name (郴州有色金属产业园 is one).
        start += place + 1
    level = next((w for w in LEADING_LEVELS if text.startswith(w, start)), "")
    if level and not is_generic_name(text[start + len(level) : end]):
        # 国家级昆山出口加工区: the level describes the carrier, it is not its name.
        start += len(level)
    return start


def _split_items(items: str) -> list[tuple[str, str]]:
    """``A、B和C`` → ``[("A", "、"), ("B", "和"), ("C", "")]``.

    A 和 or 及 inside a place name (呼和浩特), right after 的 (…市的和林县)
    or opening an item (连海、和平) joins nothing.
    """
    result: list[tuple[str, str]] = []
    start = 0
    for match in _ITEM_SEPARATOR_RE.finditer(items):
        at = match.start()
        if match.group(0) != "、" and (
            inside_place(items, at) or items[at - 1 : at] in ("的", "、")
        ):
            continue
        result.append((items[start:at], match.group(0)))
        start = match.end()
    result.append((items[start:], ""))
    return result


def _item_texts(items: str) -> list[str]:
    """The items of ``A、B和C`` (see :func:`_split_items`)."""
    return [item for item, _ in _split_items(items)]


# Members that are groups of bodies, not carriers (高校、科研院所等20家单位).
_NOT_MEMBER_ENDS = ("高校", "院所", "企业", "单位", "部门", "机构", "政府", "大学", "学院")
_CARRIER_CATEGORIES = ("incubator", "park", "zone", "community", "smart_island")


def _member(name: str) -> bool:
    """Whether a list item can be a carrier's name (not a kind, a body or a place)."""
    return not (
        len(name) < MIN_STEM
        or SUFFIX_END_RE.search(name)
        or name.endswith(_NOT_MEMBER_ENDS)
        or len(strip_generic(name)) < MIN_STEM
        or name.startswith(LEADING_LEVELS)
        or (city_at(name) is not None and city_prefix_length(name) >= len(name) - 1)
        or (county_city_at(name) is not None and len(name) <= 4)
        or name in ("我市", "我省", "我区", "我县", "全市", "全省", "全区", "全县")
    )
