"""Names of Chinese provinces and prefecture-level cities.

Used to tell which city a passage, a news item or a carrier name belongs to.
Short forms (``洛阳``) are listed; ``市`` is optional in text.  The list
covers the prefecture-level divisions of mainland China (2021 vintage) and
the four municipalities, so the extractor works on any city's plan.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "AMBIGUOUS_CITIES",
    "CITIES",
    "PREFECTURES",
    "PROVINCES",
    "cities_in",
    "city_at",
    "city_initials_length",
    "city_prefix_length",
    "county_cities_in",
    "county_city_at",
    "county_city_in_province",
    "county_names",
    "foreign_countries",
    "full_city_name",
    "is_one_place",
    "is_place_only",
    "landmark_city_at",
    "most_common_city",
    "most_common_county_city",
    "most_named_county_city",
    "place_heads",
    "prefecture_after_province",
    "province_short",
    "provinces_in",
    "zone_landmark_cities",
]

PROVINCES: tuple[str, ...] = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江",
    "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东",
    "广西", "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏",
    "新疆", "香港", "澳门", "台湾",
)  # fmt: skip
_PROVINCE_SET = frozenset(PROVINCES)

_CITIES_BY_PROVINCE = """
北京 天津 上海 重庆
石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水
太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布
沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛
长春 吉林 四平 辽源 通化 白山 松原 白城
哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化
南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁
杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水
合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城
福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德
南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶
济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽
郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源
武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 仙桃 潜江 天门
长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底
广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮
南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左
海口 三亚 三沙 儋州
成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳
贵阳 六盘水 遵义 安顺 毕节 铜仁
昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧
拉萨 日喀则 昌都 林芝 山南 那曲
西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛
兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南
西宁 海东
银川 石嘴山 吴忠 固原 中卫
乌鲁木齐 克拉玛依 吐鲁番 哈密
台北 新北 桃园 台中 台南 高雄 基隆 新竹 嘉义
"""

#: Length of a pair of places written one character each (湘琼, 深儋: 湖南
#: and 海南, 深圳 and 儋州), as partnership parks are named.
PLACE_PAIR = 2

#: Short names of prefecture-level cities (and the municipalities).
CITIES: tuple[str, ...] = tuple(dict.fromkeys(_CITIES_BY_PROVINCE.split()))

# The first characters of one province's cities (成都, 德阳, 眉山 … → 成德眉).
_INITIALS_BY_PROVINCE: tuple[frozenset[str], ...] = tuple(
    frozenset(city[0] for city in row.split())
    for row in _CITIES_BY_PROVINCE.strip().splitlines()[1:]
)
# The fewest cities a region written by their initials names (成德眉资, 厦漳泉).
_MIN_INITIALS = 3


def city_initials_length(text: str) -> int:
    """Length of the region that opens ``text`` written by the first
    characters of three or more cities of one province (成德眉资 for 成都,
    德阳, 眉山, 资阳), 0 when none does.

    >>> city_initials_length("成德眉资综合改革试验区")
    4
    >>> city_initials_length("成都东部新区")
    0
    """
    best = 0
    for initials in _INITIALS_BY_PROVINCE:
        length = 0
        while length < len(text) and text[length] in initials:
            length += 1
        if length >= _MIN_INITIALS and length > best:
            best = length
    return best


_MUNICIPALITIES = frozenset({"北京", "天津", "上海", "重庆"})
# Names that are also common words or district names inside other cities;
# they count as a city only when written with 市.
AMBIGUOUS_CITIES = _AMBIGUOUS = frozenset(
    {"吉林", "朝阳", "中山", "山南", "白山", "黄山", "海东", "北海", "伊春", "安康", "大同"}
    | {"长治", "中卫", "吉安", "白银", "来宾", "安顺", "延安"}
    # 新北区 of 常州, 桃园 "peach garden", 平台中 "in the platform", 新竹 "new bamboo".
    | {"新北", "桃园", "台中", "新竹"}
)

_PREFECTURE_RE = re.compile(
    r"^(.+?)(?:(?:土家|苗|回|哈萨克|柯尔克孜|彝|蒙古|朝鲜|白|傣|景颇|傈僳|壮|藏|哈尼|布依|侗|羌)族?)+"
    r"自治州$|^(.+?)(?:地区|盟)$"
)


@lru_cache(maxsize=1)
def _county_rows() -> tuple[dict[str, str], ...]:
    """The rows of ``counties.csv`` (county, short, city, province), read once."""
    try:
        with _COUNTIES_CSV.open(encoding="utf-8", newline="") as handle:
            return tuple(csv.DictReader(handle))
    except OSError:  # pragma: no cover - shipped with the package
        return ()


def province_short(name: str) -> str | None:
    """The short name of the province ``name`` begins with (广西壮族自治区 → 广西).

    Examples
    --------
    >>> province_short("广西壮族自治区"), province_short("某地") is None
    ('广西', True)
    """
    # No short name of a province begins another's (广西, 内蒙古, 黑龙江).
    return next((p for p in (name[:2], name[:3]) if p in _PROVINCE_SET), None)


def _prefecture_forms() -> dict[str, str]:
    """Autonomous prefectures, 地区 and 盟 (恩施土家族苗族自治州, 阿克苏地区):
    the ways a text writes them (full, 恩施州, 阿克苏地区) → full name.  The
    bare short name (恩施, 红河) is left out: it is often a river, a county
    or a word."""
    forms: dict[str, str] = {}
    for full in sorted({row["city"] for row in _county_rows()}):
        match = _PREFECTURE_RE.match(full)
        if match is None or full.endswith("市"):
            continue
        short = match.group(1) or match.group(2)
        forms[full] = full
        if full.endswith("自治州") and short not in PROVINCES:
            forms[short + "州"] = full
    # Prefectures written by their first character (克州, 博州); 巴州 is also
    # a county of 巴中 and is left out.
    for written, head in (("克州", "克孜勒苏"), ("博州", "博尔塔拉")):
        found = next((f for f in forms.values() if f.startswith(head)), None)
        if found is not None:
            forms[written] = found
    return forms


_SHARED_COUNTIES_CSV = Path(__file__).with_name("data") / "shared_counties.csv"
_COUNTIES_CSV = Path(__file__).with_name("data") / "counties.csv"
#: Written forms of prefectures that are not cities (恩施州 → 恩施土家族苗族自治州).
PREFECTURES: dict[str, str] = _prefecture_forms()


@lru_cache(maxsize=1)
def prefectures_by_short_name() -> dict[str, str]:
    """Bare short names of the prefectures that are not cities (黔西南, 阿里)
    → their full names."""
    return _prefectures_by_short_name()


@lru_cache(maxsize=1)
def _prefectures_by_short_name() -> dict[str, str]:
    shorts: dict[str, str] = {}
    for full in set(PREFECTURES.values()):
        match = _PREFECTURE_RE.match(full)
        if match is not None:
            shorts[match.group(1) or match.group(2)] = full
    return shorts


def prefecture_after_province(text: str, province: str) -> str | None:
    """The prefecture whose bare short name (伊犁, 阿克苏) begins ``text``,
    when it lies in ``province``: right after its own province the short
    name can only be the prefecture (新疆伊犁国家农业科技园区).

    Examples
    --------
    >>> prefecture_after_province("伊犁国家农业科技园区", "新疆")
    '伊犁哈萨克自治州'
    >>> prefecture_after_province("伊犁国家农业科技园区", "湖南") is None
    True
    """
    for short, full in _prefectures_by_short_name().items():
        if text.startswith(short) and province_of(full) == province_short(province):
            return full
    return None


# 大同经开区, 吉林高新区: a zone word right after a city's short name that is
# also a common word (大同, 吉林, 中山) makes it the city.
_ZONE_AFTER = "经开区|高新区|经济技术开发区|经济开发区|高新技术产业开发区|综合保税区|综保区"
# Longest first so 马鞍山 wins over 鞍山.
# 建成都市现代农业示范园区, 形成都市圈: 成 closes a verb there, 都市 is "urban".
# The check stands after the name's first character, so that every name opens
# with a plain character and a scan skips quickly to where a name can begin.
_WORD_BEFORE = {"成都": "建完形变达组构生"}


def _city_head(city: str) -> str:
    """The pattern of a city's short name, with its check of the word before."""
    first = re.escape(city[0])
    before = _WORD_BEFORE.get(city)
    return first + (f"(?<![{before}]{first})" if before else "") + re.escape(city[1:])


