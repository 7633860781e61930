"""Score the extractor on an annotated corpus of other cities' texts.

Each document of the corpus is a JSON file (see
``tests/extraction/corpus/README.md``): a list of sentences, each with its
gold carriers, gold targets and the numbers in it that are *not* targets.
The scorer runs the extractor on the document (its sentences, one per
line), then compares, document by document:

carriers
    An extracted carrier is right when its name equals a gold carrier's
    name of the same document after normalisation, with or without a
    leading province or city name (``武汉光谷…孵化器`` = ``光谷…孵化器``).
    Precision, recall, then for the carriers found: status right
    (``under_construction`` counts as ``planned``, the product's two
    statuses), city right, category right.
targets
    A gold target is found when an extracted row of kind ``target`` in the
    same sentence has the same bound, number and year (and the same
    ``per`` when the gold has one).
non-targets
    A status count, announcement, stock total or other number is *emitted*
    when an extracted ``target`` row of its sentence carries that number.

Every false carrier and every miss is filed under a kind of error, so
the report says what to fix first.  Documents are marked ``dev`` or with
the name of a held-out split (``heldout``, ``heldout3`` …, each annotated
in one pass); scores are given for each split.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo_app.archives import one_line
from geo_app.errors import DataFileError
from geo_app.extraction._lexicon import suffix_category
from geo_app.extraction._model import ExtractedCarrier, ExtractedTarget, Extraction
from geo_app.extraction._normalize import normalize_name, normalize_text
from geo_app.extraction._pipeline import extract_text
from geo_app.extraction._places import CITIES, PREFECTURES, PROVINCES
from geo_app.extraction._text import split_sentences
from geo_app.extraction.carriers import is_generic_name

__all__ = [
    "CorpusDocument",
    "CorpusScore",
    "GoldCarrier",
    "GoldSentence",
    "GoldSpan",
    "GoldTarget",
    "format_corpus_report",
    "gold_match",
    "gold_spans",
    "load_corpus",
    "name_match",
    "score_corpus",
]

_PLACE_PREFIX_RE = re.compile(
    "^(?:中国)?(?:"
    + "|".join(sorted(PROVINCES, key=len, reverse=True))
    + ")(?:省|市|自治区|回族自治区|壮族自治区|维吾尔自治区)?"
    + "|^(?:"
    + "|".join(sorted(CITIES, key=len, reverse=True))
    + ")市?"
)
_FRAGMENT_HEADS = ("年", "度", "平方米", "平方公里", "万", "亿", "个", "家", "亩", "米")
_PLANNED_STATUSES = frozenset({"planned", "under_construction"})
_SCORED_TARGET_CATEGORIES = frozenset(
    {"community", "smart_island", "incubator", "park", "zone", "all_carriers"}
)


@dataclass(frozen=True)
class GoldCarrier:
    """A carrier a human reader finds in a sentence."""

    name: str
    category: str
    status: str
    city: str
    out_of_area: bool = False


@dataclass(frozen=True)
class GoldTarget:
    """A planned count a human reader finds in a sentence."""

    category: str
    number: float
    bound: str
    year: int | None
    per: str | None = None


@dataclass(frozen=True)
class GoldSentence:
    """One annotated sentence."""

    text: str
    carriers: tuple[GoldCarrier, ...]
    targets: tuple[GoldTarget, ...]
    non_targets: tuple[tuple[float, str], ...]


@dataclass(frozen=True)
class CorpusDocument:
    """One annotated source document."""

    id: str
    city: str
    province: str
    url: str
    kind: str
    script: str
    split: str
    sentences: tuple[GoldSentence, ...]

    @property
    def text(self) -> str:
        """The document as the extractor reads it: one sentence a line."""
        return "\n".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class GoldSpan:
    """A gold carrier where the extractor reads it: the normalised sentence
    it lies in, its offsets there and its status as the product gives it
    (``under_construction`` is ``planned``)."""

    text: str
    start: int
    end: int
    status: str


def gold_spans(document: CorpusDocument) -> Iterator[GoldSpan]:
    """Every gold carrier of ``document`` found verbatim in its sentence."""
    for gold in document.sentences:
        parts = split_sentences(normalize_text(gold.text).text, None)
        for carrier in gold.carriers:
            name = normalize_name(carrier.name)
            text = next((p.text for p in parts if name and name in p.text), "")
            start = text.find(name)
            if not name or start < 0:
                continue
            status = "planned" if carrier.status in _PLANNED_STATUSES else "existing"
            yield GoldSpan(text, start, start + len(name), status)


@dataclass
class CorpusScore:
    """Counts behind the corpus report (all documents of one split)."""

    documents: int = 0
    sentences: int = 0
    gold_carriers: int = 0
    extracted_carriers: int = 0
    correct_carriers: int = 0
    found_carriers: int = 0
    status_right: int = 0
    city_right: int = 0
    category_right: int = 0
    out_of_area_gold: int = 0
    out_of_area_right: int = 0
    gold_targets: int = 0
    found_targets: int = 0
    extra_targets: int = 0
    non_targets: Counter[str] = field(default_factory=Counter)
    non_targets_emitted: Counter[str] = field(default_factory=Counter)
    false_kinds: Counter[str] = field(default_factory=Counter)
    miss_kinds: Counter[str] = field(default_factory=Counter)
    status_errors: Counter[str] = field(default_factory=Counter)
    false_carriers: list[str] = field(default_factory=list)
    missed_carriers: list[str] = field(default_factory=list)
    wrong_status: list[str] = field(default_factory=list)
    wrong_city: list[str] = field(default_factory=list)
    missed_targets: list[str] = field(default_factory=list)
    emitted_non_targets: list[str] = field(default_factory=list)

    def add(self, other: CorpusScore) -> None:
        """Add the counts of ``other`` to these."""
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, Counter):
                mine.update(value)
            elif isinstance(value, list):
                mine.extend(value)
            else:
                setattr(self, name, mine + value)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _gold_sentence(raw: dict[str, Any]) -> GoldSentence:
    return GoldSentence(
        text=str(raw["text"]),
        carriers=tuple(
            GoldCarrier(
                name=str(c["name"]),
                category=str(c["category"]),
                status=str(c["status"]),
                city=str(c.get("city") or ""),
                out_of_area=bool(c.get("out_of_area", False)),
            )
            for c in raw.get("carriers", [])
        ),
        targets=tuple(
            GoldTarget(
                category=str(t["category"]),
                number=float(t["number"]),
                bound=str(t["bound"]),
                year=None if t.get("year") is None else int(t["year"]),
                per=t.get("per"),
            )
            for t in raw.get("targets", [])
        ),
        non_targets=tuple((float(n["number"]), str(n["kind"])) for n in raw.get("non_targets", [])),
    )


def load_corpus(folder: str | Path) -> list[CorpusDocument]:
    """Read every ``*.json`` document of an annotated corpus folder.

    Raises
    ------
    DataFileError
        If a file cannot be read or lacks a required field.
    """
    documents: list[CorpusDocument] = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            documents.append(
                CorpusDocument(
                    id=str(raw["id"]),
                    city=str(raw.get("city") or ""),
                    province=str(raw.get("province") or ""),
                    url=str(raw["url"]),
                    kind=str(raw.get("kind") or ""),
                    script=str(raw.get("script") or "simplified"),
                    split=str(raw.get("split") or "dev"),
                    sentences=tuple(_gold_sentence(s) for s in raw["sentences"]),
                )
            )
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise DataFileError(
                path, code="extraction.corpus_document", params={"detail": one_line(err)}
            ) from err
    if not documents:
        raise DataFileError(folder, code="extraction.corpus_empty")
    return documents


_MIN_STRIPPED = 3


_NATIONAL_ZONE_RE = re.compile(
    "(?:国家级?|省级)(?=高新区|高新技术产业开发区|经开区|经济技术开发区|经济开发区|边合区)"
)


_BY_COUNTRY_RE = re.compile("国别(?=合作|产业)")


def name_forms(name: str) -> frozenset[str]:
    """A name normalised, with and without a leading province or city name.

    Examples
    --------
    >>> sorted(name_forms("武汉光谷生物创新孵化器"))
    ['光谷生物创新孵化器', '武汉光谷生物创新孵化器']
    >>> "中德合作园区" in name_forms("中德国别合作园区")
    True
    """
    norm = normalize_name(name)
    forms = {norm}
    stripped = norm
    for _ in range(2):  # a province, then a city (安徽省宿州市…)
        stripped = _PLACE_PREFIX_RE.sub("", stripped, count=1)
        # 商丘智慧岛 without its city is only a kind: it does not identify the
        # carrier (a name without a carrier word, 海曲科创中心, still does).
        kind = suffix_category(stripped) is not None and is_generic_name(stripped)
        if len(stripped) >= _MIN_STRIPPED and not kind:
            forms.add(stripped)
    # 新余国家高新区 is 新余高新区, 西江省级高新区 is 西江高新区: the level
    # written inside the name; 中德国别合作园区 is 中德合作园区: the class of
    # a list of parks of one country each (国别), written or not.
    return frozenset(
        forms
        | {_NATIONAL_ZONE_RE.sub("", form) for form in forms}
        | {_BY_COUNTRY_RE.sub("", form) for form in forms}
    )


def gold_match(carrier: ExtractedCarrier, names: Sequence[str]) -> int | None:
    """Index of the gold name ``carrier`` stands for: written the same (with
    or without its district), else the same once a leading province or city
    is dropped; ``None`` when it stands for none."""
    return name_match(carrier.name, names, carrier.district)


def name_match(name: str, names: Sequence[str], district: str = "") -> int | None:
    """Index of the name of ``names`` that ``name`` (written after
    ``district``) stands for, by the rules of :func:`gold_match`."""
    exact = normalize_name(name), normalize_name(district + name)
    for index, other in enumerate(names):
        if normalize_name(other) in exact:
            return index
    forms = name_forms(name) | name_forms(district + name)
    return next((i for i, other in enumerate(names) if forms & name_forms(other)), None)


def _sentence_spans(document: CorpusDocument) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for sentence in document.sentences:
        spans.append((pos, pos + len(sentence.text)))
        pos += len(sentence.text) + 1
    return spans


def _sentence_of(spans: Sequence[tuple[int, int]], offset: int) -> int:
    for index, (start, end) in enumerate(spans):
        if start <= offset <= end:
            return index
    return len(spans) - 1


def _false_kind(carrier: ExtractedCarrier, gold: Iterable[GoldCarrier], sentence: str) -> str:
    """Which kind of error an extracted carrier that matches no gold one is."""
    name = normalize_name(carrier.name)
    gold_names = [normalize_name(g.name) for g in gold]
    if any(name.endswith(g) and len(name) > len(g) for g in gold_names):
        return "words before the name kept"
    if name.startswith(_FRAGMENT_HEADS):
        return "year or unit fragment at the start"
    if "-" in name or "—" in name:
        return "chain notation"
    if any(g != name and name in g for g in gold_names):
        return "nested fragment"
    if f"《{carrier.name}" in sentence or re.search(
        rf"《[^》]*{re.escape(carrier.name)}", sentence
    ):
        return "document title"
    return "generic kind or phrase"


def _miss_kind(gold: GoldCarrier, sentence: str, script: str) -> str:
    """Which kind of error a gold carrier that was not found is."""
    if suffix_category(normalize_name(gold.name)) is None:
        return "no carrier word in the name"
    if normalize_name(gold.name) not in normalize_name(sentence):
        return "list not expanded"
    if script == "traditional":
        return "traditional script"
    return "other (boundary, lexicon or filter)"


def _score_carriers(
    document: CorpusDocument,
    extraction: Extraction,
    spans: Sequence[tuple[int, int]],
    score: CorpusScore,
) -> None:
    firsts: dict[str, tuple[GoldCarrier, int]] = {}
    for index, sentence in enumerate(document.sentences):
        for gold in sentence.carriers:
            firsts.setdefault(normalize_name(gold.name), (gold, index))
    gold_items = list(firsts.values())
    score.gold_carriers += len(gold_items)
    found: set[int] = set()
    for carrier in extraction.carriers:
        score.extracted_carriers += 1
        index = _sentence_of(spans, carrier.start)
        match = gold_match(carrier, [g.name for g, _ in gold_items])
        where = f"{document.id}#{index + 1}"
        if match is None:
            sentence = document.sentences[index]
            kind = _false_kind(carrier, sentence.carriers, sentence.text)
            score.false_kinds[kind] += 1
            score.false_carriers.append(f"[{kind}] {carrier.name} ({where})")
            continue
        score.correct_carriers += 1
        if match in found:
            continue
        found.add(match)
        gold = gold_items[match][0]
        _compare_found(gold, carrier, where, score)
    for i, (gold, index) in enumerate(gold_items):
        if i not in found:
            kind = _miss_kind(gold, document.sentences[index].text, document.script)
            score.miss_kinds[kind] += 1
            score.missed_carriers.append(f"[{kind}] {gold.name} ({document.id}#{index + 1})")
    score.found_carriers += len(found)


def _compare_found(
    gold: GoldCarrier, carrier: ExtractedCarrier, where: str, score: CorpusScore
) -> None:
    expected = "planned" if gold.status in _PLANNED_STATUSES else gold.status
    if carrier.status == expected:
        score.status_right += 1
    else:
        score.status_errors[f"{gold.status} read as {carrier.status}"] += 1
        score.wrong_status.append(f"{gold.name}: {gold.status} read as {carrier.status} ({where})")
    if carrier.city == PREFECTURES.get(gold.city, gold.city):
        # 楚雄州 and 楚雄彝族自治州 name one prefecture.
        score.city_right += 1
    else:
        score.wrong_city.append(
            f"{gold.name}: {gold.city or '(none)'} read as {carrier.city or '(none)'} ({where})"
        )
    score.category_right += int(carrier.category == gold.category)
    if gold.out_of_area:
        score.out_of_area_gold += 1
        score.out_of_area_right += int(carrier.out_of_area or carrier.city == gold.city)


def _same_target(gold: GoldTarget, target: ExtractedTarget) -> bool:
    number = target.number if target.number is not None else target.min
    return (
        target.kind == "target"
        # The annotation rules had no bound for 左右 (about): annotators wrote
        # exact, so an extracted about counts for a gold exact.
        and (target.bound == gold.bound or (target.bound, gold.bound) == ("about", "exact"))
        and number is not None
        and abs(number - gold.number) < 1e-9
        and target.year == gold.year
        and (target.per or None) == gold.per
    )


def _score_targets(
    document: CorpusDocument,
    extraction: Extraction,
    spans: Sequence[tuple[int, int]],
    score: CorpusScore,
) -> None:
    by_sentence: dict[int, list[ExtractedTarget]] = {}
    for target in extraction.targets:
        if target.kind == "target" and target.category in _SCORED_TARGET_CATEGORIES:
            by_sentence.setdefault(_sentence_of(spans, target.start), []).append(target)
    for index, sentence in enumerate(document.sentences):
        extracted = by_sentence.get(index, [])
        used: set[int] = set()
        for gold in sentence.targets:
            score.gold_targets += 1
            hit = next(
                (i for i, t in enumerate(extracted) if i not in used and _same_target(gold, t)),
                None,
            )
            if hit is None:
                score.missed_targets.append(
                    f"{gold.category} {gold.bound} {gold.number:g} year {gold.year} "
                    f"({document.id}#{index + 1})"
                )
            else:
                used.add(hit)
                score.found_targets += 1
        score.extra_targets += len(extracted) - len(used)
        numbers = {t.number if t.number is not None else t.min for t in extracted}
        for number, kind in sentence.non_targets:
            score.non_targets[kind] += 1
            if number in numbers:
                score.non_targets_emitted[kind] += 1
                score.emitted_non_targets.append(f"{kind} {number:g} ({document.id}#{index + 1})")


def score_document(document: CorpusDocument) -> CorpusScore:
    """Run the extractor on one document and score it."""
    extraction = extract_text(document.text, source_file=document.id)
    spans = _sentence_spans(document)
    score = CorpusScore(documents=1, sentences=len(document.sentences))
    _score_carriers(document, extraction, spans, score)
    _score_targets(document, extraction, spans, score)
    return score


def score_corpus(documents: Sequence[CorpusDocument]) -> dict[str, CorpusScore]:
    """Scores by split (``dev`` and each held-out split) and over ``all`` documents."""
    scores: dict[str, CorpusScore] = {"all": CorpusScore()}
    for document in documents:
        one = score_document(document)
        scores.setdefault(document.split, CorpusScore()).add(one)
        scores["all"].add(one)
    return scores


def _summary(name: str, s: CorpusScore) -> list[str]:
    non_total = sum(s.non_targets.values())
    non_emitted = sum(s.non_targets_emitted.values())
    return [
        f"== {name}: {s.documents} documents, {s.sentences} sentences ==",
        f"carriers: precision {_ratio(s.correct_carriers, s.extracted_carriers):.1%} "
        f"({s.correct_carriers}/{s.extracted_carriers}), recall "
        f"{_ratio(s.found_carriers, s.gold_carriers):.1%} ({s.found_carriers}/{s.gold_carriers})",
        f"status right {_ratio(s.status_right, s.found_carriers):.1%}, city right "
        f"{_ratio(s.city_right, s.found_carriers):.1%}, category right "
        f"{_ratio(s.category_right, s.found_carriers):.1%} of {s.found_carriers} found; "
        f"out-of-area kept apart {s.out_of_area_right}/{s.out_of_area_gold}",
        f"targets recall {_ratio(s.found_targets, s.gold_targets):.1%} "
        f"({s.found_targets}/{s.gold_targets}) with the right number, bound and year; "
        f"{s.extra_targets} extra target rows",
        f"non-target numbers emitted as targets {_ratio(non_emitted, non_total):.1%} "
        f"({non_emitted}/{non_total}): "
        + ", ".join(
            f"{k} {s.non_targets_emitted[k]}/{v}" for k, v in sorted(s.non_targets.items())
        ),
        "false carriers by kind: "
        + (", ".join(f"{k} {v}" for k, v in s.false_kinds.most_common()) or "none"),
        "missed carriers by kind: "
        + (", ".join(f"{k} {v}" for k, v in s.miss_kinds.most_common()) or "none"),
        "status errors: "
        + (", ".join(f"{k} {v}" for k, v in s.status_errors.most_common()) or "none"),
    ]


def _split_order(name: str) -> tuple[int, str]:
    """Held-out splits first (in name order), then ``dev``, then ``all``."""
    return ({"dev": 1, "all": 2}.get(name, 0), name)


def format_corpus_report(
    scores: dict[str, CorpusScore], *, details: bool = False, detail_split: str = "all"
) -> str:
    """A plain-text report: one summary per split, then (optionally) every error.

    ``detail_split`` names the split whose errors are listed (``dev`` to
    read the development errors without seeing the held-out ones).
    """
    lines: list[str] = []
    for name in sorted(scores, key=_split_order):
        lines.extend(_summary(name, scores[name]))
    if details:
        every = scores.get(detail_split) or CorpusScore()
        sections = (
            ("false carriers", every.false_carriers),
            ("missed carriers", every.missed_carriers),
            ("wrong status", every.wrong_status),
            ("wrong city", every.wrong_city),
            ("missed targets", every.missed_targets),
            ("non-targets emitted", every.emitted_non_targets),
        )
        for title, items in sections:
            lines.append(f"-- {title}: {len(items)}")
            lines.extend(f"  {item}" for item in items)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the corpus report.

    ``python -m geo_app.extraction.corpus [FOLDER] [-v] [--split NAME]``:
    ``-v`` lists every error, of ``--split NAME`` only when given.
    """
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if "-h" in args or "--help" in args:
        print("python -m geo_app.extraction.corpus [FOLDER] [-v] [--split NAME]")
        return 0
    details = "-v" in args
    split = "all"
    if "--split" in args:
        at = args.index("--split")
        split = args[at + 1] if at + 1 < len(args) else "all"
        del args[at : at + 2]
    folders = [a for a in args if a != "-v"]
    folder = folders[0] if folders else "tests/extraction/corpus/documents"
    try:
        documents = load_corpus(folder)
    except DataFileError as error:
        # A folder with no corpus document, or a document that is no JSON:
        # one line naming it, no traceback.
        print(error, file=sys.stderr)
        return 2
    print(format_corpus_report(score_corpus(documents), details=details, detail_split=split))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
