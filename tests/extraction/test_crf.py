"""The learned carrier tagger: features, training and tagging."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pycrfsuite")

from geo_app.extraction._crf import (
    gold_spans,
    load_tagger,
    sentence_features,
    span_name,
    tag,
    train,
)

_TRAINING = [
    ("支持青禾创新孵化器建设。", ["青禾创新孵化器"]),
    ("依托白鹭智能孵化器开展服务。", ["白鹭智能孵化器"]),
    ("加快建设松涛科技孵化器。", ["松涛科技孵化器"]),
    ("支持红枫数字孵化器发展。", ["红枫数字孵化器"]),
    ("推动金桥生物孵化器提质增效。", ["金桥生物孵化器"]),
    ("依托远山创业孵化器培育企业。", ["远山创业孵化器"]),
    ("加快建设明湖众创空间。", ["明湖众创空间"]),
    ("支持企业开展技术攻关。", []),
    ("全市新增科技型企业一批。", []),
]


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crf") / "carriers.crfsuite"
    pairs = [(text, gold_spans(text, names)) for text, names in _TRAINING]
    return train(pairs, path, c1=0.0, c2=0.01)


@pytest.mark.parametrize(
    "text", ["", "支持青禾创新孵化器建设。", "建設鄭州經開智慧島", "🚀孵化器 abc 123", "a\nb"]
)
def test_features_have_the_length_of_the_text(text: str) -> None:
    assert len(sentence_features(text)) == len(text)


def test_gold_spans_find_list_members_and_every_mention() -> None:
    names = ["郑州经开智慧岛", "洛阳伊滨智慧岛"]
    text = "支持郑州经开、洛阳伊滨等智慧岛建设。"
    assert [text[s:e] for s, e in gold_spans(text, names)] == ["郑州经开", "洛阳伊滨"]
    assert span_name(text, 2, 6) == "郑州经开智慧岛"
    again = "郑州经开智慧岛领先,郑州經開智慧島再次领先。"
    assert [again[s:e] for s, e in gold_spans(again, names)] == ["郑州经开智慧岛", "郑州經開智慧島"]


def test_a_carrier_of_the_same_shape_is_tagged(model: Path) -> None:
    text = "支持翠谷智能孵化器建设。"
    spans = tag(text, model)
    assert [text[s:e] for s, e in spans] == ["翠谷智能孵化器"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "🚀🚀🚀",
        "孵化器",
        "《孵化器管理办法》",
        "建設鄭州經開智慧島",
        "支持孵化器。" * 2000,
    ],
)
def test_any_text_is_tagged_without_error(model: Path, text: str) -> None:
    tagger = load_tagger(model)
    spans = tag(text, tagger)
    assert all(0 <= s < e <= len(text) for s, e in spans)


_TRAIN_IN_A_PROCESS = """
import sys
from geo_app.extraction._crf import gold_spans, train
pairs = [(t, gold_spans(t, n)) for t, n in {training!r}]
train(pairs, sys.argv[1], c1=0.0, c2=0.01)
"""


def test_training_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    script = _TRAIN_IN_A_PROCESS.format(training=_TRAINING)
    models = []
    for seed in ("1", "2"):
        out = tmp_path / f"model-{seed}.crfsuite"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, env=env)
        models.append(out.read_bytes())
    assert models[0] == models[1]
