"""The city a carrier lies in, from its own name first, then its passage."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from geo_app.extraction._generic import is_generic_name
from geo_app.extraction._lexicon import (
    DEPENDENT_SUFFIXES,
    ORGANISATION_WORDS,
    suffix_category,
)
from geo_app.extraction._places import (
    AMBIGUOUS_CITIES,
    PROVINCES,
    cities_in,
    city_at,
    city_prefix_length,
    county_city_at,
    county_city_in_province,
    foreign_countries,
    landmark_city_at,
    prefecture_after_province,
    prefectures_by_short_name,
    province_of,
    province_short,
    provinces_in,
)
from geo_app.extraction._text import Sentence

__all__ = ["PROVINCIAL_ZONES", "abroad_country", "city_of", "out_of_area_place", "place_city"]

PROVINCIAL_ZONES = ("自主创新示范区", "自由贸易试验区", "自贸试验区", "自贸区", "自创区")


_OUT_OF_AREA_RE = re.compile(
    r"在((?:[\u4e00-\u9fff、]{2,12}?)(?:等[\u4e00-\u9fff]{0,8}?)?)"
    r"(?=布局|建设|设立|建立|共建|自建|打造|发展)"
)


_BRACKETED_PLACE_RE = re.compile(r"^[^()]{1,10}\(([^()]{2,10})\)")


_PROVINCE_HEAD_RE = re.compile(
    r"^(?:中国)?(?:\([^()]*\))?(?:"
    + "|".join(sorted(PROVINCES, key=len, reverse=True))
    + ")(?:省|市|自治区|回族自治区|壮族自治区|维吾尔自治区)?"
    # 新疆生产建设兵团五家渠…: the corps' cities come after its name.
    + "(?:生产建设兵团)?"
)


_BILATERAL_RE = re.compile("中[新德韩以法意日俄美英欧奥瑞荷芬丹澳马泰越巴白哈乌沙阿][(]?")


_PROVINCE_BEFORE_RE = re.compile(
    "(" + "|".join(sorted(PROVINCES, key=len, reverse=True)) + ")(?:省|市|自治区)?的?$"
)


def _county_after_province(whole: str, text: str) -> str | None:
    """The city of a county written short at the head of a name, when the
    county's own province is written right before the name (山东省的台儿庄
    古城文化产业园, in a list of several provinces' parks)."""
    if city_at(whole) is not None:
        return None
    county = county_city_at(whole, short_names=True)
    if county is None:
        return None
    at = text.find(whole)
    if at <= 0:
        return None
    province = _PROVINCE_BEFORE_RE.search(text, max(0, at - 8), at)
    if province is None or not (province_of(county) or "").startswith(province.group(1)):
        return None
    return county


