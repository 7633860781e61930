"""Status of a carrier (existing or planned) from the words around it.

The role the name plays in its sentence decides: a member of a recognition
list, a carrier a plan builds on, visits or links with, one approved and
set up, one under construction, one to be created.
"""

from __future__ import annotations

import re

from geo_app.extraction._boundary import SUFFIX_END_RE
from geo_app.extraction._generic import LEADING_LEVELS, MIN_STEM
from geo_app.extraction._lexicon import (
    DEPENDENT_SUFFIXES,
    EXISTING_AFTER,
    EXISTING_BEFORE,
    EXISTING_CLAUSE_AFTER,
    EXISTING_PREDICATES,
    OCCUPANCY_WORDS,
    OWN_WORKS_AFTER,
    PLANNED_BEFORE,
    RECOGNITION_WORDS,
    UNDER_CONSTRUCTION_AFTER,
    UNDER_CONSTRUCTION_BEFORE,
)
from geo_app.extraction._segment import tag_words
from geo_app.extraction._status_model import CLAUSE_ENDS, learned_status
from geo_app.extraction._target_mention import FUTURE_RE

__all__ = ["CLAUSE_ENDS", "carrier_status", "done_in_review", "rule_status"]


# Work on a carrier that only an existing one can undergo.
_UPGRADES = ("改造", "升级", "提质", "扩区", "扩容", "转型")


_BASED_ON_SPAN = 30


# 于1999年开工建设 / 将于2025年建成: a dated act, past unless a future word leads.
_DATED_ACT_RE = re.compile(r"(?P<lead>[^,。;:]{0,6}?)于(?:19|20)\d{2}年")


_PLACE_OF_ACT = ("在", "位于", "落户", "落户于", "坐落于", "坐落在", "选址于", "选址在")
_LIES_IN_LIST_RE = re.compile(r"(?:位于|坐落于|分布于|分布在)(?:[^,。;]{2,30}?[、和及])+$")
_TOGETHER_RE = re.compile(r"与(?:[^,。;与]{2,30}?[、和及])*(?:国家级|省级|市级)?$")
_TOGETHER = (
    "一起",
    "一道",
    "共同",
    "互补",
    "互动",
    "协同",
    "联动",
    "之间",
    "签约",
    "合作",
    "结成",
    "呼应",
    "套合",
    "叠加",
)
_MADE_INTO_RE = re.compile("(?:建成|建设成|打造成|培育成|提升为|升级为)")
_VISITED_RE = re.compile(r"(?:到|来到|走进|走访|参观)(?:[^,。;]{2,40}?[、和及])*$")
_VISITS_RE = re.compile("调研|考察|参观|观摩|视察|走访")
_INSPECTED_RE = re.compile(
    r"(?:考察了|调研了|参观了|视察了|观摩了|走访了)(?:[^,。;]{2,40}?[、和及])*$"
)


_FUTURE_LEADS = ("将", "计划", "拟", "预计", "力争", "争取", "确保", "预期")
# What a project's work does when it starts, and when it is done.
_PROJECT_STARTED_RE = re.compile("启动|开工|动工|开建|奠基|加紧|加快|推进|施工|签约|落地|落户")
_PROJECT_DONE_RE = re.compile("建成|竣工|完工|投用|投入使用|投产|运营|开园|揭牌|验收")


def _dated_in_past(clause: str) -> bool:
    """Whether a clause dates its act with ``于YYYY年`` and no future word."""
    match = _DATED_ACT_RE.search(clause)
    return match is not None and not any(w in match.group("lead") for w in _FUTURE_LEADS)


_FUTURE_BUILD_RE = re.compile(r"(?:将|拟|计划|预计)(?:建设|建成|新建|打造|竣工)")
# 复旦科技园预计今年10月投入使用, …一期工程年底前完工: still being built.
_DUE_RE = re.compile(
    r"(?:预计|计划|将于|拟于|年底前|年内)(?:(?!带动)[^,。;]){0,10}?"
    r"(?:投入使用|投用|建成|竣工|完工|开园)"
)
_EVENT_DATE_RE = re.compile(r"^(?:19|20)\d{2}年\d{1,2}月")


def _dated_event(text: str, start: int) -> bool:
    """A sentence that opens with the month of an event (2009年11月,…)
    reports what happened then, unless a word of the future follows."""
    return _EVENT_DATE_RE.match(text) is not None and not any(
        w in text[:start] for w in _FUTURE_LEADS
    )


