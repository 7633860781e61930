"""The annotated corpus of other cities, its scorer, and the rules it measures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import zhconv

from geo_app.errors import DataFileError
from geo_app.extraction import extract_text
from geo_app.extraction.corpus import (
    format_corpus_report,
    load_corpus,
    name_forms,
    score_corpus,
)

CORPUS = Path(__file__).resolve().parent / "corpus" / "documents"
CATEGORIES = {"community", "smart_island", "incubator", "park", "zone"}
STATUSES = {"existing", "planned", "under_construction"}


def test_corpus_is_well_formed() -> None:
    documents = load_corpus(CORPUS)
    sentences = [s for d in documents for s in d.sentences]
    cities = {c.city for s in sentences for c in s.carriers if c.city} | {
        d.city for d in documents if d.city
    }
    assert len(documents) >= 25
    assert len(sentences) >= 150
    assert len(cities - {"洛阳市", "漯河市"}) >= 20
    assert len({d.province for d in documents if d.province}) >= 10
    assert {d.split for d in documents} == {"dev", "heldout", "heldout8", "heldout10", "heldout13"}
    last = [d for d in documents if d.split == "heldout13"]
    assert len(last) >= 20
    assert sum(len(s.non_targets) for d in last for s in d.sentences) >= 100
    for document in documents:
        assert document.url.startswith("http"), document.id
        for sentence in document.sentences:
            for carrier in sentence.carriers:
                assert carrier.category in CATEGORIES, carrier
                assert carrier.status in STATUSES, carrier
                # The city is the gazetteer's simplified name, whatever the script.
                assert carrier.city == zhconv.convert(carrier.city, "zh-hans"), carrier


def test_scores_by_split(capsys: pytest.CaptureFixture[str]) -> None:
    scores = score_corpus(load_corpus(CORPUS))
    with capsys.disabled():
        print("\n== extractor on tests/extraction/corpus (other cities) ==")
        print(format_corpus_report(scores))
    dev, held = scores["dev"], scores["heldout"]
    # Floors a change must not fall below (the report prints the figures);
    # dev takes in each new batch after its first score, so its floors
    # follow the harder batches (90.0 % / 84.0 % with heldout86 in it, 83 %
    # recall with heldout90; heldout91–106, mostly cities' government work
    # reports that name parks by lists of industries, bring it to 81.8 %;
    # with heldout107–110 and pilot zones (试验区) as carriers, 88.9 % / 82.4 %).
    # City: heldout119–138 are excerpts of reports that often never write
    # the city they are about (its carriers' city in the gold comes from the
    # source), and bring dev from 92.3 % to 91.0 %.
    assert dev.correct_carriers / dev.extracted_carriers >= 0.88
    assert dev.found_carriers / dev.gold_carriers >= 0.81
    assert dev.city_right / dev.found_carriers >= 0.90
    assert held.correct_carriers / held.extracted_carriers >= 0.65
    assert held.found_carriers / held.gold_carriers >= 0.65
    for split, floor in (("heldout8", 0.75), ("heldout10", 0.75), ("heldout13", 0.70)):
        last = scores[split]
        assert last.correct_carriers / last.extracted_carriers >= floor
        assert last.found_carriers / last.gold_carriers >= floor + 0.03
    every = scores["all"]
    assert sum(every.non_targets_emitted.values()) / sum(every.non_targets.values()) <= 0.05
    assert every.city_right / every.found_carriers >= 0.90


def _write(folder: Path, sentences: list[dict[str, object]]) -> None:
    document = {
        "id": "t",
        "city": "东川市",
        "province": "",
        "url": "https://example.org/t",
        "split": "heldout",
        "sentences": sentences,
    }
    (folder / "t.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def test_scorer_files_errors_by_kind(tmp_path: Path) -> None:
    _write(
        tmp_path,
        [
            {
                "text": "科技局此次认定常州青禾众创空间、常州南岭科技园孵化器2家载体。",
                "carriers": [
                    {"name": "常州青禾众创空间", "category": "incubator", "status": "existing",
                     "city": "常州市"},
                    {"name": "常州南岭科技园孵化器", "category": "incubator",
                     "status": "existing", "city": "常州市"},
                ],
                "non_targets": [{"number": 2, "kind": "announcement"}],
            },
            {
                "text": "到2025年，全市新建众创空间不少于10家。",
                "targets": [{"category": "incubator", "number": 10, "bound": "at_least",
                             "year": 2025}],
            },
        ],
    )  # fmt: skip
    score = score_corpus(load_corpus(tmp_path))["heldout"]
    assert (score.found_carriers, score.gold_carriers) == (2, 2)
    assert score.correct_carriers == score.extracted_carriers == 2
    assert score.status_right == 2 and score.city_right == 2
    assert (score.found_targets, score.gold_targets) == (1, 1)
    assert sum(score.non_targets_emitted.values()) == 0
    assert "heldout" in format_corpus_report({"heldout": score}, details=True)


def test_scorer_rejects_a_folder_without_documents(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as caught:
        load_corpus(tmp_path)
    assert caught.value.code == "extraction.corpus_empty"
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_corpus(tmp_path)
    assert caught.value.code == "extraction.corpus_document"


def test_a_bare_kind_does_not_identify_a_carrier() -> None:
    assert name_forms("商丘智慧岛") == frozenset({"商丘智慧岛"})
    assert "光谷生物创新孵化器" in name_forms("武汉光谷生物创新孵化器")
    assert "新余高新区" in name_forms("新余国家高新区")


def names(text: str, city: str | None = None) -> list[str]:
    return [c.name for c in extract_text(text, city=city).carriers]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("公布了2023年度省级众创空间名单。", []),
        ("共建600平方米滨湖创业园。", ["滨湖创业园"]),
        ("构建“众创空间—孵化器—加速器—专业园区”孵化链条。", []),
        ("全省首个智慧岛中原龙子湖智慧岛揭牌。", ["中原龙子湖智慧岛"]),
        ("考察组一行走进青禾智慧岛。", ["青禾智慧岛"]),
        ("认定南岭科技园孵化器为省级孵化器。", ["南岭科技园孵化器"]),
        ("推动东川科创城和西河科创园建设。", ["东川科创城", "西河科创园"]),
        ("山东省科技企业孵化器名单公布。", []),
        ("国家级昆山出口加工区转型为综合保税区。", ["昆山出口加工区"]),
        ("其中青石片区重点建设电子产业园。", ["电子产业园"]),
        ("设立湖南自贸区岳阳片区。", ["湖南自贸区岳阳片区"]),
        ("东川市有东川经济开发区。", ["东川经济开发区"]),
        ("诸暨高新区以新材料为主攻方向。", ["诸暨高新区"]),
        ("这标志着东川大学科技园正式开工。", ["东川大学科技园"]),
        ("项目选址东川经开区。", ["东川经开区"]),
        ("近来东川新区的特色园区频频发力。", ["东川新区"]),
        ("其实行省级经济开发区政策。", []),
        ("笏石工业园(含佳通产业园)承接产业转移。", ["笏石工业园", "佳通产业园"]),
        ("到“十四五”末东川高新区产值翻番。", ["东川高新区"]),
        ("鼓励建设域外科创飞地。", []),
        ("另设1张开发区发展指引。", []),
        ("届时东川高新区要创建成为国家高新区。", ["东川高新区"]),
        # (the city's own zone, written bare; 国家高新区 is a kind)
        ("高新区正迈进国家高新区行列。", ["高新区"]),
        ("部分科技企业孵化器服务能力不足。", []),
        ("往东川招商缺少孵化园。", []),
        ("建成改革开放先行区和生态文明示范区。", []),
        (
            "东川青禾孵化器以及沃土众创空间等18家众创空间评为合格。",
            ["东川青禾孵化器", "沃土众创空间"],
        ),
        ("园内有东川光通讯工业园。", ["东川光通讯工业园"]),
        ("目前,区内东川青禾科技企业孵化器运行良好。", ["东川青禾科技企业孵化器"]),
        ("青禾创业园、沃土众创空间等一批新型载体相继建成。", ["青禾创业园", "沃土众创空间"]),
        ("支持青年创业园、返乡创业示范园区等特色孵化载体发展。", []),
        ("认定西河高新技术产业开发区南岭园(新材料)。", ["西河高新技术产业开发区南岭园"]),
        ("支持粤东粤西粤北地区省产业园发展。", []),
    ],
)
def test_name_boundaries(text: str, expected: list[str]) -> None:
    assert names(text, "东川") == expected


def test_names_without_a_carrier_word_receiving_a_batch_designation() -> None:
    found = extract_text("东川芯港、西河美谷入选首批市级特色产业园区。", city="东川").carriers
    assert [(c.name, c.category, c.status) for c in found] == [
        ("东川芯港", "park", "existing"),
        ("西河美谷", "park", "existing"),
    ]


def test_operators_named_before_the_kind_they_are_recognised_as() -> None:
    found = extract_text(
        "常州青禾科技有限公司、无锡南湾创业中心等3家单位被认定为省级孵化器。"
    ).carriers
    assert [(c.name, c.city, c.category) for c in found] == [
        ("常州青禾科技有限公司", "常州市", "incubator"),
        ("无锡南湾创业中心", "无锡市", "incubator"),
    ]


def test_operators_in_a_recognition_list_are_carriers() -> None:
    found = extract_text(
        "甲城天时创业服务有限公司、乙河投资有限公司2家科技企业孵化器成功备案。", city="潍坊"
    ).carriers
    assert [(c.name, c.category, c.status) for c in found] == [
        ("甲城天时创业服务有限公司", "incubator", "existing"),
        ("乙河投资有限公司", "incubator", "existing"),
    ]


@pytest.mark.usefixtures("status_rules")
@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("省科技厅认定青禾众创空间为省级众创空间。", "existing"),
        ("临江科技城上周举行开工仪式。", "planned"),
        ("以临江高新区为主体推进改革。", "existing"),
        ("规划建设青禾智慧岛。", "planned"),
        ("“一区”为东川高新区，到2025年企业超过百家。", "existing"),
        ("新园区不另设机构，交由东川经济技术开发区管理。", "existing"),
        ("在临江科技城的建设中，科技园最受重视。", "planned"),
        ("青禾创业园已进入土地平整阶段。", "planned"),
        ("经研究,同意将东川青禾工业园区列为省级民营科技园。", "existing"),
        ("获得省级孵化器称号的东川青禾孵化器被授予牌匾。", "existing"),
        ("东川青禾农业科技园区获准筹建。", "planned"),
        ("客商来到东川青禾产业园项目的建设现场。", "planned"),
        ("园区联合东川青禾创新园组建联盟。", "existing"),
        ("今年把东川青禾产业园作为重点。", "existing"),
        ("沿海依次分布着东川综合保税区。", "existing"),
        ("建设东川国家自主创新示范区西河分园。", "planned"),
        ("新园建成后,将与东川青禾科技园一起构成大学科技园集群。", "existing"),
        ("与会人员先后到东川青禾创业园实地调研。", "existing"),
        ("园区陆续引进建设了东川青禾产业园等一批项目。", "existing"),
        ("该项目坐落于东川经济开发区。", "existing"),
        ("东川青禾产业园的建设正在提速。", "planned"),
        ("结合东川经济开发区的区域布局编制规划。", "existing"),
        ("确保东川青禾孵化器等16个重点项目按期启动、如期完成。", "planned"),
        ("节点包括科创空间,以及东川高新区等创新节点。", "existing"),
        ("其余为东川经济技术开发区化工园区。", "existing"),
        ("把东川经济技术开发区等国家级经开区建成科技创新引领区。", "existing"),
        ("它与东川综合保税区优势互补。", "existing"),
        ("经研究同意“东川金峰众创园”等17家孵化器的事项变更。", "existing"),
        ("政府公布了关于设立东川高新技术产业开发区的批复。", "existing"),
        ("省政府通报表扬东川高新技术产业开发区等12个园区。", "existing"),
        ("东川应急制造产业园已完成总工程量的75%。", "planned"),
        ("东川新能源汽车产业园项目即将投入运营。", "planned"),
        ("东川大学飞地科技园启动仪式在福州举行。", "planned"),
    ],
)
def test_status_from_the_sentence_role(text: str, status: str) -> None:
    [carrier] = extract_text(text, city="东川").carriers
    assert carrier.status == status


@pytest.mark.parametrize(
    ("text", "document_city", "cities"),
    [
        pytest.param(
            "湖南6家孵化器备案为国家级科技企业孵化器\n"
            "成功备案的有衡阳高新技术产业开发区创业服务中心、江华高新区科技企业孵化器和东创科技孵化器。",
            "",
            {
                "衡阳高新技术产业开发区创业服务中心": "衡阳市",
                "江华高新区科技企业孵化器": "永州市",
                "东创科技孵化器": "",
            },
            id="each item of a province-wide list",
        ),
        pytest.param(
            "广西壮族自治区批复设立某经济技术开发区。\n园区已建成民乐农机产业园和城西木业产业园。",
            "",
            {"民乐农机产业园": "", "城西木业产业园": ""},
            id="short names of counties of another province (张掖, 西宁) place nothing",
        ),
        pytest.param(
            "广西壮族自治区同意北流工业园区升级为自治区级开发区。\n"
            "北流工业园区建于2002年,北流市还规划建设广西(北流)轻工产业园,园内另有城西家具产业园。",
            "玉林市",
            {"广西(北流)轻工产业园": "玉林市", "城西家具产业园": "玉林市"},
            id="a county written short makes the city of a provincial text",
        ),
        pytest.param(
            "自治区认定广西兴宁农业科技园区。",
            "",
            {"广西兴宁农业科技园区": "南宁市"},
            id="a short name two provinces share (兴宁) takes the one of the province",
        ),
        pytest.param(
            "青禾项目位于居巢经济开发区南区,依托中西创新产业园建设。",
            "",
            {"居巢经济开发区": "", "中西创新产业园": ""},
            id="county names that are everyday words (南区, 中西) place nothing",
        ),
        pytest.param(
            "宁夏公布示范园区名单。\n吴忠金积工业园区持续改善园区环境。\n园区陆续引进建设了青禾铸锻产业园。",
            "",
            {"吴忠金积工业园区": "吴忠市", "青禾铸锻产业园": "吴忠市"},
            id="a sentence about the park just named takes its city",
        ),
        pytest.param(
            "海南省公布互联网产业载体。\n在海口中心城区,青禾创新创业园、沃土众创空间等相继建成。",
            "",
            {"青禾创新创业园": "海口市", "沃土众创空间": "海口市"},
            id="parks of a sentence opening with one city lie there",
        ),
        pytest.param(
            "12月22日在北京召开的会议公布了名单,广西的来宾金凤凰现代农业产业园在其中。",
            "",
            {"来宾金凤凰现代农业产业园": "来宾市"},
            id="the city of a meeting is not the text's; 来宾 in a text about 广西 is the city",
        ),
    ],
)
def test_city_of_each_carrier(text: str, document_city: str, cities: dict[str, str]) -> None:
    extraction = extract_text(text)
    assert extraction.city == document_city
    found = {c.name: c.city for c in extraction.carriers}
    assert {name: found.get(name) for name in cities} == cities


def test_a_carrier_named_again_without_its_place_is_listed_once() -> None:
    extraction = extract_text("琼海市富海产业园加快建设。\n富海产业园地处嘉积城区东北侧。")
    assert [c.name for c in extraction.carriers] == ["琼海市富海产业园"]


def test_county_level_city_in_a_name() -> None:
    [carrier] = extract_text("认定常熟市国家大学科技园。", city="青岛").carriers
    assert carrier.city == "苏州市"


def only_targets(text: str) -> list[tuple[str, float | None, int | None]]:
    return [(t.kind, t.number, t.year) for t in extract_text(text, city="东川").targets]


def test_announcements_and_stock_totals_are_not_goals() -> None:
    assert only_targets("省政府公布第二批智慧岛名单，东川等8个智慧岛入选。")[0][0] == "baseline"
    assert only_targets("截至目前，全省智慧岛总数已增至24个。")[0][0] == "baseline"
    assert only_targets("到2025年，新建众创空间不少于10家。") == [("target", 10.0, 2025)]


def test_goal_year_of_a_plan_period_and_of_the_sentence_before() -> None:
    assert only_targets("力争“十四五”末全市国家级孵化器达到100家以上。") == [
        ("target", 100.0, 2025)
    ]
    text = "东川市科技创新规划。到2035年，建成一批载体。并形成3个科技创新聚集区。"
    assert only_targets(text)[-1] == ("target", 3.0, 2035)


def test_a_chain_with_one_node_is_not_a_count() -> None:
    assert only_targets("到2025年，形成1个以“众创空间—孵化器”为核心的链条。") == []


def test_inline_headlines_give_each_item_its_city() -> None:
    extraction = extract_text(
        "各地动态\n常州市：青禾智慧岛正式揭牌。无锡市：南湾众创空间投入运营。", city="苏州"
    )
    assert [(c.name, c.city) for c in extraction.carriers] == [
        ("青禾智慧岛", "常州市"),
        ("南湾众创空间", "无锡市"),
    ]


def test_the_tagger_trims_words_the_word_lists_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    from geo_app.extraction import _segment

    assert names("专家们拜访青禾智慧岛。", "东川") == ["青禾智慧岛"]
    monkeypatch.setattr(_segment, "ENABLED", False)
    _segment.segmenter_cut.cache_clear()
    assert names("专家们拜访青禾智慧岛。", "东川") == ["专家们拜访青禾智慧岛"]
    _segment.segmenter_cut.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        "青禾孵化器是全省第一家生物医药专业孵化器。",
        "东川：西部城市中科技企业孵化器数量领先。",
        "东川县大孵化器集群建设三年行动计划。",
        "本省在外地的首个离岸孵化基地已进驻5个团队。",
    ],
)
def test_kinds_named_by_an_ordinal_a_measure_or_a_cluster(text: str) -> None:
    assert [n for n in names(text, "东川") if n != "青禾孵化器"] == []


def test_members_of_a_counted_list_without_a_carrier_word() -> None:
    found = extract_text("青禾空间Green Hub、南岭创客汇等5家载体备案为市级众创空间。", city="东川")
    assert [(c.name, c.category, c.status) for c in found.carriers] == [
        ("青禾空间Green Hub", "incubator", "existing"),
        ("南岭创客汇", "incubator", "existing"),
    ]
    text = "省科技厅公布本年度省级星创天地名单。\n常州的南岭蜂业有限公司等4家单位名列其中。"
    [carrier] = extract_text(text).carriers
    assert (carrier.name, carrier.category, carrier.city) == (
        "南岭蜂业有限公司",
        "incubator",
        "常州市",
    )


def test_groups_of_bodies_and_places_are_not_members() -> None:
    assert names("高校、科研院所等20家单位被认定为市级众创空间。", "东川") == []
    assert names("我市、西河等5家入选省级孵化器名单。", "东川") == []


def test_a_dated_act_in_the_past_makes_a_carrier_exist() -> None:
    [old] = extract_text("青禾软件园于1999年开工建设。", city="东川").carriers
    [new] = extract_text("青禾软件园将于2026年开工建设。", city="东川").carriers
    assert (old.status, new.status) == ("existing", "planned")


def test_the_place_where_work_starts_exists() -> None:
    found = extract_text("南岭科技产业园项目在青禾高新区西河园区开工。", city="东川").carriers
    assert [(c.name, c.status) for c in found] == [
        ("南岭科技产业园", "planned"),
        ("西河园区", "existing"),
    ]


def test_city_from_a_county_when_no_city_is_named() -> None:
    extraction = extract_text("常熟市举办创新创业大会\n青禾创业园已投入运营。")
    assert extraction.city == "苏州市"
    assert [(c.name, c.city) for c in extraction.carriers] == [("青禾创业园", "苏州市")]


def test_a_measured_population_is_not_a_goal() -> None:
    assert only_targets("2021年全国169家国家级高新区营业收入预计超过48万亿元。") == []


def test_the_scorer_names_an_empty_folder_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from geo_app.extraction.corpus import main

    assert main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "Traceback" not in err
    assert main(["--help"]) == 0


def test_a_level_written_inside_a_zones_name_does_not_make_another_zone() -> None:
    assert name_forms("西江省级高新区") & name_forms("西江高新区")
    assert name_forms("新余国家高新区") & name_forms("新余高新区")
    assert not name_forms("西江省级高新区") & name_forms("东江高新区")
