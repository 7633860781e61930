"""Carrier names the learned tagger confirms.

The rules find names by their carrier words and the words around them; a
character-level CRF (:mod:`geo_app.extraction._crf`), trained on the
``dev`` documents of the annotated corpus with the rules' own output as one
of its features, reads the same sentence and marks the spans it takes for
names.  A name the rules found that opens with its city, county or
district is kept as it is; another is kept when the tagger marks a span
that overlaps it or has the same normalised name; the others (most often a kind
or a phrase that ends in a carrier word: 参评众创空间, 当地省级众创社区) are
dropped.  On held-out documents this filter kept every right name and
dropped false ones (see ``scripts/evaluate_crf.py`` and the corpus README).

Only sentences that hold a name the tagger must judge are tagged (a name
that opens with its place, for one, is kept without it).  Without
python-crfsuite or the model file the names are kept as the rules found
them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from geo_app.extraction._generic import MIN_STEM, strip_generic
from geo_app.extraction._lexicon import suffix_category
from geo_app.extraction._members import partner_pair_listed
from geo_app.extraction._model import ExtractedCarrier
from geo_app.extraction._normalize import normalize_name
from geo_app.extraction._places import (
    PLACE_PAIR,
    city_at,
    city_prefix_length,
    county_city_at,
    county_names,
    county_prefix_length,
    is_place_only,
    landmark_city_at,
    province_short,
)
from geo_app.extraction._segment import tag_words
from geo_app.extraction._spans import Overlaps

__all__ = ["ENABLED", "MODEL", "confirmed"]

#: The tagger trained by ``scripts/train_carrier_crf.py``.
MODEL = Path(__file__).with_name("data") / "carrier_crf.crfsuite"

#: Whether the filter is applied (switch off to measure what it adds).
ENABLED = True


@lru_cache(maxsize=1)
def _tagger() -> Any | None:
    if not MODEL.is_file():
        return None
    try:
        from geo_app.extraction._crf import load_tagger

        return load_tagger(MODEL)
    except (ImportError, OSError, ValueError):
        return None


def _spans(
    text: str, tagger: Any, rules: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int, str]]:
    from geo_app.extraction._crf import rule_spans, sentence_features, span_name, tag

    features = sentence_features(text, rule_spans(text) if rules is None else rules)
    return [
        (start, end, normalize_name(span_name(text, start, end)))
        for start, end in tag(text, tagger, features=features)
    ]


def _place_headed(carrier: ExtractedCarrier) -> bool:
    """A name that opens with its city, county or district (漯河国家农业科技园区)
    names one carrier; the tagger is asked about the others."""
    whole = carrier.district + carrier.name
    province = province_short(whole)
    # 安徽太和经济开发区: a province, then a county two cities share.
    after = whole[len(province) :].removeprefix("省") if province else ""
    return bool(
        carrier.district
        or city_at(whole) is not None
        or county_city_at(whole) is not None
        or landmark_city_at(whole) is not None
        or any(after[:n] in county_names() for n in (2, 3) if len(after) > n)
    )


# Parts of speech of a two-character word that is no place's name: 不少
# (d), 避免 (v), 单个 (b), 不过 (c) before 开发区 are words of the sentence.
_NOT_A_PLACE = frozenset({"v", "vn", "vd", "d", "c", "b", "m", "mq", "r", "p", "u", "ad", "f", "t"})


def _common_word(stem: str) -> bool:
    """Whether a two-character stem is a common word rather than a place."""
    if city_at(stem) is not None or county_city_at(stem, short_names=True) is not None:
        return False
    words = tag_words(stem)
    return len(words) == 1 and words[0][1] in _NOT_A_PLACE


def _place_with_list_tail(name: str, sentence: str) -> bool:
    """Whether ``name`` is a listed place and the level and kind its list
    shares (河北滏东、赵县、宁晋等7家省级农业科技园区 → 宁晋省级农业科技园区):
    the list, not a walk to the carrier word, gave the name."""
    for cut in range(2, min(len(name) - 1, 11)):
        place, tail = name[:cut], name[cut:]
        listed = _listed_at(place, sentence)
        if (
            listed is not None
            and tail in sentence[listed:]
            and (is_place_only(place) or 0 < county_prefix_length(place) < len(place))
        ):
            # (平舆白芝麻、遂平优质小麦等7个省级农业产业园: a county and its
            # park's industry.)
            return True
    return False


_PROPER_FLAGS = frozenset({"ns", "nr", "nrt", "nz"})


def _proper_list_item(name: str, sentence: str) -> bool:
    """Whether ``name`` was put together from a list item that is a proper
    name (揭东、英歌山等工业园区 → 揭东工业园区; 拉拉河): the list gave the
    name, and its item is no industry (新材料、机械制造等园区)."""
    for cut in range(min(len(name) - 2, 6), 1, -1):
        item, tail = name[:cut], name[cut:]
        listed = _listed_at(item, sentence)
        if listed is None or tail not in sentence[listed:]:
            continue
        words = tag_words(item)
        return bool(words) and all(flag in _PROPER_FLAGS for _, flag in words)
    return False


# A national designation written after a place (…国家农业科技园区).
_NATIONAL_KIND_RE = re.compile(
    "国家(?:级)?(?:大学科技园|农业科技园区|高新技术产业开发区|高新区|经济技术开发区|现代农业产业园"
    "|农业高新技术产业示范区|自主创新示范区|级?新区)$"
)


# Words that open a phrase about places, not a place's name (全州 is a county too).
_DETERMINERS = ("全", "各", "本", "该", "每")


# What follows a place in a list: a separator, 等, or a count (两地的, 2个).
_LISTED_AFTER_RE = re.compile(r"、|等|(?:\d+|[一二两三四五六七八九十]+)(?:地的|个|家|所|座|大)")


def _listed_at(item: str, sentence: str) -> int | None:
    """Where ``item`` is first written in ``sentence`` as a list's item
    (followed by 、, 等 or a count); ``None`` when nowhere.  (One compiled
    pattern for every item: a pattern per name would be compiled anew each
    time once there are more names than the regular-expression cache holds.)"""
    at = sentence.find(item)
    while at >= 0:
        if _LISTED_AFTER_RE.match(sentence, at + len(item)):
            return at
        at = sentence.find(item, at + 1)
    return None


def _joined_before(stem: str, suffix: str, sentence: str) -> int | None:
    """Where the carrier word of a list whose item ``stem`` is joined to the
    next one (淞江、舞阳产业集聚区) is written, in the same clause; ``None``
    when nowhere."""
    at = sentence.find(stem)
    while at >= 0:
        joint = at + len(stem)
        if sentence[joint : joint + 1] in _JOINERS:
            end = sentence.find(suffix, joint + 1)
            if end >= 0 and not any(c in _CLAUSE_ENDS for c in sentence[joint + 1 : end]):
                return end
        at = sentence.find(stem, at + 1)
    return None


_JOINERS = frozenset("、,和及与")
_CLAUSE_ENDS = frozenset(",。;:")


@dataclass(frozen=True)
class _Tagged:
    """The names the tagger finds in a sentence, and where they stand."""

    names: frozenset[str]
    spans: Overlaps


def _kept(carrier: ExtractedCarrier, spans: Callable[[], _Tagged]) -> bool:
    """Whether the carrier stands; ``spans`` tags its sentence, asked only
    when the name's own words leave the question open."""
    if _place_headed(carrier) or suffix_category(normalize_name(carrier.name)) is None:
        # A name without a carrier word was typed by its list or designation,
        # not by the walk the tagger checks.
        return True
    names = {normalize_name(carrier.name), normalize_name(carrier.district + carrier.name)}
    written = carrier.district + carrier.name
    at = carrier.sentence.find(written)
    if at < 0:
        written = carrier.name
        at = carrier.sentence.find(written)
    suffix = (suffix_category(carrier.name) or ("",))[0]
    stem = carrier.name[: len(carrier.name) - len(suffix)]
    if suffix == carrier.name or (carrier.category == "zone" and stem == "市"):
        return True  # a plan's bare zone (经济开发区, 市经开区 for the city's own)
    if _NATIONAL_KIND_RE.search(carrier.name, 2):
        # 青禾国家大学科技园, 阿拉尔国家农业科技园区: a place and a national
        # designation make one carrier's name.
        return True
    if carrier.category == "zone" and (
        (len(stem) == 2 and not _common_word(stem))
        or (
            suffix == "片区"
            and any(city_prefix_length(stem[i:]) == len(stem) - i for i in range(len(stem)))
        )
    ):
        # A zone named by two characters (东川高新区, 沙澧产业集聚区; not a
        # common word: 不少开发区) or a city's part of a zone (自贸试验区洛阳
        # 片区) leaves the tagger no boundary to check.
        return True
    place = county_prefix_length(stem)
    if (
        1 < place <= len(stem)
        and not strip_generic(stem[place:])
        and not _common_word(stem[:place])
        # 全州省级开发区 (the whole prefecture's), 榆中以上园区: no name.
        and not stem.startswith(_DETERMINERS)
        # (东川市产业园区: a city's parks, read by the tagger.)
        and "市" not in stem[place - 1 : place + 1]
        and "以" not in stem[place:]
    ):
        # 保康化工园区, 大丰化工园区: a county's short name and only the words
        # of a kind leave the tagger no boundary to check either.
        return True
    if at < 0 and _proper_list_item(carrier.name, carrier.sentence):
        return True
    if at < 0 and stem:
        # A name put together from a suffix the list writes once (东城、淞江、
        # 舞阳产业集聚区 → 淞江产业集聚区) stands with the list's last item.
        listed = _joined_before(stem, suffix, carrier.sentence)
        if listed is not None:
            at, written = listed, suffix
    if at < 0 and _place_with_list_tail(carrier.name, carrier.sentence):
        return True
    if at < 0 and partner_pair_listed(carrier.name, carrier.sentence):
        return True  # 中德、中俄等国际合作园区 → 中德国际合作园区: the list gave it
    if at < 0 and len(stem) > PLACE_PAIR:
        # 粤琼、深儋合作产业园 → 粤琼合作产业园: the list's items share more
        # than the carrier word.
        tail = carrier.name[PLACE_PAIR:]
        listed = _joined_before(stem[:PLACE_PAIR], tail, carrier.sentence)
        if listed is not None:
            at, written = listed, tail
    if _defines_short_names(carrier.sentence) and any(
        f"简称{quote}{carrier.name}" in carrier.sentence for quote in ("", "“", '"')
    ):
        return True  # (以下简称“自贸试验区洛阳片区”): a short name the text defines
    tagged = spans()
    return not names.isdisjoint(tagged.names) or (
        at >= 0 and tagged.spans.any(at, at + len(written))
    )


