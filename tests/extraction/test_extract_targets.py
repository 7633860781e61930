"""Planned counts: bounds, numerals, ranges, years, non-counts, named lists."""

from __future__ import annotations

import pytest

from geo_app.extraction import ExtractedTarget, extract_text


def targets(text: str, city: str = "洛阳") -> list[ExtractedTarget]:
    return list(extract_text(text, city=city).targets)


def only(text: str) -> ExtractedTarget:
    found = targets(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "bound", "low", "high"),
    [
        ("建设科技产业社区不少于20家。", "at_least", 20, None),
        ("布局建设10家以上市级农业科技园区。", "at_least", 10, None),
        ("到2025年,全市新型研发机构达到20家。", "at_least", 20, None),
        ("各类创新平台载体总数突破4000家。", "more_than", 4000, None),
        ("各类创新平台载体超过4000家。", "more_than", 4000, None),
        ("布局建设20家左右市级中试基地。", "about", 20, 20),
        ("建成孵化器约30家。", "about", 30, 30),
        ("布局组建5~8个市级重点实验室。", "range", 5, 8),
        ("谋划建设2-3个国家火炬特色产业基地。", "range", 2, 3),
        ("新培育建设省级农业科技园区2至3家。", "range", 2, 3),
        ("新建众创空间6家。", "exact", 6, 6),
    ],
    ids=["不少于", "以上", "达到", "突破", "超过", "左右", "约", "tilde", "hyphen", "至", "exact"],
)
def test_bounds(text: str, bound: str, low: float, high: float | None) -> None:
    target = only(text)
    assert (target.bound, target.min, target.max) == (bound, low, high)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("建设两家智慧岛。", 2),
        ("建成二十家科技产业社区。", 20),
        ("全市建成孵化载体不少于一百二十家。", 120),
        ("全市建成孵化载体不少于 1 20 家。", 120),
        ("全市建成孵化载体不少于１２０家。", 120),
    ],
    ids=["两", "二十", "一百二十", "stray-spaces", "full-width"],
)
def test_numerals(text: str, value: int) -> None:
    assert only(text).min == value


def test_range_of_chinese_numerals() -> None:
    target = only("建设三到五个省级众创空间。")
    assert (target.bound, target.min, target.max, target.subkind) == (
        "range",
        3,
        5,
        "provincial_maker_space",
    )


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("到2025年,建设科技产业社区不少于20家。", 2025),
        ("2025年底前建成孵化载体不少于120家。", 2025),
        ("到2030年年底,建成智慧岛3家。", 2030),
    ],
)
def test_years(text: str, year: int) -> None:
    assert only(text).year == year


def test_plan_period_gives_the_default_year() -> None:
    text = "《某市“十四五”科技创新规划》\n建设科技产业社区不少于20家。"
    assert only(text).year == 2025


@pytest.mark.parametrize(
    "text",
    [
        "建设建筑面积2万平方米的孵化器。",
        "引进人才200名,入驻孵化器。",
        "投资5亿元建设产业园。",
        "打造“20”孵化器品牌。",
        "高新技术企业不少于1600家。",
        "新建院士工作站、中原学者工作站10个。",
        "依托三个省级中心开展研发。",
    ],
    ids=[
        "area",
        "people",
        "money",
        "tier-name",
        "enterprises",
        "not-a-carrier",
        "counts-a-following-noun",
    ],
)
def test_numbers_that_are_not_carrier_counts(text: str) -> None:
    assert targets(text) == []


def test_rates_are_counts_per_year_or_district() -> None:
    per_year = only("每年新培育省级工程技术研究中心5家。")
    assert (per_year.per, per_year.number) == ("year", 5.0)
    per_district = only("到2025年,每个县区建设1-2个众创空间。")
    assert (per_district.per, per_district.min, per_district.max) == ("district", 1.0, 2.0)
    assert only("到2025年,建设众创空间10个。").per == ""
    outer = only("到2025年,每个远城区抓好1个新型工业化示范园区建设。")
    assert outer.per == "district"
    able = only("到2025年,有条件的县区打造1—2个特色产业园区。")
    assert (able.per, able.min) == ("district", 1.0)


@pytest.mark.parametrize(
    "text",
    [
        "联合推动《双城经济圈建设规划纲要》落地,已累计培育示范园区35家。",
        "国家科技部公布2020年度评价结果。该中心已培育国家级众创空间2家。",
        "“十四五”时期将加快发展。全省已布局建设省级以上高新区54家。",
    ],
    ids=["a-title-holds-no-future", "already-grown", "already-laid-out"],
)
def test_what_was_already_grown_is_no_goal(text: str) -> None:
    assert {t.kind for t in targets(text, "")} == {"baseline"}