# Works under way (开工, 在建 …), and the rest of a list of names after one.
_UNDER_WAY = "开工|动工|拔地而起|在建|启动建设|开建"
_REST_OF_LIST = r"(?:[、和及][^,。;、和及]{2,30}?)*"
# The count that sums a list up (…等3个, …这5个).
_LIST_COUNT = r"(?:等|这)(?:\d+|[一二三四五六七八九十两])(?:个|家|座|所)"


# Characters of a long clause kept on each side of a name and at the
# clause's two ends: enough for every rule's reach, so that a sentence of
# thousands of listed names costs time in proportion to its length.
_NEAR = 300


def _elide(text: str, a: int, b: int) -> tuple[str, int]:
    """Cut whole list items out of ``text[a:b]``, from one 、 to another,
    keeping ``_NEAR`` characters at each end: the text left and how many
    characters were cut."""
    if b - a <= 3 * _NEAR:
        return text, 0
    cut_from = text.find("、", a + _NEAR, b - _NEAR)
    cut_to = text.rfind("、", a + _NEAR, b - _NEAR)
    if cut_from < 0 or cut_to <= cut_from:
        return text, 0
    return text[:cut_from] + text[cut_to:], cut_to - cut_from


def carrier_status(text: str, start: int, end: int) -> str:
    """``existing`` or ``planned`` from the words around ``text[start:end]``:
    the rules' answer, weighed by the learned model with the characters
    around the name (:mod:`geo_app.extraction._status_model`).

    In a very long clause (a list of hundreds of names) the rules read the
    name's neighbours and the clause's two ends; the items between are cut.
    """
    if len(text) > 3 * _NEAR:
        clause_start = max(text.rfind(c, 0, start) for c in CLAUSE_ENDS) + 1
        clause_end = _clause_end(text, end)
        # The items after the name first, so that the indexes before it hold.
        text, _ = _elide(text, end, clause_end)
        text, cut = _elide(text, clause_start, start)
        start, end = start - cut, end - cut
    return _status_near(text, start, end)


def _status_near(text: str, start: int, end: int) -> str:
    """:func:`carrier_status` on a text short enough to read whole."""
    if (
        _LIST_UNDER_WAY_RE.match(text, end)
        or _projects_to_build(text, start, end)
        or (text.endswith(_PRESSING_ON, 0, start) and _LIST_BUILT_RE.match(text, end))
    ):
        # 其中甲产业园、乙产业园等3个平台正在建设, 优先推进甲小微园一期、乙科创园
        # 等项目: the list's own predicate or noun says they are being built,
        # however far it stands from the first name.
        return "planned"
    rule = rule_status(text, start, end)
    clause_start = max(text.rfind(c, 0, start) for c in CLAUSE_ENDS) + 1
    if rule == "planned" and _WORKS_BEGUN_RE.search(text, clause_start, _clause_end(text, end)):
        # 开工建设甲产业园、乙园区…, …产业园要加快建成: works the clause says
        # have begun stand over the characters the model weighs.
        return rule
    if (
        rule == "existing"
        and _granted_national(text, start, end, clause_start)
        and not _BUILDING_ON_RE.search(text, clause_start, start)
    ):
        # 东川国家自主创新示范区企业营收…: a national designation in a name
        # has been granted, whatever the model weighs (加快建设 of one: its
        # building is under way).
        return rule
    return learned_status(text, start, end, rule)


# A plan pressing on with building a carrier (加快建设, 高标准建设): it is under way.
_BUILDING_ON_RE = re.compile("加快建设|加快推进|高质量建设|高标准建设|高水平建设")


def _granted_national(text: str, start: int, end: int, clause_start: int) -> bool:
    """Whether the name holds a national designation (国家) that the clause
    does not still seek (创建, 争创 …)."""
    later = text[end : _clause_end(text, end)]
    return _NATIONAL_RE.search(text, start + 2, end) is not None and not any(
        w in text[clause_start:start] or w in later for w in _SEEKING
    )


# (…项目举行奠基开工仪式, 项目开工暨…: the works of a project in a carrier.)
_WORKS_BEGUN_RE = re.compile(
    "开工建设|启动建设|加快建成|动工建设|(?<!项目)(?<!奠基)开工(?!仪式|暨)|在建"
    # 加快推进甲新区、乙新区等区域的开发建设, 争取丙综合保税区获批: works
    # pressed on, an approval sought.
    "|加快推进|开发建设|(?:争取|推动|力争)[^,。;]{2,24}获批"
)


