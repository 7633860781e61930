"""What the training scripts of the learned models share.

``scripts/train_status_model.py`` and ``scripts/train_role_model.py`` fit a
logistic regression on features of the annotated corpus's ``dev``
documents and write its weights in the format
:mod:`geo_app.extraction._linear` reads (``feature, weight``, the
intercept first).
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from geo_app.extraction._linear import INTERCEPT
from geo_app.extraction.corpus import CorpusDocument, load_corpus

Item = TypeVar("Item")

#: L2 regularisation of both models.
C = 1.0
#: Features seen fewer times in training are left out.
MIN_COUNT = 2

CORPUS = Path(__file__).resolve().parents[1] / "tests/extraction/corpus/documents"


def arguments(doc: str | None, weights: Path) -> argparse.Namespace:
    """The command line of a training script: the corpus folder, ``--out``
    (``weights`` by default) and ``--folds``."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(CORPUS))
    parser.add_argument("--out", type=Path, default=weights)
    parser.add_argument("--folds", action="store_true")
    return parser.parse_args()


def fit(
    features: Sequence[Collection[str]], labels: Sequence[Hashable]
) -> tuple[LogisticRegression, DictVectorizer]:
    """The model of ``labels`` from ``features``, with features seen at
    least ``MIN_COUNT`` times."""
    counts = Counter(f for row in features for f in row)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(
        [{f: 1 for f in row if counts[f] >= MIN_COUNT} for row in features]
    )
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(matrix, list(labels))
    return model, vectorizer


def scores(
    model: LogisticRegression, vectorizer: DictVectorizer, features: Sequence[Collection[str]]
) -> list[float]:
    """The model's score (log-odds of its second class) of each row."""
    matrix = vectorizer.transform([dict.fromkeys(row, 1) for row in features])
    return [float(value) for value in model.decision_function(matrix)]


def write_weights(model: Any, vectorizer: DictVectorizer, out: Path) -> int:
    """Write the model's weights to ``out``; the number of features written."""
    weights = [(INTERCEPT, float(model.intercept_[0]))] + [
        (name, float(model.coef_[0][index]))
        for name, index in sorted(vectorizer.vocabulary_.items())
        if abs(model.coef_[0][index]) >= 1e-4
    ]
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["feature", "weight"])
        writer.writerows((name, f"{weight:.4f}") for name, weight in weights)
    return len(weights) - 1


def run(
    doc: str | None,
    weights: Path,
    examples: Callable[[Sequence[CorpusDocument]], Sequence[Item]],
    fit_examples: Callable[[Sequence[Item]], tuple[Any, DictVectorizer]],
    folds: Callable[[Sequence[Item]], None],
    what: str,
) -> int:
    """A training script's run: the examples of the ``dev`` documents, then
    either the figures by group left out (``--folds``) or the weights of
    the model fitted on all of them, written to ``--out``."""
    args = arguments(doc, weights)
    began = time.perf_counter()
    items = examples([d for d in load_corpus(args.folder) if d.split == "dev"])
    if args.folds:
        folds(items)
        return 0
    model, vectorizer = fit_examples(items)
    written = write_weights(model, vectorizer, args.out)
    print(
        f"trained on {len(items)} {what} of dev in {time.perf_counter() - began:.1f} s; "
        f"{args.out} ({written} features)"
    )
    return 0
