"""Time plan reading on long texts: in process and through the CLI.

Usage::

    .venv/bin/python benchmarks/bench_extract.py [--chars 200000] [--runs 3]

Texts of ``--chars`` characters are built from

* ``seeds``: the five seed plans of ``../shared/seeds`` repeated;
* ``corpus``: the annotated sentences of ``tests/extraction/corpus``
  (other cities' plans, notices and news) repeated;
* ``lists``: one long recognition list (甲…众创空间、乙…孵化器、… 等N家);
* ``names``: recognition lists of 4,000 distinct named carriers, each list
  one sentence (every item becomes a carrier, whose status the rules read
  from the list's two ends);
* ``hostile``: runs of quotes, dashes, brackets, digits and joiners that
  the name and count patterns have to scan without backtracking.

For each the in-process time of :func:`extract_text` (the first run pays
for loading jieba's dictionary, the word lists and the learned tagger), the
wall time of a fresh ``carrier-map extract`` process on the same text
written to a file (start-up, reading, extraction and writing the review
tables), and beside them the rules alone (``learned=False``: no tagger
confirming the names).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo_app.extraction._pipeline import extract_text  # noqa: E402
from geo_app.extraction._readers import read_document  # noqa: E402


def _repeat(text: str, chars: int) -> str:
    return (text * (chars // max(1, len(text)) + 1))[:chars]


def _seeds() -> str:
    folder = ROOT.parent / "shared" / "seeds"
    parts = [read_document(p) for p in sorted(folder.glob("*")) if p.is_file()]
    return "\n".join(parts)


def _corpus() -> str:
    folder = ROOT / "tests" / "extraction" / "corpus" / "documents"
    lines: list[str] = []
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        lines.extend(s["text"] for s in document["sentences"])
    return "\n".join(lines)


def _lists(chars: int) -> str:
    items = [f"东川第{i}号众创空间" if i % 2 else f"西河{i}号科技企业孵化器" for i in range(4000)]
    return _repeat("、".join(items) + f"等{len(items)}家载体被认定为省级众创空间。\n", chars)


def _names(chars: int) -> str:
    places = ("东川", "西河", "南岭", "北湖", "青禾", "临江", "石桥", "滨湖")
    words = ("智慧", "数字", "未来", "创新", "光谷", "云谷", "星河", "天府", "科技", "材料")
    kinds = ("众创空间", "科技企业孵化器", "产业园", "科技园", "孵化基地")
    items = [
        places[i % 8] + words[i // 8 % 10] + words[i // 80 % 10] + chr(0x4E00 + 3000 + i % 500)
        + kinds[i % 5]
        for i in range(4000)
    ]  # fmt: skip
    return _repeat("、".join(items) + f"等{len(items)}家载体被认定为省级众创空间。\n", chars)


def _hostile(chars: int) -> str:
    pieces = [
        "“" * 50 + "众创空间" + "”" * 50,
        "—" * 80 + "孵化器",
        "(" * 40 + "产业园" + ")" * 40,
        "1-2-3-4-5-6-7-8-9" * 10 + "家孵化器",
        "和及与、" * 60 + "高新区",
        "有限公司、" * 60 + "也都是国家级孵化器",
        "A" * 300 + "科技园",
    ]
    return _repeat("\n".join(pieces) + "\n", chars)


def _time_in_process(text: str, runs: int, *, learned: bool = True) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        extract_text(text, learned=learned)
        times.append(time.perf_counter() - start)
    return times


def _time_cli(text: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.txt"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "carrier-map"),
                "extract",
                str(path),
                "--out-dir",
                folder,
            ],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-cli", action="store_true")
    args = parser.parse_args()
    texts = {
        "seeds": _repeat(_seeds(), args.chars),
        "corpus": _repeat(_corpus(), args.chars),
        "lists": _lists(args.chars),
        "names": _names(args.chars),
        "hostile": _hostile(args.chars),
    }
    print(
        f"{'text':8} {'chars':>8} {'first run':>10} {'median warm':>12} {'CLI (cold)':>11}"
        f" {'rules only (warm)':>18}",
        flush=True,
    )
    for name, text in texts.items():
        times = _time_in_process(text, args.runs + 1)
        cli = float("nan") if args.skip_cli else _time_cli(text)
        rules = statistics.median(_time_in_process(text, args.runs, learned=False))
        print(
            f"{name:8} {len(text):8d} {times[0]:9.2f}s {statistics.median(times[1:]):11.2f}s "
            f"{cli:10.2f}s {rules:17.2f}s",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
