"""Find planned counts of carriers: ``建设科技产业社区不少于20家``.

A count is a number (or range) with a carrier measure word (家, 个, 座, 所,
处) whose subject, written right after it (``5~8个市级重点实验室``) or just
before it (``孵化载体不少于120家``), is a carrier kind from
:data:`~geo_app.extraction._lexicon.SUBJECT_KINDS`.  Numbers with other
units (平方米, 亿元, 名, 项 …) or without a measure word (tier names such as
"20"孵化器) are not counts.  Lists of named carriers that a plan promotes
together (``A、B、C“三大创新平台”``, ``A和B建设``, ``A积极创建国家级高新区``)
become ``named_list`` targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from geo_app.extraction._generic import ONE_EACH, strip_generic
from geo_app.extraction._lexicon import (
    FUTURE_ACTION_WORDS,
    FUTURE_COUNT_WORDS,
    LEVEL_WORDS,
    MEASURED_WORDS,
    PAST_COUNT_WORDS,
    SUBJECT_KINDS,
)
from geo_app.extraction._linear import clause_span
from geo_app.extraction._numerals import NUMBER, RANGE, parse_number, parse_range
from geo_app.extraction._role_model import RoleContext, learned_role
from geo_app.extraction._target_mention import (
    _COUNT_RE,
    _GOAL_YEAR_RE,
    _KIND_RE,
    _YEAR_CARRY,
    FUTURE_MARKS,
    FUTURE_RE,
    TargetMention,
    _bound,
    _limits,
    _own_year,
    _subkind,
)
from geo_app.extraction._target_parts import (
    _bracket_part,
    _continued,
    _each_level_parts,
    _leading_parts,
    _next_part,
    _part_of,
    _repeated_counts,
    _respective_part,
)
from geo_app.extraction._target_subjects import (
    GOAL_NOUNS,
    GRADE_LEVELS,
    _level_before,
    _subject_after,
    _subject_before,
    _subject_of_clause_before,
    level_after_kind,
)
from geo_app.extraction._text import Sentence
from geo_app.extraction.carriers import CarrierMention

__all__ = ["FUTURE_MARKS", "FUTURE_RE", "TargetMention", "find_named_lists", "find_targets"]

_SCOPE_RE = re.compile(r"^([\u4e00-\u9fff]{2,4}(?:区|县))")
# A count already reached when the sentence looks back (累计 with no goal word).
_BACKWARD_CUES = ("累计",)
_TITLE_RE = re.compile("《[^《》]{1,60}》")
_REACHED_PERIOD_END_RE = re.compile("(截至|截止)(“?十[一二三四五六]五”?(?:期|时期)?末)")
_NOT_A_GOAL_BEFORE = ("依托", "依靠", "依託")
# Verbs that build or set up a carrier: between a verb and a count they make
# the count what is built.
_BUILDING_VERBS = "建设|新建|打造|创建|培育|设立|布局|组建|筹建|建成"
# 依托航空、航天产业基地和5个航空工业园: the count need not follow at once.
_NOT_A_GOAL_BEFORE_RE = re.compile(
    "(?:" + "|".join(_NOT_A_GOAL_BEFORE) + ")"
    rf"(?:(?!{_BUILDING_VERBS})[^,。;]){{0,30}}$"
)
# The most characters before a count that pattern can span: it is searched
# there only, not from the start of a long sentence for every count.
_NOT_A_GOAL_WINDOW = max(len(w) for w in _NOT_A_GOAL_BEFORE) + 30
# 要有6个园区产值超过100亿元、12个园区…: the counts of carriers that reach a measure.
_COUNTED_AFTER_HAVE_RE = re.compile(rf"有(?:{NUMBER})[个家]")
# 依托10个农产品加工产业园的建设: what a plan builds on is built by it.
_BUILDING_AFTER_RE = re.compile("[^,。;]{0,20}?(?:园区?|区|地|空间|器|岛)的?(?:建设|打造)")
_GOAL_VERB_RE = re.compile(
    "建|创建|新增|增加|增至|认定|布局|达|突破|超过|不少于|不低于|以上|培育|打造|争创|引进|组建"
    "|扶持|支持|推动|推进|形成|实现|发展|提升|壮大|力争|争取|确保|目标|规划|计划|要|将|每年"
)
# Words right before a count that make it restate the items just listed.
_RESTATING = ("这", "这些", "上述", "以上", "前述")
# What a work report says of the year behind it: the whole area's results
# (全市新增…, 全州建成…), stocks reached (发展到, 总数), ranks and titles won.
_REPORT_RESULT_RE = re.compile(
    r"(?:全市|全州|全区|全县|全省|全盟|我市|我州)[^,。;]{0,8}?"
    r"(?:新增|建成|新建|发展到|达到|获评|获批|实现|培育|创建|认定|引进|新发展|结对共建)"
    r"|发展到|总数|总量|已|获评|位居|进入全[省国]|跃升|综合排名"
    # 回顾2018年, 当年新创建, 相继落户, 新获批准, 投资增长了: the year behind.
    r"|回顾|当年|相继|新获|增长了"
)
# 全年新增…5家, 全年培育…: what the year behind a report brought.
_YEARS_RESULT_RE = re.compile("全年(?:新增|新建|建成|培育|创建|认定|备案|共)")
# A sentence opening with a past period.
_LAST_PERIOD_RE = re.compile(r"(?:去年|上年|过去一年|过去五年|五年来|这五年|过去的一年)")
# 推进7个省级开发区提档升级: the zones a plan upgrades exist already.
_UPGRADES = "扩区|调区|调位|提档"
_UPGRADED_RE = re.compile(
    rf"(?:要|将)?(?:{_UPGRADES}|提质增效|转型升级|高质量发展|做大做强|提质升级|提质发展|提档升级)"
)
_NEXT_YEARS_RE = re.compile(r"(?:未来|今后)(?:五|5|三|3|几)年")
# 两年内, 用三年时间: goals within a span of years from the year a report
# sets (not 3—5年, a span of spans, nor 未来三年 of a plan).
_WITHIN_COUNT_RE = re.compile(rf"(?:{NUMBER})(?:个|家|所|座)")


def _counts_within(text: str, end: int) -> bool:
    """Whether the clause a span of years (两年内) opens counts something:
    用三年时间打好攻坚战,启动实施15个… starts its count this year."""
    stops = [i for i in (text.find(c, end) for c in ",;。") if i >= 0]
    return _WITHIN_COUNT_RE.search(text, end, min(stops, default=len(text))) is not None


_WITHIN_YEARS_RE = re.compile(r"(?<![—\-~至到或\d未今来后近去])([两二三四五2-5])年(?:内|时间)")
# Names listed right before their count (A、B、C3个), and what only a
# carrier that exists can undergo after it.
_NAMES_LISTED_RE = re.compile(r"[^,。;、]{2,12}(?:、[^,。;、]{2,12})+(?:和[^,。;、]{2,12})?$")
_REWORKED_RE = re.compile(rf"(?:要|将)?(?:{_UPGRADES}|升级|提质|转型|整合|各)|正(?:在|加快)")
# Words that refer back to the last goal year, however far (届时 by then, 同期).
# 把现有的33家开发区整合优化为22家: what the merger leaves is the goal.
_MERGED_INTO_RE = re.compile("(?<!已)(?<!已经)(?:整合|优化|调整|压减|精简)(?:优化|整合|提升)?为$")
_BUILDS_LISTED_RE = re.compile("(?:将|要|拟|计划)[^,。;已]{0,6}(?:建设|新建|打造|建成)")
_BEING_BUILT = ("在建", "已建", "已建成", "已有")
_RECOGNISED_AFTER = ("获批", "获评", "获认定", "被认定", "入选", "通过验收", "通过认定")
# A clause that opens with building (打造智能家居、轻工视讯等8个特色产业园区).
_BUILDS_FIRST_RE = re.compile(
    "(?:加快|重点|集中|全力|积极|大力|着力)?(?:谋划|规划)?(?:建设|新建|打造|创建|争创|培育|布局)"
)
_GOING_ON = ("同时", "此外", "另外", "并", "还要", "还将")
_BACK_REFERENCES = ("届时", "同一时期", "同期")
# 今年要…, 年内建成…: goals of the year the text speaks from (not 今年以来, the past).
_THIS_YEAR_RE = re.compile(r"今年(?!以来|上半年|前)|年内")
_ORDINAL_BEFORE = ("唯", "第")
_PLAN_END_RE = re.compile(r"(十一五|十二五|十三五|十四五|十五五)”?(?:末|期末|时期末|期间|时期)")
_PLAN_END_YEARS = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
# A count per year (每年新增10个) or per district (每个县区1-2个).
_PER_YEAR_RE = re.compile(r"每年|年均")
_PER_DISTRICT_RE = re.compile(
    r"每个?(?:贫困|重点|山区|民族|远城|新城|中心城)?(?:县\((?:市)?、?区\)|县\(市\)|县|区|县区|区县|县市区|县(?:市)?区|乡镇|街道|州市|市州|设区市|地市"
    r"|地\(市\)|市(?![场民])"
    r"|市县|县市|盟市|旗县区|旗县|旗区|县旗)"
    r"|各(?:县|区县|县区)(?:\((?:市|区|市、区)\))?(?:市)?(?:区)?(?![\u4e00-\u9fff]{0,2}(?:企业|政府|部门|单位))"
    r"|各(?:设区市|州市|市州|地市)"
    # 有条件的县区打造1—2个: each county that can.
    r"|有条件的(?:县区|县市区|县\(市、区\)|县|区县|市县|乡镇|地方)"
    # 23个重点县在本县…各建成1个以上: each of the counties named.
    r"|[县区市][^,;。]{0,30}各(?:建成|新建|建设|布局|打造|培育|设立)"
)
_NAMED_LIST_SUFFIX_RE = re.compile(rf"“?(?P<n>{NUMBER})大[^”,。;]{{0,8}}”?")
_STOCK_BEFORE_RE = re.compile("已|目前|现有|拥有")
_ROLE_AFTER_RE = re.compile(rf"“?(?:{NUMBER})大[^”,。;为]{{0,8}}”?为")
_UPGRADE_RE = re.compile(
    r"(?:积极)?(?:创建|争创|建设|申建|升级为|创成)"
    r"(?P<level>国家级|国家|省级|省|市级)(?P<kind>"
    + "|".join(
        sorted(
            (k for k, v in SUBJECT_KINDS.items() if v[0] != "all_carriers"), key=len, reverse=True
        )
    )
    + r")(?=$|[,。;、])"
)


def _per(clause: str) -> str | None:
    """``year`` or ``district`` for a rate, ``""`` for a total, ``None`` when
    the clause counts per something else (每个园区…)."""
    if _PER_YEAR_RE.search(clause):
        return "year"
    # 培育一县一个百亿园区: one in each county, its count written.
    if _PER_DISTRICT_RE.search(clause) or re.search(ONE_EACH + "个", clause):
        return "district"
    return None if "每" in clause else ""


_OPENING_YEAR_CLAUSE_RE = re.compile(r"(?:到|至)?20\d{2}年(?:底|末)?,")
_OPENING_EACH_RE = re.compile(r"(?:力争|要|确保|推动)?(?:每个|各)")
_WHOLE_SCOPE = ("全市", "全省", "全区", "全州", "全县", "共", "累计", "总数")


def _distributed(text: str, clause_start: int) -> bool:
    """Whether the sentence opens with a clause of each county (每个县…)
    and the clause at ``clause_start`` names no scope of its own."""
    opening = _OPENING_YEAR_CLAUSE_RE.match(text)
    start = opening.end() if opening else 0
    first_end = min((i for i in (text.find(c, start) for c in ",;") if i >= 0), default=len(text))
    return (
        first_end < clause_start
        and _OPENING_EACH_RE.match(text, start) is not None
        and _per(text[start:first_end]) == "district"
        and not any(w in text[clause_start:] for w in _WHOLE_SCOPE)
    )


# 2020年,全市新增…: a sentence that opens with its year.
_OPENING_YEAR_RE = re.compile(r"(20\d{2})年")


def _dated_before(text: str, context: _Context) -> bool:
    """Whether a work report's sentence opens with a year before the one
    whose work it sets and says nothing of the future (2020年,全市新增…
    in the report on 2021)."""
    opening = _OPENING_YEAR_RE.match(text)
    return (
        context.report
        and opening is not None
        and context.target_year is not None
        and int(opening.group(1)) < context.target_year
        and FUTURE_RE.search(text) is None
    )


def _target_year(sentence: Sentence, default_year: int | None, *, plan: bool = True) -> int | None:
    own = _own_year(sentence.text)
    if own is not None:
        return own
    if not plan and _NEXT_YEARS_RE.search(sentence.text) and not _PLAN_END_RE.search(sentence.text):
        # 今后五年…超过200家 in a work report: a span from a year the text
        # does not write (a plan's 未来三年 ends at its horizon).
        return None
    plan_end = _PLAN_END_RE.search(sentence.text)
    if plan_end:
        return _PLAN_END_YEARS[plan_end.group(1)]
    years = [int(y) for y in re.findall(r"(20\d{2})年(?:年)?底", sentence.text)]
    return years[-1] if years else default_year


_LISTED_COUNT_RE = re.compile(rf"(?:^|[、和])(?:{NUMBER})(?:个|家|大)")
_BUILT_BEFORE_RE = re.compile("建设|建成|新建|打造|培育|创建|形成|布局|规划")


def _names_a_list(text: str, start: int) -> bool:
    """``A、B、C“三大创新平台”``: N大 in quotes or after a list of names is
    the list's label (see :func:`find_named_lists`), not a count to reach."""
    clause_start = max(text.rfind(c, 0, start) for c in ",;。:") + 1
    before = text[clause_start:start]
    # 七大产业集群、十个产业链、两个配套基地和十大产业园区: a list of counts.
    counts = _LISTED_COUNT_RE.search(before) is not None
    return text[start - 1 : start] == "“" or ("、" in before and not counts)