def test_a_count_at_the_end_of_a_plan_period_reached_is_no_goal() -> None:
    text = "“十四五”时期,将形成10个产业集群。截至“十三五”末,全区累计建成园区91家。"
    assert [(t.kind, t.min) for t in targets(text, "") if t.category == "park"] == [
        ("baseline", 91.0)
    ]


@pytest.mark.parametrize(
    ("text", "category", "subkind"),
    [
        ("培育1~2个全国重点实验室。", "rd_platform", "national_key_lab"),
        ("组建5~8家省级中试基地。", "rd_platform", "provincial_pilot_base"),
        ("全市省级工程技术研究中心要达到70家以上。", "rd_platform", "provincial_eng_center"),
        ("全市建成孵化载体不少于120家。", "incubator", ""),
        ("与海内外开展合作创新的平台载体达到1000家。", "all_carriers", "cooperation_platform"),
        ("争取新建省级高新区不少于2家。", "zone", "provincial_hitech_zone"),
    ],
)
def test_subject_categories(text: str, category: str, subkind: str) -> None:
    target = only(text)
    assert (target.category, target.subkind) == (category, subkind)


def test_two_counts_in_one_sentence() -> None:
    found = targets("2025年,全市力争建成省级新型研发机构2家以上,省级重点实验室3家以上。", "漯河")
    assert [(t.subkind, t.min, t.bound, t.year) for t in found] == [
        ("new_rd_institution", 2, "at_least", 2025),
        ("provincial_key_lab", 3, "at_least", 2025),
    ]


def test_district_scope() -> None:
    assert only("西工区建成孵化器不少于5家。").scope == "西工区"
    assert only("全市建成孵化器不少于5家。").scope == "city"


def test_baseline_from_the_past() -> None:
    target = only("2019年起步。“十三五”期间,新建2家省级重点实验室。")
    assert (target.kind, target.year, target.bound) == ("baseline", 2020, "exact")


def test_baseline_section() -> None:
    text = "一、发展基础\n新培育省级众创空间4家。\n二、主要任务\n新培育省级众创空间8家。"
    found = targets(text)
    assert [(t.kind, t.min) for t in found] == [("baseline", 4), ("target", 8)]


def test_growth_to_a_figure_is_exact() -> None:
    found = targets("2018—2021年,创新平台总量从2014年增长到2853个,其中国家级创新平台突破100个。")
    assert [(t.kind, t.bound, t.min, t.year) for t in found] == [("baseline", "exact", 2853, 2021)]


@pytest.mark.parametrize(
    ("text", "category", "count", "subkind"),
    [
        ("聚焦伊滨科技城、洛阳高新区、洛阳经开区“三大创新平台”。", "zone", 3, ""),
        ("抓住周山双创智慧岛和伊滨智慧岛建设。", "smart_island", 2, ""),
        ("推动沙澧高新区积极创建国家级高新区。", "zone", 1, "national_hitech_zone"),
        (
            "支持东城产业集聚区、淞江产业集聚区、舞阳产业集聚区建设省级高新区。",
            "zone",
            3,
            "provincial_hitech_zone",
        ),
    ],
    ids=["written-count", "built-together", "upgrade-one", "upgrade-three"],
)
def test_named_lists(text: str, category: str, count: int, subkind: str) -> None:
    found = [t for t in targets(text) if t.bound == "named_list"]
    assert [(t.category, t.min, t.max, t.subkind) for t in found] == [
        (category, count, count, subkind)
    ]


def test_named_list_count_must_agree() -> None:
    found = targets("聚焦伊滨科技城、洛阳高新区“三大创新平台”。")
    assert [t for t in found if t.bound == "named_list"] == []


def test_past_upgrade_is_not_a_target() -> None:
    assert targets("沙澧产业集聚区成功创建省级高新区。", "漯河") == []


@pytest.mark.parametrize(
    ("text", "bound", "low", "high"),
    [
        ("建成孵化器30多家。", "more_than", 30, None),
        ("建成孵化器不超过5家。", "at_most", None, 5),
    ],
)
def test_other_bounds(text: str, bound: str, low: float | None, high: float | None) -> None:
    target = only(text)
    assert (target.bound, target.min, target.max) == (bound, low, high)


def test_a_count_already_reached_is_exact_and_its_part_is_attached() -> None:
    text = (
        "“十三五”期间,漯河市工程技术研究中心总数达197家,其中省级55家;市级以上创新型科技团队56家。"
    )
    found = extract_text(text, source_file="x.txt").targets
    centres = [t for t in found if t.category == "rd_platform"]
    assert [(t.subkind, t.bound, t.min, t.max) for t in centres] == [
        ("eng_center", "exact", 197.0, 197.0),
        ("provincial_eng_center", "exact", 55.0, 55.0),
    ]
    assert {t.kind for t in centres} == {"baseline"}


