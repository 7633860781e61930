"""Sentences and passages of a normalised plan, with the city each is about.

A news page can carry items about several cities.  Each item opens with a
short headline (``衡阳高新区： “三强三新”促发展``); the item's city is the
one its headline names, else the first one its body names.  Plain section
headings without a city keep the current city.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from geo_app.extraction._lexicon import CARRIER_SUFFIXES, STOP_WORDS, suffix_pattern
from geo_app.extraction._normalize import _is_cjk
from geo_app.extraction._places import (
    CITIES,
    PROVINCES,
    cities_in,
    county_cities_in,
    county_city_at,
    county_mentions,
    county_names,
    landmark_city_at,
    most_common_city,
    most_common_county_city,
    most_named_county_city,
    prefectures_by_short_name,
    province_of,
    provinces_in,
    zone_landmark_cities,
)
from geo_app.extraction._segment import tag_words

__all__ = ["Sentence", "detect_city", "detect_province", "split_sentences"]

_SENTENCE_END = "。!?;"
# After a Latin letter, ! belongs to a name (Go!众创空间), it ends no sentence.
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[。?;])|(?<=[^A-Za-z]!)")
_CLOSING = '。!?;:”"』)'
_MAX_HEADING = 40
_WRAP_MIN = 30
_LOOKAHEAD = 600


@dataclass(frozen=True)
class Sentence:
    """One sentence of the normalised text.

    Parameters
    ----------
    text
        The sentence.
    start
        Its offset in the normalised text.
    city
        Full name of the city the passage is about, or ``None``.
    line
        1-based line number where the sentence starts.
    province
        Short name of the province the passage is in (its city's, else the
        one the document speaks of), or ``None``.
    """

    text: str
    start: int
    city: str | None
    line: int
    province: str | None = None

    @property
    def end(self) -> int:
        """Offset just past the sentence in the normalised text."""
        return self.start + len(self.text)


_INLINE_HEADLINE_RE = re.compile(
    "(" + "|".join(sorted(CITIES, key=len, reverse=True)) + ")市?\\s*[:：]"
)
# 新华社西安3月2日电, 本报石家庄讯: an item's dateline names its city.
_DATELINE_RE = re.compile(
    r"^[^,。;:]{0,10}?("
    + "|".join(sorted(CITIES, key=len, reverse=True))
    + r")市?\s*(?:\d{1,2}月\d{1,2}日(?:电|讯)|讯)"
)
_WIDER_THAN_A_CITY = (
    *PROVINCES,
    "全省",
    "我省",
    "省政府",
    "省科技厅",
    "自治区",
    "全国",
    "国务院",
    "科技部",
)
_HEAD = 120
# 台湾高科技园, 中以产业园: a province's or country's name that begins a
# carrier's is no sign that the text speaks for it.
_NAMES_RE = re.compile(
    "(?:"
    + "|".join(sorted(PROVINCES, key=len, reverse=True))
    + r")[^,。;、:省市县区第\d]{0,6}?(?:"
    + suffix_pattern().pattern
    + ")"
)
_DOMINANT_MIN = 3
_CITY_ALTERNATION = "(?:" + "|".join(sorted(CITIES, key=len, reverse=True)) + ")"
_EVENT_PLACE_RE = re.compile("在" + _CITY_ALTERNATION + r"市?[^,。;]{0,6}?(?:召开|举行|举办)")


# …带领考察组来到玉山县: a delegation's city is not the place it visits.
_VISIT_RE = re.compile("(?:来到|莅临|到访|走进|赴)")
_VISIT_SPAN = 10


def _visited_city(head: str, first: str | None) -> str | None:
    """The city of the place a delegation from ``first`` (or from no city
    named) visits in ``head`` (宜春…考察组来到玉山县 is about 上饶;
    …带领团队来到燕郊高新区调研 is about 廊坊), or ``None``."""
    match = _VISIT_RE.search(head, head.find(first[:2]) + 2 if first else 0)
    if match is None:
        return None
    after = head[match.end() : match.end() + _VISIT_SPAN]
    landmark = landmark_city_at(after)
    found = [*cities_in(after), *county_cities_in(after), *([landmark] if landmark else [])]
    return found[0] if found and found[0] != first else None


_COUNTY_OPENING = 8


_ZONE_OPENING_RE = re.compile(
    "经济技术开发区|经济开发区|高新技术产业开发区|开发区|高新区|经开区|工业园|产业园|产业集聚区"
)


def _county_opening(head: str) -> str | None:
    """The city of the county written in full (of three characters or
    more) that opens ``head``, or ``None``."""
    for end in range(3, min(_COUNTY_OPENING, len(head)) + 1):
        found = county_cities_in(head[:end])
        if found and head[:end] in county_names():
            return found[0]
    for end in (2, 3):
        # 凯里经济开发区在…: a county's short name opening a carrier's name.
        if head[:end] in county_names() and _ZONE_OPENING_RE.match(head, end):
            return county_city_at(head[:end], short_names=True)
    for short, full in prefectures_by_short_name().items():
        # 黔西南高新技术产业开发区举行…: so does a prefecture's (of three
        # characters or more: 海西 may be a region of another province).
        if len(short) >= 3 and head.startswith(short) and _ZONE_OPENING_RE.match(head, len(short)):
            return full
    return None


# 2018年，海林开发区…, 6月24日上午，温县…: the date a news item opens with
# comes before the place it is about.
_LEADING_TIME_RE = re.compile(
    r"^(?:(?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:上午|下午|晚)?|近日|日前|近期|今年以来|近年来)[,，]"
)


def _first_line(text: str) -> str:
    stripped = text.lstrip()
    return stripped[: min(len(stripped), _HEAD)].split("\n", 1)[0]


# How often a city's county-level units must be named to outweigh a city
# named once (a county short name that is also a verb, 新建, is no mention).
_COUNTY_MENTIONS = 2
# So many cities named near a text's top that it speaks of none in particular.
_MANY_CITIES = 6
_PLACE_FLAGS = frozenset({"ns", "nz", "nr", "nrt", "x"})
_VERB_NAMES = frozenset(STOP_WORDS)
_SUFFIXES = tuple(CARRIER_SUFFIXES)
_WORD_WINDOW = 4


_LIST_MARKS = ("、", "等")
# Characters that make a county's short name part of a longer place name.
_PLACE_GOES_ON = frozenset("湾堡岛湖")


def _is_place_word(text: str, start: int, end: int, short: bool) -> bool:
    """Whether the county name at ``start:end`` stands as a word of its own
    in ``text`` (靖江开发区): not the end of a carrier word (科学城北区 holds
    城北区), and, written short, not part of other words (创新平台 holds 新平)
    nor a common word (合作)."""
    if any(
        text.startswith(suffix, start - cut)
        for suffix in _SUFFIXES
        for cut in range(1, len(suffix))
        if start >= cut and len(suffix) - cut < end - start
    ):
        return False
    if not short:
        return True
    if text[start - 1 : start] in _LIST_MARKS and text[end : end + 1] in _LIST_MARKS:
        # 禹会、龙子湖、蚌山等工业集聚区: an item of a list of places.
        return True
    if text[start:end] in _VERB_NAMES:
        # 新建孵化载体76个: a county written short that is also a verb.
        return False
    if text[end : end + 1] in _PLACE_GOES_ON:
        # 太平湾合作创新区, 甘泉堡经开区: a bay or a fort of another name.
        return False
    left = max(0, start - _WORD_WINDOW)
    pos = left
    words = tag_words(text[left : end + _WORD_WINDOW])
    for index, (word, flag) in enumerate(words):
        if pos == start:
            return (
                (word == text[start:end] and flag in _PLACE_FLAGS)
                or (word.startswith(text[start:end]) and flag == "x")
                or _unknown_word(words[index:], end - start)
            )
        if pos > start:
            return False
        pos += len(word)
    return False


def _unknown_word(words: list[tuple[str, str]], length: int) -> bool:
    """Whether the tagger reads the ``length`` characters its ``words``
    start with as single characters that end where the name ends (浑南新区
    read 浑/南/新区): a name it does not know, not part of a longer word."""
    for at, (word, _flag) in enumerate(words, start=1):
        if len(word) > 1:
            return False
        if at == length:
            return True
    return False


def _most_named_city(text: str) -> str | None:
    """The city named most often in ``text`` (on a tie the one named in
    its own words, then the first seen); a city
    named only once gives way to one whose county-level units, in full or
    short, are named at least twice and more often than it and its own
    units: a news item about 靖江 that names 上海 once in a firm's name is
    about 泰州, a report that names 凌河区 and 北镇 and its partner 苏州 once
    is about 锦州.

    Examples
    --------
    >>> _most_named_city("靖江启动了产业园……上海拓璞公司……靖江开发区……靖江")
    '泰州市'
    """
    direct = most_common_city(text)
    if direct is not None and cities_in(text).count(direct) > 1:
        return direct
    counts = Counter(
        city
        for start, end, city, short in county_mentions(text)
        if _is_place_word(text, start, end, short)
    )
    # 松山湖…松山湖: a functional zone whose name carries no city names its city.
    counts.update(zone_landmark_cities(text))
    if direct is not None:
        counts[direct] += 1
    # On a tie the city named in its own words wins (沈阳…浑南 against 泗水…泗水).
    best = max(counts, key=lambda city: (counts[city], city == direct), default=None)
    if best is not None and counts[best] >= _COUNTY_MENTIONS:
        return best
    return direct


# 全省, 省政府: a text that speaks for a whole province.
_PROVINCE_VOICE_RE = re.compile("全省|我省|全自治区|省委|省政府")
_MIN_PROVINCE_CITIES = 3
# 全市, 市政府: a text that speaks for a city.
_CITY_VOICE_RE = re.compile("全市|我市|本市|市委|市政府")


def _speaks_for_a_city(text: str) -> bool:
    """Whether ``text`` speaks for a city more often than for a province."""
    return len(_CITY_VOICE_RE.findall(text)) > len(_PROVINCE_VOICE_RE.findall(text))


def _speaks_for_a_province(text: str, city: str) -> bool:
    """Whether ``text`` speaks for a whole province rather than ``city``
    (the one it seemed to be about), which no city dominates:

    - it speaks for a province and names at least three of its cities and
      ``city`` only once (a province's report that opens with a project in
      its capital);
    - it never speaks for a city, ``city`` is the one it names most, and
      it either speaks for a province and names another city (全省已拥有…
      郑州…信阳…) or names another one as often (忻州…太原…忻州…太原).
    """
    named = cities_in(text)
    province_voice = _PROVINCE_VOICE_RE.search(text) is not None
    if province_voice and len(set(named)) >= _MIN_PROVINCE_CITIES and named.count(city) <= 1:
        return True
    if _CITY_VOICE_RE.search(text) is not None or _dominant_city(text) == city:
        return False
    most = Counter(named).most_common(2)
    if len(most) < 2 or named.count(city) < most[0][1]:
        # 凌河区…北镇… 苏州、常州: a city placed by its counties stands.
        return False
    return province_voice or most[0][1] == most[1][1]


def detect_city(text: str, limit: int = 3000) -> str | None:
    """The city a document is about, or ``None`` for a province-wide text
    (see :func:`_city_of_text`).

    >>> detect_city("全省新建孵化器20家。哈尔滨新区、大庆高新区和齐齐哈尔…加快建设。") is None
    True
    """
    city = _city_of_text(text, limit)
    if city is not None and _speaks_for_a_province(text[:limit], city):
        return None
    return city


def _without_names(head: str) -> str:
    """``head`` without the carrier names that begin with a province's or a
    country's name (台湾高科技园 in a 东莞 report, 四川天府新区 in a 成都
    news item): no sign that the text speaks for more than a city."""
    return _NAMES_RE.sub(
        lambda match: match.group(0) if any(w in match.group(0) for w in STOP_WORDS) else "",
        head,
    )


def _city_of_text(text: str, limit: int) -> str | None:
    """The city a document is about, or ``None`` for a province-wide text.

    A document whose first line speaks of a province, the country or a
    ministry and names no single city (``湖南6家孵化器备案为国家级…``,
    ``省政府批复建设延安黄陵及咸阳兴平…``) covers several cities: its items
    get their own cities, not the first one named.  Otherwise the city its
    first line names, else the most named one near its top.

    Examples
    --------
    >>> _city_of_text("漯河市“十四五”科技创新规划。漯河市将……", 3000)
    '漯河市'
    >>> _city_of_text("湖南6家孵化器备案为国家级科技企业孵化器\\n衡阳……衡阳", 3000) is None
    True
    """
    head = _first_line(text)
    # 在北京召开的全国…会议: the city of a meeting is not the text's.
    named = list(dict.fromkeys(cities_in(_EVENT_PLACE_RE.sub("", head))))
    wider = any(word in head for word in _WIDER_THAN_A_CITY)
    if wider and len(named) <= 1:
        wider = any(word in _without_names(head) for word in _WIDER_THAN_A_CITY)
    if len(named) > 1 and _is_city_list(head):
        # 克拉玛依、遵义、信阳、滁州四个高新区升级, 武汉…、西安…和杨浦…: items
        # of several cities, unless the text is mostly about one of them.
        return _dominant_city(text[:limit])
    if wider and (len(named) != 1 or _COUNTED_LIST_RE.search(head)):
        found = _dominant_city(text[:limit]) if not named else None
        if found is None and _speaks_for_a_city(text[:limit]):
            # 跻身全国化工园区百强… 全市…: a city's report that opens with
            # a national ranking.
            return _most_named_city(text[:limit])
        return found
    if named:
        # 滨海新区累计引进北京项目…: a county written in full before the first
        # city named places the text.
        opening = county_cities_in(head[: max(0, head.find(named[0][:2]))])
        if opening:
            return opening[0]
        if len(named) == 1 and cities_in(text[:limit]).count(named[0]) <= 1:
            # 全省推广三明医改的现场会在我市举行… 鸡西…鸡冠区…虎林市: a city
            # named once at the top gives way to one that dominates the text.
            dominant = _dominant_city(text[:limit])
            if dominant:
                return dominant
        return _visited_city(head, named[0]) or named[0]
    county = _county_opening(_LEADING_TIME_RE.sub("", head, count=1)) or _visited_city(head, None)
    if not wider and county:
        # 江阴市2023年政府工作报告…, 鄂城区…: a text that opens with a county,
        # unless the county is a 新区 and the text names another city, never
        # the county's own (滨海新区聚焦临港产业… in a text about 茂名: the
        # name of a zone, which a district of 天津 shares).
        named_city = _most_named_city(text[:limit])
        first_county = county_mentions(head)[:1]
        if (
            named_city is not None
            and first_county
            and head[first_county[0][0] : first_county[0][1]].endswith("新区")
            and county not in cities_in(text[:limit])
        ):
            return named_city
        return county
    if len(set(cities_in(text[:limit]))) >= _MANY_CITIES:
        # 综合排名前30名依次为苏州工业园区、广州经开区、天津经开区…: a
        # national list is about none of its many cities, unless it is
        # mostly about one.
        return _dominant_city(text[:limit])
    return (
        _most_named_city(text[:limit])
        or most_common_city(text)
        or most_common_county_city(text[:limit])
        or most_named_county_city(text[:limit])
        or _one_county_city(text[:limit])
    )


# 周宁不锈钢深加工产业园: a county's name that heads a carrier's (not one
# of two places joined by a dash, 二连浩特—扎门乌德经济合作区).
_HEADS_A_NAME_RE = re.compile("[^,。;、:\\s—-]{0,10}?(?:" + suffix_pattern().pattern + ")")


def _one_county_city(text: str) -> str | None:
    """The one city whose counties head carriers' names in ``text``
    (周宁不锈钢深加工产业园 → 宁德市), for a text that names no city and does
    not speak for a province; ``None`` when they belong to several cities."""
    if _PROVINCE_VOICE_RE.search(text):
        return None
    cities = {
        city
        for start, end, city, short in county_mentions(text)
        if _is_place_word(text, start, end, short)
        and _HEADS_A_NAME_RE.match(text, end)
        # (北岭滨湖新区: a county's name inside a longer one heads nothing.)
        and (
            not _is_cjk(text[start - 1 : start])
            or text[start - 1] in "和及与"
            or text.endswith(STOP_WORDS, 0, start)
        )
    }
    return cities.pop() if len(cities) == 1 else None


def detect_province(text: str, limit: int = 3000) -> str | None:
    """The province a document speaks of: the one named, directly or by its
    cities, in at least two thirds of the place mentions near its top;
    ``None`` for a national text or one that names no place.

    Examples
    --------
    >>> detect_province("广西壮族自治区人民政府批复…玉林市…广西北流…")
    '广西'
    >>> detect_province("科技部公布…北京市…上海市…广州市") is None
    True
    """
    found = provinces_in(_EVENT_PLACE_RE.sub("", text[:limit]))
    if not found:
        return None
    best = max(set(found), key=found.count)
    return best if found.count(best) * 3 >= len(found) * 2 else None


# 同意河北张家口经济开发区等13个省级经开区升级: the one item named, with its
# province, of a counted list.
_COUNTED_LIST_RE = re.compile(
    "(?:"
    + "|".join(sorted(PROVINCES, key=len, reverse=True))
    + ")省?"
    + _CITY_ALTERNATION
    + r"[^、,。;:等]{0,16}等(?:\d+|[一二两三四五六七八九十百]+)(?:个|家|批|所|处)"
)


def _is_city_list(head: str) -> bool:
    """Whether the first line lists cities, or items headed by cities, side
    by side (克拉玛依、遵义…, 武汉东湖…中心、西安高新区创业园)."""
    return re.search(r"(?:^|、|和)" + _CITY_ALTERNATION + r"[^、,。;:]{0,20}、", head) is not None


def _dominant_city(text: str) -> str | None:
    """The city a text about a province or a ministry's list is in fact
    about: named (directly or by its counties) at least twice and in at
    least two thirds of all place mentions (省科技厅公布… 咸宁市3家…)."""
    found = [*cities_in(text), *county_cities_in(text, detect_province(text))]
    if len(found) < _DOMINANT_MIN:
        return None
    best = max(set(found), key=found.count)
    return best if found.count(best) * 3 >= len(found) * 2 else None


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= _MAX_HEADING and stripped[-1] not in "。!?;,"


# A photographer's credit (倪睿/摄, 记者 张三 摄, 摄影:李四) on its own line.
_CREDIT_RE = re.compile(
    r"^(?:记者)?\s*[\u4e00-\u9fff·]{1,8}\s*(?:[/／]\s*)?摄(?:影)?$|^摄影[:：]\s*\S{1,12}$"
)


def _is_caption(line: str, following: str) -> bool:
    """A photo caption: a short line before a credit line, a credit, or 图为…/▲….

    >>> _is_caption("中信重工高端电液智能控制产业基地", "倪睿/摄"), _is_caption("倪睿/摄", "")
    (True, True)
    >>> _is_caption("洛阳建设智慧岛。", "倪睿/摄"), _is_caption("科技产业社区", "正文")
    (False, False)
    """
    stripped = line.strip()
    if _CREDIT_RE.match(stripped) or stripped.startswith(("图为", "▲", "△")):
        return True
    return _is_heading(stripped) and bool(_CREDIT_RE.match(following.strip()))


def _headline_city(line: str, following: str, current: str | None) -> str | None:
    """The city of the item that ``line`` opens (``current`` if not a headline)."""
    named = cities_in(line)
    if named:
        return named[0]
    head, colon, tail = line.partition(":")
    if colon and head.strip() and tail.strip():
        body = cities_in(following[:_LOOKAHEAD])
        return body[0] if body else current
    return current


def _line_chunks(text: str) -> Iterator[tuple[int, str, int]]:
    """Paragraphs as ``(start, text, line_no)``, re-joining wrapped lines."""
    pos = 0
    line_no = 1
    para_start, para_line = 0, 1
    lines = text.split("\n")
    for index, line in enumerate(lines):
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        wrapped = (
            len(line.strip()) >= _WRAP_MIN
            and line.rstrip()[-1:] not in _CLOSING
            and nxt[:1] not in ("", " ")
        )
        pos_after = pos + len(line) + 1
        if not wrapped:
            yield para_start, text[para_start : pos + len(line)], para_line
            para_start, para_line = pos_after, line_no + 1
        pos = pos_after
        line_no += 1


def split_sentences(
    text: str, default_city: str | None, province: str | None = None
) -> list[Sentence]:
    """Split normalised text into sentences, tagging each with its city.

    Parameters
    ----------
    text
        Normalised text (see :func:`~geo_app.extraction._normalize.normalize_text`).
    default_city
        City of the document's opening passage.
    province
        Province the document speaks of, for passages without a city.

    Returns
    -------
    list of Sentence

    Examples
    --------
    >>> s = split_sentences("洛阳建设A。\\n衡阳高新区: 新闻\\n衡阳建设B。", "洛阳市")
    >>> [(x.text, x.city) for x in s]
    [('洛阳建设A。', '洛阳市'), ('衡阳高新区: 新闻', '衡阳市'), ('衡阳建设B。', '衡阳市')]
    """
    sentences: list[Sentence] = []
    city = default_city
    chunks = [c for c in _line_chunks(text) if c[1].strip()]
    for index, (start, para, line_no) in enumerate(chunks):
        following = chunks[index + 1][1] if index + 1 < len(chunks) else ""
        if _is_caption(para, following):
            continue
        if _is_heading(para):
            after = start + len(para)
            city = _headline_city(para, text[after : after + _LOOKAHEAD], city)
        pieces = _SENTENCE_SPLIT_RE.split(para)
        offset = start
        for piece in pieces:
            inline = _INLINE_HEADLINE_RE.match(piece.strip()) or _DATELINE_RE.match(piece.strip())
            if inline is not None:
                # 常州市: … — a news round-up names each item's city first.
                city = cities_in(inline.group(1))[0]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                sentences.append(
                    Sentence(
                        piece.strip(),
                        offset + lead,
                        city,
                        line_no + para.count("\n", 0, offset - start),
                        (province_of(city) if city else None) or province,
                    )
                )
            offset += len(piece)
    return sentences
