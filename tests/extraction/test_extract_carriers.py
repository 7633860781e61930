"""Carrier names: suffixes, left boundary, lists, generic mentions, cities."""

from __future__ import annotations

import pytest

from geo_app.extraction import ExtractedCarrier, extract_text
from geo_app.extraction._lexicon import CARRIER_SUFFIXES


def carriers(
    text: str, city: str | None = "洛阳", *, learned: bool = True
) -> list[ExtractedCarrier]:
    return list(extract_text(text, city=city, learned=learned).carriers)


def names(text: str, city: str | None = "洛阳") -> list[str]:
    return [c.name for c in carriers(text, city)]


SUFFIX_CASES = [
    ("加快卓阳科技产业社区建设。", "卓阳科技产业社区", "community"),
    ("推进周山双创智慧岛建设。", "周山双创智慧岛", "smart_island"),
    ("支持启迪之星孵化器发展。", "启迪之星孵化器", "incubator"),
    ("支持优客工场众创空间发展。", "优客工场众创空间", "incubator"),
    ("建设洛阳中关村加速器。", "洛阳中关村加速器", "incubator"),
    ("支持牡丹星创天地发展。", "牡丹星创天地", "incubator"),
    ("建设河南科技大学大学科技园。", "河南科技大学大学科技园", "incubator"),
    ("加快宠物经济园区建设。", "宠物经济园区", "park"),
    ("建设嵩县生物医药产业园。", "嵩县生物医药产业园", "park"),
    ("推进新安县农业科技园区建设。", "新安县农业科技园区", "park"),
    ("依托伊滨科技城发展。", "伊滨科技城", "zone"),
    ("推动沙澧高新区积极创建国家级高新区。", "沙澧高新区", "zone"),
    ("依托洛阳经开区发展。", "洛阳经开区", "zone"),
    ("支持舞阳产业集聚区发展。", "舞阳产业集聚区", "zone"),
    ("发挥自贸试验区洛阳片区优势。", "自贸试验区洛阳片区", "zone"),
    ("建设光明科学城。", "光明科学城", "zone"),
]


@pytest.mark.parametrize(
    ("text", "name", "category"), SUFFIX_CASES, ids=[c[1] for c in SUFFIX_CASES]
)
def test_suffixes(text: str, name: str, category: str) -> None:
    found = {c.name: c.category for c in carriers(text)}
    assert found.get(name) == category, found


def test_every_suffix_has_a_map_category() -> None:
    allowed = {"community", "smart_island", "incubator", "park", "zone"}
    assert set(CARRIER_SUFFIXES.values()) <= allowed


@pytest.mark.parametrize(
    ("text", "name", "district"),
    [
        ("加快伊滨区中欧(洛阳)科创国际合作产业园建设。", "中欧(洛阳)科创国际合作产业园", "伊滨区"),
        ("加快高新区周山双创智慧岛建设。", "周山双创智慧岛", "高新区"),
        ("推动洛龙区联东U谷·洛阳光电科技产业社区建设。", "联东U谷·洛阳光电科技产业社区", "洛龙区"),
        ("推动临港产业园改造升级。", "临港产业园", ""),
        ("建设流体智慧产业园。", "流体智慧产业园", ""),
        ("为我市流体智慧产业园建设提供支撑。", "流体智慧产业园", ""),
        ("构建八位一体的绿色盐化工工业生态园区。", "绿色盐化工工业生态园区", ""),
    ],
    ids=[
        "district-prefix",
        "zone-prefix",
        "brand-with-dot",
        "verb-推动",
        "verb-建设",
        "我市",
        "的",
    ],
)
def test_left_boundary(text: str, name: str, district: str) -> None:
    # The rules' walk to the left; the tagger that confirms names is apart.
    found = {c.name: c.district for c in carriers(text, learned=False)}
    assert found == {name: district}


def test_shared_suffix_written_once() -> None:
    found = carriers("支持东城、淞江、舞阳产业集聚区建设省级高新区。", "漯河")
    assert sorted(c.name for c in found) == ["东城产业集聚区", "淞江产业集聚区", "舞阳产业集聚区"]
    assert {c.category for c in found} == {"zone"}