def city_of(name: str, district: str, sentence: Sentence, suffix: str) -> str:
    """The city a carrier belongs to, from its own name first.

    A city at the head of the name; a county written in full (常熟市 …)
    wherever the text is; the city of a 片区; the city inside a name that
    starts with a province or 中国; else the passage's city, and in a
    passage that has none (a province-wide list), a county written short
    (江华, 临澧).
    """
    if suffix in PROVINCIAL_ZONES:
        # 郑洛新国家自主创新示范区 spans cities; 杭州国家自主创新示范区 is one,
        # and so are 中关村 (a landmark) and a municipality's 中国(北京)….
        whole = district + name
        bracket = _BRACKETED_PLACE_RE.match(whole)
        municipal = (
            city_at(bracket.group(1))
            if bracket is not None and bracket.group(1).startswith(PROVINCES[:4])
            else None
        )
        return city_at(whole) or landmark_city_at(whole) or municipal or ""
    whole = district + name
    located = _BRACKETED_PLACE_RE.match(whole)
    if located is not None:
        # 株洲(深圳)离岸创新中心, 中国(南昌)中医药科创城: the place in
        # brackets is where the carrier lies, the name before it its owner.
        place = located.group(1)
        if not place.startswith(PROVINCES[4:]):
            # 阳东(金湾)科创孵化基地, 黄冈(光谷)离岸科创中心: a district or a
            # landmark written short is the place too; so is a municipality
            # (宣城(上海)科创中心), unlike a province (中国(山东)…).
            bracket_city = (
                city_at(place)
                # 中柬(北海)产业园: a city whose short name is also a word
                # (北海, 大同) is the place when the brackets hold it alone.
                or (
                    city_at(place + "市")
                    if city_prefix_length(place + "市") == len(place) + 1
                    else None
                )
                or county_city_at(place)
                or county_city_at(place, short_names=True)
                or landmark_city_at(place)
            )
            if bracket_city is None and whole.startswith(PROVINCES):
                # 广西(北流)轻工产业园: a county written short after its province.
                bracket_city = _county_of(place, whole[: whole.index("(")])
            if bracket_city is not None:
                return bracket_city
    if suffix.endswith("飞地"):
        # 宿州市杭州科创飞地: an enclave of one city lies in the city written
        # after it.
        # 金湖南京科创飞地: the owner may be a county.
        owner = city_at(whole) or county_city_at(whole, short_names=True)
        hosts = cities_in(whole[2:])
        if owner is not None and hosts and hosts[-1] != owner:
            return hosts[-1]
    bilateral = _BILATERAL_RE.match(whole)
    if bilateral is not None and city_at(whole, bilateral.end()) is not None:
        # 中新苏州工业园区, 中韩(惠州)产业园: a park of two countries lies in
        # the city written after them.
        return city_at(whole, bilateral.end()) or ""
    provincial = _county_after_province(whole, sentence.text)
    if provincial is not None:
        return provincial
    branch_cities = cities_in(whole[2:]) if whole.endswith("分园") else ()
    if branch_cities:
        # 中关村海淀园秦皇岛分园: a branch lies in the city written before 分园.
        return branch_cities[-1]
    named = (
        city_at(whole)
        or _short_city(whole, sentence.city, sentence.province)
        or county_city_at(whole)
        or landmark_city_at(whole)
    )
    if named is not None:
        return named
    written = set(provinces_in(sentence.text))
    if len(written) == 1:
        # 江西的…开发区包括…井冈山、龙南…: a county written short in a
        # sentence that names its province.
        county = _county_of(whole, next(iter(written)))
        if county is not None:
            return county
    prefecture = _prefecture_head(whole)
    if prefecture is not None:
        return prefecture
    if whole.startswith("国家"):
        # 国家安国中药材产业示范园区: a national park named after its county.
        national = city_at(whole, 2) or _county_of(whole[2:], sentence.province)
        if national is not None:
            return national
    if suffix in DEPENDENT_SUFFIXES:
        inside = cities_in(name)
        if inside:
            return inside[-1]
    if whole.startswith(("中国", *PROVINCES)):
        head = _PROVINCE_HEAD_RE.sub("", whole, count=1)
        own = next(
            (
                c
                for c in AMBIGUOUS_CITIES
                if head.startswith(c) and whole.startswith(province_of(f"{c}市") or "-")
            ),
            None,
        )
        if own is not None:
            # 广西北海国家农业科技园区: after its own province, 北海 is the city.
            return f"{own}市"
        inside = cities_in(head)
        if head and inside and head.startswith(inside[0][:-1]):
            return inside[0]
        prefecture = prefecture_after_province(head, whole)
        if head and prefecture is not None:
            return prefecture
        county = _county_of(head, whole[: len(whole) - len(head)])
        landmark = landmark_city_at(head)
        if county is None and landmark and whole.startswith(("中国", province_of(landmark) or "-")):
            # 宁夏中关村双创孵化器: a landmark of another province is a brand.
            county = landmark
        brand = whole.startswith("中国") and not whole.startswith("中国(")
        if county is None and (brand or whole.endswith(ORGANISATION_WORDS)):
            # 山东潍工大投资有限公司 in a passage about 潍坊, 中国美业港… in one
            # about 扬州: a firm or a brand named after its province or the
            # country lies in the passage's city.
            return sentence.city or ""
        if (
            county is None
            and sentence.city
            and whole.startswith(province_of(sentence.city) or "-")
            and not is_generic_name(head)
        ):
            # 山西博尔众创空间 in a passage about 大同: named after its province,
            # it lies in the passage's city of that province.
            return sentence.city
        return county or ""
    county = _county_of(whole, sentence.province)
    if sentence.city:
        if county and county != sentence.city and _same_province(county, sentence.city):
            # 平罗工业园 in a passage about 银川: a county of another city of
            # the same province names the carrier's city.
            return county
        branded = _place_inside(whole)
        if branded is not None and branded != sentence.city:
            # 北航芜湖通航创新园 in a list of several cities' parks, 中科大铜陵
            # 科技创业园 in a text about 宣城: the place after a brand names the
            # carrier's city.
            return branded
        return sentence.city
    return county or ""