def test_a_target_reached_by_a_future_year_stays_a_floor() -> None:
    found = extract_text("到2025年,全市孵化载体达到120家。", source_file="x.txt").targets
    assert [(t.bound, t.min, t.year) for t in found] == [("at_least", 120.0, 2025)]


def test_a_part_without_a_level_or_after_another_clause_is_not_attached() -> None:
    text = "2020年全市孵化载体总数达50家;新增企业200家,其中省级10家。"
    found = extract_text(text, source_file="x.txt").targets
    assert all(t.min != 10.0 for t in found)


def test_an_undated_count_in_a_news_item_takes_the_dateline_year() -> None:
    text = "中国高新技术产业导报/2023 年/4 月/17 日\n洛阳高新区今年新建创新平台 65 家。"
    found = extract_text(text, source_file="x.txt").targets
    assert [(t.min, t.year) for t in found] == [(65.0, 2023)]
    plan = "洛阳市“十四五”科技创新规划\n建设孵化载体不少于120家。"
    assert [t.year for t in extract_text(plan, source_file="p.txt").targets] == [2025]


def test_a_count_repeating_a_fact_just_before_is_no_goal() -> None:
    text = (
        "甘肃省政府批复同意设立张掖、民乐、金昌、玉门4个省级高新技术产业开发区。\n"
        "批复要求4个省级高新区突出产业特色,打造创业孵化的先行区。"
    )
    kinds = [t.kind for t in extract_text(text, source_file="x.txt").targets]
    assert "target" not in kinds
    goal = "全省已有4个省级高新区。\n到2025年,建设4个省级高新区。"
    assert [t.kind for t in extract_text(goal, source_file="x.txt").targets][-1] == "target"


def test_startup_bases_are_counted_as_incubators() -> None:
    text = "在“十四五”期间打造省级返乡入乡创业基地100个。"
    rows = [t for t in extract_text(text).targets if t.kind == "target"]
    assert [(r.category, r.min, r.year) for r in rows] == [("incubator", 100.0, 2025)]


@pytest.mark.parametrize(
    "text",
    [
        "到2025年,园区亩均产值在全省17个国家级开发区中位居前列。",
        "要把全区5个国家农业科技园区建设成为现代农业发展新引擎。",
        "全市3个国家级开发区都已迈入千亿元级园区行列。",
    ],
    ids=["ranked-among", "whole-area-made-into", "whole-area-has"],
)
def test_a_field_ranked_in_and_an_areas_whole_count_are_no_goals(text: str) -> None:
    assert [t for t in extract_text(text).targets if t.kind == "target"] == []


def test_an_area_adding_to_its_count_sets_a_goal() -> None:
    rows = extract_text("到2025年,全市新增省级以上孵化器10家以上。").targets
    assert [(t.kind, t.min) for t in rows] == [("target", 10.0)]


def test_n_big_counts_past_generic_words_before_its_kind() -> None:
    rows = extract_text("到2025年,全省将重点打造6大生态产业基地。").targets
    assert [(t.kind, t.min, t.category) for t in rows] == [("target", 6.0, "park")]
    assert extract_text("到2025年,五大产业集群示范园建设加快。").targets == ()


def test_a_quoted_programme_name_is_no_word_of_the_future() -> None:
    text = (
        "截至目前,我市新获批的省级以上创新平台已有25家。"
        "这些平台中有“千人计划”专家工作站1家、科技企业孵化器4家和众创空间7家。"
    )
    assert [t for t in extract_text(text).targets if t.kind == "target"] == []