def _clause_end(text: str, end: int) -> int:
    """Index of the mark that ends the clause going on at ``end``."""
    found = [i for i in (text.find(c, end) for c in CLAUSE_ENDS) if i >= 0]
    return min(found, default=len(text))


# 加快推进甲产业园、乙产业园这4个…产业园的建设: a list whose building a
# plan presses on with.
_PRESSING_ON = ("加快推进", "加快", "加速", "加紧")
_LIST_BUILT_RE = re.compile(_REST_OF_LIST + _LIST_COUNT + r"[^,。;]{0,16}?的?建设")
# The rest of a list of names closed as projects (…等项目, 等重点项目).
_LIST_OF_PROJECTS_RE = re.compile(
    r"(?:一期|二期|三期)?" + _REST_OF_LIST + r"等(?:\d+个)?(?:重点|重大)?(?:建设)?项目"
)
_PROJECTS_DONE_RE = re.compile("已|建成|竣工|投产|投用|运营|依托|依靠")


def _projects_to_build(text: str, start: int, end: int) -> bool:
    """Whether the name opens a list of projects a plan pushes on (优先推进甲
    小微园一期、乙科创园等项目), none of them said to be done or built on."""
    listed = _LIST_OF_PROJECTS_RE.match(text, end)
    if listed is None:
        return False
    clause_start = max(text.rfind(c, 0, start) for c in ",。;") + 1
    clause_end = _sentence_end(text, listed.end())
    return not _PROJECTS_DONE_RE.search(text, clause_start, clause_end)


# The rest of a list of names, its count, and a predicate of works under way.
_LIST_UNDER_WAY_RE = re.compile(
    _REST_OF_LIST + _LIST_COUNT + r"[^,。;]{0,12}?(?:正式)?(?:" + _UNDER_WAY + ")"
)


# 配套建设甲产业园、乙产业园这2个产业园: the count restates what is to be built.
_BUILDS_NEW = ("建设", "新建", "建成", "打造", "筹建")
_APPROVED_TO_BUILD = ("同意建设", "批准建设", "同意筹建")