def _count(sentence: Sentence, match: re.Match[str], context: _Context) -> TargetMention | None:
    text = sentence.text
    if (
        _NOT_A_GOAL_BEFORE_RE.search(
            text, max(0, match.start() - _NOT_A_GOAL_WINDOW), match.start()
        )
        and _BUILDING_AFTER_RE.match(text, match.end()) is None
    ) or (text.endswith("是", 0, match.start()) and match.group("num") in ("一", "1")):
        # 整个高新区就是一个大孵化器, 依托4家国家级高新区: what a thing is,
        # or what a plan builds on, is no count to reach.
        return None
    if match.group("unit") == "大" and (
        _names_a_list(text, match.start()) or not _BUILT_BEFORE_RE.search(text, 0, match.start())
    ):
        # 三大园区目前仍处于…, …和三大产业园区将成为…: N大 names a set, a
        # count to reach only when a verb of building governs it (建设…5大科创城).
        return None
    subject = _subject_after(text, match.end())
    if (
        subject is not None
        and any(j in text[match.end() : subject[1] - len(subject[2])] for j in "和及与、")
        and _NEXT_COUNT_RE.match(text, subject[1])
    ):
        # 人工智能创新平台5家和市级核心产业园3个: the kind after the joiner
        # is counted by the number after it; this one counts what precedes it.
        subject = None
    if subject is not None and _INNER_COUNT_RE.search(text, match.end(), subject[1]):
        # 两个配套基地和十大产业园区: the kind after the joiner has its own count.
        subject = None
    if subject is None:
        subject = _subject_before(text, match.start(), match.end())
    if subject is None:
        clause_start = max(text.rfind(c, 0, match.start()) for c in ",;。:") + 1
        if _BARE_GOAL_RE.fullmatch(text, clause_start, match.start()):
            subject = _subject_of_clause_before(text, clause_start)
    if subject is None:
        return None
    clause_start = max(text.rfind(c, 0, match.start()) for c in ",;。:") + 1
    clause = text[clause_start : match.end()]
    if clause.startswith("其中") and not (
        clause_start + 2 < subject[0] < match.start() and "的" in text[clause_start : subject[0]]
    ):
        # 其中省级55家 is a part (see _part_of); 其中外资超千万美元的园区超过15家
        # names its own subject and counts it.
        return None
    per = _per(clause)
    if per is None:
        return None
    if per == "" and clause_start > 0 and _distributed(text, clause_start):
        # 力争每个县(市、区)培育2个主导产业…,建设2个以上特色产业园区: the
        # scope the sentence opens with holds for its later clauses.
        per = "district"
    s_start, s_end, kind_word = subject
    if match.group("unit") == "大" and strip_generic(text[match.end() : s_start]):
        # 五大产业集群示范园: N大 counts what stands right after it.
        return None
    pool = text.rfind(
        "从", max(text.rfind(c, 0, match.start()) for c in ",;。:") + 1, match.start()
    )
    if (pool >= 0 and text.startswith("中", s_end)) or text.startswith(("中有", "里有"), s_end):
        # 从全省9家A类申报园区中脱颖而出, 全国178家高新区里有75家…: the pool
        # something was chosen from.
        return None
    if text.endswith(_RESTATING, 0, match.start()) and not _BUILDS_LISTED_RE.search(
        text, clause_start, match.start()
    ):
        # A、B和C这3个国家级园区: the count restates the names listed (还将建设
        # A、B和C这3个产业园 counts what is to be built).
        return None
    if (
        _NAMES_LISTED_RE.search(text, clause_start, match.start())
        and _REWORKED_RE.match(text, s_end)
    ) or _UPGRADED_RE.match(text, s_end):
        # 推动安陆、大悟、孝昌3个省级开发区扩区调区, 定西、陇西、临洮3个经济开发区
        # 各要培育…: the count of the zones named, which exist and are reworked.
        return None
    if (
        s_start >= match.end()
        and text.startswith("为", s_end)
        and "以" in text[max(text.rfind(c, 0, match.start()) for c in ";。") + 1 : match.start()]
    ):
        # 形成以四大智慧谷为核心区、两个开发区为协同区的…: a role in a layout.
        return None
    if _BASED_ON_BEFORE_RE.search(text, 0, match.start()) and _AS_BASE_AFTER_RE.match(
        text, match.end()
    ):
        # 以9个现代农业示范园区、2个畜牧园区…为龙头: what a plan builds on.
        return None
    lead = _MEASURE_LEAD_RE.match(text, s_end)
    if (
        s_start >= match.end()
        and text.startswith(MEASURED_WORDS, lead.end() if lead else s_end)
        and _COUNTED_AFTER_HAVE_RE.search(text, clause_start, match.end()) is None
    ):
        # 169家国家级高新区营业收入预计超过…: the carriers are the population
        # a measure is given for, not a count to reach (要有6个园区产值超过
        # 100亿元 counts the parks that reach it).
        return None
    if (
        s_start >= match.end()
        and (
            (
                _ACTED_ON_RE.search(text, clause_start, match.start())
                # 使12个…产业生态园成长为…集群: what they are to become is a goal.
                and not any(w in text[match.end() : s_end + 3] for w in _BECOMING)
            )
            or (
                not text[clause_start : match.start()].strip("全市省区县的")
                and text.startswith(_SUBJECT_MODALS, s_end)
                # 3个…产业园要建好建强, 2个…示范园区要加快建设: what is built.
                and _BUILT_AFTER_RE.search(text, s_end, clause_span(text, s_end, s_end)[1]) is None
            )
        )
    ):
        # 使12个省级产业园新增供应土地, 把7家化工园区做强做优, 做大…5个
        # 产业园: carriers acted on exist; 9个省级产业集聚区要补齐…: so do
        # those a clause opens with as the subject of what they must do.
        return None
    owned = _OWNED_RE.match(text, s_end) if s_start >= match.end() else None
    if owned is not None and (
        _OWN_BUILDING_RE.match(text, owned.end()) is None
        or _REWORKING_RE.match(text, owned.end()) is not None
    ):
        # 5个省级工业园区的工业总产值, 9个省级以上产业园区的循环化改造: what
        # the carriers counted have or undergo; they exist already.
        return None
    joined = _JOINED_OWNED_RE.match(text, s_end) if s_start >= match.end() else None
    if joined is not None and _REWORKING_RE.match(text, joined.end()) is not None:
        # 2家工业园区和13家污水处理厂的整改: so does a list of things counted.
        return None
    if s_start >= match.end() and _PROJECTS_OF_RE.match(text, s_end):
        # 200个以上新一轮工业园区标准化建设重点项目: the count is of projects.
        return None
    clause_start = min(clause_start, s_start)
    category, stem = SUBJECT_KINDS[kind_word]
    if category == "other":
        return None  # 商贸集聚区, 物流园区: counted, but not innovation carriers
    if category == "all_carriers" and "合作" in text[clause_start:s_end]:
        stem = "cooperation_platform"
    level = _level_before(text, s_end - len(kind_word))
    if not level and s_end <= match.start():
        # 创建科技企业孵化器省级3个, 抓好…产业园建设,创建国家级2个: the level
        # written after the kind, or alone in the count's clause.
        own_clause = max(text.rfind(c, 0, match.start()) for c in ",;。:") + 1
        level = level_after_kind(text, max(s_end, own_clause), match.start())
    number_text = match.group("num")
    is_range = re.fullmatch(RANGE, number_text) is not None
    try:
        low, high = parse_range(number_text) if is_range else (parse_number(number_text),) * 2
    except ValueError:
        return None
    bound = _bound(
        match.group("pre") or "", match.group("post") or match.group("mid") or "", is_range
    )
    if match.group("pre") in ("增长到", "增长至", "增加到") and not match.group("post"):
        # 增加到30家 is a number reached; 增加到20家以上 keeps its floor.
        bound = "exact"
    # 今年新认定省级孵化器1家 in a work report: a task of its year.
    this_years_task = context.report and _THIS_YEAR_RE.search(text, 0, match.start()) is not None
    baseline = (
        context.baseline
        # 加快12个在建…产业园的建设: the count of those being built already.
        or text.startswith(_BEING_BUILT, match.end())
        # 和平、连平2个省级农业科技园区获批新增: recognised, so they exist.
        or (
            text.startswith(_RECOGNISED_AFTER, s_end)
            and FUTURE_RE.search(text, 0, match.start()) is None
        )
        or (
            text.endswith("等", 0, match.start("num"))
            # 建设A、B等5个特色产业园 in a plan: the list names what is to be built.
            and not (
                _BUILDS_LISTED_RE.search(text, clause_start, match.start())
                or (context.plan and _BUILDS_FIRST_RE.match(text, clause_start))
                or ((context.plan or context.work) and _task_list(text, match))
            )
        )
        or _dated_before(text, context)
        or (
            context.report
            # The year's tasks (全市高新技术企业达到100家) are no results.
            and not context.work
            and (
                _REPORT_RESULT_RE.search(text) is not None
                or _YEARS_RESULT_RE.search(text, 0, match.start()) is not None
            )
            and FUTURE_RE.search(text) is None
        )
        # 把全区5个国家农业科技园区建设成为…, 全市3个国家级开发区都已…: all
        # those an area has are those it already has (全市新增5个 adds some).
        or (_WHOLE_AREA_RE.search(text, 0, match.start("num")) is not None and bound == "exact")
        or _looks_back(
            text, clause_start, match.end(), context.plan, goal=context.goal or this_years_task
        )
    ) and not _MERGED_INTO_RE.search(text, max(0, match.start() - 8), match.start())
    if baseline and bound == "at_least" and match.group("pre") in ("达", "达到"):
        # A count already reached (总数达197家) is a fact, not a floor.
        bound = "exact"
    minimum, maximum = _limits(bound, float(low), float(high))
    scope = _SCOPE_RE.match(text[clause_start:])
    return TargetMention(
        category=category,
        subkind=_subkind(level, stem),
        subject=text[s_start:s_end],
        kind="baseline" if baseline else "target",
        bound=bound,
        number=None if is_range else float(low),
        min=minimum,
        max=maximum,
        year=_baseline_year(context) if baseline else _goal_year(sentence, context),
        scope=scope.group(1) if scope else "city",
        per=per,
        start=sentence.start + match.start(),
        end=sentence.start + match.end(),
        sentence=sentence,
    )


