"""Normalisation, numerals and sentence splitting."""

from __future__ import annotations

import pytest
import zhconv
from hypothesis import given, settings
from hypothesis import strategies as st

from geo_app.extraction import extract_text
from geo_app.extraction._normalize import normalize_name, normalize_text, to_simplified_char
from geo_app.extraction._numerals import parse_chinese_integer, parse_number, parse_range
from geo_app.extraction._places import cities_in, city_at, county_mentions
from geo_app.extraction._text import detect_city, split_sentences

_CN_DIGITS = "零一二三四五六七八九"


def to_chinese(value: int) -> str:
    """Write 0 <= value < 100000 as a Chinese numeral (二十, 一百零五, 三万二千)."""
    if value == 0:
        return "零"
    units = [(10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")]
    out = ""
    pending_zero = False
    for size, unit in units:
        digit, value = divmod(value, size)
        if digit:
            if pending_zero and out:
                out += "零"
            out += _CN_DIGITS[digit] + unit
            pending_zero = False
        elif out:
            pending_zero = True
    return out


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("２０２５年", "2025年"),
        ("不少于 120 家", "不少于120家"),
        ("达到 1 600家", "达到1600家"),
        ("13. 45亿元", "13.45亿元"),
        ("產業園區，經濟開發區", "产业园区,经济开发区"),
        ("5～8个", "5~8个"),
        ("2—3个", "2-3个"),
        ("“ 双倍增” 目标", "“双倍增”目标"),
    ],
    ids=[
        "fullwidth-digits",
        "spaces-in-number",
        "space-inside-number",
        "space-after-point",
        "traditional",
        "fullwidth-tilde",
        "em-dash",
        "space-in-quotes",
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw).text == expected


def test_offsets_point_back_to_the_original() -> None:
    raw = "建设 科技产業社區 不少于 ２０ 家"
    norm = normalize_text(raw)
    start = norm.text.index("科技产业社区")
    begin, end = norm.original_span(start, start + len("科技产业社区"))
    assert raw[begin:end] == "科技产業社區"
    begin, end = norm.original_span(norm.text.index("20"), norm.text.index("20") + 2)
    assert raw[begin:end] == "２０"


def test_normalize_name_ignores_width_quotes_and_spaces() -> None:
    assert normalize_name("中欧（洛阳）科创 国际合作产业园") == normalize_name(
        "中欧(洛阳)科创国际合作产业园"
    )
    assert normalize_name("“飞地孵化器”") == "飞地孵化器"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("一百二十", 120),
        ("一百零五", 105),
        ("两千", 2000),
        ("三万二千", 32000),
        ("二〇二五", 2025),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert parse_chinese_integer(text) == value
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("120", 120), ("1,600", 1600), ("2.83", 2.83), ("1.5万", 15000), ("3亿", 300_000_000)],
)
def test_arabic_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "bounds"),
    [("5~8", (5, 8)), ("2-3", (2, 3)), ("2至3", (2, 3)), ("三到五", (3, 5)), ("1 ~ 2", (1, 2))],
)
def test_ranges(text: str, bounds: tuple[int, int]) -> None:
    assert parse_range(text) == bounds


@pytest.mark.parametrize("text", ["", "abc", "家", "8~5"])
def test_bad_numbers_raise(text: str) -> None:
    with pytest.raises(ValueError):
        parse_range(text) if "~" in text else parse_number(text)


@settings(max_examples=200, deadline=None, database=None)
@given(st.integers(min_value=0, max_value=99_999))
def test_chinese_numeral_roundtrip(value: int) -> None:
    assert parse_chinese_integer(to_chinese(value)) == value


@settings(max_examples=150, deadline=None, database=None)
@given(st.text(max_size=200))
def test_normalize_never_crashes_and_maps_every_char(raw: str) -> None:
    norm = normalize_text(raw)
    assert len(norm.offsets) == len(norm.text) + 1
    assert list(norm.offsets) == sorted(norm.offsets)
    assert all(0 <= o <= len(raw) for o in norm.offsets)


