"""The learned status model: loaded from its CSV, off when asked, and no
worse than the rules alone on documents it was never trained on."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo_app.extraction import _status_model
from geo_app.extraction._status import carrier_status, rule_status
from geo_app.extraction._status_model import INTERCEPT, learned_status, status_features
from geo_app.extraction.corpus import gold_spans, load_corpus

CORPUS = Path(__file__).resolve().parent / "corpus" / "documents"


def test_weights_hold_the_intercept_and_the_rules_answer() -> None:
    weights = _status_model._weights()
    assert weights is not None
    assert INTERCEPT in weights
    # The rules' answer is among the strongest signs either way (of about
    # 100,000 features).
    assert weights["rule=planned"] > 0
    assert weights["rule=planned"] in sorted(weights.values(), reverse=True)[:10]
    assert weights["rule=existing"] in sorted(weights.values())[:5]


def test_features_read_the_clause_around_the_name() -> None:
    text = "全市将新建青禾科创园,并推动老城孵化器升级。"
    start = text.index("青禾科创园")
    features = status_features(text, start, start + 5, "planned")
    assert {"rule=planned", "L:将新建", "LL:新建", "suffix=创园", "N:推动"} <= features
    assert not any(f.startswith("R:") for f in features)  # the clause ends after the name


def test_switched_off_the_rules_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_status_model, "ENABLED", False)
    text = "甲市依托青禾科创园,共同打造乙市白石众创空间。"
    for name in ("青禾科创园", "乙市白石众创空间"):
        start = text.index(name)
        end = start + len(name)
        assert carrier_status(text, start, end) == rule_status(text, start, end)
        assert learned_status(text, start, end, "planned") == "planned"


def _agreement(split: str) -> tuple[int, int, int]:
    """Gold carriers of ``split`` whose status the model and the rules get
    right, and their number."""
    spans = [
        span
        for document in load_corpus(CORPUS)
        if document.split == split
        for span in gold_spans(document)
    ]
    model = sum(carrier_status(s.text, s.start, s.end) == s.status for s in spans)
    rules = sum(rule_status(s.text, s.start, s.end) == s.status for s in spans)
    return model, rules, len(spans)


def test_the_model_reads_held_out_status_no_worse_than_the_rules() -> None:
    counts = [_agreement(split) for split in ("heldout8", "heldout10", "heldout13")]
    for model, _, total in counts:
        assert total >= 60
        assert model / total >= 0.88
    assert sum(m for m, _, _ in counts) >= sum(r for _, r, _ in counts)