def test_building_up_to_a_count_is_a_goal() -> None:
    rows = extract_text("到2020年,孵化器、众创空间等各类孵化载体要建设到50家以上。").targets
    assert [(t.kind, t.bound, t.min, t.year) for t in rows] == [("target", "at_least", 50.0, 2020)]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("到2023年,省级农业科技园区将扩大到12个。", ("target", "exact", 12.0, 2023)),
        ("到2024年底,全区众创空间总量稳定在60家左右。", ("target", "about", 60.0, 2024)),
        ("到“十四五”末,省级孵化器数量保持在30家左右。", ("target", "about", 30.0, 2025)),
        ("到“十三五”末,省级孵化器数量达到30家左右。", ("target", "about", 30.0, 2020)),
    ],
    ids=["widened-to", "held-at", "held-at-period-end", "past-period-in-quotes"],
)
def test_a_count_brought_to_a_number_is_a_goal(text: str, row: tuple[str, str, float, int]) -> None:
    rows = extract_text(text).targets
    assert [(t.kind, t.bound, t.min, t.year) for t in rows] == [row]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("到2015年,每个旗县区新建1~2个科技示范园区。", ("range", 1.0, "district")),
        ("到2016年,新建自治区级众创空间试点10家以上。", ("at_least", 10.0, "")),
        ("到2025年,将创建自治区级现代农牧业产业园各1个。", ("exact", 1.0, "")),
    ],
    ids=["banner-counties", "pilot", "one-each"],
)
def test_counts_per_banner_county_of_pilots_and_one_each(
    text: str, row: tuple[str, float, str]
) -> None:
    rows = [t for t in extract_text(text).targets if t.kind == "target"]
    assert [(t.bound, t.min, t.per) for t in rows] == [row]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("到2020年,重点建成高标准现代渔业示范区30个。", ("park", "exact", 30.0, 2020)),
        ("到2025年,建设省级现代林业示范区40个。", ("park", "exact", 40.0, 2025)),
        (
            "计划至2018年建成1至2个全国领先的现代都市渔业健康养殖示范园区。",
            ("park", "range", 1.0, 2018),
        ),
    ],
    ids=["fishery-demo-areas", "forestry-demo-areas", "long-description-after-de"],
)
def test_demonstration_areas_and_long_described_parks_are_counted(
    text: str, row: tuple[str, str, float, int]
) -> None:
    rows = [t for t in extract_text(text).targets if t.kind == "target"]
    assert [(t.category, t.bound, t.min, t.year) for t in rows] == [row]


def test_the_next_five_years_date_no_goal_and_the_past_five_years_are_no_goal() -> None:
    rows = extract_text(
        "2022年政府工作报告。今后五年,将加快建设创新高地,使孵化载体超过200家。"
    ).targets
    assert [(t.kind, t.min, t.year) for t in rows] == [("target", 200.0, None)]
    rows = extract_text("过去五年,全州培育省级现代农业产业园区5个。").targets
    assert [t.kind for t in rows] == ["baseline"]


@pytest.mark.parametrize(
    "text",
    [
        "今年要推动东岭、西岭、南岭3个省级开发区扩区调区。",
        "东岭、西岭、南岭3个经济开发区各要培育1户以上亿元企业。",
    ],
    ids=["reworked", "each-to-grow"],
)
def test_named_zones_reworked_are_no_goal(text: str) -> None:
    assert [t for t in extract_text(text).targets if t.kind == "target"] == []


def test_a_work_report_sets_the_goals_of_its_year() -> None:
    text = (
        "2021年12月30日,市长在市第六届人民代表大会第一次会议上作政府工作报告,"
        "对2022年主要工作作出部署。\n"
        "“十四五”期间,全市高新技术企业将持续增长。\n"
        "2021年,全市新增省级众创空间8家。\n"
        "今年新增省级以上高新技术企业40家、众创空间5家。\n"
        "全市力争新创2个省级特色园区。\n"
        "今后五年,全市将建成创新孵化载体20个以上。"
    )
    rows = [t for t in extract_text(text).targets if t.category != "other"]
    assert (rows[0].kind, rows[0].min) == ("baseline", 8.0)
    assert [(t.min, t.year) for t in rows if t.kind == "target"] == [
        (5.0, 2022),
        (2.0, 2022),
        (20.0, None),
    ]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("到2025年,实施“一县（区）一省级以上开发区”培育行动。", "zone"),
        ("到2020年,构建“一县一园、一园多区”的发展格局。", "park"),
    ],
    ids=["zone-per-county", "park-per-county"],
)
def test_one_in_each_county_is_a_goal_per_county_and_no_carrier(text: str, category: str) -> None:
    extraction = extract_text(text)
    assert extraction.carriers == ()
    assert [(t.category, t.min, t.per) for t in extraction.targets] == [(category, 1.0, "district")]


def test_one_in_each_county_already_reached_is_no_goal() -> None:
    assert [t for t in extract_text("目前已基本实现一县一园。").targets if t.kind == "target"] == []
    text = "2014年政府工作报告。园区扩容升级步伐加快,“一县一园”格局已经形成。"
    assert [t for t in extract_text(text).targets if t.kind == "target"] == []


def test_zones_a_province_asks_to_list_are_no_goal() -> None:
    text = "甘肃省政府在2016年6月底上报函件,申请将73个开发区纳入国家目录。"
    assert [t for t in extract_text(text).targets if t.kind == "target"] == []


def test_a_count_before_a_joiner_counts_the_kind_before_it() -> None:
    text = "到2020年,新增创业基地13个、众创空间10个和创业主体15万个以上。"
    rows = [t for t in extract_text(text).targets if t.kind == "target"]
    assert [(t.category, t.min) for t in rows] == [("incubator", 13.0), ("incubator", 10.0)]
    text = "到2023年,现代农业园区力争新认定20个以上。"
    assert [(t.bound, t.min) for t in extract_text(text).targets] == [("at_least", 20.0)]
    text = "同一时期,全区建成孵化基地8个、电商孵化园1个。"
    assert [t.kind for t in extract_text(text).targets] == ["baseline", "baseline"]


