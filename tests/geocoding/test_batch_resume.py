"""Interrupted batches resume without losing rows or asking a provider twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from geo_app.batch import Journal, RowOutcome, default_journal_path, geocode_file
from geo_app.cli_geocode import main
from geo_app.errors import DataFileError
from geocoding.check import AreaIndex
from geocoding.providers import build_chain

if TYPE_CHECKING:
    from conftest import ProviderServer

REPO = Path(__file__).resolve().parents[2]
NAMES = [f"洛阳测试孵化器{i:02d}" for i in range(12)]


def row_lines(journal: Path) -> list[dict[str, object]]:
    """The finished-row lines of a journal (not its header or provider answers)."""
    lines = [json.loads(x) for x in journal.read_text(encoding="utf-8").splitlines()[1:]]
    return [x for x in lines if "row" in x]


def write_list(path: Path) -> Path:
    text = "名称,区县\n" + "".join(f"{n},\n" for n in NAMES)
    path.write_bytes(text.encode("gbk"))
    return path


def test_kill_9_mid_batch_then_resume(server: ProviderServer, tmp_path: Path) -> None:
    source = write_list(tmp_path / "incubators.csv")
    output = tmp_path / "out" / "incubators.geojson"
    env = {**os.environ, **server.env(), "PYTHONPATH": str(REPO)}
    cmd = [
        sys.executable,
        "-m",
        "geo_app.cli_geocode",
        str(source),
        "-o",
        str(output),
        "--geocoders",
        "amap",
        "--city",
        "洛阳市",
        "--quiet",
        "--no-cache",
    ]
    server.hold_after = 5  # the 5th request hangs until the process is dead
    proc = subprocess.Popen(
        cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert server.hold_reached.wait(60), proc.stderr.read().decode() if proc.stderr else ""
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        server.release.set()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    journal = default_journal_path(output)
    assert len(row_lines(journal)) == 4  # the four rows answered before the kill

    server.hold_after = None
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert "resumed 4 from the journal" in done.stdout.decode()

    asked = Counter(server.texts("amap"))
    assert sorted(asked) == sorted(NAMES)
    assert all(asked[n] == 1 for n in NAMES[:4])  # finished rows never asked again
    assert asked[NAMES[4]] == 2  # the one in flight at the kill is asked again
    assert all(asked[n] == 1 for n in NAMES[5:])
    features = json.loads(output.read_text(encoding="utf-8"))["features"]
    assert sorted(f["properties"]["name"] for f in features) == sorted(NAMES)
    rows = [int(str(x["row"])) for x in row_lines(journal)]
    assert sorted(rows) == list(range(2, 14))


def test_a_line_cut_short_is_dropped_and_redone(
    server: ProviderServer, area_index: AreaIndex, tmp_path: Path
) -> None:
    source = write_list(tmp_path / "list.csv")
    journal = tmp_path / "j.jsonl"
    chain = build_chain(["amap"], settings=server.settings(), area_index=area_index)
    geocode_file(source, chain=chain, journal_path=journal, default_city="洛阳市")
    assert len(server.requests) == 12
    # simulate a kill in the middle of writing row 13's line, then in the
    # middle of writing the provider's answer for it
    for keep in (1, 2):
        lines = journal.read_bytes().splitlines(keepends=True)
        journal.write_bytes(b"".join(lines[:-keep]) + lines[-keep][:25])
        server.reset()
        result = geocode_file(source, chain=chain, journal_path=journal, default_city="洛阳市")
        # the answer already journalled is replayed; one cut short is asked again
        assert server.texts() == ([] if keep == 1 else [NAMES[-1]])
        assert result.resumed == 11 and len(result.layer) == 12
        reread = [RowOutcome.from_json(json.dumps(x)) for x in row_lines(journal)]
        assert [o.row for o in reread] == list(range(2, 14))


def test_a_journal_of_another_run_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    Journal(path, {"input": "aaa"}).close()
    with pytest.raises(DataFileError, match="another file"):
        Journal(path, {"input": "bbb"})


def test_a_kill_while_writing_the_header_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_bytes(b'{"journal": "carrier-ma')
    with Journal(path, {"input": "aaa"}) as journal:
        assert journal.done == {}
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["input"] == "aaa"


def test_restart_discards_the_journal(
    server: ProviderServer, area_index: AreaIndex, tmp_path: Path
) -> None:
    source = write_list(tmp_path / "list.csv")
    chain = build_chain(["amap"], settings=server.settings(), area_index=area_index)
    journal = tmp_path / "j.jsonl"
    geocode_file(source, chain=chain, journal_path=journal)
    again = geocode_file(source, chain=chain, journal_path=journal, restart=True)
    assert again.resumed == 0 and len(server.requests) == 24


def test_cli_writes_layer_and_review(
    server: ProviderServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for key, value in server.env(cache_path=tmp_path / "cache.sqlite3").items():
        monkeypatch.setenv(key, value)
    source = tmp_path / "list.csv"
    source.write_bytes("名称,地址\n卓阳科技产业社区,涧西区\nNORESULT 空间,\n".encode("gb18030"))
    review = tmp_path / "review.csv"
    code = main(
        [
            str(source),
            "-o",
            str(tmp_path / "layer.gpkg"),
            "--review",
            str(review),
            "--geocoders",
            "amap",
            "--city",
            "洛阳市",
            "--quiet",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1  # one row needs review
    assert "precision mix: not_found: 1, point: 1" in out
    assert (tmp_path / "layer.gpkg").is_file()
    assert review.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel-friendly
    assert "NORESULT" in review.read_text(encoding="utf-8-sig")
    assert (tmp_path / "cache.sqlite3").is_file()
    bad = main([str(source), "--column", "address=missing", "--quiet"])
    assert bad == 2
    assert "no column named 'missing'" in capsys.readouterr().err