# 重点推进甲、乙等5个市级产业社区,丙、丁等10个镇级产业社区建设: a task
# over the sentence's list, its verb first and the building last.
_TASK_OPENS_RE = re.compile("(?:^|[,:])[^,。;:]{0,4}?(?:推进|推动|加快|抓好|完成|支持)")
_TASK_CLOSES_RE = re.compile("[^。;]*?(?:建设|创建|认定)(?:工作)?(?:[。;]|$)")


# 推进秦皇岛、保定高新区等4个国家级园区建设: items that are carriers by
# name are ones a place has; bare places (东山、克旗等5个) are where new ones go.
_NAMED_ITEM_RE = re.compile("(?:园|区|城|基地|中心|社区|空间|孵化器|岛)等$")


def _task_list(text: str, match: re.Match[str]) -> bool:
    """Whether the count closes a list of places a task builds in (see
    _TASK_OPENS_RE)."""
    opening = max(text.rfind(c, 0, match.start()) for c in "。;") + 1
    return (
        _TASK_OPENS_RE.search(text[opening : match.start()]) is not None
        and _TASK_CLOSES_RE.match(text, match.end()) is not None
        and _NAMED_ITEM_RE.search(text, 0, match.start("num")) is None
    )


# 将A等194家孵化器备案为国家级…: 将 marks what is acted on (like 把), not the
# future; the recognition already happened.
_DISPOSAL_RE = re.compile(
    r"将(?P<rest>[^,。;]{2,80}?(?:(?:备案|认定|确定|命名|列|评|授予|批准)为|纳入))"
)