def rule_status(text: str, start: int, end: int) -> str:
    """``existing`` or ``planned`` by the rules alone.

    In order: being built (开工, 加快建设 …: the product files it as
    planned); words right after or before that show an existing carrier;
    a sentence that lists recognised carriers (认定, 入选, 名单 …) unless a
    planning verb stands right before the name; planning verbs; else a
    name opening its clause is a subject that exists.
    """
    after = text[end : end + 8]
    before = text[max(0, start - 12) : start]
    level = next((w for w in LEADING_LEVELS if before.endswith(w)), "")
    # 联动国家级台州湾经济技术开发区: the verb governs the name past its level.
    before = before[: len(before) - len(level)]
    # 配套建设5000亩生态畜牧养殖产业园: the verb governs the name past its area.
    before = _AREA_BEFORE_RE.sub("", before)
    # 规划1.6平方公里的桃子湾…产业园: the planned area describes the park.
    before = _PLANNED_AREA_RE.sub("", before)
    clause_end = _clause_end(text, end)
    later = text[end:clause_end]
    clause_start = max(text.rfind(c, 0, start) for c in CLAUSE_ENDS) + 1
    if later.startswith(
        ("获批", "获得批复", "成功获批", "设立", "申建", "筹建")
    ) and before.endswith(_STRIVING):
        # 推动空港综合保税区获批, 推进东川开发区设立: an approval or a setting
        # up still sought.
        return "planned"
    if _dated_in_past(text[clause_start:clause_end]):
        # 福州软件园于1999年开工建设, 于2022年引入…项目: done, so it exists.
        return "existing"
    if _NUMBERED_ITEM_RE.fullmatch(text[clause_start:start]):
        # 2.星火众创空间; (3)甲孵化器: an item of a numbered list of names.
        return "existing"
    if _INSIDE_RE.match(text, end) and not _PLANS_INSIDE_RE.search(text, end, clause_end + 12):
        # 在“致福光谷”产业园里,机器轰鸣: a place where work goes on exists.
        return "existing"
    if before.endswith(_APPROVED_TO_BUILD):
        # 关于同意建设临渭高新技术产业开发区的批复: approved, still to build
        # (同意设立 sets one up: it exists).
        return "planned"
    listed_from = clause_start
    if text.startswith("以及", clause_start):
        # 包括甲、乙,以及丙高新区: the list goes on past the comma.
        listed_from = max(text.rfind(c, 0, clause_start - 1) for c in CLAUSE_ENDS) + 1
    if (
        _ENUMERATED_RE.search(text, listed_from, start)
        and not _planned_between(text, listed_from, start)
        # 其中甲产业园等124个项目开工建设, 一批项目拔地而起,包括甲园区: the
        # members named are being built.
        and not _UNDER_WAY_RE.search(
            text, max(text.rfind(c, 0, listed_from - 1) for c in CLAUSE_ENDS) + 1, clause_end
        )
    ):
        return "existing"
    if (
        _PROMOTES_RE.search(text, clause_start, start)
        and (text[end:clause_end].endswith("发展") or _GROWS_INTO_RE.search(later))
        and not _planned_between(text, clause_start, start)
    ):
        # 推动甲孵化基地、乙产业园等园区及楼宇经济发展, 推动甲孵化器成长为…:
        # what a plan helps develop or grow into something more exists.
        return "existing"
    if _DESIGNATED_AS_RE.search(text, clause_start, start) and _AS_AFTER_LIST_RE.match(
        text, end, clause_end
    ):
        # 确定甲产业园、乙产业园等9个园区为省重点建设产业园区: the members of a
        # designation exist.
        return "existing"
    if _ROADS_AFTER_RE.match(text, end):
        # 凤翔轻工业园区2号路, 惠丰新区路网: the roads of a park that exists.
        return "existing"
    if _CLUSTER_AFTER_RE.match(text, end):
        # 打造民权高新区百亿级产业集群: what is built is the cluster of a zone
        # that exists.
        return "existing"
    if _MEASURED_LIST_RE.match(text, end, clause_end) or (
        _HAS_PARTS_RE.match(text, end)
        and text[start - 1 : start] not in ("、", "和", "及")
        and not _planned_between(text, clause_start, start)
    ):
        # 提高甲产业园、乙产业园等核心载体的入驻率; 宁国开发区五大专业园区: a
        # carrier whose occupancy is measured, or whose parts are counted,
        # exists.
        return "existing"
    if _ROLES_RE.match(text, end):
        # 打造雄安衡水协作区、衡水高新区、滨湖新区三大增长极: the carriers
        # listed are given a role, so they exist (三大产业园 would count them).
        return "existing"
    if (
        _RESTATED_RE.match(text, end)
        and not any(w in text[clause_start:start] for w in _BUILDS_NEW)
        and not _UNDER_WAY_RE.search(text, end, _sentence_end(text, end))
    ):
        # 唐山开平…基地、张家口怀安…基地这2个国家级基地: a count that restates
        # the names just given sums up carriers that exist (…这5个示范园正式
        # 启动建设 sums up works begun).
        return "existing"
    if _DESIGNATED_BEFORE_RE.search(text, max(0, start - 16), start):
        # 国家级众创空间北航投星空众创空间: a holder of the designation named.
        return "existing"
    if _TOGETHER_RE.search(text, clause_start, start) and any(w in later for w in _TOGETHER):
        # 将与哈工大科技园、哈理工科技园一起构成…: what a new carrier joins exists.
        return "existing"
    if _VISITED_RE.search(text, clause_start, start) and _VISITS_RE.search(
        text, end, _sentence_end(text, end)
    ):
        # 先后到甲创业园、乙孵化器实地调研: the places visited exist.
        return "existing"
    if _INSPECTED_RE.search(text, clause_start, start):
        # 实地考察了甲创业园、乙孵化器和丙众创空间: so do those inspected.
        return "existing"
    if _LIES_IN_LIST_RE.search(text, clause_start, start) and not later.startswith("的建设"):
        # 分布于温春镇、海南乡和牡丹江市经济开发区: the places a park spreads
        # over exist.
        return "existing"
    if before.endswith(_PLACE_OF_ACT) and not later.startswith(_OWN_SITE):
        # 项目在兰州高新区榆中园区开工: the place where work starts exists
        # (在南站科技城的建设中, 在甲孵化基地施工现场 speak of its own building).
        return "existing"
    if any(w in later for w in OWN_WORKS_AFTER):
        # 蓝湾创业园举行奠基仪式, …孵化器一期主体封顶: its own building is under way.
        return "planned"
    if _DUE_RE.search(later) or (
        clause_start == start and _DUE_RE.search(text, end, _sentence_end(text, end))
    ):
        return "planned"
    if any(w in text[clause_start:start] for w in _NEGOTIATING):
        # 洽谈中的还有甲智慧园和乙科技园项目: still being negotiated.
        return "planned"
    if _granted_national(text, start, end, clause_start) and not (
        text.endswith(tuple(DEPENDENT_SUFFIXES), start, end)
        and before.endswith(("建设", "新建", "组建"))
    ):
        # 广西北海国家农业科技园区, 福厦泉国家自主创新示范区: a national
        # designation in a name has been granted (创建, 争创 … seek one;
        # 建设…示范区河北区分园 builds a new part of one).
        return "existing"
    if _INCLUDED_RE.search(text[clause_start:start]) and (
        "纳入" in text[end : _sentence_end(text, end)]
        or later.startswith("作为")
        or _MADE_INTO_RE.search(later)
    ):
        # 陆续把甲园区、乙园区也纳入进来, 把张兴庄产业园作为重点, 把甲、乙等
        # 国家级经开区建成…引领区: what a plan takes in, builds on or makes
        # into something more exists.
        return "existing"
    if after.startswith(EXISTING_PREDICATES):
        # 扬州生态科技新城举行…开工仪式: the host exists, the project is built.
        return "existing"
    if text.startswith("项目", end) and text.startswith(_FUTURE_LEADS, end + 2):
        # 鄂州科技孵化器项目将…: a carrier written as a project still to do
        # things is being built (赴…产业园项目调研 visits one that runs).
        return "planned"
    if (
        text.startswith("项目", end)
        and _PROJECT_STARTED_RE.search(later)
        and not _PROJECT_DONE_RE.search(later)
    ):
        # …创业孵化园项目已在…正式启动, …示范园项目建设正在加紧推进: a carrier
        # written as a project whose work starts is being built.
        return "planned"
    building = next((w for w in UNDER_CONSTRUCTION_AFTER if w in later), "")
    if (building and "项目" not in later[later.find(building) :]) or before.endswith(
        UNDER_CONSTRUCTION_BEFORE
    ):
        # 福州高新区集中开工8个重大项目: the projects are being built, not the zone.
        return "planned"
    if _PAST_TIME_RE.search(text, clause_start, start):
        # 去年乐清新增…产业园, 此前该市已有…: what a past year added exists.
        return "existing"
    if _DONE_RE.search(later) and not any(
        w in text[clause_start:clause_end] for w in _FUTURE_LEADS
    ):
        # …、创芯SPACE众创空间和市孵化器协会分别汇报了工作情况: the subject of a
        # done act exists.
        return "existing"
    if _BUILDING_NOUN_RE.match(text, end) and not after.startswith(EXISTING_AFTER):
        # 聚焦松山湖科学城建设和…: the carrier's own construction is the topic
        # (依托…科技城建设, 服务…示范区建设, 围绕…片区建设 build on, serve or
        # centre on one that exists).
        return "existing" if before.endswith(_RELIES_ON) else "planned"
    if _dated_event(text, start):
        # 2009年11月,…共同投资建设蛇口育成基地: done, so it exists (work that
        # started that month, 开工, is still under way).
        return "existing"
    if after.startswith(EXISTING_AFTER) or any(w in later for w in _UPGRADES):
        return "existing"
    if _BUILT_AFTER_RE.match(text, end) and not _STILL_GOING_RE.search(text, clause_start, start):
        # 京东物流枢纽、中通电商产业园建成投产: built and running (推动…建成投产
        # still works towards it).
        return "existing"
    if any(w in later for w in EXISTING_CLAUSE_AFTER):
        return "existing"
    clause_start = max(text.rfind(c, 0, start) for c in CLAUSE_ENDS) + 1
    if (before.endswith(EXISTING_BEFORE) and not before.endswith(_PLANNED_DONE)) or (
        before.endswith("以") and "为" in later
    ):
        # 以西咸新区为总窗口: a plan builds on a carrier that exists.
        return "existing"
    if _builds_on(text[clause_start:start]):
        return "existing"
    planned_verb = next((w for w in PLANNED_BEFORE if before.endswith(w)), "")
    if planned_verb and (
        before[: -len(planned_verb)].endswith(RECOGNITION_WORDS)
        or later.startswith(("的批复", "的决定"))
    ):
        # 批复设立, 获批建设, 关于设立…的批复: the approval makes the carrier exist.
        return "existing"
    if _ESTABLISHED_RE.search(text, clause_start, start):
        # 批复同意设立张掖、…4个高新区: set up by the approval itself (同意…建设
        # approves building a new one, which stays planned).
        return "existing"
    if _based_on(text, clause_start, start, end):
        return "existing"
    if any(w in text for w in RECOGNITION_WORDS) and not planned_verb:
        return "existing"
    if _DISTANCE_BEFORE_RE.search(text, clause_start, start):
        # 距县城12公里的剑河工业园区: a place found by its distance exists.
        return "existing"
    # The verbs of the clause before do not govern a name that opens its own
    # (…已经开工建设,嵊州经济开发区一带…).
    local = before[max(0, len(before) - (start - clause_start)) :]
    verbs = [w for w in PLANNED_BEFORE if w in local]
    last = max(verbs, key=lambda w: local.rfind(w) + len(w), default="")
    if (
        verbs
        and last not in _PLANNING_VERBS
        and (
            all(f"{w}了" in local for w in verbs)
            or local.startswith("了", local.rfind(last) + len(last))
        )
    ):
        # 设立了…, 建成了…, 引进建设了…: the act is done, so the carrier exists.
        return "existing"
    if verbs or after.startswith("建设"):
        return "planned"
    clause_start = max(text.rfind(c, 0, start) for c in CLAUSE_ENDS)
    if _FUTURE_BUILD_RE.search(text, end, _sentence_end(text, end)) or text.startswith(
        "总投资", end
    ):
        # 万慧云谷科创产业基地总投资35亿元, …二期将建设6栋厂房: a project (the
        # subject of a sentence is what its later clauses go on to build).
        return "planned"
    # 建成面积1.5万平方米的甲孵化园,…: an area before the name leaves it
    # opening its clause.
    prefix = _PLANNED_AREA_RE.sub("", text[clause_start + 1 : start])
    if clause_start == start - 1 or start == 0 or not prefix or _listed_subject(prefix):
        return "existing"
    # 设立了澳门大学、…、横琴澳门青年创业谷等: a done act earlier in the clause;
    # 甲产业园厂房、乙产业园等8个项目均已完工投用: a finished work after it.
    finished = _FINISHED_RE.search(text, end, _sentence_end(text, end))
    return "existing" if _DONE_RE.search(prefix) or finished else "planned"