_CITY_RE = re.compile(
    "|".join(
        sorted(
            [
                *(
                    _city_head(c) + (f"(?:市|(?={_ZONE_AFTER}))" if c in _AMBIGUOUS else "市?")
                    for c in CITIES
                ),
                *map(re.escape, PREFECTURES),
            ],
            key=len,
            reverse=True,
        )
    )
)


def full_city_name(short: str) -> str:
    """Return the official name with 市, e.g. ``洛阳`` → ``洛阳市``.

    Examples
    --------
    >>> full_city_name("洛阳")
    '洛阳市'
    >>> full_city_name("漯河市")
    '漯河市'
    """
    short = short.removesuffix("市")
    return short + "市"


def _short(name: str) -> str:
    return name.removesuffix("市") if name.removesuffix("市") in CITIES else name


def _full(written: str) -> str:
    """The official name of a city or prefecture as written in a text."""
    if written in PREFECTURES:
        return PREFECTURES[written]
    return full_city_name(_short(written))


# The first two characters of every name _CITY_RE matches (each is two or
# more characters long).
_CITY_HEADS = frozenset(name[:2] for name in (*CITIES, *PREFECTURES))


@lru_cache(maxsize=4096)
def cities_in(text: str) -> tuple[str, ...]:
    """All city mentions in ``text``, in order, as full names with 市.

    Examples
    --------
    >>> cities_in("衡阳高新区与洛阳市合作")
    ('衡阳市', '洛阳市')
    >>> cities_in("全市建成都市现代农业示范园区4个")
    ()
    """
    return tuple(_full(m.group(0)) for m in _CITY_RE.finditer(_mask_prefecture_shorts(text)))