_MERGED_RE = re.compile(r"[^,。;]{0,40}?(?:整合|合并|归并|撤并)(?!提升)")
_RANKED_AMONG_RE = re.compile(
    r"[^,。;]{0,16}?(?:中|之中|里)(?:考核中)?(?:位居|排名|名列|位列|排在|排第|居|争先|晋位|争先晋位)"
)
# 全区5个…: a whole area's count written right before the number.
_WHOLE_AREA_RE = re.compile(r"(?:全省|全市|全区|全县|全州|全国)(?:共)?$")


# 7个国家高新区2021年工业总产值…: a year and a sector may lead the measure.
_MEASURE_LEAD_RE = re.compile(
    # 6个省级开发区的经营(销售)收入: what the carriers counted take in.
    r"的(?:经营\(销售\)|经营|销售|主营业务)?"
    r"|(?:(?:19|20)\d{2}年(?:度|全年|前三季度|上半年)?)?(?:实现|新增|增加)?(?:工业|规上工业|园区)?(?:总)?"
)


# What a count names when a phrase ending in 项目 follows its carrier word
# (…园区标准化建设重点项目; not 产业园项目, the parks as projects).
_PROJECTS_OF_RE = re.compile("[^,。;、和及与]{2,10}?项目")
# Verbs whose object the counted carriers are: they exist already (not
# when a verb of building stands between: 支持建设5个孵化器).
_ACTED_ON_RE = re.compile(
    "(?:使|做大|做强|做优)"
    rf"(?:(?!{_BUILDING_VERBS}|成为|为)[^,。;]){{0,30}}$|把$"
)
_SUBJECT_MODALS = ("要", "将", "都要", "均要", "必须", "应")
_BUILT_AFTER_RE = re.compile("建设|建好|建成|新建|打造|创建|开工|启动")


