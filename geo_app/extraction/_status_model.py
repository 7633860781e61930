"""A learned reading of a carrier's status over the rules' own.

The rules of :mod:`geo_app.extraction._status` decide from the verbs and
cue words around a name; each new kind of text brings wording they have not
seen.  A logistic regression, trained by ``scripts/train_status_model.py``
on the ``dev`` documents of the annotated corpus, weighs the rules' answer
together with the characters around the name (1- to 3-grams of the clause
before and after it, the four characters on each side, the bigrams of the
sentence before and after its clause, the carrier word's last two
characters and whether the name opens its clause).  Where the context
weighs clearly more than the rules (by ``MARGIN``), the model's answer wins.

The weights are a plain CSV (``status_weights.csv``: ``feature, weight``,
the intercept first), read once; the decision is their sum, so no learning
library is needed at run time.  Without the file the rules decide alone.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from geo_app.extraction._linear import (
    CLAUSE_ENDS,
    INTERCEPT,
    char_grams,
    clause_span,
    read_weights,
    score,
)

__all__ = [
    "CLAUSE_ENDS",
    "ENABLED",
    "INTERCEPT",
    "MARGIN",
    "WEIGHTS",
    "decide",
    "learned_status",
    "score",
    "status_features",
]

#: The weights written by ``scripts/train_status_model.py``.
WEIGHTS = Path(__file__).with_name("data") / "status_weights.csv"

#: Whether the model is applied (switch off to measure what it adds).
ENABLED = True

#: How sure the model must be to overturn the rules: a score of 0.6 is a
#: probability of 65 %.  By batch of the corpus left out in turn (1,798 gold
#: carriers, the model trained on 23,386), a margin of 0.6 reads 91.5 %
#: right against 91.3 % for 0.5 and 0.75 and 87.4 % for the rules alone; it
#: keeps the seed plans' statuses where the model hesitates.
MARGIN = 0.6

_WINDOW = 10
_NEAR = 4


def status_features(text: str, start: int, end: int, rule: str) -> set[str]:
    """The features of the name ``text[start:end]`` whose rules say ``rule``."""
    clause_start, clause_end = clause_span(text, start, end)
    out = {f"rule={rule}", f"suffix={text[max(0, end - 2) : end]}"}
    if clause_start == start:
        out.add("open")
    char_grams(text[max(clause_start, start - _WINDOW) : start], "L", (1, 2, 3), out)
    char_grams(text[end : min(clause_end, end + _WINDOW)], "R", (1, 2, 3), out)
    char_grams(text[max(0, start - _NEAR) : start], "LL", (1, 2), out)
    char_grams(text[end : end + _NEAR], "RR", (1, 2), out)
    char_grams(text[:clause_start], "P", (2,), out)
    char_grams(text[clause_end:], "N", (2,), out)
    return out


@lru_cache(maxsize=1)
def _weights() -> dict[str, float] | None:
    return read_weights(WEIGHTS)


def learned_status(text: str, start: int, end: int, rule: str) -> str:
    """``existing`` or ``planned`` for ``text[start:end]``, given the rules'
    answer ``rule``; the rules' answer when the model is off or missing."""
    weights = _weights() if ENABLED else None
    if weights is None:
        return rule
    return decide(score(weights, status_features(text, start, end, rule)), rule)


def decide(value: float, rule: str) -> str:
    """The status the score ``value`` gives; the rules' answer stands unless
    the model is sure of the other (``MARGIN``)."""
    learned = "planned" if value > 0 else "existing"
    return learned if learned == rule or abs(value) >= MARGIN else rule