def city_at(text: str, start: int = 0) -> str | None:
    """The city whose name begins ``text`` at ``start``, or ``None``.

    Examples
    --------
    >>> city_at("郑州经开智慧岛")
    '郑州市'
    >>> city_at("经开智慧岛") is None
    True
    """
    if text[start : start + 2] not in _CITY_HEADS:
        return None  # most places of a text begin no city: one look settles it
    match = _CITY_RE.match(text, start)
    if match is None or _landmark_over(text, start, match.end()):
        return None
    return _full(match.group(0))


def _landmark_over(text: str, start: int, end: int) -> bool:
    """Whether a landmark longer than the city name at ``start:end`` begins
    there (桂林洋 is a place of 海口, not 桂林)."""
    found, pattern = _landmarks()
    landmark = pattern.match(text, start)
    return (
        landmark is not None
        and landmark.end() > end
        and found[landmark.group(0)][0] != _full(text[start:end])
    )


def city_prefix_length(text: str) -> int:
    """Length of the city name (with or without 市) that begins ``text``, or 0.

    Examples
    --------
    >>> city_prefix_length("聊城山东省大学科技园"), city_prefix_length("东城产业集聚区")
    (2, 0)
    """
    if text[:2] not in _CITY_HEADS:
        return 0
    match = _CITY_RE.match(text)
    return match.end() if match else 0


# A firm or a college named after a city (宁德时代, 武汉大学) says nothing of
# where a text is.
_NAMED_AFTER_A_CITY = ("时代", "大学", "集团", "银行")


def _mask_prefecture_shorts(text: str) -> str:
    """``text`` with the bare short names of prefectures blanked out, so that
    no city is read inside one (黔东南通过… holds no 南通).

    >>> most_common_city("产业园是黔东南通过招商引进的")
    >>> most_common_city("青海西宁市")
    '西宁市'
    """
    shorts = _prefectures_by_short_name()
    pattern = _prefecture_short_re()

    def blank(match: re.Match[str]) -> str:
        full = shorts[match.group(0)]
        if text.startswith(full, match.start()) or text.startswith("州", match.end()):
            return match.group(0)
        return "\u3000" * len(match.group(0))

    return pattern.sub(blank, text)


@lru_cache(maxsize=1)
def _prefecture_short_re() -> re.Pattern[str]:
    # Three characters or more: a two-character short name (海西) would hide
    # a city written right after its province (青海西宁).
    shorts = sorted((n for n in _prefectures_by_short_name() if len(n) >= 3), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, shorts)))