_FINISHED_RE = re.compile(
    "(?:已|已经)(?:全部|全面)?(?:完工|建成|竣工|投用|投入使用|投产|运营|开园)"
)


_NATIONAL_RE = re.compile("国家")
# 建成投产, 竣工投用, 正式运营, 揭牌成立: a carrier built and running.
_BUILT_AFTER_RE = re.compile(
    "(?:建成|竣工|正式)(?:投产|投用|运营|开园|使用)|投入(?:运营|使用)|(?:揭牌|挂牌)(?:成立|运营)"
)
_UNDER_WAY_RE = re.compile(_UNDER_WAY)
_ROLES_RE = re.compile(
    _REST_OF_LIST + r"(?:[一二三四五六七八九十两]|\d+)大"
    "(?:增长极|引擎|动力源|增长点|支撑|板块|主阵地|主平台|战略平台)"
)
_PLANNED_AREA_RE = re.compile(
    r"(?:规划|占地|建成|建筑)?(?:面积)?(?:约|为|达)?\d+(?:\.\d+)?万?(?:亩|平方米|平方公里|公顷)的$"
)
_AREA_BEFORE_RE = re.compile(r"\d+(?:\.\d+)?万?(?:亩|平方米|平方公里|公顷)$")
_NEGOTIATING = ("洽谈", "谈判")
_STRIVING = ("推动", "争取", "力争", "推进", "确保", "促进")
_OWN_SITE = ("的建设", "施工现场", "建设现场", "建设工地", "的施工现场")
_PROMOTES_RE = re.compile("推动|促进|带动|支持|引导|鼓励")
_GROWS_INTO_RE = re.compile("成长为|发展为|发展成|壮大为|升级为|提升为")
_NUMBERED_ITEM_RE = re.compile(r"\s*(?:\(?(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、)])")
_INCLUDED_RE = re.compile("(?:把|将)[^,。;]{0,60}$")
_SEEKING = ("创建", "争创", "申建", "申报", "争取", "筹建", "设立", "打造", "谋划", "规划", "培育")
# 规划了A、B和C: a plan made, not the carriers built.
_PLANNING_VERBS = ("规划", "谋划", "计划")
_INSIDE_RE = re.compile("(?:里|内)[,:]")
_PLANS_INSIDE_RE = re.compile("将|拟|计划|规划")
_PLANNED_DONE = tuple(f"{verb}了" for verb in _PLANNING_VERBS)
_DONE_RE = re.compile("(?<![为除])" + "".join(f"(?<!{verb})" for verb in _PLANNING_VERBS) + "了")
# Time words of the past before a name in its clause.
_PAST_TIME_RE = re.compile("去年|上年|前年|此前|早在|近年来|近几年")