def test_abbreviated_members_take_their_own_city() -> None:
    found = carriers("河南建成郑州经开、洛阳伊滨、新乡平原等8个智慧岛。", "洛阳")
    assert {(c.name, c.city) for c in found} == {
        ("郑州经开智慧岛", "郑州市"),
        ("洛阳伊滨智慧岛", "洛阳市"),
        ("新乡平原智慧岛", "新乡市"),
    }


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Evaluative words of the kind are not part of each name.
        (
            "加快青石、白沙、柳溪等重点产业园区的建设。",
            {"青石产业园区", "白沙产业园区", "柳溪产业园区"},
        ),
        # Describing words are.
        ("推进食品、轨道交通2个特色产业园建设。", {"食品特色产业园", "轨道交通特色产业园"}),
        # A first item named in full, longer than an abbreviation.
        (
            "东湾国际综合物流园、西岭物流园等8大物流园区建设加快推进。",
            {"东湾国际综合物流园", "西岭物流园"},
        ),
        # Counties as many as the count: one park each.
        (
            "以鹤庆、洱源、宾川三个产业园区为组团。",
            {"鹤庆产业园区", "洱源产业园区", "宾川产业园区"},
        ),
        # Places closed by 等 and no count: one each, named by its place.
        (
            "东至鄂州、黄石、黄冈等科技产业集聚区。",
            {"鄂州科技产业集聚区", "黄石科技产业集聚区", "黄冈科技产业集聚区"},
        ),
        # An item after 、 may open with 和 (和平 is a place, not "and 平").
        (
            "统筹九州、连海、和平、三川口等省级工业园区错位发展。",
            {"九州工业园区", "连海工业园区", "和平工业园区", "三川口工业园区"},
        ),
        # So do three places closed by 三大.
        (
            "启动了运城、晋中、大同三大现代农业示范区建设。",
            {"运城现代农业示范区", "晋中现代农业示范区", "大同现代农业示范区"},
        ),
    ],
    ids=[
        "evaluative",
        "describing",
        "long-first-item",
        "one-per-county",
        "places-uncounted",
        "item-opening-with-he",
        "places-three-big",
    ],
)
def test_lists_before_a_described_kind(text: str, names: set[str]) -> None:
    # The rules' names, before the learned tagger confirms them.
    assert {c.name for c in extract_text(text, learned=False).carriers} == names


@pytest.mark.parametrize(
    "text",
    [
        # Places (等地) and a kind of area they have.
        "东至鄂州、黄石、黄冈等地科技产业集聚区。",
        # An item holding a verb is no name.
        "市工商联已同尚志市、双城区联合组建了2个民营经济产业园。",
    ],
    ids=["places-and-a-kind", "verb-in-an-item"],
)
def test_lists_before_a_described_kind_that_name_nothing(text: str) -> None:
    assert [c.name for c in extract_text(text, learned=False).carriers] == []


def test_list_joined_by_he_shares_the_district() -> None:
    found = carriers("推进涧西区卓阳科技产业社区和智能制造及大数据科技产业社区建设。")
    assert [(c.name, c.district) for c in found] == [
        ("卓阳科技产业社区", "涧西区"),
        ("智能制造及大数据科技产业社区", "涧西区"),
    ]


def test_full_width_and_traditional_text() -> None:
    found = carriers("加快卓陽科技產業社區建設，推動臨港產業園改造升級。", learned=False)
    assert [c.name for c in found] == ["卓阳科技产业社区", "临港产业园"]


@pytest.mark.parametrize(
    "text",
    [
        "建设一批孵化器、众创空间和星创天地。",
        "争取新建省级高新区不少于2家。",
        "鼓励建设专业化众创空间。",
        "支持农民工返乡创业示范园区、退役军人就业创业园等特色孵化载体发展。",
        "谋划建设2-3个国家火炬特色产业基地。",
        "以园区为主要载体,支持园区通过招商引资引进项目。",
        "提升科技产业社区、科技企业孵化器等企业孵化育成能力。",
        "争创全省一流“双创”载体省2号智慧岛。",
        "在全国布局“20”孵化器。",
    ],
    ids=[
        "一批",
        "level-only",
        "专业化",
        "kinds-listed-as-types",
        "count",
        "bare-园区",
        "kinds",
        "ordinal",
        "tier-name",
    ],
)
def test_generic_mentions_are_not_carriers(text: str) -> None:
    assert names(text) == []