_BECOMING = ("成为", "成长为", "建成", "达到", "发展成", "发展为")
_BASED_ON_BEFORE_RE = re.compile(
    "(?:^|[,;。:]|要|将|我们将|全力推进[^,;。]{0,12},)以"
    rf"(?:(?!{_BUILDING_VERBS})[^,;。]){{0,30}}$"
)
# (…等10个大数据产业园建设为重点: their building is the focus, a goal.)
_AS_BASE_AFTER_RE = re.compile(
    "(?:(?!建设)[^;。]){0,40}?为(?:龙头|核心|主体|依托|载体|支撑|抓手|引领|骨干|重点|基础)"
)
_NEXT_COUNT_RE = re.compile(rf"(?:{NUMBER})(?:个|家|座|所|处)")
_INNER_COUNT_RE = re.compile(rf"[和及与、](?:{NUMBER})(?:个|家|座|所|处|大)")
# 5个化工园区(集中区)的…: what the carriers counted have, a bracket between.
_OWNED_RE = re.compile(r"(?:\([^()]{1,8}\))?的")
# 2家工业园区和13家污水处理厂的整改: what a list of things counted undergoes.
_JOINED_OWNED_RE = re.compile("[和及与、][^,。;的]{1,12}的")
# 35个省级以上园区的循环化改造任务: reworking what exists, not a goal of new ones.
_REWORKING_RE = re.compile("[^,。;]{0,6}?(?:改造|提质|提升|整治|整改|升级)")
# 10个孵化器的建设: the building of the carriers counted, which may be goals.
# 4个化工园区的省级达标认定, 100个…园区的“百园千村工程”, …的目标: so is a
# goal they are part of.
_OWN_BUILDING_RE = re.compile(
    rf"[^,。;]{{0,10}}?(?:{_BUILDING_VERBS}|认定|申报|规划|设计"
    "|目标|要求|任务|工程|计划|行动)(?!水平|质量|成效|标准)"
)


def _goal_after(text: str, end: int, clause_end: int) -> bool:
    """Whether the clause goes on to call its counts a goal (…的目标任务)."""
    at = text.find("的", end, clause_end)
    return at >= 0 and text.startswith(GOAL_NOUNS, at + 1)


# A plan period (“十四五”) is no programme's name: its words stay read.
_QUOTED_RE = re.compile("“(?!十[一二三四五六]五”)[^“”]{1,12}”")
_ON_THE_BASIS_RE = re.compile("在(?:现有|已有)[^,。;]{0,15}?基础上")
# 到2017年,每个县区建成的众创空间不少于2家: a state reached by a goal year.
# (到2018年末,建成的孵化载体有…7家 reports a count.)
_STATE_WORDS = ("建成的",)
_FLOOR_RE = re.compile("不少于|不低于|以上|至少")
_FLOOR_AFTER = 4
# 备案众创空间, 备案孵化器: a kind named by its registration.
_REGISTERED_KIND_RE = re.compile("备案(?=的?(?:众创空间|科技企业孵化器|孵化器|星创天地))")
_MODAL_RE = re.compile("要|将|力争|争取|计划|拟|确保|今年|年内")
_RECOGNITIONS = ("认定", "备案", "评定", "命名")