def _sentence_end(text: str, start: int) -> int:
    """Index of the ``。`` or ``;`` that ends the sentence at ``start``."""
    ends = (i for i in (text.find(c, start) for c in "。;\n") if i >= 0)
    return min(ends, default=len(text))


_LIST_SEPARATOR_RE = re.compile("[、和及]")


def _listed_subject(prefix: str) -> bool:
    """Whether a name follows a list of names that opens its clause
    (甲众创空间、乙孵化器和丙众创空间是…): it is a subject too, as the first is."""
    if not prefix or prefix[-1] not in "、和及":
        return False
    items = _LIST_SEPARATOR_RE.split(prefix[:-1])
    if not all(SUFFIX_END_RE.search(item) for item in items):
        return False
    tags = tag_words(items[0])
    leads_with_verb = bool(tags) and tags[0][1].startswith(("v", "p", "d"))
    return not leads_with_verb and not any(w in items[0] for w in PLANNED_BEFORE)


_BUILDING_NOUN_RE = re.compile(r"建设(?:[,。;:和与及、]|$)")
_RELIES_ON = (
    "依托",
    "依託",
    "依靠",
    "发挥",
    "發揮",
    "服务",
    "深化",
    "完善",
    "提升",
    "围绕",
    "圍繞",
)
_ESTABLISHED_RE = re.compile(r"(?:批复|批准|同意)[^,。;]{0,4}?设立[^,。;]{0,30}$")