@pytest.mark.parametrize(
    "text",
    [
        "2020年政府工作报告。去年全州规划建设州级工业集中区8个、县级工业集中区5个。",
        "2020年政府工作报告。全力推进7个省级开发区提档升级。",
    ],
    ids=["last-year-planned", "upgraded"],
)
def test_what_last_year_planned_and_zones_upgraded_are_no_goal(text: str) -> None:
    assert [t for t in extract_text(text).targets if t.kind == "target"] == []


@pytest.mark.parametrize(
    "text",
    [
        "全市科技企业孵化器达到21家,众创空间达到24家,数量均实现倍增。",
        "省级以上现代农业产业园已发展到9家。",
        "全市新增国省农业产业强镇3个,并有4个园区获评省星级现代农业园区。",
    ],
    ids=["reached", "grown-to", "won"],
)
def test_a_work_reports_results_of_the_year_behind_it_are_no_goal(text: str) -> None:
    report = "2020年1月10日,市长在市第十三届人民代表大会第七次会议上作了政府工作报告。\n"
    assert [t for t in extract_text(report + text).targets if t.kind == "target"] == []


def test_a_work_reports_tasks_are_goals() -> None:
    report = "2020年1月10日,市长在市第十三届人民代表大会第七次会议上作了政府工作报告。\n"
    rows = extract_text(report + "推进农业园区提档升级,新增省星级园区2个以上。").targets
    assert [(t.kind, t.min, t.year) for t in rows] == [("target", 2.0, 2020)]


def test_at_least_one_in_each_county_is_a_floor_per_county() -> None:
    rows = extract_text(
        "到2022年,确保至少有一个孵化基地建成。每个市县至少要创建1家现代农业产业园。"
    ).targets
    assert [(t.bound, t.min, t.per) for t in rows] == [
        ("at_least", 1.0, ""),
        ("at_least", 1.0, "district"),
    ]


def test_a_part_that_writes_its_kind_again_keeps_its_own_bound() -> None:
    rows = extract_text("到2020年,全区高新区数量达到16家以上,其中国家级高新区6家以上。").targets
    assert [(t.kind, t.bound, t.min) for t in rows] == [
        ("target", "at_least", 16.0),
        ("target", "at_least", 6.0),
    ]


def test_this_years_goals_take_the_year_the_text_speaks_from() -> None:
    rows = extract_text(
        "2022年是“十四五”规划承上启下的一年。今年将新建现代农业园区4个。"
        "到2025年,全市现代农业园区达到30个。"
    ).targets
    assert [(t.min, t.year) for t in rows] == [(4.0, 2022), (30.0, 2025)]


def test_a_text_that_speaks_from_its_year_sets_that_years_work() -> None:
    rows = extract_text(
        "2023年是全面贯彻党的二十大精神的开局之年。培育省级以上绿色工业园区3个。"
    ).targets
    assert [(t.kind, t.min, t.year) for t in rows] == [("target", 3.0, 2023)]


def test_a_goal_said_as_a_goal_is_no_repetition_of_last_years_fact() -> None:
    rows = extract_text(
        "2020年全县新增省级现代农业产业园2家。2021年是“十四五”的开局之年。"
        "今年力争再新增省级现代农业产业园2个。"
    ).targets
    assert [(t.kind, t.year) for t in rows] == [("baseline", 2020), ("target", 2021)]


def test_recognitions_a_report_is_to_make_with_a_floor_are_goals() -> None:
    rows = extract_text(
        "2021年是开局之年。确保规上企业研发机构比例达40%以上,并新备案省级星创天地6家以上。"
    ).targets
    assert [(t.kind, t.bound, t.min) for t in rows] == [("target", "at_least", 6.0)]


@pytest.mark.parametrize(
    "text",
    [
        "回顾2018年,全省省级以上孵化器和众创空间增加到520家。",
        "当年新创建国家现代农业产业园2个,分别是甲县、乙县现代农业产业园。",
    ],
    ids=["looking-back", "that-year"],
)
def test_a_reports_look_back_is_no_goal(text: str) -> None:
    report = "2019年1月20日,省长在省第十三届人民代表大会第二次会议上作政府工作报告。\n"
    assert [t for t in extract_text(report + text).targets if t.kind == "target"] == []


def test_a_plan_that_builds_a_listed_few_sets_a_goal() -> None:
    rows = extract_text(
        "到2025年,打造智能终端、新型材料等6个特色产业园。甲园、乙园等4个园区已建成。"
    ).targets
    assert [(t.kind, t.min) for t in rows] == [("target", 6.0), ("baseline", 4.0)]