def _looks_back(text: str, clause_start: int, end: int, plan: bool, *, goal: bool) -> bool:
    """Whether a count states what exists rather than a goal.

    A clause with a word of the past (截至, 现有, 入选, 名单 …) and no goal
    word (到2025年, 力争, 新建 …) reports a count; so does a sentence that
    adds up (累计) without a goal word, and any count without a goal word
    in a text that is not a plan (a news item, a notice).  ``goal`` says a
    goal year was written just before (到2027年: … ; …), which makes the
    sentence a goal too.
    """
    if _MERGED_RE.match(text, end):
        # 将…4个国家级开发区、3个省级开发区…整合: the parts merged exist.
        return True
    if _LAST_PERIOD_RE.match(text) and FUTURE_RE.search(text) is None:
        # 去年全州规划建设州级工业集中区8个, 五年来…规划建设了1个千亿级园区:
        # what a past period planned is a count of what was done.
        return True
    if _RANKED_AMONG_RE.match(text, end):
        # 在全省17个国家级开发区中位居前列: the field a carrier is ranked in.
        return True

    text = _DISPOSAL_RE.sub(r"把\g<rest>", text)
    # 《…规划纲要》: a document's title holds no word of the future.
    text = _TITLE_RE.sub(lambda m: "□" * len(m.group(0)), text)
    # 截至“十三五”末: the end of a plan period reached, no goal's horizon.
    text = _REACHED_PERIOD_END_RE.sub(lambda m: m.group(1) + "□" * len(m.group(2)), text)
    # 国家备案众创空间6家以上: a kind named by its registration, no past event.
    text = _REGISTERED_KIND_RE.sub("□□", text)
    # 在现有园区基础上升级建设10家: what a goal starts from is no past count.
    text = _ON_THE_BASIS_RE.sub(lambda m: "在" + "基" * (len(m.group(0)) - 1), text)
    # 达到20家 is a count reached, not 到20XX年: hide 达到 from the goal words.
    text = text.replace("达到", "达至")
    # 现将…予以公示: "hereby", no future (将) of a notice's list.
    text = text.replace("现将", "现把")
    # “千人计划”专家工作站: a quoted programme's name holds no word of the future.
    unquoted = _QUOTED_RE.sub(lambda m: "□" * len(m.group(0)), text)
    future_in_sentence = goal or any(
        w in unquoted for w in FUTURE_COUNT_WORDS + FUTURE_ACTION_WORDS
    )
    clause_end = min((i for i in (text.find(c, end) for c in ",;。") if i >= 0), default=len(text))
    goal_year = (
        _GOAL_YEAR_RE.search(text, 0, clause_start) is not None
        and _FLOOR_RE.search(text, clause_start, end) is not None
    )
    # …要覆盖全省所有县,认定国家级…示范基地15个以上: recognitions a text
    # is still to make, with a floor, are a goal.
    to_recognise = (
        _MODAL_RE.search(text, 0, clause_start) is not None
        and _FLOOR_RE.search(text, clause_start, end + _FLOOR_AFTER) is not None
    ) or (goal and _MODAL_RE.search(text, 0, end) is not None)
    for span in (text[clause_start:end], text[:end]):
        # 确定了…新建小微企业园30个…的目标任务: a goal word later in the clause.
        if (
            any(
                w in span
                for w in PAST_COUNT_WORDS
                if not (goal_year and w in _STATE_WORDS)
                and not (to_recognise and w in _RECOGNITIONS)
            )
            and not any(w in span for w in FUTURE_COUNT_WORDS)
            and not _goal_after(text, end, clause_end)
        ):
            return True
    if future_in_sentence or (
        to_recognise and any(w in text[clause_start:end] for w in _RECOGNITIONS)
    ):
        return False
    # In a plan, a sentence with no verb of building or reaching
    # (…37家孵化器和20家众创空间派代表参会) counts what exists.
    return not plan or any(w in text for w in _BACKWARD_CUES) or not _GOAL_VERB_RE.search(text)


def _goal_year(sentence: Sentence, context: _Context) -> int | None:
    """The year a goal of ``sentence`` is for (a work report's horizon is
    its own year, not a plan's)."""
    return _target_year(sentence, context.target_year, plan=context.plan and not context.report)


def _baseline_year(context: _Context) -> int | None:
    """The year a count already reached refers to; in a news item without
    one written near it, the year the item was published."""
    if context.baseline_year is None and not context.plan:
        return context.target_year
    return context.baseline_year


@dataclass(frozen=True)
class _Context:
    baseline: bool
    target_year: int | None
    baseline_year: int | None
    plan: bool = True
    goal: bool = False
    report: bool = False
    work: bool = False


def find_targets(
    sentences: list[Sentence],
    *,
    target_year: int | None,
    baseline_sections: frozenset[int] = frozenset(),
    baseline_years: dict[int, int] | None = None,
    plan: bool = True,
    report: bool = False,
    this_year: int | None = None,
    work_sections: frozenset[int] = frozenset(),
    lead_sections: frozenset[int] = frozenset(),
) -> list[TargetMention]:
    """All counts of carriers in ``sentences``.

    Parameters
    ----------
    sentences
        Sentences of the document.
    target_year
        Year of the plan's targets when a sentence names none (2025 for a
        14th five-year plan).
    baseline_sections
        Indexes of sentences that lie in a section describing the past.
    baseline_years
        Year each baseline sentence refers to, by sentence index.
    plan
        Whether the text is a plan (it has a horizon such as 十四五 or
        到2025年); in other texts a count is a goal only when a goal word says so.
    report
        Whether the text is a government's work report: ``target_year`` is
        then the year whose work it sets, and a sentence dated before it
        reports the past.
    this_year
        The year the text speaks from (2021年是…开局之年): a sentence's
        今年 or 年内 goals are that year's, whatever the plan's horizon.
    work_sections
        Indexes of a work report's sentences after it turns from its review
        to the year's work: what they say the year brings (全年新建…) is a task.
    lead_sections
        Indexes of a work report's first sentences before any speaks of the
        future (told to the learned role model).

    Returns
    -------
    list of TargetMention

    Examples
    --------
    >>> from geo_app.extraction._text import split_sentences
    >>> t = find_targets(split_sentences("全市建成孵化载体不少于120家。", None), target_year=2025)
    >>> (t[0].category, t[0].bound, t[0].min, t[0].year)
    ('incubator', 'at_least', 120.0, 2025)
    """
    years = baseline_years or {}
    roles = role_context(
        sentences,
        baseline_sections,
        plan=plan,
        report=report,
        this_year=this_year,
        work=work_sections,
        lead=lead_sections,
    )
    found: list[TargetMention] = []
    recent: tuple[int, int] | None = None
    for index, sentence in enumerate(sentences):
        goals = _GOAL_YEAR_RE.findall(sentence.text)
        if goals:
            recent = (index, int(goals[-1]))
        # A goal year written in one of the two sentences before carries over.
        carried = recent is not None and (
            0 < index - recent[0] <= _YEAR_CARRY
            or any(w in sentence.text for w in _BACK_REFERENCES)
        )
        year = recent[1] if recent and carried else target_year
        if this_year is not None and not carried and _THIS_YEAR_RE.search(sentence.text):
            year = this_year
        within = _WITHIN_YEARS_RE.search(sentence.text)
        if (
            this_year is not None
            and not carried
            and within is not None
            and _counts_within(sentence.text, within.end())
        ):
            # 两年内建设…10个 in a report of 2021: the second year's end, 2022.
            year = this_year + int(parse_number(within.group(1))) - 1
        # 其中… opening a sentence breaks down the count just reported;
        # 同时建成…6个 after a sentence of goals goes on with them.
        last = found[-1] if found and found[-1].sentence is sentences[index - 1] else None
        breakdown = (
            last is not None and last.kind == "baseline" and sentence.text.startswith("其中")
        )
        goes_on = last is not None and last.kind == "target" and sentence.text.startswith(_GOING_ON)
        context = _Context(
            index in baseline_sections or breakdown,
            year,
            years.get(index),
            plan,
            goal=carried or goes_on,
            report=report,
            work=index in work_sections,
        )
        previous: TargetMention | None = None
        parent: TargetMention | None = None
        respective = _respective_kinds(sentence, context)
        for match in _COUNT_RE.finditer(sentence.text):
            if sentence.text[match.start() - 1 : match.start()] in _ORDINAL_BEFORE:
                continue  # 唯一一家, 第一家: a rank, not a count
            mention = respective.get(match.end()) or _count(sentence, match, context)
            if mention is not None:
                mention = _weighed(mention, index, context, roles)
                parent = mention
            elif previous is not None and parent is not None:
                mention = (
                    _part_of(sentence, match, previous)
                    or _next_part(sentence, match, previous, parent)
                    or _bracket_part(sentence, match, parent)
                    or _respective_part(sentence, match, parent)
                    or _continued(sentence, match, previous)
                )
            if mention is not None:
                found.extend(_leading_parts(sentence, mention))
                found.append(mention)
                found.extend(_each_level_parts(sentence, mention))
                previous = mention
        found.extend(_one_per_county(sentence, context))
    return _repeated_counts(found, sentences)