def most_common_city(text: str) -> str | None:
    """The city mentioned most often in ``text`` (first seen wins ties).

    Examples
    --------
    >>> most_common_city("洛阳市……洛阳……漯河")
    '洛阳市'
    """
    masked = _mask_prefecture_shorts(text)
    found = [
        _full(m.group(0))
        for m in _CITY_RE.finditer(masked)
        if not text.startswith(_NAMED_AFTER_A_CITY, m.end())
    ]
    if not found:
        return None
    counts = Counter(found)
    best = max(counts.values())
    return next(c for c in found if counts[c] == best)


# County names that are everyday words (南区 of 香港 in 开发区南区, 矿区,
# 中西 "Chinese and Western", 大堂 "lobby", 龙江 for 黑龙江, 城西 "west of
# town" for 西宁's 城西区): read as places they would place a carrier in the
# wrong city.
_COMMON_WORD_COUNTIES = frozenset(
    {"东区", "西区", "南区", "北区", "矿区", "中西", "大堂", "离岛", "龙江", "城东", "城西", "城北"}
)


@lru_cache(maxsize=1)
def _county_cities() -> tuple[dict[str, str], dict[str, str]]:
    """County-level units → their city: full names and unique short names."""
    full: dict[str, str] = {}
    short: dict[str, str] = {}
    for row in _county_rows():
        if row["county"] not in _COMMON_WORD_COUNTIES:
            full[row["county"]] = row["city"]
        if row["short"] and row["short"] not in _COMMON_WORD_COUNTIES:
            short[row["short"]] = row["city"]
    for row in _county_rows():
        # 肃南县 for 肃南裕固族自治县, 鄂伦春旗 for 鄂伦春自治旗: an autonomous
        # county written with its short name and its unit word.
        unit = row["county"][-1]
        if row["county"].endswith(("自治县", "自治旗")) and row["short"]:
            full.setdefault(row["short"] + unit, row["city"])
    return full, short


def _county_finds(text: str, *, short_names: bool = False) -> list[tuple[int, str]]:
    """Where county names (full, or short with ``short_names``) stand in
    ``text``, left to right, the longest at each place, none overlapping: what
    an alternation of the names would find, at a fraction of its cost.

    A name ending in 区 is none before 域 (东中西区域合作: 区域 is a word, 中西区
    is no county there).
    """
    full, short = _county_cities()
    words = short if short_names else full
    index = _county_lengths()[1 if short_names else 0]
    heads, lengths = index.heads, index.lengths
    found: list[tuple[int, str]] = []
    at = 0
    while at < len(text):
        size = 0
        if text[at : at + 2] in heads or (index.single and text[at] in words):
            size = next(
                (
                    n
                    for n in lengths
                    if text[at : at + n] in words
                    and len(text[at : at + n]) == n
                    and not (text[at + n - 1] == "区" and text.startswith("域", at + n))
                ),
                0,
            )
        if size:
            found.append((at, text[at : at + size]))
            at += size
        else:
            at += 1
    return found


def county_city_at(text: str, *, short_names: bool = False, start: int = 0) -> str | None:
    """The city of the county-level unit whose name begins ``text``.

    Full names (常熟市, 原州区, 江华瑶族自治县) always count; short names
    (常熟, 江华) only when ``short_names`` is set, since a short name can
    also be a functional zone of another city (东城 in 漯河 vs 东城区 in
    北京).  A name shared by two units counts for neither.

    Examples
    --------
    >>> county_city_at("常熟市国家大学科技园"), county_city_at("常熟国家大学科技园")
    ('苏州市', None)
    >>> county_city_at("江华高新区", short_names=True)
    '永州市'

    ``start`` reads the name where it begins inside ``text`` (a long
    sentence is not copied to its end for the few characters a name has).
    """
    full, short = _county_cities()
    full_lengths, short_lengths = _county_lengths()
    if start:
        text = text[start : start + _county_span()]
    size = _longest_prefix(text, full, full_lengths)
    if size and not (text[size - 1] == "区" and text.startswith("域", size)):
        # (东中西区域合作: 区域 is a word, 中西区 is no county there.)
        return full[text[:size]]
    if short_names:
        size = _longest_prefix(text, short, short_lengths)
        shorts = _prefecture_shorts()
        if size and _longest_prefix(text, shorts, _prefecture_index()) <= size:
            # 黔西 is a county of 毕节, 黔西南 a prefecture of its own.
            return short[text[:size]]
    return None