def test_counts_at_several_levels_share_the_kind_written_last() -> None:
    rows = extract_text("到2025年,争创2个国家级、3个省级和10个县级现代农业产业园。").targets
    assert [(t.kind, t.category, t.min) for t in rows] == [
        ("target", "park", 2.0),
        ("target", "park", 3.0),
        ("target", "park", 10.0),
    ]
    assert [t.subkind.split("_")[0] for t in rows[:2]] == ["national", "provincial"]


@pytest.mark.parametrize(
    ("opening", "year"),
    [
        ("2021年既逢建党100周年,又是“十四五”起步之年。", 2021),
        ("刚刚结束的2015年是“十二五”的收官之年。", 2016),
        ("2021年政府工作要以新发展理念为指导。", 2021),
        ("全市上下同心协力。今年是2019年,既要稳增长,也要防风险。", 2019),
        ("对本届政府而言,2020年都是收官的一年。", 2020),
        ("2018年,改革开放迎来40周年,这一年意义重大。", 2018),
        ("2024年在五年规划实施中十分重要,对全市来说,更是承上启下的关键一年。", 2024),
        ("2024年正值建城2500年,是攻坚的一年。", 2024),
        ("今年即2022年,做好政府工作意义重大。", 2022),
        ("2014年工作的总体要求部分指出,全面深化改革。", 2014),
        ("在分析2012年面临的形势时,报告提出了任务。", 2012),
        ("2012年工作建议提出,全市生产总值增长12%。", 2012),
        ("报告接着提出2020年的工作目标和主要任务。", 2020),
        ("报告第三部分安排2022年的工作。", 2022),
    ],
    ids=[
        "meets",
        "year-ended",
        "work-of-the-year",
        "this-year-is",
        "for-whom-it-ends",
        "anniversary",
        "two-clauses-between",
        "falls-on",
        "this-year-namely",
        "general-requirements",
        "situation-faced",
        "work-proposals",
        "work-goals",
        "work-arranged",
    ],
)
def test_the_year_a_text_speaks_from_dates_its_goals(opening: str, year: int) -> None:
    rows = extract_text(opening + "今年要新认定市级以上孵化器5家。").targets
    assert [(t.kind, t.min, t.year) for t in rows] == [("target", 5.0, year)]


@pytest.mark.parametrize(
    "turn",
    ["下面,就2023年的工作安排作出说明。", "2023年,政府将重点做好九个方面的工作。"],
    ids=["work-arranged", "government-will"],
)
def test_a_report_that_turns_to_its_year_reads_the_review_before_as_results(turn: str) -> None:
    rows = extract_text(
        "过去一年,全市新增国家级科技孵化载体4家。" + turn + "新增省级现代农业产业园2个。"
    ).targets
    assert [(t.kind, t.min, t.year) for t in rows] == [
        ("baseline", 4.0, None),
        ("target", 2.0, 2023),
    ]


def test_a_count_of_those_being_built_is_no_goal() -> None:
    rows = extract_text(
        "到2025年,加快12个在建省级现代农业产业园的建设,并新增省级现代农业产业园2个。"
    ).targets
    assert [(t.kind, t.min) for t in rows] == [("baseline", 12.0), ("target", 2.0)]


def test_an_area_may_describe_the_kind_counted() -> None:
    rows = extract_text("到2025年,每个县都要建成一个300亩的小微园。").targets
    assert [(t.kind, t.min, t.per) for t in rows] == [("target", 1.0, "district")]


def test_the_floor_written_last_bounds_each_count_of_a_respective_list() -> None:
    rows = extract_text("到2020年,1000亿级园区和500亿级园区分别培植到3家、8家以上。").targets
    assert [(t.bound, t.min) for t in rows] == [("at_least", 3.0), ("at_least", 8.0)]


@pytest.mark.parametrize(
    "opening",
    [
        "2021年恰逢建党100周年,在全市发展进程中是具有特殊重要性的一年。",
        "2021年对“十四五”而言是关键的一年。",
        "2017年,全省要推进各级各类开发区改革创新。",
        "2019年适逢新中国成立70周年,是全面建成小康社会的关键一年。",
    ],
    ids=["coincides", "for-the-plan", "province-will", "falls-on"],
)
def test_more_ways_a_text_speaks_from_its_year(opening: str) -> None:
    rows = extract_text(opening + "各县区要建设1个以上电商产业园。").targets
    assert [(t.kind, t.min, t.year) for t in rows] == [("target", 1.0, int(opening[:4]))]