# 2018年底前整合到位: a deadline, which dates a goal.
_DEADLINE_RE = re.compile(r"20\d{2}年(?:底|末)?(?:前|以前)")


def role_context(
    sentences: list[Sentence],
    baseline_sections: frozenset[int],
    *,
    plan: bool,
    report: bool,
    this_year: int | None,
    work: frozenset[int] = frozenset(),
    lead: frozenset[int] = frozenset(),
) -> RoleContext:
    """What the learned role model is told of the text (see :func:`find_targets`)."""
    written = [
        i
        for i, s in enumerate(sentences)
        if _GOAL_YEAR_RE.search(s.text) or _DEADLINE_RE.search(s.text)
    ]
    dated = frozenset(i + k for i in written for k in range(_YEAR_CARRY + 1))
    return RoleContext(
        len(sentences), baseline_sections, dated, lead, plan, report, this_year, work
    )


def _weighed(
    mention: TargetMention, index: int, context: _Context, roles: RoleContext
) -> TargetMention:
    """``mention`` with its role (goal or fact) weighed by the learned model,
    and the year that role takes; the rules' goals in a sentence that goes
    on with the goals before it (同时建成…) stand."""
    if context.goal and mention.kind == "target":
        return mention
    role = learned_role(mention, index, roles)
    if role == mention.kind:
        return mention
    if role == "target":
        return replace(mention, kind=role, year=_goal_year(mention.sentence, context))
    return replace(mention, kind=role, year=_baseline_year(context))


# “一县一园”, 一县(区)一省级以上开发区: one carrier of a kind in each county.
_ONE_PER_COUNTY_RE = re.compile(
    ONE_EACH
    + r"(?P<level>省级以上|省级|国家级)?(?P<kind>园区|园|开发区|产业园|工业园|高新区|孵化器|众创空间)"
)
_ONE_PER_COUNTY_KINDS = {
    "园区": "park",
    "园": "park",
    "产业园": "park",
    "工业园": "park",
    "开发区": "zone",
    "高新区": "zone",
    "孵化器": "incubator",
    "众创空间": "incubator",
}


_REACHED_RE = re.compile(r"已(?:经)?(?:基本)?(?:形成|实现|建成)")


def _one_per_county(sentence: Sentence, context: _Context) -> list[TargetMention]:
    """The goal a slogan of one carrier per county sets (实现“一县一园”,
    “一县(区)一省级以上开发区”培育行动), unless the text reports it done."""
    found: list[TargetMention] = []
    text = sentence.text
    for match in _ONE_PER_COUNTY_RE.finditer(text):
        if _looks_back(text, 0, match.end(), context.plan, goal=context.goal) or _REACHED_RE.search(
            text, match.end()
        ):
            # (“一县一园”格局已经形成: a layout reached.)
            continue
        kind = match.group("kind")
        found.append(
            TargetMention(
                category=_ONE_PER_COUNTY_KINDS[kind],
                subkind="",
                subject=kind,
                kind="target",
                bound="exact",
                number=1.0,
                min=1.0,
                max=1.0,
                year=_goal_year(sentence, context),
                scope="city",
                per="district",
                start=sentence.start + match.start(),
                end=sentence.start + match.end(),
                sentence=sentence,
            )
        )
    return found


# 孵化器和众创空间分别达到20家和40家: kinds counted one number each.
_LEVELS = "(?:" + "|".join(sorted(LEVEL_WORDS, key=len, reverse=True)) + ")(?:以上)?"
# 千亿元园区、500亿元园区和100亿元园区分别达到…: kinds told apart by a scale.
_SCALE = r"(?:(?:\d+(?:\.\d+)?|[十百千万]+)(?:万|亿)+元?级?)?"
_RESPECTIVE_KINDS_RE = re.compile(
    rf"(?P<kinds>{_SCALE}(?:{_KIND_RE.pattern})"
    rf"(?:[、和及与](?:{_LEVELS})?{_SCALE}(?:{_KIND_RE.pattern}))+)"
    r"(?:数量|总数)?(?:的)?分别(?P<verb>达到|新增|增加到|增加|增至|突破|超过|不少于|为|有|建成)?"
)
# 国家级、省级和市级孵化器要分别达到5家、5家和20家: levels of one kind.
_RESPECTIVE_LEVELS_RE = re.compile(
    rf"(?P<levels>{_LEVELS}(?:[、和及与]{_LEVELS})+)(?P<kind>{_KIND_RE.pattern})"
    r"(?P<modal>要|将)?(?:数量|总数)?(?:的)?分别"
    r"(?P<verb>达到|新增|增加到|增加|增至|突破|超过|不少于|为|有|建成)?"
)