def test_quoted_kind_is_a_named_carrier_out_of_area() -> None:
    [found] = carriers("鼓励在深圳等沿海城市布局建设“飞地孵化器”。")
    assert found.name == "飞地孵化器"
    assert found.out_of_area
    assert found.district == "深圳等沿海城市"
    assert found.city == "洛阳市"


def test_news_page_items_keep_their_city() -> None:
    text = (
        "洛阳市聚焦伊滨科技城、洛阳高新区建设。\n"
        "衡阳高新区: 促发展\n"
        "本报 衡阳高新区成功获批国家火炬智能终端特色产业基地。\n"
        "咸宁高新区: 打造引才聚才强磁场\n"
        "本报 近年来,咸宁高新区围绕人才政策体系推进创新。\n"
    )
    found = {c.name: c.city for c in carriers(text, None)}
    assert found["伊滨科技城"] == "洛阳市"
    assert found["衡阳高新区"] == "衡阳市"
    # 国家火炬…特色产业基地 is a title the zone was granted, not a carrier.
    assert "国家火炬智能终端特色产业基地" not in found
    assert found["咸宁高新区"] == "咸宁市"


def test_multi_city_zones_belong_to_no_single_city() -> None:
    found = {
        c.name: c.city
        for c in carriers(
            "充分发挥中国(河南)自由贸易试验区洛阳片区、郑洛新国家自主创新示范区优势。", "漯河"
        )
    }
    assert found["中国(河南)自由贸易试验区洛阳片区"] == "洛阳市"
    assert found["郑洛新国家自主创新示范区"] == ""


@pytest.mark.usefixtures("status_rules")
@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("依托伊滨科技城发展。", "existing"),
        ("伊滨科技城成型起势。", "existing"),
        ("推动临港产业园改造升级。", "existing"),
        ("支持嵩县生物医药产业园建设国家工程研究中心。", "existing"),
        ("加快宠物经济园区建设。", "planned"),
        ("共同打造瓜达尔洛阳自由贸易产业园区。", "planned"),
    ],
)
def test_status_from_wording(text: str, status: str) -> None:
    [found] = carriers(text, learned=False)
    assert found.status == status


def test_positions_point_at_the_original_text() -> None:
    raw = "第一段。\n加快 卓陽科技產業社區 建設，推进临港产业园改造。"
    extraction = extract_text(raw, city="洛阳", source_file="plan.txt")
    for carrier in extraction.carriers:
        written = raw[carrier.start : carrier.end]
        assert written.replace(" ", "") in ("卓陽科技產業社區", "临港产业园")
        assert carrier.line == 2
        assert carrier.source_file == "plan.txt"


def test_repeated_names_are_listed_once() -> None:
    assert names("建设临港产业园。推动临港产业园升级。") == ["临港产业园"]


def test_bare_zone_opening_a_clause_is_the_citys_own() -> None:
    found = carriers("经济开发区成功创建国家级农业科技园区。促进高新区加快发展。", "漯河")
    assert [(c.name, c.city, c.status) for c in found] == [("经济开发区", "漯河市", "existing")]


def test_out_of_area_list_of_cities() -> None:
    [found] = carriers("鼓励在上海、深圳布局建设郑创离岸孵化器。", "郑州")
    assert (found.district, found.out_of_area, found.city) == ("上海、深圳", True, "郑州市")


def test_list_members_share_the_status_of_the_list() -> None:
    found = carriers("支持东城产业集聚区、淞江产业集聚区、舞阳产业集聚区建设省级高新区。", "漯河")
    assert {c.status for c in found} == {"existing"}
    found = carriers("推动临港产业园、龙江产业园智能化改造升级。", "漯河")
    assert {c.status for c in found} == {"existing"}