@pytest.mark.parametrize(
    "text",
    [
        "力争6个省级开发区的经营(销售)收入超过2300亿元。",
        "今年要扎实推动11个省级开发区高质量发展。",
        "7个省级开发区的创新发展成果不断扩大。",
    ],
    ids=["their-income", "developed", "their-results"],
)
def test_the_carriers_a_measure_or_a_development_is_given_for_set_no_goal(text: str) -> None:
    report = "2023年是全面贯彻党的二十大精神的开局之年。"
    assert [t for t in extract_text(report + text).targets if t.kind == "target"] == []


def test_a_sentence_that_opens_with_each_county_sets_its_later_counts_per_county() -> None:
    rows = extract_text(
        "到2025年,力争每个县(市、区)培育2个主导产业,建设2个以上特色产业园区。"
    ).targets
    assert [(t.min, t.per) for t in rows if t.category == "park"] == [(2.0, "district")]


def test_carriers_counted_as_recognised_exist_unless_the_text_strives_for_it() -> None:
    report = "2023年是全面贯彻党的二十大精神的开局之年。"
    rows = extract_text(report + "东川、西河2个省级农业科技园区获批新增。").targets
    assert [t.kind for t in rows] == ["baseline"]
    rows = extract_text(report + "到2025年,力争3个开发区获批国家级开发区。").targets
    assert [t.kind for t in rows] == ["target"]


def test_a_report_that_sets_the_years_expected_goals_dates_its_tasks() -> None:
    rows = extract_text(
        "2022年,全市经济社会发展的主要预期目标是地区生产总值增长6.5%。"
        "力争新增1-2个省级以上现代农业产业园。"
    ).targets
    assert [(t.kind, t.min, t.year) for t in rows] == [("target", 1.0, 2022)]


def test_a_reports_recognitions_of_this_year_are_its_tasks() -> None:
    report = "展望2019年:今年是新中国成立70周年,是决胜全面建成小康社会的关键之年。"
    rows = extract_text(report + "今年新认定省级孵化器1家、省级众创空间2家。").targets
    assert [(t.kind, t.min, t.year) for t in rows] == [
        ("target", 1.0, 2019),
        ("target", 2.0, 2019),
    ]


def test_a_long_term_outlook_is_no_work_report() -> None:
    rows = extract_text("展望2035年,全省园区实现现代化。到2025年,新增国家级园区3个以上。").targets
    assert [(t.kind, t.min, t.year) for t in rows] == [("target", 3.0, 2025)]


def test_demonstration_bases_for_incubation_are_counted_as_incubators() -> None:
    rows = extract_text("到2025年,认定创业孵化示范基地20家。").targets
    assert [(t.category, t.min) for t in rows] == [("incubator", 20.0)]


def test_what_the_year_behind_a_report_brought_is_no_goal() -> None:
    report = "2023年是全面贯彻党的二十大精神的开局之年。"
    rows = extract_text(report + "全年新增省级现代农业产业园6个,经验在全省推广。").targets
    assert [t.kind for t in rows] == ["baseline"]
    rows = extract_text(report + "建设省级返乡创业园10个以上,全年新增就业4.6万人。").targets
    assert [t.kind for t in rows] == ["target"]


@pytest.mark.parametrize(
    "text",
    [
        "2023年,力争5个省级工业园区的工业总产值达到210亿元以上。",
        "今年要加快推进9个省级以上产业园区的循环化改造。",
        "今年要提升8个特色工业园区的建设水平。",
    ],
    ids=["their-output", "their-retrofit", "their-standard"],
)
def test_carriers_counted_for_what_they_have_are_no_goal(text: str) -> None:
    assert [t for t in extract_text(text).targets if t.kind == "target"] == []


def test_the_building_of_carriers_counted_stays_a_goal() -> None:
    rows = extract_text("到2025年,全面完成4个化工园区的省级达标认定。").targets
    assert [(t.kind, t.min, t.year) for t in rows] == [("target", 4.0, 2025)]


@pytest.mark.parametrize(
    "text",
    [
        "2019年,全区将支持每市创建1个示范园区。",
        "今年是2020年。要推动每个地(市)建设一个特色核心园区。",
    ],
    ids=["each-city", "each-prefecture"],
)
def test_one_park_in_each_city_of_a_province(text: str) -> None:
    rows = [t for t in extract_text(text).targets if t.kind == "target"]
    assert [(t.min, t.per) for t in rows] == [(1.0, "district")]


def test_counts_about_so_many_at_several_levels() -> None:
    rows = extract_text("到2025年,要创建100个左右省级、10个左右国家级现代农业产业园。").targets
    assert [(t.kind, t.bound, t.min, t.year) for t in rows] == [
        ("target", "about", 100.0, 2025),
        ("target", "about", 10.0, 2025),
    ]