def test_places() -> None:
    assert cities_in("马鞍山与鞍山") == ("马鞍山市", "鞍山市")
    assert city_at("洛阳伊滨") == "洛阳市"
    assert city_at("朝阳区") is None  # a district name, not the city 朝阳市
    assert detect_city("漯河市规划。漯河将建设……洛阳") == "漯河市"


def test_two_county_mentions_outweigh_a_partner_city_named_once() -> None:
    text = (
        "7家企业入驻高新区科创中试基地。\n"
        "借助对口合作契机,15个项目落户滨海新区化工产业园。\n"
        "推进凌河区军民融合产业园建设。\n深化与苏州、常州等地的对口合作。\n"
        "推动大有经济开发区和北镇精细化工产业园项目建设。"
    )
    assert detect_city(text) == "锦州市"


def test_a_county_short_name_that_is_a_verb_names_no_place() -> None:
    text = "全年新建孵化载体76个。\n乌鲁木齐市众创空间增至12家。\n新建孵化器3家。"
    assert detect_city(text) == "乌鲁木齐市"


def test_a_national_ranking_is_about_none_of_its_many_cities() -> None:
    text = (
        "217家国家级经开区的最新成绩单揭晓。\n"
        "前30名依次为苏州工业园区、广州经开区、天津经开区、北京经开区、昆山经开区、"
        "合肥经开区、青岛经开区、江宁经开区、杭州经开区、烟台经开区。"
    )
    assert detect_city(text) is None


def test_a_landmark_longer_than_a_city_name_is_no_city() -> None:
    assert city_at("桂林洋开发区") is None
    assert city_at("桂林高新区") == "桂林市"


def test_a_province_named_is_no_county_of_another_city() -> None:
    # 海南区 is a district of 乌海, 河北区 one of 天津.
    assert all(
        city not in ("乌海市", "天津市") for *_, city, _ in county_mentions("推动海南和河北合作")
    )


def test_news_items_take_their_own_city() -> None:
    text = (
        "洛阳市建设A产业园。\n"
        "衡阳高新区: “三强三新”促发展\n"
        "本报 衡阳高新区建设B产业园。\n"
        "中关村示范区: 大赛出炉\n"
        "本报讯 北京深势科技有限公司入围。\n"
        "以创新引领发展\n"
        "北京继续推进。"
    )
    cities = [s.city for s in split_sentences(text, "洛阳市")]
    assert cities == ["洛阳市", "衡阳市", "衡阳市", "北京市", "北京市", "北京市", "北京市"]


def test_wrapped_pdf_lines_are_one_sentence() -> None:
    text = "洛阳高新区科技创新部高新技术企业科负责人表示,力争上半年完成科技型中小企业\n评价入库任务的80%以上。"
    assert len(split_sentences(text, "洛阳市")) == 1


def test_a_city_report_opening_with_a_national_ranking_keeps_its_city() -> None:
    # A report paraphrased in the shape of 兰州's: the first line speaks of
    # the whole country, the text speaks for the city.
    text = (
        "西固化工园区跻身全国化工园区百强。\n"
        "全市建成省级农业产业园6个。\n"
        "兰州新区绿色化工园区加快建设。\n"
        "兰州高新区孵化器投入运营。"
    )
    assert detect_city(text) == "兰州市"


def test_a_city_named_once_at_the_top_gives_way_to_the_dominant_one() -> None:
    text = (
        "全省推广三明医改的现场会在本地召开。\n"
        "鸡西要建设数字经济产业园。\n"
        "鸡冠区、城子河区和虎林市的产业园要发挥作用。"
    )
    assert detect_city(text) == "鸡西市"


def test_a_province_report_naming_two_cities_is_about_none() -> None:
    text = (
        "全省已拥有国家级现代农业产业园12个。\n"
        "郑州科创金融改革试验区要积极创建。\n"
        "信阳纺织服装产业园要加快建设。\n"
        "河南电子半导体产业园扩能。"
    )
    assert detect_city(text) is None
    tied = "忻州智能装备产业园加快建设。\n太原国家加工贸易产业园开工。\n忻州半导体产业园和太原综保区同步推进。"
    assert detect_city(tied) is None


