"""The carrier kind a count counts, and its level.

The kind is written right after the number (``5~8个市级重点实验室``), just
before it (``孵化载体不少于120家``), or closes the clause before a count whose
own clause names none (``…建设省属专业化众创空间,到十三五末建成10家以上``).
"""

from __future__ import annotations

import re

from geo_app.extraction._boundary import left_boundary
from geo_app.extraction._generic import LEADING_LEVELS
from geo_app.extraction._lexicon import LEVEL_WORDS, SUBJECT_KINDS
from geo_app.extraction._places import CITIES
from geo_app.extraction._target_mention import _KIND_RE

_LEVEL_RE = re.compile("(" + "|".join(sorted(LEVEL_WORDS, key=len, reverse=True)) + r")(?:以上)?")
#: Level words written with 级 (国家级, 省级 …): a count may name its level after
#: the kind it counts (创建科技企业孵化器省级3个).
GRADE_LEVELS = "|".join(map(re.escape, LEADING_LEVELS))
_GRADE_RE = re.compile(f"(?:{GRADE_LEVELS})")
# Between a subject and its number: 总数达到, 要达到, 总量从2014年增长到 …
_GAP_RE = re.compile(
    r"”?(?:\([^()]{1,12}\))?"
    + f"(?:{GRADE_LEVELS})?"
    + r"(?:试点)?(?:总数|总量|数量|数)?(?:届时|到时)?(?:(?:到|至)20\d{2}年(?:底|末)?)?"
    r"(?:(?:建设|发展)?的?(?:目标任务|目标|任务)(?:是|为))?"
    r"(?:每年)?(?:各|合计|共计|总计|共)?(?:应|要|将|力争|争取|累计|已|已经|再)?(?:从[^,;。]{0,12}?)?"
    r"(?:达到|达|增长到|增长至|增加到|增至|增加至|增加|新增|突破|超过|不少于|不低于|至少"
    r"|调整为|整合为|优化整合为|整合优化为|控制在|发展到|创建|建成|新建|建设|培育|打造|认定"
    r"|新认定|新创建|新培育|建)?"
)
_BETWEEN_NUMBER_AND_KIND = 12
_ATTRIBUTIVE = 30
_AFTER_DE = 12
# A bare 市/省 ending a place word is not a level: 漯河市工程技术研究中心 (of any
# prefecture-level city) counts the city's centres of every level, 全省 means the
# whole province.
_PLACE_BEFORE_LEVEL = (*CITIES, "全", "本", "该", "各", "城", "外")


def level_after_kind(text: str, start: int, end: int) -> str:
    """The level word written between a kind and its count (孵化器省级3个), if any."""
    found = _GRADE_RE.search(text, start, end)
    return found.group(0) if found is not None else ""


def _level_before(text: str, end: int) -> str:
    """The level word (省级, 国家级 …) written right before ``end``, if any.

    >>> _level_before("漯河市工程技术研究中心", 3), _level_before("新增市工程技术研究中心", 3)
    ('', '市')
    """
    window = text[max(0, end - 8) : end]
    adjacent = [m for m in _LEVEL_RE.finditer(window) if m.end() == len(window)]
    if not adjacent:
        return ""
    level = adjacent[-1]
    if level.group(0) in ("市", "省") and window[: level.start()].endswith(_PLACE_BEFORE_LEVEL):
        return ""
    return level.group(1)


def _attributive(between: str) -> bool:
    """Whether a longer gap is a description of the counted noun:
    ``12个以上具有全国影响力的特色产业园``, ``1至2个在长三角一流、全国知名的
    主题科技产业园`` (a clause ending in 的, a few words before the noun)."""
    at = between.rfind("的")
    # 35个主营业务收入超过500亿元的开发区: an amount of money describes it too.
    plain = _AMOUNT_RE.sub("", between)
    return (
        at >= 0
        and len(between) - at - 1 <= _AFTER_DE
        and len(between) <= _ATTRIBUTIVE
        and re.search(r"[,;。:\d]", plain) is None
    )