def _place_inside(whole: str) -> str | None:
    """The city of the first city, or county written in full, that follows a
    brand of two to four characters at the head of a name (北航芜湖…,
    中科大铜陵…); ``None`` when none does."""
    for at in range(2, 5):
        place = city_at(whole, at) or county_city_at(whole[at:])
        if place is not None and not is_generic_name(whole[at:]):
            return place
    return None


def _prefecture_head(whole: str) -> str | None:
    """The prefecture (not a city) whose bare short name heads a name, when
    it cannot be a word: three characters or more (黔西南高新技术产业开发区),
    or two before a zone's bare kind, a national designation or one of its
    own counties (湘西高新区, 阿里措勤农业科技园区)."""
    for short, full in _prefectures_by_head().get(whole[:1], ()):
        if not whole.startswith(short) or short in PROVINCES:
            continue
        rest = whole[len(short) :]
        if (
            len(short) >= 3
            or county_city_at(rest, short_names=True) == full
            # 湘西高新区, 甘南国家农业科技园区 (阿里数字经济产业园 is a brand's).
            or (is_generic_name(rest) and (rest.startswith("国家") or _is_zone(rest)))
        ):
            return full
    return None


@lru_cache(maxsize=1)
def _prefectures_by_head() -> dict[str, tuple[tuple[str, str], ...]]:
    """:func:`prefectures_by_short_name` by the first character of the short
    name, each in the order of the whole."""
    heads: dict[str, list[tuple[str, str]]] = {}
    for short, full in prefectures_by_short_name().items():
        heads.setdefault(short[:1], []).append((short, full))
    return {head: tuple(pairs) for head, pairs in heads.items()}


def _is_zone(name: str) -> bool:
    found = suffix_category(name)
    return found is not None and found[1] == "zone"


def _county_of(text: str, province: str | None) -> str | None:
    """The city of the county whose name, written short or in full, begins
    ``text``, if it lies in ``province`` (a short name or a text starting
    with one; ``None`` accepts any): 民乐 is a county of 张掖 in 甘肃, not
    a place in a text about 广西."""
    county = county_city_at(text, short_names=True)
    if county is None and province:
        return county_city_in_province(text, province_short(province) or "")
    if county is None or not province:
        return county
    own = province_of(county)
    return county if own is not None and province.startswith(own) else None


def _same_province(city: str, other: str) -> bool:
    province = province_of(city)
    return province is not None and province == province_of(other)