def test_defined_short_name_shares_the_status_of_its_carrier() -> None:
    text = (
        "充分发挥中国(河南)自由贸易试验区洛阳片区(以下简称“自贸试验区洛阳片区”)、"
        "郑洛新国家自主创新示范区洛阳片区(以下简称“自创区洛阳片区”)优势。"
    )
    found = {c.name: c.status for c in carriers(text)}
    assert found == {
        "中国(河南)自由贸易试验区洛阳片区": "existing",
        "自贸试验区洛阳片区": "existing",
        "郑洛新国家自主创新示范区洛阳片区": "existing",
        "自创区洛阳片区": "existing",
    }


def test_a_verb_before_a_name_is_not_part_of_it() -> None:
    text = "该项目将服务兰白国家自主创新示范区建设。"
    assert [(c.name, c.status) for c in extract_text(text, source_file="x.txt").carriers] == [
        ("兰白国家自主创新示范区", "existing")
    ]


def test_a_later_mention_places_a_carrier_named_first_with_no_city() -> None:
    text = "国务院公布名单,学府产业园区入选。\n学府产业园区与太原高新技术产业开发区联动发展。"
    rules = extract_text(text, source_file="x.txt", learned=False)
    found = [(c.name, c.city) for c in rules.carriers]
    assert found == [("学府产业园区", "太原市"), ("太原高新技术产业开发区", "太原市")]


def test_carriers_without_a_city_take_the_one_city_of_their_sentence() -> None:
    text = "湖北省公布省级众创空间名单。\n入选的是“零到壹众创空间”、“武汉聚和众创空间”。"
    found = {c.name: c.city for c in extract_text(text, source_file="x.txt").carriers}
    assert found == {"零到壹众创空间": "武汉市", "武汉聚和众创空间": "武汉市"}
    mixed = "湖北省公布名单。\n入选的是“零到壹众创空间”、“武汉聚和众创空间”和“宜昌星空众创空间”。"
    cities = {c.name: c.city for c in extract_text(mixed, source_file="x.txt").carriers}
    assert cities["零到壹众创空间"] == ""


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("洛阳市将建设和平科技产业园和洛龙科技产业社区。", ["和平科技产业园", "洛龙科技产业社区"]),
        ("洛阳市支持和谐产业园发展。", ["和谐产业园"]),
        ("加快宠物经济园区和食品产业园建设。", ["宠物经济园区", "食品产业园"]),
    ],
)
def test_names_beginning_with_a_stop_character_keep_it(text: str, names: list[str]) -> None:
    found = extract_text(text, source_file="x.txt", learned=False).carriers
    assert [c.name for c in found] == names


def test_photo_captions_are_not_plan_text() -> None:
    text = (
        "洛阳市加快建设周山双创智慧岛。\n\n中信重工高端电液智能控制产业基地\n\n倪睿/摄\n\n"
        "图为洛龙科技产业社区一角\n"
    )
    names = [c.name for c in extract_text(text, source_file="x.txt").carriers]
    assert names == ["周山双创智慧岛"]


def test_a_list_of_proper_names_before_a_kind_stands_with_the_tagger() -> None:
    names = {c.name for c in carriers("要进一步明确揭东、英歌山等工业园区的产业主题。", "揭阳")}
    assert "揭东工业园区" in names


def test_zones_listed_by_city_are_named_without_their_level() -> None:
    names = {c.name for c in carriers("在全国排名中,赣州、龙南、瑞金国家级经开区分别前移。", None)}
    assert {"赣州经开区", "龙南经开区"} <= names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("省级开发区达到5个,市高新区获批省级高新区。", {"市高新区"}),
        ("以市经开区为龙头,带动各县区特色园区发展。", {"市经开区"}),
        ("全市高新区要加快发展。", set()),
    ],
    ids=["city-own-hitech-zone", "city-own-etdz", "all-of-a-city"],
)
def test_a_city_names_its_own_zone_with_shi(text: str, names: set[str]) -> None:
    found = {c.district + c.name for c in carriers(text, "宿州") if c.category == "zone"}
    assert found == names
