"""A provider's answer is journalled before it is used: killed runs never pay twice.

``carrier-map geocode`` runs as a real process against the local provider
server and is killed with SIGKILL, again and again, while a request chosen
at random (seeded) is in flight; each time the same command resumes. Every
row needs two requests (its address comes back at district level, so its
name is asked next), so many kills fall between a row's first answer and its
finished-row line. At the end the server must have answered every request
exactly once: only the requests in flight at a kill, which it never
answered, are asked again.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from geo_app.batch import default_journal_path, geocode_file
from geocoding.check import AreaIndex
from geocoding.providers import build_chain

if TYPE_CHECKING:
    from conftest import ProviderServer

REPO = Path(__file__).resolve().parents[2]
ROWS = 25
KILLS = 30
SEED = 20260530


def write_list(path: Path) -> list[str]:
    """A list whose every row costs two requests: its address, then its name."""
    names = [f"洛阳断电测试孵化器{i:02d}" for i in range(ROWS)]
    lines = ["名称,地址"] + [f"{n},DISTRICTLEVEL 洛龙区{i:02d}号" for i, n in enumerate(names)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names


def _command(source: Path, output: Path) -> list[str]:
    return [
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


def _run_until_hold(
    server: ProviderServer, cmd: list[str], env: dict[str, str], cwd: Path, hold: int
) -> bool:
    """Start the run, SIGKILL it while request number ``hold`` is in flight.

    Returns ``False`` when the run finished before making that request.
    """
    server.hold_reached.clear()
    server.release.clear()
    server.hold_after = hold
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        while not server.hold_reached.wait(0.05):
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                assert proc.returncode in (0, 1), err
                return False
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        assert proc.returncode == -signal.SIGKILL
        return True
    finally:
        server.hold_after = None
        server.release.set()  # the held answer goes to a dead socket: never delivered
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        if proc.stderr:
            proc.stderr.close()


def test_thirty_kills_never_pay_twice(server: ProviderServer, tmp_path: Path) -> None:
    source = tmp_path / "incubators.csv"
    names = write_list(source)
    output = tmp_path / "out" / "incubators.geojson"
    env = {**os.environ, **server.env(), "PYTHONPATH": str(REPO)}
    cmd = _command(source, output)
    rng = random.Random(SEED)
    in_flight: list[str] = []  # the text of the request held at each kill
    kills = 0
    while kills < KILLS:
        # the 1st, 2nd or 3rd request this run makes is the one in flight at the kill
        hold = len(server.requests) + rng.randint(1, 3)
        if not _run_until_hold(server, cmd, env, tmp_path, hold):
            break
        kills += 1
        in_flight.append(server.texts()[hold - 1])
    assert kills == KILLS, "the list ran out before every kill was tried"
    # kills while a row's name was asked: its address had been answered, the row not finished
    mid_row = sum(1 for text in in_flight if not text.startswith("DISTRICTLEVEL"))
    assert mid_row >= 5

    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()

    asked = Counter(server.texts("amap"))
    answered = asked - Counter(in_flight)  # requests the server actually answered
    expected = set(names) | {f"DISTRICTLEVEL 洛龙区{i:02d}号" for i in range(ROWS)}
    assert set(asked) == expected
    paid_twice = sorted(text for text, n in answered.items() if n > 1)
    assert paid_twice == [], f"answered twice after {kills} kills ({mid_row} mid-row): {paid_twice}"
    assert all(answered[text] == 1 for text in expected)
    features = json.loads(output.read_text(encoding="utf-8"))["features"]
    assert sorted(f["properties"]["name"] for f in features) == sorted(names)
    assert all(f["properties"]["precision"] == "point" for f in features)


def test_the_answer_is_on_disk_before_it_is_parsed(
    server: ProviderServer,
    area_index: AreaIndex,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "list.csv"
    names = write_list(source)
    journal = default_journal_path(tmp_path / "layer.geojson")
    chain = build_chain(["amap"], settings=server.settings(), area_index=area_index)
    provider = chain.geocoders[0].provider  # type: ignore[attr-defined]
    parse = provider.parse
    seen: list[int] = []

    def parse_after_checking(page: Any) -> Any:
        on_disk = journal.read_text(encoding="utf-8").splitlines()
        assert json.loads(on_disk[-1])["page"] == page  # already journalled
        seen.append(1)
        return parse(page)

    monkeypatch.setattr(provider, "parse", parse_after_checking)
    result = geocode_file(source, chain=chain, journal_path=journal, default_city="洛阳市")
    assert len(seen) == 2 * len(names) == len(server.requests)
    assert len(result.layer) == len(names)


def test_answers_recorded_by_a_killed_run_are_replayed(
    server: ProviderServer, area_index: AreaIndex, tmp_path: Path
) -> None:
    source = tmp_path / "list.csv"
    names = write_list(source)
    journal = tmp_path / "j.jsonl"
    chain = build_chain(["amap"], settings=server.settings(), area_index=area_index)
    geocode_file(source, chain=chain, journal_path=journal, default_city="洛阳市")
    # keep the header and every provider answer, drop every finished-row line:
    # what a run killed before writing any row line would leave
    lines = journal.read_text(encoding="utf-8").splitlines()
    answers = [x for x in lines[1:] if '"answer"' in x]
    journal.write_text("\n".join([lines[0], *answers]) + "\n", encoding="utf-8")
    server.reset()
    again = geocode_file(source, chain=chain, journal_path=journal, default_city="洛阳市")
    assert server.requests == []
    assert again.resumed == 0 and len(again.layer) == len(names)
