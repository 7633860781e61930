"""Killed writers leave the old set or the new set, never a mix, and no debris.

Real processes are killed with SIGKILL at random (seeded) moments while
they write: a small writer of many files through
:func:`geo_app.storage.atomic_folder`, and ``carrier-map build`` itself.
After every kill the output folder must hold exactly the old set or exactly
the new set, the planner's own files in it must survive, and the temporaries
a kill leaves beside the output must be gone once the next run has written.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from geo_app.storage import (
    SET_MANIFEST,
    atomic_folder,
    atomic_path,
    clean_stale_temporaries,
    write_text_atomic,
)

REPO = Path(__file__).resolve().parents[1]
SEED = 11
WRITER_KILLS = 30
BUILD_KILLS = 6
SELECT_KILLS = 4

_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from geo_app.storage import atomic_folder, write_text_atomic
    out, tag = Path(sys.argv[1]), sys.argv[2]
    print("ready", flush=True)
    with atomic_folder(out) as tmp:
        for i in range(40):
            write_text_atomic(f"{tag} {i}\\n" * 2000, tmp / f"part{i:02d}.txt")
            time.sleep(0.005)
    """
)


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def debris(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".cmtmp-" in p.name or ".cmold-" in p.name)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _kill_at_random(cmd: list[str], cwd: Path, delay: float) -> bool:
    """Start ``cmd``, SIGKILL it ``delay`` s after it starts writing; ``False`` if it finished."""
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    try:
        assert proc.stdout is not None
        proc.stdout.readline()  # the writer says it is ready
        time.sleep(delay)
        if proc.poll() is not None:
            return False
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        return True
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        if proc.stdout:
            proc.stdout.close()


