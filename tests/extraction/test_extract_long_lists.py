"""Sentences of hundreds of listed names: read in time that grows with the
list, with the status its two ends give every member."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from geo_app.extraction import extract_text
from geo_app.extraction._model import EXCERPT_REACH
from geo_app.extraction._spans import Overlaps, held_in_longer

_SPANS = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 12)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=30,
)


@given(_SPANS, st.integers(0, 50), st.integers(1, 10))
def test_overlaps_agree_with_asking_every_span(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    end = start + length
    expected = any(s < end and start < e for s, e in spans)
    assert Overlaps(spans).any(start, end) == expected


@given(_SPANS)
def test_held_spans_agree_with_asking_every_span(spans: list[tuple[int, int]]) -> None:
    expected = [
        any(s <= start and end <= e and e - s > end - start for s, e in spans)
        for start, end in spans
    ]
    assert held_in_longer(spans) == expected


_PLACES = ("东川", "西河", "南岭", "北湖", "青禾", "临江", "石桥", "滨湖")
_WORDS = ("智慧", "数字", "未来", "创新", "星河", "云帆", "材料", "光电")


def _names(count: int) -> list[str]:
    """Distinct names of incubators and parks, made up for these tests."""
    names = []
    for i in range(count):
        place = _PLACES[i % len(_PLACES)]
        words = _WORDS[(i // 8) % 8] + _WORDS[(i // 64) % 8]
        kind = ("众创空间", "产业园")[i % 2]
        names.append(f"{place}{words}{chr(0x4E00 + 3000 + i % 300)}{kind}")
    return list(dict.fromkeys(names))


def test_every_member_of_a_long_recognition_list_exists() -> None:
    names = _names(600)
    text = "经认定," + "、".join(names) + f"等{len(names)}家单位入选省级众创空间名单。"
    statuses = {c.name: c.status for c in extract_text(text).carriers}
    middle = names[len(names) // 2]
    assert statuses[middle] == "existing"
    assert set(statuses.values()) == {"existing"}


def test_every_member_of_a_long_list_under_way_is_planned() -> None:
    names = _names(600)
    text = "、".join(names) + f"等{len(names)}个项目正式开工。"
    statuses = {c.name: c.status for c in extract_text(text).carriers}
    assert statuses[names[len(names) // 2]] == "planned"
    assert statuses[names[0]] == "planned"


def test_review_rows_keep_the_words_around_each_name() -> None:
    names = _names(600)
    text = "经认定," + "、".join(names) + f"等{len(names)}家单位入选省级众创空间名单。"
    extraction = extract_text(text)
    middle = next(c for c in extraction.carriers if c.name == names[300])
    assert middle.name in middle.sentence
    assert middle.sentence.startswith("…") and middle.sentence.endswith("…")
    assert len(middle.sentence) <= 2 * EXCERPT_REACH + len(middle.name) + 2
    first = next(c for c in extraction.carriers if c.name == names[0])
    assert first.sentence.startswith("经认定,") and first.sentence.endswith("…")
    rows = extraction.carriers_frame()
    assert rows["sentence"].str.len().max() < 2 * EXCERPT_REACH + 100