def _longest_prefix(text: str, words: Container[str], index: _WordIndex) -> int:
    """The length of the longest of ``words`` (indexed by ``index``) that
    begins ``text``, 0 for none: what the alternation of the words matches,
    without running it."""
    lengths = index.by_head.get(text[:2])
    if lengths is None:
        # Most texts begin with no name at all: one look settles it.
        return 1 if index.single and text[:1] in words else 0
    # Only the lengths of the names that begin with these two characters.
    for size in lengths:
        if size <= len(text) and text[:size] in words:
            return size
    return 0


@dataclass(frozen=True, slots=True)
class _WordIndex:
    """The lengths of a list of names (longest first), the two characters
    each name of two or more begins with, and whether any has one only."""

    lengths: tuple[int, ...]
    heads: frozenset[str]
    single: bool
    # The lengths of the names each two characters begin (longest first),
    # then 1 when a name of one character exists.
    by_head: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, words: Iterable[str]) -> _WordIndex:
        words = list(words)
        single = any(len(w) == 1 for w in words)
        grouped: dict[str, set[int]] = {}
        for word in words:
            if len(word) > 1:
                grouped.setdefault(word[:2], set()).add(len(word))
        return cls(
            lengths=tuple(sorted({len(w) for w in words}, reverse=True)),
            heads=frozenset(grouped),
            single=single,
            by_head={
                head: (*sorted(sizes, reverse=True), *((1,) if single else ()))
                for head, sizes in grouped.items()
            },
        )


@lru_cache(maxsize=1)
def _county_lengths() -> tuple[_WordIndex, _WordIndex]:
    """The indexes of the full and of the short county names."""
    full, short = _county_cities()
    return _WordIndex.of(full), _WordIndex.of(short)


@lru_cache(maxsize=1)
def _county_span() -> int:
    """How many characters :func:`county_city_at` reads at most: the longest
    county or prefecture name and the one after it (区域)."""
    indexes = (*_county_lengths(), _prefecture_index())
    return max(length for index in indexes for length in index.lengths) + 1


def county_prefix_length(text: str) -> int:
    """Length of the county-level unit's name, written in full or short,
    that begins ``text`` (0 for none).

    >>> county_prefix_length("霍邱现代产业园"), county_prefix_length("现代产业园")
    (2, 0)
    """
    full, short = _county_cities()
    full_lengths, short_lengths = _county_lengths()
    size = _longest_prefix(text, full, full_lengths) or _longest_prefix(text, short, short_lengths)
    if not size or county_city_at(text, short_names=True) is None:
        return 0
    return size


_AREA_WORDS = ("省", "市", "县", "区", "地")


def is_one_place(item: str) -> bool:
    """Whether ``item`` is one city's or county's name and nothing more
    (宜宾, 平阳, 临洮县; not 河北滏东 or 陆丰水产, which :func:`is_place_only`
    takes)."""
    return len(item) > 1 and len(item) in (city_prefix_length(item), county_prefix_length(item))


def is_place_only(item: str) -> bool:
    """Whether a list item is only a place: a city, a county (written short
    or in full) or a province and two or three characters (河北滏东).

    >>> is_place_only("宁晋"), is_place_only("河北滏东"), is_place_only("物流园")
    (True, True, False)
    """
    item = item.strip()
    province = province_short(item)
    return (
        (county_city_at(item, short_names=True) is not None and len(item) <= 4)
        or (city_at(item) is not None and city_prefix_length(item) >= len(item) - 1)
        or (
            province is not None
            and item.startswith(province)
            and 2 <= len(item) - len(province) <= 3
            and not item.endswith(_AREA_WORDS)
        )
    )


@lru_cache(maxsize=1)
def _shared_short_names() -> dict[str, tuple[tuple[str, str], ...]]:
    """Short names two or more counties share (兴宁: 兴宁市 of 梅州 in 广东,
    兴宁区 of 南宁 in 广西) → their (city, province) pairs."""
    shared: dict[str, list[tuple[str, str]]] = {}
    for row in _county_rows():
        county = row["county"]
        if row["short"] or len(county) < 3 or county[-1] not in "市区县旗":
            continue
        shared.setdefault(county[:-1], []).append(
            (row["city"], province_short(row["province"]) or "")
        )
    return {short: tuple(pairs) for short, pairs in shared.items() if len(pairs) > 1}


