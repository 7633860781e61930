"""Speed of the workspace: importing a 10,000-row list, counting targets, editing.

Run from the repository root::

    .venv/bin/python benchmarks/bench_workspace.py [--carriers 10000] [--rows 10000]

A workspace is seeded from the shipped registry and filled to ``--carriers``
carriers; then a list of ``--rows`` rows (a CSV with a title row, as
government attachments have them) is imported offline: read
(:func:`geo_app.inventory.read_carrier_list`), matched against the workspace
(:func:`geo_app.inventory.match_duplicates`) and written as one transaction.
The targets table is computed from the result. Each figure is printed beside
the alternative the design rejected: rewriting the whole layer with
``GeoDataFrame.to_file`` (pyogrio) instead of one transactional insert or
update. Targets (issue 13): import ≤ 15 s, targets table ≤ 0.2 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

_REPO_ROOT = Path(__file__).resolve().parent.parent
if str(_REPO_ROOT) not in sys.path:  # run as a file, not as an installed module
    sys.path.insert(0, str(_REPO_ROOT))

from geo_app.inventory import match_duplicates, read_carrier_list  # noqa: E402
from geo_app.workspace import Workspace, count_targets  # noqa: E402

T = TypeVar("T")

_DISTRICTS = ("涧西区", "西工区", "老城区", "瀍河区", "洛龙区", "孟津区", "偃师区", "伊川县")
_KINDS = ("科技企业孵化器", "众创空间", "星创天地", "大学科技园", "产业园", "科技产业社区")
_LEVELS = ("国家级", "省级", "市级", "")


def timed(func: Callable[[], T]) -> tuple[T, float]:
    """``func()`` and the seconds it took."""
    start = time.perf_counter()
    value = func()
    return value, time.perf_counter() - start


def synthetic_carriers(n: int, *, seed: int, prefix: str) -> pd.DataFrame:
    """``n`` candidate carriers with names, kinds, levels and district points."""
    rng = np.random.default_rng(seed)
    kinds = rng.choice(len(_KINDS), n)
    return pd.DataFrame(
        {
            "name_zh": [f"{prefix}{i}号{_KINDS[k]}" for i, k in enumerate(kinds)],
            "category": np.where(kinds < 4, "incubator", np.where(kinds == 4, "park", "community")),
            "level": rng.choice(["national", "provincial", "municipal", ""], n),
            "status": rng.choice(["existing", "planned"], n),
            "city": "洛阳市",
            "admin_district": rng.choice(_DISTRICTS, n),
            "precision": "district",
            "lon": 112.45 + rng.normal(0, 0.08, n),
            "lat": 34.62 + rng.normal(0, 0.05, n),
            "sources": [f"{prefix}.csv#{i + 2}" for i in range(n)],
            "extras": [{"备注": f"第{i}行"} for i in range(n)],
        }
    )


def write_list(path: Path, n: int, *, seed: int) -> Path:
    """A government-style CSV list: a title row, then 序号/名称/类型/级别/运营单位/地址/备注."""
    rng = np.random.default_rng(seed)
    rows = [
        ["洛阳市创新载体名单(2024年)", "", "", "", "", "", ""],
        ["序号", "名称", "类型", "级别", "运营单位", "地址", "备注"],
    ]
    for i in range(n):
        kind = _KINDS[int(rng.integers(len(_KINDS)))]
        district = _DISTRICTS[int(rng.integers(len(_DISTRICTS)))]
        rows.append(
            [
                str(i + 1),
                f"洛阳清单{i}号{kind}",
                kind,
                _LEVELS[int(rng.integers(len(_LEVELS)))],
                f"运营公司{i}",
                f"洛阳市{district}某路{i}号",
                "",
            ]
        )
    pd.DataFrame(rows).to_csv(path, header=False, index=False, encoding="utf-8")
    return path


def best_of(func: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, seconds."""
    return min(timed(func)[1] for _ in range(repeat))


def main(argv: Sequence[str] | None = None) -> int:
    """Print each step's time beside its alternative; 1 if a target is missed."""
    parser = argparse.ArgumentParser(description="workspace speed")
    parser.add_argument("--carriers", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args(argv)
    lines: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws, seconds = timed(lambda: Workspace.open(folder / "ws.gpkg"))
        lines.append(("create and seed a workspace from the registry", seconds, ""))
        base = synthetic_carriers(args.carriers - len(ws.carriers()), seed=1, prefix="基础")
        _, seconds = timed(lambda: ws.import_carriers(base, source="基础.csv", who="bench"))
        lines.append((f"fill to {args.carriers:,} carriers (one transaction)", seconds, ""))

        listed_path = write_list(folder / "清单.csv", args.rows, seed=2)
        listed, t_read = timed(lambda: read_carrier_list(listed_path, source_label="清单.csv"))
        existing, t_load = timed(ws.carriers)
        matches, t_match = timed(lambda: match_duplicates(listed.carriers, existing))
        sure = matches[matches["score"] >= 0.9]
        merges = {
            int(i): str(g.iloc[0]["existing_id"])
            for i, g in sure.groupby("candidate_index", sort=False)
        }
        report, t_write = timed(
            lambda: ws.import_carriers(
                listed.carriers, source="清单.csv", who="bench", merge_into=merges
            )
        )
        total = t_read + t_load + t_match + t_write
        lines += [
            (f"  read the {args.rows:,}-row list offline", t_read, ""),
            ("  read the workspace's carriers", t_load, ""),
            ("  match duplicates", t_match, f"{len(merges)} merges"),
            ("  write it: one transaction", t_write, f"{report.added:,} added"),
            (f"import a {args.rows:,}-row list, in all (target ≤ 15 s)", total, ""),
        ]

        carriers, targets = ws.carriers(), ws.targets()
        count_targets(targets, carriers)
        t_count = best_of(lambda: count_targets(targets, carriers), 5)
        lines.append((f"targets table, {len(carriers):,} carriers (target ≤ 0.2 s)", t_count, ""))

        whole = folder / "whole.gpkg"
        t_whole = best_of(lambda: carriers.to_file(whole, layer="carriers", engine="pyogrio"), 2)
        cid, version = str(carriers.iloc[0]["id"]), int(carriers.iloc[0]["version"])
        edits = []
        for i in range(3):
            version, seconds = timed(
                lambda i=i, v=version: ws.edit_carrier(
                    cid, {"operator": f"x{i}"}, expected_version=v, who="bench"
                )
            )
            edits.append(seconds)
        t_edit = min(edits)
        t_undo = best_of(lambda: ws.undo(who="bench"), 1)
        lines += [
            ("one edit (transactional update + history row)", t_edit, ""),
            (
                f"  alternative: rewrite the whole layer ({len(carriers):,} rows, to_file)",
                t_whole,
                f"{t_whole / t_edit:.0f}× the edit",
            ),
            ("undo the latest step", t_undo, ""),
        ]
    width = max(len(name) for name, _, _ in lines)
    for name, seconds, note in lines:
        print(f"{name:<{width}}  {seconds:8.3f} s  {note}")
    return 0 if total <= 15 and t_count <= 0.2 else 1


if __name__ == "__main__":
    sys.exit(main())