def test_a_count_of_projects_in_parks_is_no_count_of_parks() -> None:
    rows = extract_text("2024年,要实施200个以上新一轮工业园区标准化建设重点项目。").targets
    assert [t for t in rows if t.kind == "target"] == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("今年要建设创业孵化基地和园区15个。", "incubator"),
        ("到2020年,全市众创空间和创客服务中心要达到100家。", "incubator"),
    ],
    ids=["two-kinds", "a-kind-and-a-body"],
)
def test_kinds_joined_before_one_count_are_counted_as_the_first(text: str, category: str) -> None:
    rows = [t for t in extract_text(text).targets if t.kind == "target"]
    assert [t.category for t in rows] == [category]


def test_carriers_joined_with_research_platforms_are_not_counted_alone() -> None:
    rows = extract_text("今年力争新增各类双创载体和研发平台80家。").targets
    assert [t for t in rows if t.kind == "target" and t.category != "other"] == []


def test_counts_told_apart_by_a_qualifier_share_the_kind_written_last() -> None:
    rows = extract_text(
        "争取到2017年培育5个营业收入超2000亿元、10个营业收入超1000亿元、25个营业收入超500亿元的产业园区。"
    ).targets
    assert [(t.kind, t.category, t.min, t.year) for t in rows] == [
        ("target", "park", 5.0, 2017),
        ("target", "park", 10.0, 2017),
        ("target", "park", 25.0, 2017),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "今年要使12个省级产业园新增供应土地5%以上。",
        "今年要把7家化工园区做强做优。",
        "今年将做大绿色建材、装配式建筑、绿色食品5个产业园。",
        "今年9个省级产业集聚区要补齐产业配套。",
    ],
    ids=["made-to", "disposal", "made-bigger", "subject-that-must"],
)
def test_counts_of_carriers_acted_on_are_no_goal(text: str) -> None:
    assert [t for t in extract_text(text).targets if t.kind == "target"] == []


def test_carriers_to_become_more_stay_a_goal() -> None:
    rows = extract_text("到2025年,使12个高能级产业生态园成长为有影响力的先进制造园区集群。").targets
    assert [(t.kind, t.min, t.year) for t in rows] == [("target", 12.0, 2025)]


@pytest.mark.parametrize(
    "text",
    ["今年,3个现代特色农业产业园要建好建强。", "今年要编制2个园区的规划与设计。"],
    ids=["subject-to-be-built", "planning-of-them"],
)
def test_counts_of_carriers_to_build_stay_goals(text: str) -> None:
    assert [t.kind for t in extract_text(text).targets] == ["target"]


@pytest.mark.parametrize(
    "text",
    [
        "今年要以9个现代农业示范园区、2个畜牧园区为龙头,规划建设一批农业科技示范区。",
        "今年要全面完成35个省级以上园区的循环化改造任务。",
        "今年要推动5个化工园区(集中区)的安全风险等级全部降到D级。",
        "今年推动35个川渝产业合作示范园区提质发展。",
        "今年力争园区经济规模在全省27个百亿级园区里争先晋位。",
        "今年要依托8个省级开发区和3个产业园区,培育5个省级重点专业镇。",
    ],
    ids=[
        "built-on",
        "reworked",
        "bracket-then-what-they-have",
        "upgraded",
        "ranked-among",
        "relied-on-with-words-between",
    ],
)
def test_more_counts_of_carriers_that_exist_are_no_goal(text: str) -> None:
    assert [t for t in extract_text(text).targets if t.kind == "target"] == []


def test_a_kind_after_a_joiner_belongs_to_the_next_count() -> None:
    rows = extract_text("今年新增人工智能创新平台5家和市级核心产业园3个。").targets
    assert [(t.category, t.min) for t in rows if t.category == "park"] == [("park", 3.0)]


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("今年是2016年。新设立省级创业孵化基地20户以上。", [20.0]),
        ("今年是2018年。新建10个中以农业示范园区。", [10.0]),
        ("今年是2009年。要安排专项资金建设100个县域工业园区。", [100.0]),
    ],
    ids=["counted-in-hu", "china-israel-parks", "county-parks"],
)
def test_more_ways_of_counting_carriers(text: str, counts: list[float]) -> None:
    assert [t.min for t in extract_text(text).targets if t.kind == "target"] == counts


def test_a_joiner_after_the_count_closes_the_noun_before_it() -> None:
    # 工程研究中心13个以及一批孵化基地: thirteen research centres, no count
    # of incubators.
    text = "2025年，建设重点实验室6个、工程研究中心13个以及一批科技孵化基地。"
    kinds = {(t.category, t.min) for t in extract_text(text).targets}
    assert ("incubator", 13.0) not in kinds
    counted = extract_text("到2025年，建成孵化器10个以及一批众创空间。").targets
    assert [(t.category, t.min) for t in counted] == [("incubator", 10.0)]