def _based_on(text: str, clause_start: int, start: int, end: int) -> bool:
    """``以A和B为牵动``, ``以A为基础``: what a plan takes as its base exists;
    so do the parts a thing is made of (由A、B和C等组成), those that give it
    support (由A、B等7个国家高新区提供支撑) and the members of
    a group that acts together (A等7家单位共同发起)."""
    by = text.rfind("由", clause_start, start)
    if by >= 0 and _COMPOSED_RE.match(text, by + 1, _sentence_end(text, end)):
        return True
    if _GROUP_ACTS_RE.match(text, end):
        return True
    opening = text.rfind("以", clause_start, start)
    if opening < 0 or any(w in text[opening:start] for w in PLANNED_BEFORE):
        return False
    # 以A、B为重点: the list after the name runs on to its 为.
    rest = _LIST_TAIL_RE.match(text, end)
    after = rest.end() if rest is not None else end
    return text.startswith("为", after) and opening >= start - _BASED_ON_SPAN


_RESTATED_RE = re.compile(
    r"(?:[、和及][^,。;、和及这]{2,30}?)*"
    r"(?:这(?:\d+|[一二三四五六七八九十两]+)(?:个|家|座|所)"
    r"|(?:等)?(?:\d+|[一二三四五六七八九十两]+)(?:个|家|座|所)(?:均|都)?(?:为|是))"
)
# …4家为国家级高新区,其余8家为自治区级,即甲、乙…高新区: the members a
# count of what exists names (即, 其中 right before the names).
# …即, 其中, 包括 or a label defined (“四区”为, 六园为) before the members named.
_ENUMERATED_RE = re.compile(
    r"(?:即|其中|分别为|分别是|包括|其余为|其余是|依次为|”为|”是"
    r"|[一二三四五六七八九十两]+(?:园|区|基地)(?:为|是)"
    r"|(?:区块|片区|组团)[一二三四五六七八九十]+(?:为|是))"
    r"(?:[^,。;]{2,30}?(?:[、和及]|,以及))*$"
)
_DESIGNATED_BEFORE_RE = re.compile(
    r"(?:^|[,、:])(?:国家级|省级|市级|自治区级)(?:科技企业)?"
    r"(?:众创空间|孵化器|星创天地|大学科技园|高新区|经开区|加速器)$"
)


