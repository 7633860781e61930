"""What the learned models over the rules share: their weights and features.

The status model (:mod:`~geo_app.extraction._status_model`) and the role
model (:mod:`~geo_app.extraction._role_model`) are logistic regressions
whose weights are a plain CSV (``feature, weight``, the intercept first),
written by their training scripts and read once; a decision is the sum of
the weights of the features present, so no learning library is needed at
run time.
"""

from __future__ import annotations

import csv
from itertools import repeat
from pathlib import Path

__all__ = ["CLAUSE_ENDS", "INTERCEPT", "char_grams", "clause_span", "read_weights", "score"]

#: The name of the intercept's row in a weights file.
INTERCEPT = "(intercept)"

#: The marks that end a clause.
CLAUSE_ENDS = ",。;:\n"


def read_weights(path: Path) -> dict[str, float] | None:
    """The weights in ``path``, or ``None`` when there is no such file."""
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows, None)
        if header != ["feature", "weight"]:
            raise ValueError(f"{path.name}: the header is not feature,weight")
        return {feature: float(weight) for feature, weight in rows}


def score(weights: dict[str, float], features: set[str]) -> float:
    """The model's score (log-odds) of an item with ``features``."""
    return weights.get(INTERCEPT, 0.0) + sum(map(weights.get, features, repeat(0.0)))


def char_grams(part: str, tag: str, sizes: tuple[int, ...], out: set[str]) -> None:
    """Add the character ``sizes``-grams of ``part`` to ``out``, tagged ``tag``.

    >>> found: set[str] = set()
    >>> char_grams("新建", "L", (1, 2), found)
    >>> sorted(found)
    ['L:建', 'L:新', 'L:新建']
    """
    for size in sizes:
        for i in range(len(part) - size + 1):
            out.add(f"{tag}:{part[i : i + size]}")


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the clause of ``text`` that holds ``start:end``.

    >>> clause_span("全市将新建青禾科创园,并推动升级。", 5, 10)
    (0, 10)
    """
    clause_start = max(text.rfind(c, 0, start) for c in CLAUSE_ENDS) + 1
    clause_end = min(
        (i for i in (text.find(c, end) for c in CLAUSE_ENDS) if i >= 0), default=len(text)
    )
    return clause_start, clause_end