def _short_city(
    name: str, passage_city: str | None = None, province: str | None = None
) -> str | None:
    """A city whose short name is also a common word (长治, 延安 …) when the
    rest of the name is only a carrier kind (长治高新区), starts with one of
    its counties (延安黄陵…), or the passage is about that city (大同黄花众创空间
    in a text about 大同市) or about its province (来宾金凤凰…产业园 in a list
    of 广西's parks)."""
    for short in AMBIGUOUS_CITIES:
        if not name.startswith(short):
            continue
        rest = name[len(short) :]
        city = short + "市"
        if (
            is_generic_name(rest)
            or county_city_at(rest, short_names=True) == city
            or passage_city == city
            or (province is not None and province_of(city) == province and short not in PROVINCES)
        ):
            return city
    return None


@lru_cache(maxsize=16)
def _clause_marks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the clauses of ``text`` end (,。;:) and where 在 stands, each in
    order: looked up for every name of a long list instead of searched."""
    ends = tuple(m.start() for m in _CLAUSE_END_RE.finditer(text))
    ats = tuple(m.start() for m in _AT_RE.finditer(text))
    return ends, ats


_CLAUSE_END_RE = re.compile("[,。;:]")
_AT_RE = re.compile("在")


# Words of a carrier abroad after its country (德国汉堡国际离岸创新孵化中心,
# 美国硅谷浪潮海外孵化器).
_OFFSHORE_RE = re.compile("离岸|海外|境外")
_COUNTRY_JOINERS = "—-－·"


def abroad_country(name: str) -> str | None:
    """The country a carrier lies in when its name starts with one and it is
    no park of that country's firms in China.

    Abroad: the country is followed by a province of China whose park it is
    (赞比亚江西工业园, 埃塞俄比亚—广东工业园), by words of a carrier offshore
    (英国伦敦国际离岸创新孵化中心), or by a name of its own (越南海河工业园,
    斯洛伐克D1园区, 埃及国家水产产业园). In China: the country is followed by
    a city or county of China (新加坡杭州科技园, 以色列巴彦淖尔现代农业产业园)
    or a place in brackets (瑞士(贵州)产业示范园), or only by words of a kind
    (韩国工业园, 德国国际工业园: parks for a country's firms), or it names a
    people (朝鲜族…).

    Examples
    --------
    >>> abroad_country("越南海河工业园")
    '越南'
    >>> abroad_country("韩国工业园") is None
    True
    """
    countries = foreign_countries()
    if not name.startswith(countries):
        return None  # most names: one look settles it
    country = next(c for c in countries if name.startswith(c))
    rest = name[len(country) :].lstrip(_COUNTRY_JOINERS)
    if not rest or rest.startswith(("族", "(")):
        return None
    if rest.startswith(PROVINCES) and not rest.startswith(("香港", "澳门", "台湾")):
        return country
    if cities_in(rest) or county_city_at(rest) or landmark_city_at(rest):
        return None
    if _OFFSHORE_RE.search(rest) or not is_generic_name(rest):
        return country
    return None


def out_of_area_place(text: str, start: int, city: str) -> str:
    ends, ats = _clause_marks(text)
    before = bisect_left(ends, start)
    clause_start = ends[before - 1] + 1 if before else 0
    if bisect_left(ats, start) == bisect_left(ats, clause_start):
        # No 在 in the clause before the name: no place it is built in.
        return ""
    for match in _OUT_OF_AREA_RE.finditer(text, clause_start, start):
        named = cities_in(match.group(1))
        if (named and named[0] != city) or (
            # 在乌兹别克斯坦建设河北工业园: built in another country.
            not named and match.group(1).startswith(foreign_countries())
        ):
            return match.group(1)
    return ""


def place_city(place: str) -> str | None:
    """The city of a place name (a city, a county, a zone named after a
    city) that ends ``place``: 十堰, 分别是咸宁高新区, 咸安区, 赤壁市."""
    for start in range(len(place) - 1):
        tail = place[start:]
        city = city_at(tail) or county_city_at(tail)
        if city and (
            city_prefix_length(tail) == len(tail)
            or county_city_at(tail) is not None
            or is_generic_name(tail[city_prefix_length(tail) :])
        ):
            return city
    return None