_DESIGNATED_AS_RE = re.compile(r"(?:确定|认定|命名|评定|列为)[^,。;]{0,80}$")
_AS_AFTER_LIST_RE = re.compile(
    r"(?:[、和及][^,。;、和及为]{2,30}?)*(?:等(?:\d+|[一二三四五六七八九十两]+)(?:个|家|座|所)[^,。;为]{0,6})?为"
)
_MEASURED_LIST_RE = re.compile(
    r"(?:[、和及][^,。;、和及]{2,30}?)*(?:等[^,。;的]{0,8})?的"
    + "(?:"
    + "|".join(map(re.escape, OCCUPANCY_WORDS))
    + ")"
)
_HAS_PARTS_RE = re.compile(
    r"(?:\d+|[一二三四五六七八九十两]+)(?:大|个)[^,。;]{0,6}(?:园区|片区|基地|板块)"
)
_ROADS_AFTER_RE = re.compile(r"(?:\d+号|[一二三四五六七八九十]+号)?(?:路网|道路|[0-9]+号路)")
_CLUSTER_AFTER_RE = re.compile(r"(?:[百千万]亿级|千亿|百亿)[^,。;]{0,8}?(?:产业集群|产业链)")
_DISTANCE_BEFORE_RE = re.compile(r"距[^,。;]{1,20}?\d+(?:\.\d+)?(?:公里|千米|米)的$")


def _planned_between(text: str, low: int, high: int) -> bool:
    """Whether a planning verb stands in ``text[low:high]``."""
    return any(w in text[low:high] for w in PLANNED_BEFORE)


_BUILDS_ON = tuple(w for w in EXISTING_BEFORE if len(w) >= MIN_STEM)
_LIST_TAIL_RE = re.compile(r"(?:[、和及][^,。;、和及为]{2,20}?)*(?=为)")
_COMPOSED_RE = re.compile(r"[^。;]{2,80}?等?(?:共同)?(?:组成|构成|提供|承担|牵头)")
_GROUP_ACTS_RE = re.compile(
    r"等(?:\d+|[一二三四五六七八九十两]+)(?:家|个)(?:单位|机构|载体)?(?:共同|联合|一起)"
)


def _builds_on(prefix: str) -> bool:
    """``依托A、B、`` before a name: the plan builds on a list of carriers
    (no planning verb between the word and the name)."""
    for word in _BUILDS_ON:
        at = prefix.rfind(word)
        if at >= 0 and not any(w in prefix[at + len(word) :] for w in PLANNED_BEFORE):
            return True
    return False


# 建成深河农村电商产业园, 设立了甲新区: acts that leave a carrier standing,
# when a report's review of its past year tells them.
_DONE_BEFORE_RE = re.compile(r"(?:建成|建立|设立|成立|落成|新建成)了?")
_LISTED_BEFORE_RE = re.compile(r"(?:[^、和及]{2,30}[、和及])*")
# …and words that say the work is still going on, or still to come.
_STILL_GOING_RE = re.compile(
    "加快|推进|推动|确保|务必|要|决定|开工|启动|在建|筹建|谋划|规划|争创|创建|申建|申报|申请|力争|争取"
)


def done_in_review(text: str, start: int) -> bool:
    """Whether the carrier at ``start`` of a sentence of a work report's
    review is the object of a finished act: the review's 建成, 设立 … say
    what the past year left standing (a plan's 建成 says what it is to build).

    >>> done_in_review("建成深河电商产业园、人力资源服务产业园。", 2)
    True
    >>> done_in_review("加快建成深河电商产业园。", 4)
    False
    """
    clause_start = max(text.rfind(c, 0, start) for c in CLAUSE_ENDS) + 1
    before = text[clause_start:start]
    done = [m.end() for m in _DONE_BEFORE_RE.finditer(before)]
    return (
        bool(done)
        # 建成甲产业园、乙产业园: the act governs the names listed after it.
        and _LISTED_BEFORE_RE.fullmatch(before, done[-1]) is not None
        and _STILL_GOING_RE.search(before) is None
        and FUTURE_RE.search(text) is None
    )