# Nouns a number counts when written right after it, before a kind.
_COUNTED_NOUNS = (
    "领域",
    "方面",
    "行业",
    "方向",
    "重点",
    "县",
    "区",
    "镇",
    "乡",
    "城市",
    "类",
    "批次",
    "高校",
    "院校",
    "大学",
    "企业",
    "单位",
)


def _subject_of_clause_before(text: str, clause_start: int) -> tuple[int, int, str] | None:
    """The kind closing the clause before (…建设省属专业化众创空间,到十三五末建成
    10家以上): a count whose own clause names no kind counts it."""
    before = text[:clause_start].rstrip(",;")
    # …产业园建设,创建国家级2个,新增省级30个以上: clauses that count the
    # kind at one level each go on counting it.
    counted = _LEVEL_COUNTS_RE.search(before)
    if counted is not None:
        before = before[: counted.start()]
    last = None
    for match in _KIND_RE.finditer(before, max(0, len(before) - 30)):
        last = match
    if last is None or len(before) - last.end() > _TRAILING_VERB:
        return None
    return left_boundary(text, last.start()), last.end(), last.group(0)


_LEVEL_COUNTS_RE = re.compile(
    r"(?:,(?:要|将|力争|计划)?(?:建成|新建|新增|培育|创建|认定)?"
    + f"(?:{GRADE_LEVELS})"
    + r"(?:\d+|[一二三四五六七八九十两]+)[个家所](?:以上|左右)?)+$"
)
_DESCRIBED_RE = re.compile(r"(?:[\u4e00-\u9fff]{2,10}、){2,6}[\u4e00-\u9fff]{2,10}的")
_TRAILING_VERB = 2  # 众创空间建设: the kind may be followed by a verb noun
_AMOUNT_RE = re.compile(r"\d+(?:\.\d+)?(?:(?:万|亿)+元|万?(?:平方米|平方公里|亩|公顷))")
_LEVEL_ONE = "|".join(sorted(LEVEL_WORDS, key=len, reverse=True))
_LEVEL_LIST_RE = re.compile(f"(?:{_LEVEL_ONE})(?:、(?:{_LEVEL_ONE}))+")
_SIZE_RE = re.compile(
    r"\d+(?:\.\d+)?(?:[~\-至到]\d+(?:\.\d+)?)?万?(?:平方公里|平方千米|平方米|亩|公顷)(?:的)?"
)
_SCALE_RE = re.compile(r"\d+(?:\.\d+)?(?:亿|万)?元?级")
# Nouns that start like a counted one but describe the kind (县城, 区域性).
_KEY_DESCRIBED = 6
# 以…孵化器为核心, 以“…孵化器”为核心: the kind a 以…为 phrase is made of.
_AS_AFTER_RE = re.compile("[^,。;]{0,12}?为")
_DESCRIBING_NOUNS = ("县城", "县域", "区域", "县级", "区级", "镇级", "乡级", "乡村")

#: Nouns that call the counts before them a goal (…达到240家的目标).
GOAL_NOUNS = ("目标", "任务", "要求")
_GOAL_AFTER_DE = tuple(f"的{noun}" for noun in GOAL_NOUNS)


_JOINERS_AFTER = ("以及", "和", "及", "与", "并")


