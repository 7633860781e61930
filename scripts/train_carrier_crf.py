"""Train the carrier tagger the extractor uses to confirm names.

Trains the character CRF of :mod:`geo_app.extraction._crf` (with the rules'
names as a feature) on the ``dev`` documents of the annotated corpus only,
with the regularisation ``scripts/evaluate_crf.py`` chose by 5-fold
cross-validation by document on ``dev`` (c1 = 0.05, c2 = 0.01), and writes
it to ``geo_app/extraction/data/carrier_crf.crfsuite``.  The held-out
splits are never read.  Run from the repository root::

    .venv/bin/python scripts/train_carrier_crf.py

The shipped model leaves out the batches ``heldout151``–``heldout166``
(``on``–``oz``, ``pd``–``pf``), on which it was measured before they
joined ``dev``::

    .venv/bin/python scripts/train_carrier_crf.py \
        --leave-out on,oo,op,oq,or,os,ot,ou,ov,ow,ox,oy,oz,pd,pe,pf
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from evaluate_crf import _pairs, prepare  # noqa: E402

from geo_app.extraction._confirm import MODEL  # noqa: E402
from geo_app.extraction._crf import train  # noqa: E402
from geo_app.extraction.corpus import load_corpus  # noqa: E402

C1 = 0.05
C2 = 0.01


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "folder", nargs="?", default=str(ROOT / "tests/extraction/corpus/documents")
    )
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument(
        "--leave-out",
        default="",
        help="comma-separated id prefixes of dev batches to leave out (fd,fe,ff)",
    )
    args = parser.parse_args()
    began = time.perf_counter()
    left_out = tuple(p for p in args.leave_out.split(",") if p)
    dev = [
        prepare(d)
        for d in load_corpus(args.folder)
        if d.split == "dev" and not (left_out and d.id.startswith(left_out))
    ]
    features = [f for item in dev for f in item.features]
    train(_pairs(dev), args.out, c1=C1, c2=C2, features=features)
    size = args.out.stat().st_size
    print(
        f"trained on {len(dev)} dev documents in {time.perf_counter() - began:.1f} s; "
        f"{args.out} ({size / 1024:.0f} KiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
