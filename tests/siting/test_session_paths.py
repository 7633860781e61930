"""A session file never makes the server open, hash or report on a file of its own.

A session names the planner's files by content (``sha256:``) with their
original name for display. A session that names a path instead — an uploaded
one naming ``/etc/shadow`` or ``../../x`` — is refused with one message,
whether the path exists or not, and no file is opened or even looked at.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyproj
import pytest
import shapely

from geo_app.config import Settings
from geo_app.errors import DataFileError
from geo_app.siting.run import SitingInputs, run_siting
from geo_app.siting.session import SitingSession, data_version, read_session, session_text

GK = pyproj.CRS.from_epsg(4546)
X0, Y0 = 500_000.0, 3_800_000.0
HOSTILE = ["/etc/shadow", "../../x", "/no/such/file.csv", "C:\\Windows\\win.ini"]

_watched: list[str] = []
_touched: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _watched and event in ("open", "os.listdir", "os.scandir") and args:
        name = os.fsdecode(args[0]) if isinstance(args[0], (str, bytes, os.PathLike)) else ""
        if any(w in name for w in _watched):
            _touched.append(f"{event} {name}")


sys.addaudithook(_audit)


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Records every open or stat of a path containing one of ``_watched``."""
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        name = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
        if any(w in name for w in _watched):
            _touched.append(f"stat {name}")
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    _touched.clear()
    yield _touched
    _watched.clear()
    _touched.clear()


@pytest.fixture(scope="module")
def session_with_grid(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The text of a real session whose demand rests on a planner's population grid."""
    folder = tmp_path_factory.mktemp("grid")
    boundaries = gpd.GeoDataFrame(
        {"adcode": ["900001"], "name": ["西区"], "city": ["测试市"]},
        geometry=[shapely.box(X0, Y0, X0 + 8000, Y0 + 8000)],
        crs=GK,
    ).to_crs(4326)
    carriers = gpd.GeoDataFrame(
        {
            "id": ["C1"],
            "category": ["community"],
            "city": ["测试市"],
            "precision": ["point"],
            "out_of_area": [False],
        },
        geometry=[shapely.Point(X0 + 2000, Y0 + 2000)],
        crs=GK,
    ).to_crs(4326)
    gaps = pd.DataFrame(
        {"city": ["测试市"], "category": ["community"], "subkind": [""], "gap": [1]}
    )
    people = gpd.GeoSeries([shapely.Point(X0 + 6000, Y0 + 6000)], crs=GK).to_crs(4326)
    grid = folder / "people.csv"
    grid.write_text(f"lon,lat,weight\n{people.x[0]},{people.y[0]},1000\n", encoding="utf-8")
    inputs = SitingInputs(
        city="测试市",
        category="community",
        model="greedy",
        n_new=1,
        cell_size_m=500.0,
        population_grid=str(grid),
    )
    done, result = run_siting(inputs, carriers, boundaries, gaps, pd.DataFrame())
    version = data_version(Settings(), population_grid=done.population_grid)
    return session_text(SitingSession(done, result, version)), grid


def test_the_session_names_its_files_by_content_only(
    session_with_grid: tuple[str, Path],
) -> None:
    text, grid = session_with_grid
    assert str(grid.parent) not in text
    data = json.loads(text)
    digest = hashlib.sha256(grid.read_bytes()).hexdigest()
    assert data["inputs"]["population_grid"] == f"sha256:{digest}"
    assert data["files"] == [{"role": "population_grid", "sha256": digest, "name": "people.csv"}]
    session = read_session(text.encode("utf-8"))
    inputs, missing = session.resolve_files([])
    assert [f.label for f in missing] == [f"people.csv (sha256 {digest[:8]}…)"]
    inputs, missing = session.resolve_files([grid])
    assert missing == [] and inputs.population_grid == str(grid)


def _hostile(text: str, value: str, *, field: str, version: int = 2) -> bytes:
    data = json.loads(text)
    data["format_version"] = version
    if field == "layers":
        data["inputs"]["layers"] = [value]
    else:
        data["inputs"]["population_grid"] = value
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("field", ["population_grid", "layers"])
def test_a_session_naming_a_path_reveals_nothing(
    session_with_grid: tuple[str, Path], tmp_path: Path, watch: list[str], field: str
) -> None:
    text, _ = session_with_grid
    existing = tmp_path / "secret.txt"
    existing.write_text("top secret", encoding="utf-8")
    values = [*HOSTILE, str(existing), "sha256:" + "0" * 63 + "z"]
    _watched.extend(["shadow", "../../x", "no/such", "win.ini", "secret.txt"])
    messages = set()
    for value in values:
        with pytest.raises(DataFileError) as caught:
            read_session(_hostile(text, value, field=field))
        assert caught.value.code == "session.names_a_path"
        messages.add((str(caught.value), caught.value.text("zh")))
    assert len(messages) == 1  # the same message, whether the path exists or not
    assert watch == []  # nothing was opened or looked at


def test_an_old_session_naming_paths_is_read_without_them(
    session_with_grid: tuple[str, Path], tmp_path: Path, watch: list[str]
) -> None:
    """Version 1 named files by path: the path is dropped, its recorded hash kept."""
    text, _ = session_with_grid
    existing = tmp_path / "secret.txt"
    existing.write_text("top secret", encoding="utf-8")
    guess = hashlib.sha256(b"top secret").hexdigest()  # a guessed content
    _watched.extend(["shadow", "secret.txt"])
    outcomes = []
    for path in ("/etc/shadow", str(existing)):
        data = json.loads(_hostile(text, path, field="population_grid", version=1))
        data["data_version"]["population_grid"] = guess
        session = read_session(json.dumps(data).encode("utf-8"))
        assert session.changed_data(Settings()) == []
        _, missing = session.resolve_files([])
        outcomes.append((session.inputs.population_grid, [f.role for f in missing]))
        assert session.inputs.population_grid == f"sha256:{guess}"
        assert str(tmp_path) not in session_text(session)
    assert outcomes[0] == outcomes[1]  # nothing tells whether the guess was right
    assert watch == []


class _Upload:
    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self._data = data

    def getvalue(self) -> bytes:
        return self._data


def test_the_app_asks_for_the_sessions_files_and_checks_them(
    session_with_grid: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from geo_app import storage
    from geo_app.ui import siting_panel

    text, grid = session_with_grid
    session = read_session(text.encode("utf-8"))
    monkeypatch.setattr(storage, "default_upload_root", lambda: tmp_path)
    st = siting_panel.st
    labels: list[str] = []
    answer: list[_Upload | None] = [None]

    def uploader(label: str, **_: Any) -> _Upload | None:
        labels.append(label)
        return answer[0]

    monkeypatch.setattr(st, "file_uploader", uploader)
    words = siting_panel.TEXT["en"]
    assert siting_panel._session_files(session, words) is None  # asked, not yet given
    assert labels == [words["needs_file"] + session.files[0].label]
    answer[0] = _Upload("people.csv", b"lon,lat,weight\n1,2,3\n")  # another content
    with pytest.raises(DataFileError) as caught:
        siting_panel._session_files(session, words)
    assert caught.value.code == "session.file_mismatch"
    answer[0] = _Upload("renamed.csv", grid.read_bytes())
    given = siting_panel._session_files(session, words)
    assert given is not None and list(given) == [session.files[0].ref]
    assert Path(given[session.files[0].ref]).read_bytes() == grid.read_bytes()
