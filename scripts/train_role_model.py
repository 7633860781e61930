"""Train the model that weighs the rules' reading of a count (goal or fact).

Fits the logistic regression of :mod:`geo_app.extraction._role_model` on
the counts the rules find in the ``dev`` documents of the annotated corpus
only.  A count is a goal when its sentence's gold has a goal of the same
kind and number, a fact when the gold has a non-goal number equal to it;
counts the gold names neither way are left out.  Features seen at least
twice, L2 regularisation C = 1; the weights go to
``geo_app/extraction/data/role_weights.csv``.  The held-out splits are never
read.  ``--folds`` prints, instead, what the model and the rules alone get
right on each group of ``dev`` left out in turn (a group is the documents
whose identifiers share their first letter).  Run from the repository root::

    .venv/bin/python scripts/train_role_model.py [--folds]
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _linear_training import fit, run, scores  # noqa: E402

from geo_app.extraction import _role_model  # noqa: E402
from geo_app.extraction._normalize import normalize_text  # noqa: E402
from geo_app.extraction._pipeline import count_setting  # noqa: E402
from geo_app.extraction._role_model import (  # noqa: E402
    DATED,
    ROLES,
    UNWEIGHED,
    WEIGHTS,
    decide,
    role_features,
)
from geo_app.extraction._text import detect_city, detect_province, split_sentences  # noqa: E402
from geo_app.extraction.corpus import (  # noqa: E402
    CorpusDocument,
    _sentence_of,
    _sentence_spans,
)
from geo_app.extraction.targets import find_targets, role_context  # noqa: E402


@dataclass(frozen=True)
class Example:
    """One count the rules found, with the role the gold gives it."""

    group: str
    features: frozenset[str]
    rule: str
    role: str


def _same(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) < 1e-9


def examples(documents: Sequence[CorpusDocument]) -> list[Example]:
    """Every count of a goal's or a fact's kind the rules find in
    ``documents`` whose role the gold says."""
    _role_model.ENABLED = False
    out: list[Example] = []
    for document in documents:
        norm = normalize_text(document.text)
        sentences = split_sentences(norm.text, detect_city(norm.text), detect_province(norm.text))
        setting = count_setting(norm.text, sentences)
        roles = role_context(
            sentences,
            setting.baseline_sections,
            plan=setting.plan,
            report=setting.report,
            this_year=setting.this_year,
            work=setting.work_sections,
            lead=setting.lead_sections,
        )
        index_of = {s.start: i for i, s in enumerate(sentences)}
        spans = _sentence_spans(document)
        for mention in find_targets(sentences, **setting.arguments()):
            if mention.kind not in ROLES or mention.named or mention.category in UNWEIGHED:
                continue
            gold = document.sentences[
                _sentence_of(spans, norm.original_span(mention.start, mention.end)[0])
            ]
            number = mention.number if mention.number is not None else mention.min
            if number is None:
                continue
            if any(
                g.category == mention.category and _same(number, g.number) for g in gold.targets
            ):
                role = "target"
            elif any(_same(number, value) for value, _ in gold.non_targets):
                role = "baseline"
            else:
                continue
            features = role_features(mention, index_of.get(mention.sentence.start, 0), roles)
            out.append(Example(document.id[:1], frozenset(features), mention.kind, role))
    _role_model.ENABLED = True
    return out


def fit_examples(train: Sequence[Example]) -> tuple[LogisticRegression, DictVectorizer]:
    """The model on ``train`` (positive class: a goal)."""
    return fit([e.features for e in train], [e.role == "target" for e in train])


def predict(
    model: LogisticRegression, vectorizer: DictVectorizer, items: Sequence[Example]
) -> list[str]:
    """The roles the product gives (the rules' answer unless the model is
    sure of the other: :func:`~geo_app.extraction._role_model.decide`; the
    rules' goals in a dated sentence stand)."""
    values = scores(model, vectorizer, [e.features for e in items])
    return [
        e.rule if e.rule == "target" and DATED in e.features else decide(value, e.rule)
        for value, e in zip(values, items, strict=True)
    ]


def _tally(labels: Sequence[str], items: Sequence[Example]) -> Counter[str]:
    out: Counter[str] = Counter()
    for label, e in zip(labels, items, strict=True):
        out[f"{e.role}->{label}"] += 1
    return out


def folds(items: Sequence[Example]) -> None:
    """What the model and the rules get right on each group left out in turn."""
    model_all: Counter[str] = Counter()
    rules_all: Counter[str] = Counter()
    for group in sorted({e.group for e in items}):
        test = [e for e in items if e.group == group]
        model, vectorizer = fit_examples([e for e in items if e.group != group])
        by_model = _tally(predict(model, vectorizer, test), test)
        by_rules = _tally([e.rule for e in test], test)
        model_all += by_model
        rules_all += by_rules
        print(
            f"{group}: goals kept model {by_model['target->target']}/rules "
            f"{by_rules['target->target']} of {by_model['target->target'] + by_model['target->baseline']}; "
            f"facts taken for goals model {by_model['baseline->target']}/rules "
            f"{by_rules['baseline->target']} of {by_model['baseline->target'] + by_model['baseline->baseline']}"
        )
    goals = model_all["target->target"] + model_all["target->baseline"]
    facts = model_all["baseline->target"] + model_all["baseline->baseline"]
    print(
        f"pooled: goals kept model {model_all['target->target']}/{goals}, rules "
        f"{rules_all['target->target']}/{goals}; facts taken for goals model "
        f"{model_all['baseline->target']}/{facts}, rules {rules_all['baseline->target']}/{facts}"
    )


def main() -> int:
    return run(__doc__, WEIGHTS, examples, fit_examples, folds, "counts")


if __name__ == "__main__":
    raise SystemExit(main())