def county_city_in_province(text: str, province: str) -> str | None:
    """The city of the county of ``province`` whose short name, shared with
    counties of other provinces, begins ``text`` (广西兴宁… → 南宁市).

    Examples
    --------
    >>> county_city_in_province("兴宁农业科技园区", "广西"), county_city_in_province("兴宁", "广东")
    ('南宁市', '梅州市')
    """
    for length in (3, 2):
        pairs = _shared_short_names().get(text[:length], ())
        cities = {city for city, own in pairs if own == province}
        if len(cities) == 1:
            return cities.pop()
    return None


@lru_cache(maxsize=1)
def _prefecture_shorts() -> frozenset[str]:
    """Short names of the prefectures that are not cities (黔西南, 恩施)."""
    return frozenset(written[:-1] for written in PREFECTURES if written.endswith("州"))


@lru_cache(maxsize=1)
def _prefecture_index() -> _WordIndex:
    """The index of :func:`_prefecture_shorts`."""
    return _WordIndex.of(_prefecture_shorts())


def county_cities_in(text: str, province: str | None = None) -> tuple[str, ...]:
    """The cities of the county-level units written in full in ``text``;
    with ``province``, also of those of that province written short (北流
    in a text about 广西).

    Examples
    --------
    >>> county_cities_in("赤壁市和咸安区")
    ('咸宁市', '咸宁市')
    >>> county_cities_in("广西北流…民乐镇", "广西")
    ('玉林市',)
    """
    full, short = _county_cities()
    found = [(start, full[name]) for start, name in _county_finds(text)]
    if province is not None:
        taken = {start for start, _ in found}
        found += [
            (start, short[name])
            for start, name in _county_finds(text, short_names=True)
            if start not in taken
            and city_at(text, start) is None
            and province_of(short[name]) == province
        ]
    return tuple(city for _, city in sorted(found))


def most_common_county_city(text: str) -> str | None:
    """The city of the county-level units written in full most often in
    ``text`` (青州市, 宁乡市 …), for a text that names no city itself.

    Examples
    --------
    >>> most_common_county_city("青州市天时公司……青州市亚泰花卉众创空间")
    '潍坊市'
    """
    full, _ = _county_cities()
    found = [full[name] for _, name in _county_finds(text)]
    if not found:
        return None
    counts = Counter(found)
    best = max(counts.values())
    return next(c for c in found if counts[c] == best)


_PROPER_FLAGS = frozenset({"ns", "nr", "nrt", "nz", "j"})


def most_named_county_city(text: str) -> str | None:
    """The city whose counties, written short or in full, ``text`` names
    most often (at least twice, and more often than any other city's), for
    a text that names no city itself (蒙自经济技术开发区…红河综合保税区 → 红河州).

    Examples
    --------
    >>> most_named_county_city("蒙自经济技术开发区……红河综合保税区……全州工业园区")
    '红河哈尼族彝族自治州'
    """
    from geo_app.extraction._lexicon import STOP_WORDS  # (they read the gazetteer too)
    from geo_app.extraction._segment import tag_words

    counts = Counter(
        city
        for start, end, city, short in county_mentions(text)
        # 全州 (the whole prefecture), 合作 (经济合作区), 新建, 河北: a short
        # name that is a common word or a province names no county.
        if not short
        or (
            text[start:end] not in STOP_WORDS
            and not text[start:end].startswith(PROVINCES)
            and all(flag in _PROPER_FLAGS for _, flag in tag_words(text[start:end]))
        )
    )
    if not counts:
        return None
    (best, top), *rest = counts.most_common()
    return best if top >= 2 and (not rest or rest[0][1] < top) else None


def county_mentions(text: str) -> tuple[tuple[int, int, str, bool], ...]:
    """Every county-level unit named in ``text``: start, end, its city and
    whether it is written short (靖江) rather than in full (靖江市).

    Examples
    --------
    >>> county_mentions("靖江市和靖江开发区")
    ((0, 3, '泰州市', False), (4, 6, '泰州市', True))
    """
    full, short = _county_cities()
    found = [(start, start + len(name), full[name], False) for start, name in _county_finds(text)]
    taken = {i for start, end, _, _ in found for i in range(start, end)}
    found += [
        (start, start + len(name), short[name], True)
        for start, name in _county_finds(text, short_names=True)
        if start not in taken
        and city_at(text, start) is None
        # 海南 (海南区 of 乌海), 河北 (河北区 of 天津): a province's name.
        and name not in PROVINCES
        # 黔西 is a county of 毕节, 黔西南 a prefecture of its own.
        and not any(text.startswith(p, start) and len(p) > len(name) for p in _prefecture_shorts())
    ]
    return tuple(sorted(found))


