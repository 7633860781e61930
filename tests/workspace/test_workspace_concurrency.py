"""Several writers at once, and a writer killed mid-import: no write lost, nothing half-done."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd

from geo_app.config import Settings
from geo_app.registry import read_registry
from geo_app.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]


#: The two writers, each run in its own Python process (a fresh interpreter:
#: forking or spawning from a pytest process that has run Streamlit scripts is
#: not reliable).
_WRITER = textwrap.dedent(
    """
    import sys

    from geo_app.errors import StaleEditError
    from geo_app.workspace import Workspace

    path, who, count, task = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    ws = Workspace.open(path)
    if task == "open":  # the first writer of a new workspace
        ws.add_carrier({"name_zh": f"{who}的载体", "city": "洛阳市"}, who=who)
    elif task == "add":
        for i in range(count):
            ws.add_carrier({"name_zh": f"{who}-{i}", "category": "park", "city": "洛阳市"}, who=who)
    else:  # edit one carrier count times, reloading and retrying whenever refused as stale
        done = 0
        while done < count:
            row = ws.carriers().set_index("id").loc["LY-COM-05"]
            try:
                ws.edit_carrier(
                    "LY-COM-05",
                    {"operator": f"{who}-{done}"},
                    expected_version=int(row["version"]),
                    who=who,
                )
            except StaleEditError:
                continue
            done += 1
    """
)


def _run_both(task: str, path: Path, count: int) -> None:
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), who, str(count), task], cwd=ROOT
        )
        for who in ("li", "wang")
    ]
    for worker in workers:
        assert worker.wait(timeout=180) == 0


def test_two_processes_adding_lose_no_write(workspace: Workspace) -> None:
    n, rev = len(workspace.carriers()), workspace.revision()
    _run_both("add", workspace.path, 15)
    carriers = workspace.carriers()
    assert len(carriers) == n + 30
    assert carriers["id"].is_unique
    assert workspace.revision() == rev + 30
    assert (workspace.history()["action"] == "add").sum() == 30


def test_two_processes_editing_one_carrier_lose_no_edit(workspace: Workspace) -> None:
    _run_both("edit", workspace.path, 10)
    row = workspace.carriers().set_index("id").loc["LY-COM-05"]
    assert int(row["version"]) == 21  # every one of the 20 edits landed on the one before
    history = workspace.history()
    edits = history[history["record_id"] == "LY-COM-05"]
    assert len(edits) == 20 and set(edits["who"]) == {"li", "wang"}


_IMPORTER = textwrap.dedent(
    """
    import sys
    import pandas as pd
    from geo_app.workspace import Workspace

    path, rows = sys.argv[1], int(sys.argv[2])
    frame = pd.DataFrame(
        {
            "name_zh": [f"载体{i}" for i in range(rows)],
            "category": "incubator",
            "city": "洛阳市",
            "precision": "city",
            "sources": [f"big.csv#{i + 2}" for i in range(rows)],
        }
    )
    ws = Workspace.open(path)
    print("start", flush=True)
    ws.import_carriers(frame, source="big.csv", who="li")
    print("done", flush=True)
    """
)


def _big_frame(rows: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name_zh": [f"载体{i}" for i in range(rows)],
            "category": "incubator",
            "city": "洛阳市",
            "precision": "city",
            "sources": [f"big.csv#{i + 2}" for i in range(rows)],
        }
    )


def test_kill_during_import_leaves_all_or_nothing_and_resumes(
    workspace: Workspace, tmp_path: Path
) -> None:
    rows = 20_000
    n = len(workspace.carriers())
    script = tmp_path / "importer.py"
    script.write_text(_IMPORTER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(workspace.path), str(rows)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "start"
    journal = workspace.path.with_name(workspace.path.name + "-journal")
    deadline = time.monotonic() + 30
    while not journal.exists() and time.monotonic() < deadline:
        time.sleep(0.002)
    assert journal.exists(), "the import never started writing"
    time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    con = sqlite3.connect(workspace.path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    after_kill = len(workspace.carriers())
    assert after_kill in (n, n + rows)  # all of the batch or none of it
    report = workspace.import_carriers(_big_frame(rows), source="big.csv", who="li")
    carriers = workspace.carriers()
    assert len(carriers) == n + rows
    assert report.added + report.skipped == rows
    imported = carriers[carriers["sources"].str.startswith("big.csv#")]
    assert len(imported) == rows and imported["sources"].is_unique


def test_two_processes_creating_one_workspace(tmp_path: Path) -> None:
    path = tmp_path / "new" / "ws.gpkg"
    _run_both("open", path, 1)
    ws = Workspace.open(path)
    carriers = ws.carriers()
    assert carriers["id"].is_unique
    registry = read_registry(Settings().registry_file)
    assert (carriers["origin"] == "registry").sum() == len(registry)  # seeded once
    assert set(ws.history()["who"]) == {"li", "wang"}
    assert [p.name for p in path.parent.iterdir()] == ["ws.gpkg"]  # no temporary left
