"""Does a learned carrier tagger (CRF) beat the extractor's rules?

Trains the character-level CRF of :mod:`geo_app.extraction._crf` on the
``dev`` documents of the annotated corpus only, then scores four ways of
finding carrier names, matched to the gold exactly as the corpus scorer
matches them (normalised names, with or without a leading province or city):

rules
    the extractor as it stands;
crf
    the CRF alone (one name per document, its first mention);
rules ∪ crf
    the rules' names plus the CRF's names the rules did not find (no
    overlap with a rule name's span, no equal name);
rules ∩ crf
    the rules' names the CRF confirms (a CRF span overlapping the rule
    name's span, or a CRF name equal to it).

Everything is run twice: with the CRF told where the rules found names
(its ``rule`` feature) and without (the CRF reads the text alone).  The
regularisation (c1 = L1, c2 = L2) is chosen by 5-fold cross-validation on
``dev`` by whole documents (folds by document id); the figures of that
cross-validation are reported, then each later annotation batch of ``dev``
scored by a model trained on the rest.  The rules were written on ``dev``,
so their ``dev`` figures are not a measure of generalisation; held-out
documents are only scored.

Run from the repository root::

    .venv/bin/python scripts/evaluate_crf.py                      # heldout
    .venv/bin/python scripts/evaluate_crf.py --split heldout3     # a later batch
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo_app.extraction import ExtractedCarrier, Extraction, extract_text
from geo_app.extraction._crf import (
    Features,
    gold_spans,
    load_tagger,
    rule_spans,
    sentence_features,
    span_name,
    tag,
    train,
)
from geo_app.extraction._lexicon import suffix_category
from geo_app.extraction._normalize import normalize_name
from geo_app.extraction.corpus import (
    CorpusDocument,
    CorpusScore,
    _score_carriers,
    _sentence_spans,
    load_corpus,
    name_forms,
)

VARIANTS = ("rules", "crf", "rules ∪ crf", "rules ∩ crf")
C1_GRID = (0.0, 0.05, 0.2, 1.0)
C2_GRID = (0.01, 0.1, 1.0)
FOLDS = 5
BATCHES = "nmpqrstuvwxyz"


@dataclass
class Prepared:
    """A document with what every model needs: features, gold spans, rules."""

    document: CorpusDocument
    features: list[list[Features]]
    spans: list[list[tuple[int, int]]]
    rules: Extraction
    offsets: list[tuple[int, int]] = field(default_factory=list)


def prepare(document: CorpusDocument, *, rule_feature: bool = True) -> Prepared:
    """Features and gold spans of each sentence, and the rules' extraction.

    Without ``rule_feature`` the CRF is not told where the rules found names
    (its ``rule`` feature is always ``O``): it then learns from the text alone.
    """
    names = [g.name for s in document.sentences for g in s.carriers]
    features = [
        sentence_features(s.text, rule_spans(s.text) if rule_feature else [])
        for s in document.sentences
    ]
    spans = [gold_spans(s.text, names) for s in document.sentences]
    rules = extract_text(document.text, source_file=document.id, learned=False)
    return Prepared(document, features, spans, rules, _sentence_spans(document))


def crf_carriers(item: Prepared, tagger: object) -> list[ExtractedCarrier]:
    """The CRF's names in a document, one per name (first mention)."""
    found: list[ExtractedCarrier] = []
    seen: set[str] = set()
    for line, (sentence, features, (offset, _)) in enumerate(
        zip(item.document.sentences, item.features, item.offsets, strict=True), start=1
    ):
        for start, end in tag(sentence.text, tagger, features=features):
            name = span_name(sentence.text, start, end)
            key = normalize_name(name)
            if not key or key in seen:
                continue
            seen.add(key)
            category = suffix_category(key)
            found.append(
                ExtractedCarrier(
                    name=name,
                    category=category[1] if category else "",
                    district="",
                    city="",
                    status="existing",
                    out_of_area=False,
                    sentence=sentence.text,
                    start=offset + start,
                    end=offset + end,
                    line=line,
                    source_file=item.document.id,
                )
            )
    return found


def _forms(carrier: ExtractedCarrier) -> frozenset[str]:
    return name_forms(carrier.name) | name_forms(carrier.district + carrier.name)


def _overlap(a: ExtractedCarrier, b: ExtractedCarrier) -> bool:
    return a.start < b.end and b.start < a.end