_LANDMARKS_CSV = Path(__file__).with_name("data") / "landmarks.csv"


@lru_cache(maxsize=1)
def _landmarks() -> tuple[dict[str, tuple[str, str]], re.Pattern[str]]:
    """Functional zones and universities whose names carry no city → city."""
    found: dict[str, tuple[str, str]] = {}
    try:
        with _LANDMARKS_CSV.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                found[row["name"]] = (row["city"], row["kind"])
    except OSError:  # pragma: no cover - shipped with the package
        pass
    if not found:
        return found, re.compile(r"(?!)")
    return found, re.compile("|".join(sorted(map(re.escape, found), key=len, reverse=True)))


def zone_landmark_cities(text: str) -> list[str]:
    """The cities of the functional zones named in ``text``, once per
    mention (松山湖…松山湖 → 东莞市, 东莞市); universities are left out,
    since a text names partner universities of other cities, and so are
    zones that are counties too (滨海新区).

    >>> zone_landmark_cities("依托松山湖科技产业园区，办好松山湖留学生创业园")
    ['东莞市', '东莞市']
    """
    found, pattern = _landmarks()
    counties = county_names()
    return [
        found[match.group(0)][0]
        for match in pattern.finditer(text)
        # 滨海新区 is a county too, and counted so.
        if found[match.group(0)][1] == "zone" and match.group(0) not in counties
    ]


@lru_cache(maxsize=1)
def place_heads() -> frozenset[str]:
    """First two characters of every city, prefecture, county and landmark
    name (each is at least two long): no place name begins where the next
    two characters are outside this set."""
    full, short = _county_cities()
    names = [*CITIES, *PREFECTURES, *full, *short, *_landmarks()[0]]
    return frozenset(name[:2] for name in names)


def landmark_city_at(text: str) -> str | None:
    """The city of the functional zone or university whose name begins
    ``text`` (郑东新区 → 郑州市, 湖南大学科技园 → 长沙市), or ``None``.

    A university name followed by 生 is a word for students
    (湖南大学生创业园), not the university.

    Examples
    --------
    >>> landmark_city_at("郑东新区智慧岛"), landmark_city_at("湖南大学科技园")
    ('郑州市', '长沙市')
    >>> landmark_city_at("湖南大学生创业园") is None
    True
    """
    found, pattern = _landmarks()
    match = pattern.match(text)
    if match is None:
        return None
    city, kind = found[match.group(0)]
    if kind == "university" and text.startswith("生", match.end()):
        return None
    # 中关村南阳科技产业园, 张江萧县高科技园: a branch named after the landmark
    # lies in the city or county written after it.
    return city_at(text, match.end()) or county_city_at(text[match.end() :]) or city


@lru_cache(maxsize=1)
def _joined_places() -> re.Pattern[str]:
    """Cities and counties with a joining character (和, 及, 与, 暨) inside
    their name (呼和浩特, 巴彦淖尔 …), longest first."""
    names = {*CITIES, *PREFECTURES, *county_names()}
    joined = sorted(
        (n for n in names if any(c in n[1:] for c in "和及与暨")), key=len, reverse=True
    )
    if not joined:
        return re.compile(r"(?!)")
    return re.compile("|".join(map(re.escape, joined)))


_COUNTRIES_CSV = Path(__file__).with_name("data") / "countries.csv"


@lru_cache(maxsize=1)
def foreign_countries() -> tuple[str, ...]:
    """The Chinese names of the world's other countries (``countries.csv``),
    longest first, less those a county or city of China begins with (巴林
    of 巴林右旗, 黑山 of 黑山县)."""
    try:
        with _COUNTRIES_CSV.open(encoding="utf-8", newline="") as handle:
            names = {row["name"] for row in csv.DictReader(handle)}
    except OSError:  # pragma: no cover - shipped with the package
        return ()
    longest = max((len(n) for n in names), default=0)
    # Every beginning of a place's name as long as a country's can be.
    heads = {
        place[:size]
        for place in county_names() | frozenset(CITIES)
        for size in range(2, min(len(place), longest) + 1)
    }
    return tuple(sorted((n for n in names if n not in heads), key=len, reverse=True))