def test_a_county_short_name_inside_a_bay_s_name_is_no_mention() -> None:
    # 太平 (a district of 阜新) is part of 太平湾, a bay of 大连.
    text = "太平湾合作创新区加快开发。\n大连金普新区引领示范。\n太平湾港区扩建。"
    assert detect_city(text) == "大连市"


@pytest.mark.parametrize(
    ("lines", "city"),
    [
        # A functional zone whose name carries no city names its city.
        (
            [
                "要依托松山湖科技产业园区，加快发展。",
                "办好松山湖留学生创业园。",
                "松山湖大学创新城加快建设。",
            ],
            "东莞市",
        ),
        # 浑南 read 浑/南 by the tagger is a county still; on a tie with 泗水
        # (济宁) the city named in its own words wins.
        (
            [
                "现代建筑产业园、泗水科技城等产业园区建设加快。",
                "东陵区、浑南新区和航高基地开始合署办公。",
                "沈阳国家大学科技城将启动建设。",
                "加快泗水科技城建设。",
                "浑南动漫产业基地的建设要加快。",
            ],
            "沈阳市",
        ),
    ],
    ids=["landmark", "unknown-county"],
)
def test_places_that_name_a_text_s_city(lines: list[str], city: str) -> None:
    assert detect_city("\n".join(lines)) == city


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verb's complement (建设好) and a work verb (抓实) end no name.
        (
            "要建设好伏羲文化旅游产业园，抓实宁洱绿色产业新区建设。",
            ["伏羲文化旅游产业园", "宁洱绿色产业新区"],
        ),
        # Firms the tagger reads as verbs begin the name.
        (
            "联想智慧创新产业园实现达产，推进华为数字机器人产业园和美的库卡智能制造科技园建设。",
            ["联想智慧创新产业园", "华为数字机器人产业园", "美的库卡智能制造科技园"],
        ),
        # A national opening-up zone keeps its place; 有色 is no "has".
        (
            "推进满洲里重点开发开放试验区建设，郴州有色金属产业园获批。",
            ["满洲里重点开发开放试验区", "郴州有色金属产业园"],
        ),
        # A carrier joined before a list is not its first item.
        (
            "推动融侨经济技术开发区以及青口、江阴、元洪等工业集中区提升扩容。",
            ["融侨经济技术开发区", "青口工业集中区", "江阴工业集中区", "元洪工业集中区"],
        ),
        (
            "发展壮大西宁经济技术开发区，抓紧企沙工业区建设，要搞好丰台科技园区建设。",
            ["西宁经济技术开发区", "企沙工业区", "丰台科技园区"],
        ),
        # Carrier words of comprehensive experiment zones, investment zones for
        # Taiwanese firms, cultural-creative, cooperation and processing parks;
        # a park word in 园 is read in its long form in 园区 too.
        (
            "推进东川航空港经济综合实验区和西河台商投资区建设，北岭文创园、"
            "南湾产业合作园和石桥农产品加工园开园，青禾文化旅游创意园区获命名。",
            [
                "东川航空港经济综合实验区",
                "西河台商投资区",
                "北岭文创园",
                "南湾产业合作园",
                "石桥农产品加工园",
                "青禾文化旅游创意园区",
            ],
        ),
        (
            "加快东川国际航天城、北岭知识城和西河万洋众创城建设。",
            ["东川国际航天城", "北岭知识城", "西河万洋众创城"],
        ),
    ],
    ids=[
        "complement",
        "firms",
        "opening-up-zone",
        "joined-list",
        "work-verbs",
        "new-words",
        "new-city-words",
    ],
)
def test_names_are_read_whole(text: str, expected: list[str]) -> None:
    assert [c.name for c in extract_text(text).carriers] == expected


def test_simplified_characters_are_zhconvs() -> None:
    """The table read from zhconv's data file gives what zhconv gives, for
    every character of the CJK blocks the normaliser converts."""
    for block in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
        chars = [chr(code) for code in range(block[0], block[1] + 1)]
        expected = [c2 if len(c2 := zhconv.convert(c, "zh-hans")) == 1 else c for c in chars]
        assert [to_simplified_char(c) for c in chars] == expected
    assert to_simplified_char("軟") == "软" and to_simplified_char("园") == "园"