def _subject_after(text: str, pos: int) -> tuple[int, int, str] | None:
    match = _KIND_RE.search(text, pos, min(len(text), pos + _ATTRIBUTIVE + 8))
    if match is None:
        # 10个产业特色鲜明、规模效益突出、…、服务管理规范的小微企业创业园: a
        # longer description made of short phrases.
        listed = _DESCRIBED_RE.match(text, pos)
        if listed is None:
            return None
        match = _KIND_RE.match(text, listed.end())
        if match is None:
            return None
        return pos, match.end(), match.group(0)
    between = text[pos : match.start()]
    if between.startswith(_JOINERS_AFTER):
        # 工程研究中心13个以及一批孵化基地: a joiner right after the count
        # closes the noun before it; the kind after is not counted.
        return None
    # 3个300亿级开发区: a scale written with digits describes the kind;
    # 14个国家级、省级园区: levels listed are one level word.
    # 2个5~10平方公里青年创新创业园: so does a size.
    plain = _LEVEL_LIST_RE.sub("级", _SCALE_RE.sub("级", _SIZE_RE.sub("", between)))
    short = len(plain) <= _BETWEEN_NUMBER_AND_KIND and re.search(r"[,;。、\d]", plain) is None
    if not (short or _attributive(between)):
        return None
    if (
        between.startswith(_COUNTED_NOUNS)
        and not between.startswith(_DESCRIBING_NOUNS)
        # 21个重点产业集聚区: 重点 right before the kind describes it.
        and not (between.startswith("重点") and len(between) <= _KEY_DESCRIBED)
    ):
        # 在能源化工…等7个领域建设…众创空间: the number counts the fields
        # (20个县城产业…示范园区 counts the parks of county towns).
        return None
    if "以" in between.replace("以上", "") and _AS_AFTER_RE.match(text, match.end()):
        # 形成1个以孵化器为核心的链条: the number counts the chain, not the kind
        # (18家市级以上孵化器 counts them; 10个中以农业示范园区, China and Israel's).
        return None
    return pos, match.end(), match.group(0)


_JOINERS = ("和", "及", "与", "、")
_NOT_CARRIER_KINDS = ("rd_platform", "other")
# (Not a body of research: 双创载体和研发平台80家 counts no carriers alone.)
_JOINED_BODY_RE = re.compile(
    "[和及与](?![\u4e00-\u9fff]{0,6}(?:研发|研究|实验|工程|技术))[\u4e00-\u9fff]{1,8}?"
    "(?:服务中心|中心|平台|基地)"
)


def _one_kind_of_list(text: str, start: int) -> tuple[int, int, str] | None:
    """争创国家现代农业产业园、产业集群、产业强镇各1个: the one item of a list
    before 各 that is a kind of carrier (the others are not carriers)."""
    clause_start = max(text.rfind(c, 0, start) for c in ",;。:") + 1
    items = [
        m
        for m in _KIND_RE.finditer(text, clause_start, start - 1)
        if text.startswith(("、", "各"), m.end())
    ]
    if len(items) != 1 or "、" not in text[clause_start:start]:
        return None
    item = items[0]
    return left_boundary(text, item.start()), item.end(), item.group(0)


def _subject_before(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    if (
        end < len(text)
        and text[end] not in ",;。、:)("
        and not text.startswith(_GOAL_AFTER_DE, end)
        # 特色专业园区2个及…集群, 众创空间10个和创业主体…: a joiner goes on to
        # the next item.
        and not (text.startswith(_JOINERS_AFTER, end) and end > 0)
    ):
        # The number counts the noun that follows it (三个省级中心), not this
        # subject (…数量达到240家的目标 names the goal it is).
        return None
    clause_start = max(text.rfind(c, 0, start) for c in ",;。:、") + 1
    best: re.Match[str] | None = None
    first: re.Match[str] | None = None
    for match in _KIND_RE.finditer(text, clause_start, start):
        if (
            best is not None
            and text.startswith(")", match.end())
            and "(" in text[best.end() : match.start()]
        ):
            continue  # 孵化器(众创空间)5家: the kind in brackets is another name for it
        # 创业孵化基地和园区15个: kinds joined before one count are counted as
        # the first of them.
        joined = best is not None and text[best.end() : match.start()] in _JOINERS
        first = first if joined else match
        best = match
    if (best is None or first is None) and text.endswith("各", 0, start):
        return _one_kind_of_list(text, start)
    if best is None or first is None:
        return None
    gap = text[best.end() : start]
    if _GAP_RE.fullmatch(gap) is None:
        # 众创空间和创客服务中心要达到100家: a kind joined to a body the
        # lexicon does not know.
        other = _JOINED_BODY_RE.match(gap)
        if other is None or _GAP_RE.fullmatch(gap, other.end()) is None:
            return None
    if SUBJECT_KINDS[best.group(0)][0] in _NOT_CARRIER_KINDS or "各" in gap:
        # 双创载体和研发平台80家: what is counted is not all carriers;
        # 孵化器和众创空间各5家: each kind has its count.
        first = best
    return left_boundary(text, first.start()), first.end(), first.group(0)