def variants(item: Prepared, tagger: object) -> dict[str, list[ExtractedCarrier]]:
    """The carriers each of the four variants finds in a document."""
    rules = list(item.rules.carriers)
    crf = crf_carriers(item, tagger)
    added = [c for c in crf if not any(_overlap(c, r) or _forms(c) & _forms(r) for r in rules)]
    confirmed = [r for r in rules if any(_overlap(c, r) or _forms(c) & _forms(r) for c in crf)]
    return {
        "rules": rules,
        "crf": crf,
        "rules ∪ crf": rules + added,
        "rules ∩ crf": confirmed,
    }


def score(item: Prepared, carriers: Sequence[ExtractedCarrier]) -> CorpusScore:
    """Carriers of one document scored as the corpus scorer does."""
    result = CorpusScore(documents=1, sentences=len(item.document.sentences))
    extraction = Extraction(carriers=tuple(carriers), targets=(), city="", source_file="")
    _score_carriers(item.document, extraction, item.offsets, result)
    return result


def evaluate(
    train_items: Sequence[Prepared], test_items: Sequence[Prepared], c1: float, c2: float
) -> tuple[dict[str, CorpusScore], float, float, int]:
    """Train on ``train_items``, score the variants on ``test_items``.

    Returns the scores, training seconds, tagging seconds (CRF only, with
    features already computed) and the model's size in bytes.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "carriers.crfsuite"
        began = time.perf_counter()
        train(
            (
                (s.text, spans)
                for item in train_items
                for s, spans in zip(item.document.sentences, item.spans, strict=True)
            ),
            path,
            c1=c1,
            c2=c2,
            features=[f for item in train_items for f in item.features],
        )
        trained = time.perf_counter() - began
        size = path.stat().st_size
        tagger = load_tagger(path)
        scores = {name: CorpusScore() for name in VARIANTS}
        began = time.perf_counter()
        for item in test_items:
            for name, carriers in variants(item, tagger).items():
                scores[name].add(score(item, carriers))
        tagged = time.perf_counter() - began
    return scores, trained, tagged, size


def cross_validate(items: Sequence[Prepared], c1: float, c2: float) -> dict[str, CorpusScore]:
    """Scores of 5-fold cross-validation by whole documents (folds by id)."""
    ordered = sorted(items, key=lambda i: i.document.id)
    totals = {name: CorpusScore() for name in VARIANTS}
    for fold in range(FOLDS):
        test = [i for n, i in enumerate(ordered) if n % FOLDS == fold]
        rest = [i for n, i in enumerate(ordered) if n % FOLDS != fold]
        scores, _, _, _ = evaluate(rest, test, c1, c2)
        for name in VARIANTS:
            totals[name].add(scores[name])
    return totals


def leave_batch_out(items: Sequence[Prepared], c1: float, c2: float) -> list[str]:
    """Each later annotation batch of dev (``n01``…, ``m01``… by the letter of
    its id) scored by a model trained on the rest of dev: text from cities
    the model never saw, comparable with the rules' first scores of each
    batch in the corpus README (the rules below have since learnt from it)."""
    lines = [f"== dev, leave one batch out: precision / recall ({', '.join(VARIANTS)})"]
    for letter in BATCHES:
        test = [i for i in items if i.document.id.startswith(letter)]
        rest = [i for i in items if not i.document.id.startswith(letter)]
        if not test:
            continue
        scores, _, _, _ = evaluate(rest, test, c1, c2)
        cells = []
        for name in VARIANTS:
            p, r, _ = figures(scores[name])
            cells.append(f"{p:6.1%} / {r:6.1%}")
        lines.append(f"  {letter}: {len(test):>2} documents  " + "  |  ".join(cells))
    return lines


def figures(s: CorpusScore) -> tuple[float, float, float]:
    """Precision, recall and F1 of the carriers."""
    precision = s.correct_carriers / s.extracted_carriers if s.extracted_carriers else 1.0
    recall = s.found_carriers / s.gold_carriers if s.gold_carriers else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def table(title: str, scores: dict[str, CorpusScore]) -> list[str]:
    """A plain-text table of the four variants."""
    lines = [f"== {title}", f"{'variant':<14}{'precision':>22}{'recall':>20}{'F1':>8}"]
    for name in VARIANTS:
        s = scores[name]
        p, r, f = figures(s)
        lines.append(
            f"{name:<14}{p:>10.1%} ({s.correct_carriers:>3}/{s.extracted_carriers:>3})"
            f"{r:>10.1%} ({s.found_carriers:>3}/{s.gold_carriers:>3}){f:>8.1%}"
        )
    return lines


def choose(dev: Sequence[Prepared], c1: float | None, c2: float | None) -> tuple[float, float]:
    """c1 and c2 with the best F1 of the CRF alone in dev cross-validation."""
    if c1 is not None and c2 is not None:
        return c1, c2
    best = (-1.0, 0.0, 0.0)
    for one, two in itertools.product(C1_GRID, C2_GRID):
        _, _, f1 = figures(cross_validate(dev, one, two)["crf"])
        print(f"  cv c1={one:<6g} c2={two:<6g} crf F1 {f1:.1%}")
        best = max(best, (f1, one, two))
    return best[1], best[2]


def _pairs(items: Sequence[Prepared]) -> list[tuple[str, list[tuple[int, int]]]]:
    return [
        (s.text, spans)
        for item in items
        for s, spans in zip(item.document.sentences, item.spans, strict=True)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Choose c1/c2 on dev, report dev cross-validation and held-out scores."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", nargs="?", default="tests/extraction/corpus/documents")
    parser.add_argument("--split", action="append", help="held-out split(s) to score")
    parser.add_argument("--c1", type=float, help="skip the search: use this L1")
    parser.add_argument("--c2", type=float, help="skip the search: use this L2")
    parser.add_argument("--model", type=Path, help="also save the dev-trained model here")
    parser.add_argument("-v", action="store_true", help="list the held-out errors")
    args = parser.parse_args(argv)
    splits = args.split or ["heldout"]
    documents = load_corpus(args.folder)

    for rule_feature in (True, False):
        print(f"\n######## CRF {'with' if rule_feature else 'without'} the rule feature")
        began = time.perf_counter()
        dev = [prepare(d, rule_feature=rule_feature) for d in documents if d.split == "dev"]
        held = {
            name: [prepare(d, rule_feature=rule_feature) for d in documents if d.split == name]
            for name in splits
        }
        characters = sum(len(s.text) for i in dev for s in i.document.sentences)
        located = sum(len(spans) for i in dev for spans in i.spans)
        print(
            f"dev: {len(dev)} documents, {sum(len(i.spans) for i in dev)} sentences, "
            f"{characters} characters, {located} gold spans (every mention); "
            f"features and rules in {time.perf_counter() - began:.1f} s"
        )
        c1, c2 = choose(dev, args.c1, args.c2)
        print(f"chosen on dev cross-validation (F1 of the CRF alone): c1={c1:g} c2={c2:g}")
        title = f"dev, {FOLDS}-fold cross-validation by document"
        print("\n".join(table(title, cross_validate(dev, c1, c2))))
        print("\n".join(leave_batch_out(dev, c1, c2)))
        for name, items in held.items():
            if not items:
                print(f"== {name}: no documents")
                continue
            scores, trained, tagged, size = evaluate(dev, items, c1, c2)
            print("\n".join(table(f"{name}: {len(items)} documents, trained on dev", scores)))
            print(
                f"training {trained:.1f} s on {len(dev)} documents; scoring 4 variants "
                f"{tagged:.2f} s; model {size / 1024:.0f} KiB"
            )
            if args.v:
                for variant in VARIANTS[1:]:
                    for kind in ("false", "missed"):
                        errors = getattr(scores[variant], f"{kind}_carriers")
                        print(f"-- {variant}: {kind} {len(errors)}")
                        print("\n".join(f"  {x}" for x in errors))
        if args.model is not None and rule_feature:
            feats = [f for item in dev for f in item.features]
            train(_pairs(dev), args.model, c1=c1, c2=c2, features=feats)

    text = " ".join(s.text for d in documents if d.split == "dev" for s in d.sentences)
    began = time.perf_counter()
    features = sentence_features(text)
    featured = time.perf_counter() - began
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "timing.crfsuite"
        train(_pairs(dev[:5]), path, c1=c1, c2=c2)
        began = time.perf_counter()
        tag(text, load_tagger(path), features=features)
        tagging = time.perf_counter() - began
    print(
        f"tagging {len(text)} characters as one text: features (with the rules) "
        f"{featured:.2f} s, CRF {tagging:.3f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
