"""A learned reading of a count's role (a goal, or a fact) over the rules' own.

The rules of :mod:`geo_app.extraction.targets` tell a goal (到2025年建成孵化器
20家) from a fact (已建成孵化器12家, a year's result in a work report) by the
verbs, tense marks and dates around the count, and by where the sentence
stands in the text (a section about the past, a report's review of the year
behind it).  Each new kind of text brings wording they have not seen.  A
logistic regression, trained by ``scripts/train_role_model.py`` on the
``dev`` documents of the annotated corpus, weighs the rules' answer together
with the characters around the count (1- to 3-grams of its clause before
the number and after the counted kind, the four characters before the
number, the bigrams of the rest of the sentence), the sentence's place in
the text (the review, a past section, its quarter of the text), the kind of
text (plan, work report) and the count's year against the year the text
speaks from.  Where the context weighs clearly more than the rules (by
``MARGIN``), the model's answer wins.

The weights are a plain CSV (``role_weights.csv``: ``feature, weight``, the
intercept first), read once; the decision is their sum, so no learning
library is needed at run time.  Without the file the rules decide alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo_app.extraction._linear import INTERCEPT, char_grams, clause_span, read_weights, score
from geo_app.extraction._target_mention import FUTURE_MARKS, TargetMention

__all__ = [
    "DATED",
    "ENABLED",
    "INTERCEPT",
    "MARGIN",
    "ROLES",
    "UNWEIGHED",
    "WEIGHTS",
    "RoleContext",
    "decide",
    "learned_role",
    "role_features",
    "score",
]

#: The weights written by ``scripts/train_role_model.py``.
WEIGHTS = Path(__file__).with_name("data") / "role_weights.csv"

#: Whether the model is applied (switch off to measure what it adds).
ENABLED = True

#: How sure the model must be to overturn the rules (log-odds).
MARGIN = 1.5

#: The feature of a count in a sentence that writes a goal's year or follows
#: one that does: the rules' goals there stand whatever the model says
#: (到2025年,力争3个开发区获批国家级开发区).
DATED = "goal-year"

#: The kinds of count the model weighs: a goal, or a count already reached.
ROLES = ("target", "baseline")

#: Counts of research platforms (重点实验室) are left to the rules: the
#: annotated corpus counts carriers only, so it teaches nothing of them.
UNWEIGHED = frozenset({"rd_platform"})

_WINDOW = 10
_NEAR = 4


@dataclass(frozen=True)
class RoleContext:
    """What the text around a count says of its role.

    ``past`` holds the indexes of the sentences that lie in a section about
    the past or in a work report's review of the year behind it, ``dated``
    those of the sentences that write a goal's year (到2025年) or follow
    one that does, ``lead`` those of a work report's first sentences
    before any speaks of the future (the review of an excerpt that states
    its year first) and ``work`` those after a report turns from its review
    to the year's work; ``this_year`` is the year the text speaks from.
    """

    sentences: int
    past: frozenset[int]
    dated: frozenset[int]
    lead: frozenset[int]
    plan: bool
    report: bool
    this_year: int | None
    work: frozenset[int] = frozenset()


def role_features(mention: TargetMention, index: int, context: RoleContext) -> set[str]:
    """The features of ``mention``, a count in sentence ``index``."""
    sentence = mention.sentence
    text = sentence.text
    start = mention.start - sentence.start
    end = mention.end - sentence.start
    clause_start, clause_end = clause_span(text, start, end)
    out = {
        f"rule={mention.kind}",
        f"cat={mention.category}",
        f"bound={mention.bound}",
        f"plan={context.plan}",
        f"report={context.report}",
        f"quarter={4 * index // max(context.sentences, 1)}",
    }
    if index in context.past:
        out.add("past")
    if index in context.lead:
        out.add("lead")
    if index in context.work:
        out.add("work")
    if any(word in text[:start] for word in FUTURE_MARKS):
        out.add("future")
    if index in context.dated:
        out.add(DATED)
    if mention.per:
        out.add(f"per={mention.per}")
    if mention.year is None:
        out.add("year=none")
    elif context.this_year is not None:
        relation = (mention.year > context.this_year) - (mention.year < context.this_year)
        out.add(f"year{'<=>'[relation + 1]}this")
    char_grams(text[max(clause_start, start - _WINDOW) : start], "L", (1, 2, 3), out)
    char_grams(text[max(0, start - _NEAR) : start], "LL", (1, 2), out)
    char_grams(text[end : min(clause_end, end + _WINDOW)], "R", (1, 2, 3), out)
    char_grams(text[:clause_start], "P", (2,), out)
    char_grams(text[clause_end:], "N", (2,), out)
    return out


@lru_cache(maxsize=1)
def _weights() -> dict[str, float] | None:
    return read_weights(WEIGHTS)


def decide(value: float, rule: str) -> str:
    """The role the score ``value`` gives; the rules' answer stands unless
    the model is sure of the other (``MARGIN``)."""
    learned = "target" if value > 0 else "baseline"
    return learned if learned == rule or abs(value) >= MARGIN else rule


def learned_role(mention: TargetMention, index: int, context: RoleContext) -> str:
    """``target`` or ``baseline`` for ``mention``, a count in sentence
    ``index``; the rules' answer when the model is off or missing, and for
    counts of other kinds."""
    weights = _weights() if ENABLED else None
    if weights is None or mention.kind not in ROLES or mention.category in UNWEIGHED:
        return mention.kind
    features = role_features(mention, index, context)
    if mention.kind == "target" and DATED in features:
        return mention.kind
    return decide(score(weights, features), mention.kind)