def _respective_heads(text: str) -> list[tuple[re.Match[str], list[str]]]:
    """Each ``…分别`` head with the kinds it lists, in order."""
    if "分别" not in text:
        return []
    heads = [
        (h, re.split("[、和及与]", h.group("kinds"))) for h in _RESPECTIVE_KINDS_RE.finditer(text)
    ]
    for head in _RESPECTIVE_LEVELS_RE.finditer(text):
        levels = re.split("[、和及与]", head.group("levels"))
        heads.append((head, [level + head.group("kind") for level in levels]))
    return heads


def _respective_kinds(sentence: Sentence, context: _Context) -> dict[int, TargetMention]:
    """The counts that follow ``A和B分别达到…``, each read as the count of the
    kind written in the same place of the list (by the end of its count)."""
    text = sentence.text
    counted: dict[int, TargetMention] = {}
    for head, kinds in _respective_heads(text):
        clause_end = min(
            (i for i in (text.find(c, head.end()) for c in ",;。:") if i >= 0), default=len(text)
        )
        counts = list(_COUNT_RE.finditer(text, head.end(), clause_end))
        if len(counts) != len(kinds):
            continue
        for kind, match in zip(kinds, counts, strict=True):
            # Read each as if written alone: 全市省级以上众创空间达到40家.
            modal = head.groupdict().get("modal") or ""
            alone = text[: head.start()] + kind + modal + (head.group("verb") or "")
            rest = text[match.start() : match.end()].lstrip("、和及与")
            floor = counts[-1].group("post")
            if floor and not match.group("post"):
                # 分别培植到3家、8家以上: the floor written last bounds them all.
                rest += floor
            synthetic = replace(sentence, text=alone + rest)
            own = _COUNT_RE.search(synthetic.text, len(alone) - len(head.group("verb") or ""))
            mention = _count(synthetic, own, context) if own is not None else None
            if mention is not None:
                counted[match.end()] = replace(
                    mention,
                    sentence=sentence,
                    start=sentence.start + match.start(),
                    end=sentence.start + match.end(),
                )
    return counted


# A clause that is only a goal year and a verb before its count.
_BARE_GOAL_RE = re.compile(
    r"(?:到|至)(?:20\d{2}年(?:底|末)?|“?(?:十三五|十四五|十五五)”?(?:末|期末))"
    r"(?:要|将|力争)?(?:建成|新建|达到|培育|打造|创建|认定)"
    # …产业园建设,创建国家级2个; 计划新增示范区:自治区级5个: a level alone.
    r"|(?:要|将|力争|计划)?(?:建成|新建|新增|培育|创建|认定)?" + f"(?:{GRADE_LEVELS})"
)


def _same_list(
    text: str, mentions: list[CarrierMention], offset: int
) -> list[list[CarrierMention]]:
    """Group carriers written one after another, joined by 、/和/及."""
    groups: list[list[CarrierMention]] = []
    for mention in mentions:
        if groups:
            last = groups[-1][-1]
            between = text[last.end - offset : mention.start - offset]
            if mention.district and between.endswith(mention.district):
                between = between[: -len(mention.district)]
            if between in ("、", "和", "及", "与"):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def find_named_lists(
    mentions: list[CarrierMention], *, target_year: int | None
) -> list[TargetMention]:
    """Named-list targets: carriers a plan promotes together.

    Three shapes: ``A、B、C“三大创新平台”`` (count written), ``A和B建设``
    (same category, built together) and ``A积极创建国家级高新区`` (named
    carriers to be upgraded to a level).

    Examples
    --------
    >>> from geo_app.extraction._text import split_sentences
    >>> from geo_app.extraction.carriers import find_carriers
    >>> s = split_sentences("推动沙澧高新区积极创建国家级高新区。", "漯河市")
    >>> t = find_named_lists(find_carriers(s), target_year=2025)
    >>> (t[0].bound, t[0].subkind, t[0].min)
    ('named_list', 'national_hitech_zone', 1.0)
    """
    by_sentence: dict[int, list[CarrierMention]] = {}
    sentences: dict[int, Sentence] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence.start, []).append(mention)
        sentences[mention.sentence.start] = mention.sentence
    found: list[TargetMention] = []
    for key, group_mentions in by_sentence.items():
        sentence = sentences[key]
        ordered = sorted(group_mentions, key=lambda m: m.start)
        for group in _same_list(sentence.text, ordered, sentence.start):
            target = _named_list(sentence, group, target_year)
            if target is not None:
                found.append(target)
    return found


def _named_list(
    sentence: Sentence, group: list[CarrierMention], target_year: int | None
) -> TargetMention | None:
    text = sentence.text
    end = group[-1].end - sentence.start
    after = text[end:]
    count = float(len(group))
    names = tuple(m.name for m in group)
    categories = {m.category for m in group}
    written = _NAMED_LIST_SUFFIX_RE.match(after)
    upgrade = _UPGRADE_RE.match(after)
    before = text[: group[0].start - sentence.start]
    if (
        written is not None
        and len(group) >= 2
        # (目前已形成甲、乙和丙三大光伏产业园区: carriers there already are
        # no goal.)
        and not (
            all(m.status == "existing" for m in group)
            and _STOCK_BEFORE_RE.search(before[max(before.rfind(c) for c in ",;。:") + 1 :])
        )
        # 以临桂、七星…四大智慧谷为核心区: a role in a layout is no goal.
        and not (_ROLE_AFTER_RE.match(after) and "以" in before[-12:])
    ):
        try:
            if parse_number(written.group("n")) != len(group):
                return None
        except ValueError:
            return None
        category = categories.pop() if len(categories) == 1 else "all_carriers"
        subkind, span_end = "", end + written.end()
    elif upgrade is not None and not before.endswith(("成功", "已")):
        category, stem = SUBJECT_KINDS[upgrade.group("kind")]
        subkind = _subkind(upgrade.group("level"), stem)
        span_end = end + upgrade.end()
    elif (
        len(group) >= 2
        and len(categories) == 1
        and after.startswith("建设")
        and not before.endswith("等")
        and all(m.status == "planned" for m in group)
    ):
        # Only carriers still to be built count towards a plan's list.
        category, subkind, span_end = categories.pop(), "", end + 2
    else:
        return None
    start = group[0].start - sentence.start
    return TargetMention(
        category=category,
        subkind=subkind,
        subject=text[start:span_end],
        kind="target",
        bound="named_list",
        number=count,
        min=count,
        max=count,
        year=_target_year(sentence, target_year),
        scope="city",
        start=group[0].start,
        end=sentence.start + span_end,
        sentence=sentence,
        named=names,
    )
