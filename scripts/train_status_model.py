"""Train the model that weighs the status rules with the words around a name.

Fits the logistic regression of :mod:`geo_app.extraction._status_model` on
the gold carriers of the ``dev`` documents of the annotated corpus only
(``under_construction`` counts as planned, the product's two statuses),
with features seen at least twice and L2 regularisation C = 1, and writes
its weights to ``geo_app/extraction/data/status_weights.csv``.  The held-out
splits are never read.  ``--folds`` prints, instead, the accuracy of the
model and of the rules alone on each batch of ``dev`` left out in turn (a
batch is the documents whose identifiers share a letter: ``ka``/``kb``/``kc``).
Run from the repository root::

    .venv/bin/python scripts/train_status_model.py [--folds]
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _linear_training import fit, run, scores  # noqa: E402

from geo_app.extraction._status import rule_status  # noqa: E402
from geo_app.extraction._status_model import WEIGHTS, decide, status_features  # noqa: E402
from geo_app.extraction.corpus import CorpusDocument, gold_spans  # noqa: E402


@dataclass(frozen=True)
class Example:
    """One gold carrier in its sentence."""

    batch: str
    features: frozenset[str]
    rule: str
    status: str


def examples(documents: Sequence[CorpusDocument]) -> list[Example]:
    """Every gold carrier found verbatim in its sentence, with its features."""
    out: list[Example] = []
    for document in documents:
        batch = document.id[:1] if document.id[1:2] in "abc" else ""
        for span in gold_spans(document):
            rule = rule_status(span.text, span.start, span.end)
            features = status_features(span.text, span.start, span.end, rule)
            out.append(Example(batch, frozenset(features), rule, span.status))
    return out


def fit_examples(train: Sequence[Example]) -> tuple[LogisticRegression, DictVectorizer]:
    """The model on ``train`` (positive class: planned)."""
    return fit([e.features for e in train], [e.status for e in train])


def predict(
    model: LogisticRegression, vectorizer: DictVectorizer, items: Sequence[Example]
) -> list[str]:
    """The statuses the product gives (the rules' answer unless the model is
    sure of the other: :func:`~geo_app.extraction._status_model.decide`)."""
    values = scores(model, vectorizer, [e.features for e in items])
    return [decide(value, e.rule) for value, e in zip(values, items, strict=True)]


def folds(items: Sequence[Example]) -> None:
    """Accuracy on each batch of ``dev`` left out in turn."""
    total = right_model = right_rules = 0
    for batch in sorted({e.batch for e in items if e.batch}):
        test = [e for e in items if e.batch == batch]
        model, vectorizer = fit_examples([e for e in items if e.batch != batch])
        labels = predict(model, vectorizer, test)
        model_ok = sum(label == e.status for label, e in zip(labels, test, strict=True))
        rules_ok = sum(e.rule == e.status for e in test)
        print(f"{batch}: model {model_ok}/{len(test)}, rules {rules_ok}/{len(test)}")
        total, right_model, right_rules = (
            total + len(test),
            right_model + model_ok,
            right_rules + rules_ok,
        )
    print(f"pooled: model {right_model / total:.1%}, rules {right_rules / total:.1%} of {total}")


def main() -> int:
    return run(__doc__, WEIGHTS, examples, fit_examples, folds, "gold carriers")


if __name__ == "__main__":
    raise SystemExit(main())
