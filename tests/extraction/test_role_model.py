"""The learned role model (a count's goal or fact): loaded from its CSV, off
when asked, bounded by the rules' dated goals, and better than the rules
alone on documents it was never trained on."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo_app.extraction import _role_model, extract_text
from geo_app.extraction._role_model import DATED, INTERCEPT, RoleContext, role_features
from geo_app.extraction._text import split_sentences
from geo_app.extraction.corpus import load_corpus, score_corpus
from geo_app.extraction.targets import find_targets

CORPUS = Path(__file__).resolve().parent / "corpus" / "documents"
REPORT = "东川市2022年政府工作报告。2022年是关键之年。"


def _kinds(text: str) -> list[tuple[str, float | None]]:
    return [(t.kind, t.min) for t in extract_text(text).targets]


def test_weights_hold_the_intercept_and_the_rules_answer() -> None:
    weights = _role_model._weights()
    assert weights is not None
    assert INTERCEPT in weights
    # The rules' goal is a strong sign of a goal; a report's first sentences
    # before any speaks of the future (its review) are a sign of a fact.
    assert weights["rule=target"] > 1.0
    assert weights["lead"] < 0


def test_features_read_the_count_and_its_place_in_the_text() -> None:
    sentences = split_sentences("到2025年,建成孵化器20家。全市已有众创空间12家。", None)
    mentions = find_targets(sentences, target_year=2025)
    context = RoleContext(
        len(sentences),
        past=frozenset({1}),
        dated=frozenset({0}),
        lead=frozenset({1}),
        plan=True,
        report=False,
        this_year=2022,
    )
    goal = role_features(mentions[0], 0, context)
    assert {
        "rule=target",
        "cat=incubator",
        DATED,
        "year>this",
        "L:建成",
        "L:孵化器",
        "LL:化器",
    } <= goal
    fact = role_features(mentions[1], 1, context)
    assert {"rule=baseline", "past", "lead", "quarter=2", "L:已有"} <= fact
    assert DATED not in fact


@pytest.mark.parametrize(
    "text",
    [
        # Zones ranked in a review: a fact.
        REPORT + "全市有6家省级以上开发区在综合考评中位次前移。",
    ],
    ids=["ranked"],
)
def test_the_model_reads_facts_the_rules_took_for_goals(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [kind for kind, _ in _kinds(text)] == ["baseline"]
    monkeypatch.setattr(_role_model, "ENABLED", False)
    assert [kind for kind, _ in _kinds(text)] == ["target"]


def test_goals_of_a_dated_sentence_stand() -> None:
    # The model leans to a fact for 获批 (recognised); the goal year decides.
    assert _kinds(REPORT + "到2025年,力争3个开发区获批国家级开发区。") == [("target", 3.0)]
    # A deadline dates a goal too.
    text = "把全区现有的33家开发区整合优化为22家,2018年底前整合到位。"
    assert _kinds(text) == [("baseline", 33.0), ("target", 22.0)]


def test_the_model_reads_held_out_roles_better_than_the_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = [
        d for d in load_corpus(CORPUS) if d.split in ("heldout8", "heldout10", "heldout13")
    ]

    def errors() -> int:
        scores = score_corpus(documents)
        return sum(
            (s.gold_targets - s.found_targets) + sum(s.non_targets_emitted.values())
            for name, s in scores.items()
            if name != "all"
        )

    with_model = errors()
    monkeypatch.setattr(_role_model, "ENABLED", False)
    assert with_model < errors()


def test_counts_of_research_platforms_are_left_to_the_rules() -> None:
    # The corpus annotates carriers only; a lab's goal keeps the rules' reading.
    rows = extract_text("到2025年,培育1~2个全国重点实验室、不少于3个省级重点实验室。").targets
    assert [(t.kind, t.category, t.year) for t in rows] == [("target", "rd_platform", 2025)] * 2