@lru_cache(maxsize=1)
def county_names() -> frozenset[str]:
    """Every county-level unit's name, full (大足区) and short (大足), a
    short name two units share (太和 of 阜阳 and of 锦州) included: words
    that are places, whichever city they would give."""
    full, short = _county_cities()
    shared = {
        row["county"][:-1]
        for row in _county_rows()
        if row["county"][-1:] in "县区市旗" and len(row["county"]) >= 3
    }
    # 永定区 of 龙岩 and of 张家界: a full name two units share, and its short form.
    for county in _shared_full_names():
        shared.add(county)
        if len(county) >= 3:
            shared.add(county[:-1])
    return frozenset({*full, *short, *shared})


@lru_cache(maxsize=1)
def _shared_full_names() -> frozenset[str]:
    """The full names two or more county-level units share (``shared_counties.csv``)."""
    try:
        with _SHARED_COUNTIES_CSV.open(encoding="utf-8", newline="") as handle:
            return frozenset(row["county"] for row in csv.DictReader(handle))
    except OSError:  # pragma: no cover - shipped with the package
        return frozenset()


@lru_cache(maxsize=1)
def _joiner_led_places() -> tuple[str, ...]:
    """County names of three characters or more that open with a joining
    character (和林格尔): a 和 there begins a place, it joins nothing."""
    full, short = _county_cities()
    return tuple(n for n in {*full, *short} if n[0] in "和及与" and len(n) >= 3)


def inside_place(text: str, pos: int) -> bool:
    """Whether ``text[pos]`` lies inside (or opens) a city or county name, so that a
    和 there does not join two items (呼和浩特已有…).

    Examples
    --------
    >>> inside_place("呼和浩特已有41家星创天地", 1)
    True
    >>> inside_place("郑州和开封", 2)
    False
    """
    if text.startswith(_joiner_led_places(), pos):
        return True  # 和林格尔新区: the 和 opens a county's name
    low = max(0, pos - 8)
    return any(
        m.start() < pos < m.end()
        for m in _joined_places().finditer(text, low, min(len(text), pos + 9))
    )


def _province_table() -> dict[str, str]:
    lines = [line.split() for line in _CITIES_BY_PROVINCE.strip().splitlines()]
    table = {city: city for city in lines[0]}  # the municipalities
    for province, cities in zip(PROVINCES[4:], lines[1:], strict=False):
        table.update(dict.fromkeys(cities, province))
    # Prefectures that are not cities (湘西土家族苗族自治州, 阿克苏地区), cities
    # a province governs directly (济源市, 五家渠市) and their written forms
    # (湘西州), by the province their counties give.
    for row in _county_rows():
        own = province_short(row["province"])
        if own is not None:
            table.setdefault(row["city"].removesuffix("市"), own)
    for written, full in PREFECTURES.items():
        if full in table:
            table.setdefault(written, table[full])
    return table


_PROVINCE_OF = _province_table()


def province_of(city: str) -> str | None:
    """The province (short name) a city lies in.

    Examples
    --------
    >>> province_of("大同市"), province_of("重庆市"), province_of("某市")
    ('山西', '重庆', None)
    """
    return _PROVINCE_OF.get(city[:-1] if city.endswith("市") else city)


_PROVINCE_RE = re.compile("|".join(sorted(PROVINCES, key=len, reverse=True)))


@lru_cache(maxsize=256)
def provinces_in(text: str) -> tuple[str, ...]:
    """The provinces ``text`` speaks of, in order: each province named
    (广西, 湖南省) and the province of each city named.

    Examples
    --------
    >>> provinces_in("广西北流…玉林市…湖南省")
    ('广西', '广西', '湖南')
    """
    found: list[tuple[int, str]] = [(m.start(), m.group(0)) for m in _PROVINCE_RE.finditer(text)]
    named = {start for start, _ in found}
    found += [
        (m.start(), province)
        for m in _CITY_RE.finditer(text)
        # 北京 is read once, as a province, not again as its city.
        if m.start() not in named and (province := province_of(_full(m.group(0)))) is not None
    ]
    return tuple(province for _, province in sorted(found))
