"""The learned tagger confirms the rules' names (geo_app.extraction._confirm)."""

from __future__ import annotations

import pytest

from geo_app.extraction import _confirm
from geo_app.extraction._pipeline import extract_text

pytest.importorskip("pycrfsuite")

# Phrases that end in a carrier word, which the rules' walk takes for names.
PHRASES = (
    "该园区建成了完整的孵化体系，配有众创空间、标准厂房和中试车间。",
    "全市新建及提质孵化器面积超过50万平方米。",
    "座谈会重点讨论众创空间的发展路径和合作机制。",
)


def names(text: str, *, learned: bool = True) -> list[str]:
    return [c.name for c in extract_text(text, learned=learned).carriers]


def test_the_model_ships_with_the_package() -> None:
    assert _confirm.MODEL.is_file()
    assert _confirm.MODEL.stat().st_size > 10_000


@pytest.mark.parametrize("text", PHRASES)
def test_phrases_the_rules_take_for_names_are_dropped(text: str) -> None:
    assert names(text, learned=False), "the rules alone take the phrase for a name"
    assert names(text) == []


def test_named_carriers_are_kept() -> None:
    text = "加快建设东川青禾众创空间和西河科技园，支持青禾众创空间申报国家级孵化器。"
    assert names(text) == names(text, learned=False)
    assert "东川青禾众创空间" in names(text)


def test_names_typed_by_a_list_are_kept() -> None:
    text = "青禾空间Green Hub、南岭创客汇等5家载体备案为市级众创空间。"
    assert names(text) == ["青禾空间Green Hub", "南岭创客汇"]


def test_without_the_tagger_the_rules_names_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_confirm, "ENABLED", False)
    assert names(PHRASES[0]) == names(PHRASES[0], learned=False)
    monkeypatch.setattr(_confirm, "ENABLED", True)
    monkeypatch.setattr(_confirm, "MODEL", _confirm.MODEL.with_name("missing.crfsuite"))
    _confirm._tagger.cache_clear()
    try:
        assert names(PHRASES[0]) == names(PHRASES[0], learned=False)
    finally:
        monkeypatch.undo()
        _confirm._tagger.cache_clear()