@lru_cache(maxsize=16)
def _defines_short_names(sentence: str) -> bool:
    """Whether a sentence defines a short name (简称…): asked once for all
    the names of a long list."""
    return "简称" in sentence


def confirmed(
    carriers: Sequence[ExtractedCarrier],
    rules: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> tuple[ExtractedCarrier, ...]:
    """The carriers whose names the tagger confirms (all of them when the
    tagger is switched off or missing).

    ``rules`` gives, for a sentence, the spans where the rules found names
    in it (every mention, before duplicates are merged); without it the
    rules are run again on the sentence alone.

    Examples
    --------
    >>> confirmed(()) == ()
    True
    """
    tagger = _tagger() if ENABLED else None
    if tagger is None or not carriers:
        return tuple(carriers)
    tagged: dict[str, _Tagged] = {}
    kept: list[ExtractedCarrier] = []

    def spans_of(sentence: str) -> _Tagged:
        # Only sentences holding a name the tagger must judge are tagged.
        if sentence not in tagged:
            known = None if rules is None else rules.get(sentence)
            found = _spans(sentence, tagger, known)
            tagged[sentence] = _Tagged(
                frozenset(name for _, _, name in found),
                Overlaps((start, end) for start, end, _ in found),
            )
        return tagged[sentence]

    verdicts = [_kept(c, partial(spans_of, c.sentence)) for c in carriers]
    standing: dict[str, list[ExtractedCarrier]] = {}
    for carrier, verdict in zip(carriers, verdicts, strict=True):
        if verdict:
            standing.setdefault(carrier.sentence, []).append(carrier)
    for carrier, verdict in zip(carriers, verdicts, strict=True):
        if verdict:
            kept.append(carrier)
            continue
        # (the tails are read once per carrier, not once per pair: a list of
        # thousands of names stays linear in the tagger's words)
        tails = _list_tails(carrier)
        if tails and any(
            not other.district and other.name.endswith(tails)
            for other in standing.get(carrier.sentence, ())
        ):
            kept.append(carrier)
    return tuple(kept)


def _list_tails(carrier: ExtractedCarrier) -> tuple[str, ...]:
    """The words ``carrier`` shares with the other items of its list, when
    it was put together from an item of a list (双柳、武湖、大桥等农产品加工园区
    → 农产品加工园区, 粤琼、湘琼合作产业园 → 合作产业园): the tagger's word on
    another item that ends with them stands for the list."""
    sentence = carrier.sentence
    if carrier.district or carrier.name in sentence:
        return ()
    tails: list[str] = []
    for cut in range(MIN_STEM, _MAX_LIST_ITEM + 1):
        item, tail = carrier.name[:cut], carrier.name[cut:]
        suffix = suffix_category(tail)
        if suffix is None or tail not in sentence:
            continue
        listed = _listed_at(item, sentence)
        if listed is None:
            continue
        words = tag_words(item)
        if any(len(w) > 1 and flag in _COMMON_FLAGS for w, flag in words):
            # (茶叶、蔬菜等农业产业示范园区: fields, which the tagger rightly
            # left out; a place's short name is no common word.)
            continue
        if (len(tail) > len(suffix[0]) and cut <= _MAX_LIST_PLACE) or (
            # 虎门白沙、大朗巷头等20个镇级产业社区: an item after 、 starts
            # where it is written, and is no word of a clause (机械制造,
            # 零部件, 再建).
            sentence[listed - 1 : listed] in _ITEM_JOINERS
            and not any(flag in _FUNCTION_FLAGS for _, flag in words)
        ):
            tails.append(tail)
    return tuple(tails)


# The longest place a list writes short (长庆桥), and the parts of speech of
# the common words a field is made of.
_MAX_LIST_PLACE = 3
_COMMON_FLAGS = frozenset({"n", "vn", "v", "a", "nz", "l"})
# The longest item a 、 opens (大朗巷头), the words that join items, and the
# parts of speech of a clause's words, no name's (再/d 建/v, 机械制造/b, 零部件/mq).
_MAX_LIST_ITEM = 5
_ITEM_JOINERS = ("、", "和", "及")
_FUNCTION_FLAGS = frozenset({"d", "v", "vd", "b", "m", "mq", "p", "c", "u", "r", "f"})