def test_thirty_kills_of_a_folder_writer_leave_old_or_new(tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(_WRITER, encoding="utf-8")
    out = tmp_path / "out"
    sets: dict[str, dict[str, str]] = {}
    for tag in ("A", "B"):
        subprocess.run([sys.executable, str(script), str(out), tag], env=_env(), check=True)
        (out / "mine.txt").write_text("the planner's own file", encoding="utf-8")
        sets[tag] = snapshot(out)
    rng = random.Random(SEED)
    kills = mixed = 0
    current = "B"
    for attempt in range(WRITER_KILLS * 3):
        if kills >= WRITER_KILLS:
            break
        tag = "A" if current == "B" else "B"
        # Up to 0.45 s after the start: before, during and after the 40 writes.
        cmd = [sys.executable, str(script), str(out), tag]
        if _kill_at_random(cmd, tmp_path, rng.uniform(0.0, 0.45)):
            kills += 1
        now = snapshot(out)
        if now == sets[tag]:
            current = tag
        elif now != sets[current]:
            mixed += 1
        assert attempt < WRITER_KILLS * 3 - 1
    assert kills == WRITER_KILLS
    assert mixed == 0
    subprocess.run([sys.executable, str(script), str(out), "A"], env=_env(), check=True)
    assert snapshot(out) == sets["A"]
    assert debris(tmp_path) == []  # the leftovers of 30 kills were cleaned on start


@pytest.fixture(scope="module")
def small_registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped registry without its Luohe rows: another set of layers."""
    folder = tmp_path_factory.mktemp("registry")
    lines = (REPO / "data" / "carriers.csv").read_text(encoding="utf-8").splitlines()
    kept = [lines[0], *(x for x in lines[1:] if not x.startswith("LH-"))]
    path = folder / "carriers_luoyang.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def _build(out: Path, registry: Path | None) -> list[str]:
    cmd = [sys.executable, "-c", "import sys; from geo_app.cli import main; sys.exit(main())"]
    cmd += ["build", "--out", str(out)]
    return cmd + (["--registry", str(registry)] if registry else [])


def _kill_build_while_writing(cmd: list[str], cwd: Path, parent: Path, delay: float) -> bool:
    """SIGKILL ``build`` ``delay`` s after its temporary folder appears."""
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        before = set(debris(parent))
        while proc.poll() is None and not (set(debris(parent)) - before):
            time.sleep(0.002)
        time.sleep(delay)
        if proc.poll() is not None:
            return False
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        return True
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)


def test_killed_build_leaves_old_or_new_set(tmp_path: Path, small_registry: Path) -> None:
    out = tmp_path / "out"
    sets: dict[str, dict[str, str]] = {}
    for tag, registry in (("full", None), ("small", small_registry)):
        subprocess.run(_build(out, registry), cwd=tmp_path, env=_env(), check=True)
        (out / "incubators.geojson").write_text("{}", encoding="utf-8")  # not build's
        sets[tag] = snapshot(out)
    assert sets["full"] != sets["small"]
    rng = random.Random(SEED)
    kills = mixed = 0
    current = "small"
    for _ in range(BUILD_KILLS * 3):
        if kills >= BUILD_KILLS:
            break
        tag = "full" if current == "small" else "small"
        cmd = _build(out, small_registry if tag == "small" else None)
        if _kill_build_while_writing(cmd, tmp_path, tmp_path, rng.uniform(0.0, 0.4)):
            kills += 1
        now = snapshot(out)
        if now == sets[tag]:
            current = tag
        elif now != sets[current]:
            mixed += 1
    assert kills == BUILD_KILLS
    assert mixed == 0
    subprocess.run(_build(out, None), cwd=tmp_path, env=_env(), check=True)
    assert snapshot(out) == sets["full"]
    assert debris(tmp_path) == []


def test_build_writes_nothing_when_an_input_is_bad(tmp_path: Path) -> None:
    bad = tmp_path / "targets.csv"
    bad.write_text("this is not a targets table\n1,2\n", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [*_build(out, None), "--targets", str(bad)],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr.decode()
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["targets.csv"]


def test_a_set_file_that_is_gone_from_the_new_set_goes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with atomic_folder(out) as tmp:
        (tmp / "a.csv").write_text("1", encoding="utf-8")
        (tmp / "b.csv").write_text("1", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "sub").mkdir()
    (out / "sub" / "x.txt").write_text("mine too", encoding="utf-8")
    with atomic_folder(out) as tmp:
        (tmp / "a.csv").write_text("2", encoding="utf-8")
    assert sorted(snapshot(out)) == [SET_MANIFEST, "a.csv", "notes.txt", "sub/x.txt"]
    assert (out / "a.csv").read_text(encoding="utf-8") == "2"


def test_a_failed_set_leaves_the_old_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with atomic_folder(out) as tmp:
        (tmp / "a.csv").write_text("1", encoding="utf-8")
    before = snapshot(out)
    with pytest.raises(RuntimeError), atomic_folder(out) as tmp:
        (tmp / "a.csv").write_text("2", encoding="utf-8")
        raise RuntimeError("input refused halfway")
    assert snapshot(out) == before
    assert debris(tmp_path) == []


def _dead_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    return int(proc.stdout)


def test_stale_temporaries_are_cleaned_and_nothing_else(tmp_path: Path) -> None:
    dead = _dead_pid()
    stale_file = tmp_path / f".layer.geojson.cmtmp-{dead}-ab12cd34.geojson"
    stale_dir = tmp_path / f".out.cmtmp-{dead}-zz99yy88"
    young = tmp_path / f".x.csv.cmtmp-{dead}-young123.csv"  # written after this process began
    alive = tmp_path / f".y.csv.cmtmp-{os.getppid()}-alive123.csv"  # its writer still runs
    lookalikes = [tmp_path / ".layer.geojson.abc123.geojson", tmp_path / "notes.cmtmp.txt"]
    stale_dir.mkdir()
    (stale_dir / "half.geojson").write_text("{", encoding="utf-8")
    for path in (stale_file, young, alive, *lookalikes):
        path.write_text("x", encoding="utf-8")
    for path in (stale_file, stale_dir, alive, *lookalikes):
        os.utime(path, (1_000_000, 1_000_000))
    removed = clean_stale_temporaries(tmp_path)
    assert sorted(p.name for p in removed) == sorted([stale_file.name, stale_dir.name])
    assert all(p.exists() for p in (young, alive, *lookalikes))


def test_a_set_moved_aside_is_put_back(tmp_path: Path) -> None:
    dead = _dead_pid()
    aside = tmp_path / f".out.cmold-{dead}-qq11ww22"
    aside.mkdir()
    (aside / "a.csv").write_text("old set", encoding="utf-8")
    os.utime(aside, (1_000_000, 1_000_000))
    clean_stale_temporaries(tmp_path)
    assert (tmp_path / "out" / "a.csv").read_text(encoding="utf-8") == "old set"


def test_the_first_write_into_a_folder_cleans_it(tmp_path: Path) -> None:
    stale = tmp_path / f".a.csv.cmtmp-{_dead_pid()}-ab12cd34.csv"
    stale.write_text("half", encoding="utf-8")
    os.utime(stale, (1_000_000, 1_000_000))
    write_text_atomic("whole", tmp_path / "b.csv")
    assert not stale.exists()
    with atomic_path(tmp_path / "c.gpkg") as tmp:
        assert ".cmtmp-" in tmp.name and tmp.suffix == ".gpkg"
        tmp.write_bytes(b"GPKG")
    assert (tmp_path / "c.gpkg").read_bytes() == b"GPKG"


def test_temporaries_of_earlier_versions_are_cleaned_too(tmp_path: Path) -> None:
    (tmp_path / "carriers_zone.geojson").write_text("{}", encoding="utf-8")
    legacy = tmp_path / ".carriers_zone.geojson.k3j9x_2a.geojson"
    unrelated = [
        tmp_path / ".profile.abcdefgh",  # no such target beside it
        tmp_path / ".carriers_zone.geojson.k3j9x_2a.csv",  # not the target's suffix
        tmp_path / ".carriers_zone.geojson.toolongname.geojson",
    ]
    for path in (legacy, *unrelated):
        path.write_text("x", encoding="utf-8")
        os.utime(path, (1_000_000, 1_000_000))
    assert clean_stale_temporaries(tmp_path) == [legacy]
    assert all(p.exists() for p in unrelated)


def _select(out: Path, n: int) -> list[str]:
    cmd = [sys.executable, "-c", "import sys; from geo_app.cli import main; sys.exit(main())"]
    return [
        *cmd, "select", "--city", "漯河市", "--category", "community", "--model", "greedy",
        "--n", str(n), "--candidate-spacing", "4000", "--out", str(out), "--quiet",
    ]  # fmt: skip


def _select_generation(out: Path) -> set[int] | None:
    """The ``--n`` every file of a ``select`` set was written for (one value unless mixed)."""
    import json

    import geopandas as gpd
    import pandas as pd

    names = {
        "coverage_by_district.csv",
        "session.json",
        "sites.csv",
        "sites.geojson",
        "siting.gpkg",
    }
    if not out.exists():
        return None
    assert {p.name for p in out.iterdir()} - {SET_MANIFEST} == names
    session = json.loads((out / "session.json").read_text(encoding="utf-8"))
    return {
        len(pd.read_csv(out / "sites.csv")),
        len(json.loads((out / "sites.geojson").read_text(encoding="utf-8"))["features"]),
        int(session["inputs"]["n_new"]),
        len(gpd.read_file(out / "siting.gpkg", layer="sites")),
        int(pd.read_csv(out / "coverage_by_district.csv")["new_sites"].sum()),
    }


def test_killed_select_leaves_old_or_new_set(tmp_path: Path) -> None:
    out = tmp_path / "select"
    subprocess.run(_select(out, 1), cwd=tmp_path, env=_env(), check=True)
    assert _select_generation(out) == {1}
    rng = random.Random(SEED)
    kills = 0
    for attempt in range(SELECT_KILLS * 3):
        if kills >= SELECT_KILLS:
            break
        n = 2 if attempt % 2 == 0 else 1
        if _kill_build_while_writing(_select(out, n), tmp_path, tmp_path, rng.uniform(0, 0.1)):
            kills += 1
        generation = _select_generation(out)
        assert generation is not None and len(generation) == 1  # never a mix
    assert kills == SELECT_KILLS
    subprocess.run(_select(out, 2), cwd=tmp_path, env=_env(), check=True)
    assert _select_generation(out) == {2}
    assert debris(tmp_path) == []


def test_an_analysis_failing_halfway_leaves_the_old_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geo_app import cli_analyse
    from geo_app.cli import main

    out = tmp_path / "analysis"
    argv = ["analyse", "--city", "漯河市", "--categories", "community", "--cell-size", "3000"]
    argv += ["--out", str(out)]
    assert main(argv) == 0
    before = snapshot(out)
    written: list[str] = []
    real = cli_analyse.export_analysis

    def export_then_fail(result: object, folder: Path) -> list[Path]:
        written.extend(p.name for p in real(result, folder))  # type: ignore[arg-type]
        raise KeyboardInterrupt  # Ctrl-C after every file of the new set is written

    monkeypatch.setattr(cli_analyse, "export_analysis", export_then_fail)
    assert main([*argv, "--radius", "community=3000"]) == 130
    assert written and snapshot(out) == before
    assert debris(tmp_path) == []
