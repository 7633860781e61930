"""The count mention and what the count finders share.

The pattern of a count (a number with a carrier measure word), its bound
(at least, at most, about …), its level and kind, and the goal year a
sentence writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo_app.extraction._lexicon import BOUND_WORDS, LEVEL_WORDS, SUBJECT_KINDS
from geo_app.extraction._numerals import NUMBER, RANGE
from geo_app.extraction._text import Sentence

_PRE_WORDS = sorted(
    {w for words in BOUND_WORDS.values() for w in words}
    | {"增长到", "增长至", "增加到", "要达到", "建设到", "发展到", "提升到"}
    # 将扩大到15个, 总量稳定在700家左右: the number a count is brought to.
    | {"扩大到", "扩大至", "扩展到", "保持在", "稳定在"},
    key=len,
    reverse=True,
)
_POST_WORDS = ("以上", "左右", "以内", "以下", "多", "余", "上下")
_KIND_RE = re.compile("|".join(sorted(map(re.escape, SUBJECT_KINDS), key=len, reverse=True)))
# 五大科创城, 6大生态产业基地: "N big" right before a kind (or generic words
# and a kind) counts it like a measure word.
_COUNT_RE = re.compile(
    rf"(?:(?P<pre>{'|'.join(_PRE_WORDS)})(?:要|将)?(?:有|建成|新建|建设|培育|打造|新增|创建|认定|布局)?)?"
    rf"(?P<num>{RANGE}|{NUMBER})"
    rf"(?P<mid>多|余)?(?P<unit>家|个|座|所|处|户(?=以上|左右|,|。|;|、|和|$)|大(?=[\u4e00-\u9fff]{{0,4}}?(?:{_KIND_RE.pattern})))"
    rf"(?P<post>{'|'.join(_POST_WORDS)})?"
)
_YEAR_CARRY = 2
#: Words that make a sentence of a report, or one about a past period, speak
#: of goals after all.
FUTURE_MARKS = ("要", "将", "力争", "争取", "计划", "今年", "年内", "确保", "目标", "到20")
_GOAL_YEAR_RE = re.compile(r"(?:到|力争|(?<!截)至)(20\d{2})年")

# The marks of the future (FUTURE_MARKS), but not as part of a word (重要,
# 将近; 比重要达到 is one) or of a plan's name (出台“双创”三年行动计划);
# 到“十三五”末 is one too.
_NOT_AS_A_WORD = {
    "要": ("(?<![主需纲])(?<!(?<!比)重)", "(?!素)"),
    "将": ("", "(?!近)"),
    "计划": ("(?<!行动|发展|培育|三年|五年)", ""),
    # …目标全面实现, 目标任务圆满完成: a goal reached is the past.
    "目标": ("", "”?(?!(?:任务)?(?:全面|圆满|顺利|如期|超额|基本)?(?:实现|完成|达成))"),
}
#: Whether a sentence speaks of the future (see ``FUTURE_MARKS``).
FUTURE_RE = re.compile(
    "|".join(
        _NOT_AS_A_WORD.get(w, ("", ""))[0] + re.escape(w) + _NOT_AS_A_WORD.get(w, ("", ""))[1]
        for w in FUTURE_MARKS
    )
    + "|到“?十[一二三四五]五"
)


@dataclass(frozen=True)
class TargetMention:
    """A count found in a sentence (offsets in the normalised text)."""

    category: str
    subkind: str
    subject: str
    kind: str
    bound: str
    number: float | None
    min: float | None
    max: float | None
    year: int | None
    scope: str
    start: int
    end: int
    sentence: Sentence
    named: tuple[str, ...] = ()
    per: str = ""


def _bound(pre: str, post: str, is_range: bool) -> str:
    if is_range:
        return "range"
    for bound in ("at_most", "more_than", "about", "at_least"):
        words = BOUND_WORDS[bound]
        if (pre and pre in words) or (post and post in words):
            return bound
    return "exact"


def _limits(bound: str, low: float, high: float) -> tuple[float | None, float | None]:
    if bound in ("at_least", "more_than"):
        return low, None
    if bound == "at_most":
        return None, high
    return low, high


def _subkind(level: str, stem: str) -> str:
    if not stem:
        return ""
    if stem == "new_rd_institution" or not level:
        return stem
    return f"{LEVEL_WORDS[level]}_{stem}"


def _own_year(text: str) -> int | None:
    """The goal year a sentence writes (到2025年), if any."""
    # A year opening a clause (…透露,2018年全市将新增…) is the year it speaks of.
    # 确定了2020年新建…: a year right before a verb of building or a modal too.
    years = [
        int(m.group(1) or m.group(2))
        for m in re.finditer(
            r"(?:^|到|至|截至|在|力争|仅|[,;:])(20\d{2})年|(20\d{2})年(?=要|将|新建|新增|建成)",
            text,
        )
    ]
    then = text.find("届时")
    if not years and then > 0:
        # 科创走廊…2023年建成,届时…达到119个: by then is the year just written.
        years = [int(y) for y in re.findall(r"(20\d{2})年", text[:then])]
    return years[-1] if years else None
